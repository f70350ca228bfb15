"""The overview pages: home, provinces, statistics, the recommendation lists (the status pages are in
``statuspages``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from typing import Any

from generator.assess.latest import counted_reports
from generator.assess.timeliness import STATE_LABELS, Assessment
from generator.load.layout import KIND_TITLES, document_path
from generator.model.repository import Province, ProvinceSummary, Recommendations
from generator.site.builder import PAGE_SIZE, Builder
from generator.site.charts import fmt_number
from generator.site.drafts import kpi_rows, province_stats
from generator.site.pilotview import DRAFTS_COUNT
from generator.site.urls import paged, url
from generator.site.views import PilotView, PracticeView

DUE_STATES = ("on_time", "late", "missing")


def _rate(items: list[Assessment]) -> str:
    due = [a for a in items if a.state in DUE_STATES]
    return f"{sum(a.state == 'on_time' for a in due) * 100 // len(due)}%" if due else "—"


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
        b.render(
            "province.md.j2",
            url("province", folder),
            id=folder,
            name=name,
            department=department,
            code=province.code if province else "",
            pilots=pilots,
            documents=[(_title(a), a.state, STATE_LABELS[a.state], a.days_late) for a in by_owner.get(folder, [])],
            summaries=summaries,
            practices=[x for x in practices if x.province_id == folder][:PAGE_SIZE],
            practice_total=sum(x.province_id == folder for x in practices),
            practice_list=paged(f"practices/province/{folder}", 1),  # the province facet of the catalogue
            stats=_province_stats(b, folder, province),
        )
    b.render("provinces.md.j2", url("provinces"), rows=rows)


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


def home(b: Builder, views: dict[str, PilotView], practices: list[PracticeView], assessments: list[Assessment]) -> None:
    programme = b.repo.programme
    assert programme is not None
    history, at = b.inputs.history, b.inputs.at
    due = [a for a in assessments if a.state in DUE_STATES]
    on_time = sum(a.state == "on_time" for a in due)
    quarter = today_quarter(at)
    latest = []
    for v in views.values():
        for period, link in v.reports:
            version = history.latest(document_path("report", v.province_id, v.id, period))
            if version is not None:
                latest.append((programme.local_date(version.confirmed_at), v.short_name, period, link))
    latest.sort(key=lambda r: (r[0], r[1], r[2]), reverse=True)
    by_province = []
    for folder in sorted({v.province_id for v in views.values()}):
        pilots = [v for v in views.values() if v.province_id == folder]
        by_province.append(
            {
                "id": folder,
                "name": pilots[0].province_name,
                "cities": sum(v.type == "city" for v in pilots),
                "enterprises": sum(v.type == "enterprise" for v in pilots),
                "revoked": sum(v.revoked for v in pilots),
            }
        )
    counts = {
        "pilots": len(views),
        "cities": sum(v.type == "city" for v in views.values()),
        "enterprises": sum(v.type == "enterprise" for v in views.values()),
        "provinces": len(by_province),
        "on_time_rate": f"{on_time * 100 // len(due)}%" if due else "—",
        "quarter": quarter,
        "confirmed_this_quarter": sum(1 for r in latest if today_quarter(r[0]) == quarter),
        "practices": len(practices),
    }
    b.render(
        "home.md.j2",
        url("home"),
        programme_name=programme.name,
        notice=programme.notices[-1].number,
        counts=counts,
        by_province=by_province,
        featured=sorted(practices, key=lambda x: (-len(x.figures), x.year, x.slug))[:6],
        latest=[{"confirmed_on": d.isoformat(), "pilot": n, "period": p, "url": u} for d, n, p, u in latest[:10]],
    )


def today_quarter(at: date) -> str:
    return f"{at.year}Q{(at.month - 1) // 3 + 1}"


def statistics(
    b: Builder, views: dict[str, PilotView], practices: list[PracticeView], by_owner: dict[str, list[Assessment]]
) -> None:
    repo, labels = b.repo, b.inputs.labels
    programme = repo.programme
    assert programme is not None
    tables = []
    rows = []
    for folder in sorted({v.province_id for v in views.values()}):
        pilots = [v for v in views.values() if v.province_id == folder]
        items = [a for v in pilots for a in by_owner[v.id]]
        rows.append(
            [
                pilots[0].province_name,
                len(pilots),
                sum(v.type == "city" for v in pilots),
                sum(v.type == "enterprise" for v in pilots),
                sum(v.revoked for v in pilots),
                _rate(items),
                sum(x.province_id == folder for x in practices),
            ]
        )
    tables.append(("按省份", ["省份", "试点", "城市", "企业", "已取消", "按期率", "经验"], rows))
    rows = []
    for key, label in {"city": "试点城市", **labels.category}.items():
        chosen = [v for v in views.values() if repo.pilots[v.id].kind_key == key]
        if chosen:
            ids = {v.id for v in chosen}
            items = [a for v in chosen for a in by_owner[v.id]]
            revoked = sum(v.revoked for v in chosen)
            rows.append([label, len(chosen), revoked, _rate(items), sum(1 for x in practices if x.pilot_id in ids)])
    tables.append(("按试点类型", ["类型", "试点", "已取消", "按期率", "经验"], rows))
    sections = Counter(v.industry_section for v in views.values() if v.industry_section)
    tables.append(
        ("按行业门类", ["门类", "名称", "试点"], [[k, labels.industry(k), n] for k, n in sorted(sections.items())])
    )
    samples = []
    for p in repo.all_pilots:
        reports = counted_reports(p, b.inputs.history, programme, b.inputs.at, DRAFTS_COUNT)
        if reports:
            samples.append((programme.pilot_kpi_set.get(p.kind_key, ""), reports[-1].kpis))
    headers = ["组别", "指标", "单位", "填报试点", "平均值", "中位数"]
    tables.append(("绩效指标（各试点最近一期季报）", headers, kpi_rows(samples, labels)))
    b.render("statistics.md.j2", url("statistics"), tables=tables)


def recommendations(b: Builder, names: dict[str, str]) -> None:
    lists = [
        _recommendation_list(b, rec, names)
        for rec in sorted(b.repo.recommendations, key=lambda r: (r.province, r.year))
    ]
    b.render("recommendations.md.j2", url("recommendations"), lists=lists)


def _recommendation_list(b: Builder, rec: Recommendations, names: dict[str, str]) -> dict[str, Any]:
    labels = b.inputs.labels

    def codes(cs: tuple[str, ...]) -> str:
        return "、".join(f"{labels.industry(c)}（{c}）" for c in cs)

    return {
        "province_name": names.get(rec.province, rec.province),
        "year": rec.year,
        "services": [
            {"pilot": s.pilot, "name": s.name, "industries": codes(s.industries), "services": s.services}
            for s in rec.service_enterprises
        ],
        "platforms": [
            {
                "pilot": s.pilot,
                "name": s.name,
                "industries": codes(s.industries),
                "registered": s.registered,
                "active": s.active,
                "amount": f"{fmt_number(s.amount)} 亿元" if s.amount is not None else "—",
                "description": s.description,
            }
            for s in rec.platforms
        ],
    }
