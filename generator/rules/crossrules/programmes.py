"""Programmes and their batches: each later round's file is named by its id, every name in a
batch is a registered pilot named once per programme, batches are numbered in order within
the programme's period, and with several programmes every one lists its participants."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from generator.load.layout import KIND_TITLES, document_path
from generator.load.loader import Document
from generator.load.problems import Problem
from generator.model.repository import Calendar, Repository
from generator.rules.crossrules.common import Context, at, fmt


def programmes(repo: Repository, ctx: Context) -> Iterator[Problem]:
    """E001: a later programme's id is its file name; E027: the batches name registered
    pilots once each, in order, within the period; W006: a registered pilot enrolled nowhere."""
    programme = repo.programme
    if programme is None:
        return
    for loc, doc in repo.documents:
        if loc.kind == "calendar" and doc.data.get("id") != loc.period:
            yield at(
                "SCP-E001",
                doc,
                ("id",),
                f"工作标识「{doc.data.get('id')}」与文件名「{loc.period}」不一致，这项工作没有计入。",
                f"改成 id: {loc.period}，或把文件改名为 {doc.data.get('id')}.yaml。",
            )
    ids = [c.id for c in programme.calendars]
    for i, cal in enumerate(programme.calendars):
        if cal.id in ids[:i]:
            yield at(
                "SCP-E027",
                cal.doc,
                ("id",),
                f"工作标识「{cal.id}」与其他工作重复。",
                "每项工作的标识不同；programme.yaml 的 id 也不能与 programmes/ 下的文件重名。",
            )
        yield from _batches(repo, cal)
    main = programme.main
    if len(programme.calendars) > 1 and not main.explicit:
        yield at(
            "SCP-E027",
            main.doc,
            ("name",),
            "有多项工作时，programme.yaml 也须用 batches 列出首轮试点的名单。",
            "否则无法区分首轮试点和后续批次的入选者。运行 scpilot migrate 按已登记的试点写出名单，再核对。",
        )
        return
    if any(c.explicit for c in programme.calendars):
        for pilot in repo.all_pilots:
            if pilot.id in repo.pilots and not repo.enrolments.get(pilot.id):
                yield at(
                    "SCP-W006",
                    pilot.doc,
                    ("id",),
                    f"试点「{pilot.name}」（{pilot.id}）已登记，但没有列入任何工作的批次名单，不计入任何报送要求。",
                    f"在 {document_path('programme')} 或 submissions/programmes/ 下对应工作的 batches 中加上 {pilot.id}。",
                )


def not_owed(repo: Repository, ctx: Context) -> Iterator[Problem]:
    """W007: a report or summary for a period none of the pilot's programmes asks of it (the
    programme it is in had not enrolled it yet, or it is in no programme with that period)."""
    programme = repo.programme
    if programme is None or not any(c.explicit for c in programme.calendars):
        return
    for pilot in repo.all_pilots:
        enrolled = repo.enrolments.get(pilot.id, ())
        if pilot.id not in repo.pilots or not enrolled:
            continue
        filed: list[tuple[str, str, Document]] = [("report", k, r.doc) for k, r in pilot.reports.items()]
        filed += [("summary", k, s.doc) for k, s in pilot.summaries.items()]
        for kind, period, doc in sorted(filed, key=lambda item: item[2].path):
            if programme.deadline(kind, period) is None or repo.owed(pilot.id, kind, period) is not None:
                continue
            joined = "；".join(
                f"{c.short_name} {e.enrolled_on.isoformat()} 入选"
                for e in enrolled
                if (c := programme.calendar(e.programme)) is not None
            )
            yield at(
                "SCP-W007",
                doc,
                ("year" if kind == "summary" else "period",),
                f"{KIND_TITLES[kind]} {period} 不是这个试点应报的材料（{joined}），不计入报送情况。",
                "入选前已结束的期别不要求报送；如果入选日期有误，请核对工作的批次名单。",
            )


def _batches(repo: Repository, cal: Calendar) -> Iterator[Problem]:
    seen: set[str] = set()
    registered = sorted(repo.pilots)
    for n, batch in enumerate(cal.batches, start=1):
        base = ("batches", batch.index)
        if batch.number != n:
            yield at(
                "SCP-E027",
                cal.doc,
                (*base, "batch"),
                f"第 {n} 项名单写的是第 {batch.number} 批。",
                "批次从 1 开始按公布的先后排列，不跳号、不重复。",
            )
        if not cal.start <= batch.announced <= cal.end:
            yield at(
                "SCP-E027",
                cal.doc,
                (*base, "announced"),
                f"第 {batch.number} 批的公布日期 {fmt(batch.announced)} 不在工作期（{fmt(cal.start)} 至 {fmt(cal.end)}）内。",
                "请核对公布日期和工作期。",
            )
        for j, pilot in enumerate(batch.participants):
            where = (*base, "participants", j)
            if pilot not in repo.pilots:
                close = difflib.get_close_matches(pilot, registered, n=3, cutoff=0.5)
                yield at(
                    "SCP-E027",
                    cal.doc,
                    where,
                    f"第 {batch.number} 批中的「{pilot}」没有登记（没有这个 id 的 pilot.yaml）。",
                    ("相近的已登记试点：" + "、".join(close) + "。" if close else "")
                    + "先用 scpilot new pilot 登记，或改正标识。",
                )
            elif pilot in seen:
                yield at(
                    "SCP-E027",
                    cal.doc,
                    where,
                    f"「{pilot}」在这项工作的名单中出现了不止一次。",
                    "同一工作中每个入选者只列一次（以最早的批次为准）；参加另一项工作的，在那项工作的文件中列出。",
                )
            seen.add(pilot)
