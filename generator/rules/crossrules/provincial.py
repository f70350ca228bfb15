"""A province's recommendation lists and summary report refer to its own pilots."""

from __future__ import annotations

from collections.abc import Iterator

from generator.load.layout import document_path
from generator.load.problems import Problem
from generator.model.repository import Pilot, Platform, ProvinceSummary, Recommendations, Repository, ServiceEnterprise
from generator.reference.industries import industry_names
from generator.rules.crossrules.common import Context, at, industry_hint


def provincial(repo: Repository, ctx: Context) -> Iterator[Problem]:
    """E010/E012/E018/E019/E023: recommendations and provincial summaries refer to real pilots."""
    for rec in repo.recommendations:
        yield from _recommendations(repo, rec)
    for summary in repo.province_summaries:
        yield from _province_summary(repo, summary)


def _recommendations(repo: Repository, rec: Recommendations) -> Iterator[Problem]:
    names = industry_names()
    doc = rec.doc
    own = {p.id: p for p in repo.pilots_in(rec.province)}
    enterprises = "、".join(p.id for p in repo.pilots_in(rec.province) if p.type == "enterprise") or "（无）"
    lists: tuple[tuple[str, tuple[ServiceEnterprise | Platform, ...]], ...] = (
        ("service_enterprises", rec.service_enterprises),
        ("platforms", rec.platforms),
    )
    for list_field, rows in lists:
        seen: set[str] = set()
        for row in rows:
            i = row.index
            pilot = own.get(row.pilot)
            if pilot is None and repo.broken(rec.province, row.pilot):
                continue
            if pilot is None or pilot.type != "enterprise":
                yield at(
                    "SCP-E018",
                    doc,
                    (list_field, i, "pilot"),
                    f"「{row.pilot}」不是本省的试点企业。",
                    f"通知要求从本地的试点企业中推荐：本省试点企业有 {enterprises}。",
                )
            if row.pilot in seen:
                yield at(
                    "SCP-E010",
                    doc,
                    (list_field, i, "pilot"),
                    f"「{row.pilot}」在名单中重复出现。",
                    "每家企业在同一张名单中只列一次。",
                )
            seen.add(row.pilot)
            for j, code in enumerate(row.industries):
                if code not in names:
                    yield at(
                        "SCP-E012",
                        doc,
                        (list_field, i, *row.industries_path, j),
                        f"行业代码「{code}」不在 GB/T 4754-2017 中。",
                        industry_hint(code),
                    )
            if isinstance(row, Platform) and row.active > row.registered:
                yield at(
                    "SCP-E023",
                    doc,
                    (list_field, i, "operation", "active_enterprises"),
                    f"活跃企业数 {row.active} 大于注册企业数 {row.registered}。",
                    "活跃企业是注册企业中有交易的部分，不能多于注册企业数。",
                )


def _province_summary(repo: Repository, summary: ProvinceSummary) -> Iterator[Problem]:
    doc = summary.doc
    own: dict[str, Pilot] = {p.id: p for p in repo.pilots_in(summary.province)}
    hint = "本省试点有：" + ("、".join(sorted(own)) or "（无）") + "。"
    for item in summary.assessments:
        if item.pilot not in own and not repo.broken(summary.province, item.pilot):
            yield at(
                "SCP-E019", doc, ("pilot_assessments", item.index, "pilot"), f"「{item.pilot}」不是本省的试点。", hint
            )
    for pick in summary.practices:
        pilot = own.get(pick.pilot)
        if repo.broken(summary.province, pick.pilot):
            continue
        if pilot is None:
            yield at("SCP-E019", doc, ("practices", pick.index, "pilot"), f"「{pick.pilot}」不是本省的试点。", hint)
            continue
        source = pilot.summaries.get(summary.year)
        if source is None or not any(p.id == pick.practice for p in source.practices):
            path = document_path("summary", pilot.folder, pilot.id, summary.year)
            if path in repo.invalid:
                continue
            yield at(
                "SCP-E019",
                doc,
                ("practices", pick.index, "practice"),
                f"{pilot.short_name} {summary.year} 年总结报告中没有经验 {pick.practice}。",
                f"请引用 {path} 中已有的经验编号"
                + ("：" + "、".join(p.id for p in source.practices) if source else "（该报告尚未提交）")
                + "。",
            )
