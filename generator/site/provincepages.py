"""The province pages and the recommendation lists, each flat in size: a province's pilots in
numbered pages (``provinces/<p>/``, ``provinces/<p>/2/`` …); the recommendation lists a page per
province (``recommendations/<p>/``), in numbered pages of list entries, under an index of counts
(``recommendations/``). Pages are numbered by ``paging``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import groupby
from typing import Any

from generator.assess.timeliness import STATE_LABELS, Assessment
from generator.load.layout import KIND_TITLES
from generator.model.repository import Province, ProvinceSummary, Recommendations
from generator.site.builder import PAGE_SIZE, Builder
from generator.site.charts import fmt_number
from generator.site.drafts import province_stats
from generator.site.paging import split
from generator.site.urls import paged, url
from generator.site.views import PilotView, PracticeView

STATS_LEFT_OUT = ("试点", "可复制推广经验")
"""The province statistics' tables the page does not repeat: its pilot table and its practices
section list them (paged, or the first PAGE_SIZE with a link to the catalogue)."""
ANNEXES = {"services": "重点培育的供应链服务企业（附件1）", "platforms": "重点培育的供应链协同平台（附件2）"}


def _title(a: Assessment) -> str:
    return KIND_TITLES[a.document] + (f" {a.period}" if a.period else "")


def provinces(
    b: Builder, views: dict[str, PilotView], practices: list[PracticeView], by_owner: dict[str, list[Assessment]]
) -> None:
    repo = b.repo
    programme = repo.programme
    assert programme is not None
    rows = []
    slugs = {(p.pilot_id, p.year, p.id): p for p in practices}
    for folder in sorted(set(repo.provinces) | {v.province_id for v in views.values()}):
        province = repo.provinces.get(folder)
        pilots = [v for v in views.values() if v.province_id == folder]
        department = province.department if province else programme.mofcom_name
        name = province.name if province else programme.central_name
        rows.append({"id": folder, "name": name, "department": department, "count": len(pilots)})
        summaries = [
            _province_summary(s, slugs)
            for s in sorted((s for s in repo.province_summaries if s.province == folder), key=lambda s: s.year)
        ]
        first: dict[str, Any] = {  # what only the first page shows
            "documents": [(_title(a), a.state, STATE_LABELS[a.state], a.days_late) for a in by_owner.get(folder, [])],
            "summaries": summaries,
            "practices": [x for x in practices if x.province_id == folder][:PAGE_SIZE],
            "practice_total": sum(x.province_id == folder for x in practices),
            "practice_list": paged(f"practices/province/{folder}", 1),  # the province facet of the catalogue
            "stats": _province_stats(b, folder, province),
        }
        for path, pager, chunk in split(pilots, "province", folder):
            b.render(
                "province.md.j2",
                path,
                id=folder,
                name=name,
                department=department,
                code=province.code if province else "",
                pilots=list(chunk),
                pilot_total=len(pilots),
                pager=pager,
                stats_left_out=STATS_LEFT_OUT,
                **(first if pager.current == 1 else _EMPTY),
            )
    b.render("provinces.md.j2", url("provinces"), rows=rows)


_EMPTY: dict[str, Any] = {
    "documents": [],
    "summaries": [],
    "practices": [],
    "practice_total": 0,
    "practice_list": "",
    "stats": [],
}
"""The first page's sections on the further pages of a province: none."""


def _province_summary(s: ProvinceSummary, slugs: dict[tuple[str, str, str], PracticeView]) -> dict[str, Any]:
    picked = []
    for item in s.practices:
        x = slugs.get((item.pilot, s.year, item.practice))
        picked.append((x.title if x else f"{item.pilot} {item.practice}", x.slug if x else None, item.reason))
    return {"year": s.year, "overview": s.overview, "progress": s.progress, "practices": picked}


def _province_stats(b: Builder, folder: str, province: Province | None) -> list[Any]:
    repo, at = b.repo, b.inputs.at
    assert repo.programme is not None
    # The province's own pilots are all its statistics read: a scoped repository keeps this
    # linear in the number of pilots (the full one made it provinces × pilots).
    scoped = replace(repo, all_pilots=repo.pilots_in(folder), provinces={folder: province} if province else {})
    return [
        province_stats(scoped, b.inputs.history, b.inputs.labels, folder, d.period, min(at, d.due))
        for d in repo.programme.deadlines
        if d.document == "province_summary" and d.period and d.due.year <= at.year
    ]


def recommendations(b: Builder, names: dict[str, str]) -> None:
    """The index (province × year: how many of each annex) and a province's lists in numbered pages."""
    index = []
    ordered = sorted(b.repo.recommendations, key=lambda r: (r.province, r.year))
    for folder, recs in groupby(ordered, key=lambda r: r.province):
        lists = list(recs)
        name = names.get(folder, folder)
        entries = [entry for rec in lists for entry in _entries(b, rec)]
        counts = [(rec.year, len(rec.service_enterprises), len(rec.platforms)) for rec in lists]
        index += [{"id": folder, "name": name, "year": y, "services": s, "platforms": p} for y, s, p in counts]
        for path, pager, chunk in split(entries, "recommendation_list", folder):
            b.render(
                "recommendations.md.j2",
                path,
                title=f"{name}推荐名单" + (f"（第 {pager.current} 页）" if pager.current > 1 else ""),
                province_name=name,
                index=[],
                counts=counts,
                groups=_groups(chunk),
                pager=pager,
            )
    b.render(
        "recommendations.md.j2",
        url("recommendations"),
        title="推荐名单",
        province_name="",
        index=index,
        counts=[],
        groups=[],
        pager=None,
    )


def _groups(chunk: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """A page's entries as the tables they belong to: one per year and annex, in order."""
    return [
        {"year": year, "annex": annex, "title": ANNEXES[annex], "rows": list(rows)}
        for (year, annex), rows in groupby(chunk, key=lambda e: (e["year"], e["annex"]))
    ]


def _entries(b: Builder, rec: Recommendations) -> list[dict[str, Any]]:
    labels = b.inputs.labels

    def codes(cs: tuple[str, ...]) -> str:
        return "、".join(f"{labels.industry(c)}（{c}）" for c in cs)

    services = [
        {
            "year": rec.year,
            "annex": "services",
            "number": n,
            "pilot": s.pilot,
            "name": s.name,
            "industries": codes(s.industries),
            "services": s.services,
        }
        for n, s in enumerate(rec.service_enterprises, start=1)
    ]
    platforms = [
        {
            "year": rec.year,
            "annex": "platforms",
            "number": n,
            "pilot": s.pilot,
            "name": s.name,
            "industries": codes(s.industries),
            "registered": s.registered,
            "active": s.active,
            "amount": f"{fmt_number(s.amount)} 亿元" if s.amount is not None else "—",
            "description": s.description,
        }
        for n, s in enumerate(rec.platforms, start=1)
    ]
    return services + platforms
