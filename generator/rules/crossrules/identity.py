"""Identities: ids match folders, periods match file names and the calendar, provinces are registered."""

from __future__ import annotations

from collections.abc import Iterator

from generator.load.layout import KIND_TITLES, document_path
from generator.load.problems import Problem
from generator.model.repository import Pilot, Repository
from generator.rules.crossrules.common import Context, at


def identities(repo: Repository, ctx: Context) -> Iterator[Problem]:
    """E001/E002: ids match folders, periods match file names."""
    for location, doc in repo.documents:
        data = doc.data
        expected = {
            "province": location.province,
            "recommendations": location.province,
            "province_summary": location.province,
            "pilot": location.pilot,
            "ledger": location.pilot,
            "report": location.pilot,
            "summary": location.pilot,
        }.get(location.kind)
        field = {"province": "id", "pilot": "id", "recommendations": "province", "province_summary": "province"}.get(
            location.kind, "pilot"
        )
        if expected is not None and data.get(field) != expected:
            yield at(
                "SCP-E001",
                doc,
                (field,),
                f"「{field}」写的是「{data.get(field)}」，但文件在文件夹「{expected}」中。",
                f"标识必须与所在文件夹名相同：请改成 {field}: {expected}，或把文件移到正确的文件夹。",
            )
        period_field = {
            "report": "period",
            "summary": "year",
            "recommendations": "year",
            "province_summary": "year",
        }.get(location.kind)
        if period_field and data.get(period_field) != location.period:
            yield at(
                "SCP-E002",
                doc,
                (period_field,),
                f"「{period_field}」写的是「{data.get(period_field)}」，但文件名是 {location.period}.yaml。",
                f'期别必须与文件名相同：请改成 {period_field}: "{location.period}"，或重命名文件。',
            )


def calendar(repo: Repository, ctx: Context) -> Iterator[Problem]:
    """E003: every dated document belongs to a period of the programme's calendar."""
    programme = repo.programme
    if programme is None:
        return
    field = {"report": "period", "summary": "year", "recommendations": "year", "province_summary": "year"}
    for location, doc in repo.documents:
        if location.kind in field and location.period is not None:
            periods = programme.periods(location.kind)
            if location.period not in periods:
                yield at(
                    "SCP-E003",
                    doc,
                    (field[location.kind],),
                    f"{KIND_TITLES[location.kind]}的期别 {location.period} 不在工作日历中。",
                    f"工作日历（submissions/programme.yaml）规定的期别：{'、'.join(periods)}。",
                )


def registry(repo: Repository, ctx: Context) -> Iterator[Problem]:
    """E009/E010/E011/E016: provinces registered, ids unique, documents have their pilot."""
    programme = repo.programme
    central = programme.central_folder if programme else None
    folders_with_province = {location.province for location, _ in repo.documents if location.kind == "province"}
    reported: set[str] = set()
    for location, doc in repo.documents:
        folder = location.province
        if folder is None or folder == central or folder in folders_with_province or folder in reported:
            continue
        registration = document_path("province", folder)
        if registration in repo.invalid:
            continue
        reported.add(folder)
        yield at(
            "SCP-E009",
            doc,
            (),
            f"文件夹「{folder}」没有登记省份（缺少 {registration}）。",
            f"请先由省级商务主管部门提交 {registration}，或把文件放到已登记省份的文件夹中。",
        )
    if central is not None:
        for location, doc in repo.documents:
            if location.province == central and location.kind in ("province", "recommendations", "province_summary"):
                yield at(
                    "SCP-E016",
                    doc,
                    (),
                    f"中央企业文件夹「{central}」下不放省级材料。",
                    "中央企业由商务部确认，没有省级登记、推荐名单和汇总报告；请移到相应省份的文件夹。",
                )
    seen: dict[str, Pilot] = {}
    for pilot in sorted(repo.all_pilots, key=lambda p: p.doc.path):
        if pilot.id in seen:
            yield at(
                "SCP-E010",
                pilot.doc,
                ("id",),
                f"试点标识「{pilot.id}」已被 {seen[pilot.id].doc.path} 使用。",
                "试点标识全国唯一：请换一个标识，并相应重命名文件夹。",
            )
        seen.setdefault(pilot.id, pilot)
    with_pilot = {(p.folder, p.id) for p in repo.all_pilots}
    for location, doc in repo.documents:
        if location.kind in ("ledger", "report", "summary") and (location.province, location.pilot) not in with_pilot:
            pilot_file = document_path("pilot", location.province, location.pilot)
            if pilot_file not in repo.invalid:
                yield at(
                    "SCP-E011",
                    doc,
                    (),
                    f"文件夹「{location.pilot}」没有基本信息（缺少 {pilot_file}）。",
                    "请先提交试点的 pilot.yaml（基本信息），台账、季报和总结报告放在同一个文件夹中。",
                )
