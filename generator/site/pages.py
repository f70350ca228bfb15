"""Assemble every generated page. Pure: ``build_pages(inputs)`` returns path → content."""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, TypeVar

from jinja2 import Environment

from generator.site.drafts import kpi_rows, province_stats
from generator.history.versions import History, Version
from generator.load.layout import KIND_TITLES
from generator.model.repository import Pilot, Repository
from generator.load.problems import Problem
from generator.site import export
from generator.site.charts import fmt_number
from generator.site.env import make_env
from generator.site.labels import Labels
from generator.site.reference import reference_pages
from generator.site.views import (
    PilotView,
    PracticeView,
    pilot_view,
    practice_views,
    report_url,
    source_of,
    summary_sections,
    summary_url,
    today_quarter,
)
from generator.assess.timeliness import STATE_LABELS, Assessment, assess
from generator.assess.watchlist import watchlist

PAGE_SIZE = 50
T = TypeVar("T")


@dataclass(frozen=True)
class SiteConfig:
    profile: str = "public"
    source_url: str | None = None
    commit_url: str | None = None
    directory_urls: bool = True


@dataclass
class SiteInputs:
    repo: Repository
    history: History
    labels: Labels
    at: date
    config: SiteConfig
    ledger_texts: dict[str, list[tuple[Version, dict[str, Any]]]]
    schemas: Any
    warnings: list[Problem] = field(default_factory=list)


def _pages(items: Sequence[T], base: str) -> list[tuple[str, Sequence[T]]]:
    """``base/index.md``, ``base/2.md``, … with at most PAGE_SIZE items each."""
    chunks = [items[i : i + PAGE_SIZE] for i in range(0, len(items), PAGE_SIZE)] or [items[:0]]
    return [(f"{base}/index.md" if n == 0 else f"{base}/{n + 1}.md", chunk) for n, chunk in enumerate(chunks)]


class Builder:
    def __init__(self, inputs: SiteInputs) -> None:
        self.inputs = inputs
        self.repo = inputs.repo
        self.env: Environment = make_env(inputs.config.directory_urls)
        self.out: dict[str, str | bytes] = {}
        self.internal = inputs.config.profile == "internal"

    def render(self, template: str, page: str, **context: Any) -> None:
        self.out[page] = self.env.get_template(template).render(
            page=page,
            cfg=self.inputs.config,
            internal=self.internal,
            history_available=self.inputs.history.available,
            **context,
        )

    # -- listings --------------------------------------------------------------------------
    def listing(
        self,
        kind: str,
        base: str,
        title: str,
        items: Sequence[Any],
        facets: list[Any],
        intro: str = "",
        searchable: bool = False,
    ) -> None:
        chunks = _pages(items, base)
        pages = [path for path, _ in chunks]
        for n, (path, chunk) in enumerate(chunks, start=1):
            self.render(
                "listing.md.j2",
                path,
                kind=kind,
                title=title,
                items=list(chunk),
                facets=facets,
                pages=pages,
                current=n,
                total=len(items),
                intro=intro,
                searchable=searchable,
            )


def _facet(items: Iterable[T], key: Any, label: Any, base: str) -> list[tuple[str, str, str, list[T]]]:
    groups: dict[str, list[T]] = defaultdict(list)
    names: dict[str, str] = {}
    for item in items:
        for k in key(item):
            groups[k].append(item)
            names[k] = label(item, k)
    return [(k, names[k], f"{base}/{k}/index.md", groups[k]) for k in sorted(groups)]


def build_pages(inputs: SiteInputs) -> dict[str, str | bytes]:
    b = Builder(inputs)
    repo, labels, history = inputs.repo, inputs.labels, inputs.history
    programme = repo.programme
    assert programme is not None
    assessments = assess(repo, history, inputs.at)
    by_owner: dict[str, list[Assessment]] = defaultdict(list)
    for a in assessments:
        by_owner[a.requirement.owner].append(a)
    pilots = sorted(repo.all_pilots, key=lambda p: (p.folder, p.type != "city", p.id))
    practices = practice_views(repo, history, labels)
    views = {p.id: pilot_view(p, repo, history, by_owner[p.id], labels, inputs.ledger_texts, inputs.at) for p in pilots}
    for x in practices:
        views[x.pilot_id].practices.append(x)
    ordered = [views[p.id] for p in pilots]
    province_names = {k: v.name for k, v in repo.provinces.items()} | {programme.central_folder: programme.central_name}

    # pilots: pages, reports, summaries
    for pilot in pilots:
        view = views[pilot.id]
        b.render("pilot.md.j2", f"pilots/{pilot.id}/index.md", p=view)
        for period, _report in sorted(pilot.reports.items()):
            _report_page(b, pilot, view, period)
        for year, summary in sorted(pilot.summaries.items()):
            completion = []
            if pilot.ledger is not None:
                for item in summary.sections.get("target_completion", {}).get("targets", []):
                    target = pilot.ledger.target(item["id"])
                    unit = target.unit if target else ""
                    completion.append(
                        {
                            "id": item["id"],
                            "name": target.name if target else "",
                            "value": f"{fmt_number(item['value'])} {unit}".strip() if "value" in item else "—",
                            "achieved": item["achieved"],
                            "note": item.get("note", ""),
                        }
                    )
            path = f"submissions/{pilot.folder}/{pilot.id}/summaries/{year}.yaml"
            b.render(
                "summary.md.j2",
                summary_url(pilot.id, year),
                p=view,
                s=summary,
                sections=summary_sections(summary, labels),
                completion=completion,
                practices=[x for x in view.practices if x.year == year],
                source=source_of(path, history.latest(path), programme),
                reviewer_notes=summary.doc.data.get("reviewer_notes"),
            )

    # pilot listings with facets
    def type_key(v: PilotView) -> list[str]:
        return [v.type if v.type == "city" else _category_key(repo, v.id)]

    kind_labels = {"city": "试点城市", **labels.category}
    facet_defs = [
        ("省份", _facet(ordered, lambda v: [v.province_id], lambda v, k: v.province_name, "pilots/province")),
        ("类型", _facet(ordered, type_key, lambda v, k: kind_labels.get(k, k), "pilots/type")),
        (
            "行业门类",
            _facet(
                ordered,
                lambda v: [v.industry_section] if v.industry_section else [],
                lambda v, k: f"{k} {labels.industry(k)}",
                "pilots/industry",
            ),
        ),
        (
            "状态",
            _facet(
                ordered,
                lambda v: ["revoked" if v.revoked else "active"],
                lambda v, k: "已取消资格" if k == "revoked" else "试点中",
                "pilots/status",
            ),
        ),
    ]
    facets = [(title, [(name, path, len(items)) for _, name, path, items in groups]) for title, groups in facet_defs]
    b.listing("pilots", "pilots", "试点", ordered, facets, "按省份、类型、行业门类或状态筛选；每页 50 个。")
    for _title, groups in facet_defs:
        for _, name, path, items in groups:
            b.listing("pilots", path[: -len("/index.md")], f"试点：{name}", items, facets)

    # practices: pages and catalogue
    for x in practices:
        b.render("practice.md.j2", f"practices/{x.slug}.md", x=x)

    def tag_slug(tag: str) -> str:
        return hashlib.sha1(tag.encode("utf-8")).hexdigest()[:8]

    practice_facets = [
        ("主题", _facet(practices, lambda x: [x.theme], lambda x, k: x.theme_label, "practices/theme")),
        ("省份", _facet(practices, lambda x: [x.province_id], lambda x, k: x.province_name, "practices/province")),
        ("试点类型", _facet(practices, lambda x: [x.pilot_type], lambda x, k: x.pilot_type_label, "practices/type")),
        (
            "行业门类",
            _facet(
                practices,
                lambda x: [x.industry_section] if x.industry_section else [],
                lambda x, k: f"{k} {labels.industry(k)}",
                "practices/industry",
            ),
        ),
    ]
    tag_groups = _facet(
        practices,
        lambda x: [tag_slug(t) for t in x.tags],
        lambda x, k: next(t for t in x.tags if tag_slug(t) == k),
        "practices/tag",
    )
    pfacets = [
        (title, [(name, path, len(items)) for _, name, path, items in groups]) for title, groups in practice_facets
    ]
    pfacets.append(("标签", [("全部标签", "practices/tags.md", len(tag_groups))]))
    b.listing(
        "practices",
        "practices",
        "可复制推广经验",
        practices,
        pfacets,
        "试点总结报告中提炼的经验：按主题、省份、试点类型、行业门类或标签浏览。",
    )
    for _facet_title, practice_groups in practice_facets:
        for _, name, path, chosen in practice_groups:
            b.listing("practices", path[: -len("/index.md")], f"经验：{name}", chosen, pfacets)
    for _, name, path, chosen in tag_groups:
        b.listing("practices", path[: -len("/index.md")], f"经验标签：{name}", chosen, pfacets)
    tags = sorted(((name, path, len(items)) for _, name, path, items in tag_groups), key=lambda t: (-t[2], t[0]))
    b.render(
        "listing.md.j2",
        "practices/tags.md",
        kind="practices",
        title="经验标签",
        items=[],
        facets=[("标签", tags)],
        pages=["practices/tags.md"],
        current=1,
        total=0,
        intro="每个标签下的经验。",
        searchable=False,
    )

    # experience by theme
    themes = []
    for theme, label in labels.theme.items():
        chosen = [x for x in practices if x.theme == theme]
        if chosen:
            themes.append((theme, label, len(chosen), chosen[:5]))
    b.render("experience.md.j2", "experience/index.md", themes=themes)

    # provinces
    _provinces(b, repo, views, practices, by_owner, programme.central_folder, programme.central_name)
    # status matrix
    _status(b, repo, views, by_owner, inputs.at, province_names)
    # home, statistics, recommendations, revoked
    _home(b, repo, views, practices, assessments, inputs.at, history)
    _statistics(b, repo, views, practices, assessments, labels)
    _recommendations(b, repo, labels, province_names)
    b.render("revoked.md.j2", "revoked.md", rows=[v for v in ordered if v.revoked])
    t = programme.thresholds
    b.render("methods.md.j2", "methods.md", t=t, w=t.weights, threshold=t.watch_threshold)
    if b.internal:
        entries = watchlist(repo, history, assessments, inputs.warnings, inputs.at)
        b.render(
            "watchlist.md.j2",
            "watchlist.md",
            at=inputs.at.isoformat(),
            threshold=t.watch_threshold,
            entries=[e for e in entries if e.score >= t.watch_threshold],
        )
    # downloads and the data reference
    tables = export.tables(repo, views, practices, assessments, labels, province_names, programme)
    b.out.update(export.files(tables))
    b.render(
        "data.md.j2",
        "data/index.md",
        tables=[(n, t, cols) for n, t, cols, _ in tables],
        profile_label="公开版本，不含个人信息" if not b.internal else "内部版本；下载文件同样不含联系人等个人信息",
    )
    for path, context in reference_pages(inputs.schemas):
        b.render("reference.md.j2", path, **context)
    return dict(sorted(b.out.items()))


def _category_key(repo: Repository, pilot_id: str) -> str:
    pilot = repo.pilots[pilot_id]
    return pilot.category or "entity"


def _report_page(b: Builder, pilot: Pilot, view: PilotView, period: str) -> None:
    report = pilot.reports[period]
    labels = b.inputs.labels
    programme = b.repo.programme
    assert programme is not None
    names = {t.id: (t.name, t.unit) for t in pilot.ledger.targets} if pilot.ledger else {}
    measures = {m.id: m.name for m in pilot.ledger.measures} if pilot.ledger else {}
    targets = []
    for t in report.targets:
        name, unit = names.get(t.id, ("", t.unit or ""))
        value = t.text if t.value is None else f"{fmt_number(t.value)} {t.unit or unit}".strip()
        targets.append({"id": t.id, "name": name, "value": value or "—", "note": t.note or ""})
    rows = [
        {
            "id": x.id,
            "name": measures.get(x.id, ""),
            "status": x.status,
            "status_label": labels.measure_status.get(x.status, x.status),
            "percent": x.percent,
            "narrative": x.narrative,
        }
        for x in report.measures
    ]
    kpis = [
        (labels.kpi_title.get(k, k), f"{fmt_number(v)} {labels.kpi_unit.get(k, '')}".strip())
        for k, v in report.kpis.items()
    ]
    path = f"submissions/{pilot.folder}/{pilot.id}/reports/{period}.yaml"
    b.render(
        "report.md.j2",
        report_url(pilot.id, period),
        p=view,
        r=report,
        targets=targets,
        measures=rows,
        kpis=kpis,
        source=source_of(path, b.inputs.history.latest(path), programme),
        reviewer_notes=report.doc.data.get("reviewer_notes"),
    )


def _provinces(
    b: Builder,
    repo: Repository,
    views: dict[str, PilotView],
    practices: list[PracticeView],
    by_owner: dict[str, list[Assessment]],
    central: str,
    central_name: str,
) -> None:
    rows = []
    folders = sorted(set(repo.provinces) | {v.province_id for v in views.values()})
    slugs = {(p.pilot_id, p.year, p.id): p for p in practices}
    for folder in folders:
        province = repo.provinces.get(folder)
        name = province.name if province else central_name
        pilots = [v for v in views.values() if v.province_id == folder]
        rows.append(
            {
                "id": folder,
                "name": name,
                "department": province.department
                if province
                else (repo.programme.mofcom_name if repo.programme else ""),
                "count": len(pilots),
            }
        )
        documents = [
            (
                KIND_TITLES[a.document] + (f" {a.period}" if a.period else ""),
                a.state,
                STATE_LABELS[a.state],
                a.days_late,
            )
            for a in by_owner.get(folder, [])
        ]
        summaries = []
        for s in sorted((s for s in repo.province_summaries if s.province == folder), key=lambda s: s.year):
            picked = []
            for item in s.data.get("practices", []):
                x = slugs.get((item["pilot"], s.year, item["practice"]))
                picked.append(
                    (x.title if x else f"{item['pilot']} {item['practice']}", x.slug if x else None, item["reason"])
                )
            summaries.append(
                {"year": s.year, "overview": s.data["overview"], "progress": s.data["progress"], "practices": picked}
            )
        assert repo.programme is not None
        # The province's own pilots are all its statistics read: a scoped repository keeps this
        # linear in the number of pilots (the full one made it provinces × pilots).
        scoped = replace(repo, all_pilots=repo.pilots_in(folder), provinces={folder: province} if province else {})
        stats = [
            province_stats(scoped, b.inputs.history, b.inputs.labels, folder, d.period, min(b.inputs.at, d.due))
            for d in repo.programme.deadlines
            if d.document == "province_summary" and d.period and d.due.year <= b.inputs.at.year
        ]
        b.render(
            "province.md.j2",
            f"provinces/{folder}.md",
            id=folder,
            name=name,
            department=rows[-1]["department"],
            code=province.code if province else "",
            pilots=pilots,
            documents=documents,
            summaries=summaries,
            practices=[x for x in practices if x.province_id == folder][:PAGE_SIZE],
            stats=stats,
        )
    b.render("provinces.md.j2", "provinces/index.md", rows=rows)


def _status(
    b: Builder,
    repo: Repository,
    views: dict[str, PilotView],
    by_owner: dict[str, list[Assessment]],
    at: date,
    names: dict[str, str],
) -> None:
    states = list(STATE_LABELS.items())
    summary = []
    for folder in sorted({v.province_id for v in views.values()} | set(repo.provinces)):
        pilots = [v for v in views.values() if v.province_id == folder]
        cells = [a for v in pilots for a in by_owner[v.id]] + by_owner.get(folder, [])
        counts = Counter(a.state for a in cells)
        summary.append({"id": folder, "name": names.get(folder, folder), "counts": {s: counts[s] for s, _ in states}})
        columns: list[tuple[str, str | None]] = []
        for v in pilots:
            for a in by_owner[v.id]:
                key = (a.document, a.period)
                if key not in columns:
                    columns.append(key)
        matrix = []
        for v in pilots:
            lookup = {(a.document, a.period): a for a in by_owner[v.id]}
            cells_row = []
            for key in columns:
                found = lookup.get(key)
                cells_row.append(
                    {"state": found.state, "label": STATE_LABELS[found.state], "days": found.days_late}
                    if found
                    else None
                )
            matrix.append({"id": v.id, "name": v.short_name, "cells": cells_row})
        headers = [KIND_TITLES[d] + (f" {p}" if p else "") for d, p in columns]
        b.render(
            "status.md.j2",
            f"status/{folder}.md",
            title=f"{names.get(folder, folder)}报送情况",
            at=at.isoformat(),
            provinces=[],
            matrix=matrix,
            columns=headers,
            states=states,
        )
    b.render(
        "status.md.j2",
        "status/index.md",
        title="报送情况",
        at=at.isoformat(),
        provinces=summary,
        matrix=[],
        columns=[],
        states=states,
    )


def _home(
    b: Builder,
    repo: Repository,
    views: dict[str, PilotView],
    practices: list[PracticeView],
    assessments: list[Assessment],
    at: date,
    history: History,
) -> None:
    programme = repo.programme
    assert programme is not None
    due = [a for a in assessments if a.state in ("on_time", "late", "missing")]
    on_time = sum(a.state == "on_time" for a in due)
    quarter = today_quarter(at)
    latest = []
    for v in views.values():
        for period, url in v.reports:
            version = history.latest(f"submissions/{v.province_id}/{v.id}/reports/{period}.yaml")
            if version is not None:
                latest.append((programme.local_date(version.confirmed_at), v.short_name, period, url))
    latest.sort(key=lambda r: (r[0], r[1], r[2]), reverse=True)
    confirmed_quarter = sum(1 for r in latest if today_quarter(r[0]) == quarter)
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
    featured = sorted(practices, key=lambda x: (-len(x.figures), x.year, x.slug), reverse=False)[:6]
    counts = {
        "pilots": len(views),
        "cities": sum(v.type == "city" for v in views.values()),
        "enterprises": sum(v.type == "enterprise" for v in views.values()),
        "provinces": len(by_province),
        "on_time_rate": f"{on_time * 100 // len(due)}%" if due else "—",
        "quarter": quarter,
        "confirmed_this_quarter": confirmed_quarter,
        "practices": len(practices),
    }
    notice = programme.doc.data["notices"][-1]
    b.render(
        "home.md.j2",
        "index.md",
        programme_name=programme.name,
        notice=f"{notice['number']}",
        counts=counts,
        by_province=by_province,
        featured=featured,
        latest=[{"confirmed_on": d.isoformat(), "pilot": n, "period": p, "url": u} for d, n, p, u in latest[:10]],
    )


def _rate(items: list[Assessment]) -> str:
    due = [a for a in items if a.state in ("on_time", "late", "missing")]
    return f"{sum(a.state == 'on_time' for a in due) * 100 // len(due)}%" if due else "—"


def _statistics(
    b: Builder,
    repo: Repository,
    views: dict[str, PilotView],
    practices: list[PracticeView],
    assessments: list[Assessment],
    labels: Labels,
) -> None:
    owner = defaultdict(list)
    for a in assessments:
        owner[a.requirement.owner].append(a)
    tables = []
    rows = []
    for folder in sorted({v.province_id for v in views.values()}):
        pilots = [v for v in views.values() if v.province_id == folder]
        items = [a for v in pilots for a in owner[v.id]]
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
    kinds = {"city": "试点城市", **labels.category}
    for key, label in kinds.items():
        pilots = [
            v
            for v in views.values()
            if (v.type == "city" and key == "city") or (v.type == "enterprise" and _category_key(repo, v.id) == key)
        ]
        if pilots:
            items = [a for v in pilots for a in owner[v.id]]
            rows.append(
                [
                    label,
                    len(pilots),
                    sum(v.revoked for v in pilots),
                    _rate(items),
                    sum(1 for x in practices if x.pilot_id in {v.id for v in pilots}),
                ]
            )
    tables.append(("按试点类型", ["类型", "试点", "已取消", "按期率", "经验"], rows))
    sections = Counter(v.industry_section for v in views.values() if v.industry_section)
    tables.append(
        ("按行业门类", ["门类", "名称", "试点"], [[k, labels.industry(k), n] for k, n in sorted(sections.items())])
    )
    assert repo.programme is not None
    kpi_sets = repo.programme.pilot_kpi_set
    samples = [(kpi_sets.get(p.kind_key, ""), p.reports[max(p.reports)].kpis) for p in repo.all_pilots if p.reports]
    tables.append(
        (
            "绩效指标（各试点最近一期季报）",
            ["组别", "指标", "单位", "填报试点", "平均值", "中位数"],
            kpi_rows(samples, labels),
        )
    )
    b.render("statistics.md.j2", "statistics.md", tables=tables)


def _recommendations(b: Builder, repo: Repository, labels: Labels, names: dict[str, str]) -> None:
    lists = []
    for rec in sorted(repo.recommendations, key=lambda r: (r.province, r.year)):

        def codes(cs: list[str]) -> str:
            return "、".join(f"{labels.industry(c)}（{c}）" for c in cs)

        lists.append(
            {
                "province_name": names.get(rec.province, rec.province),
                "year": rec.year,
                "services": [
                    {
                        "pilot": s["pilot"],
                        "name": s["name"],
                        "industries": codes(s["industries"]),
                        "services": s.get("services", ""),
                    }
                    for s in rec.service_enterprises
                ],
                "platforms": [
                    {
                        "pilot": s["pilot"],
                        "name": s["name"],
                        "industries": codes(s["operation"]["industries"]),
                        "registered": s["operation"]["registered_enterprises"],
                        "active": s["operation"]["active_enterprises"],
                        "amount": f"{fmt_number(s['operation']['transaction_amount'])} 亿元"
                        if "transaction_amount" in s["operation"]
                        else "—",
                        "description": s["operation"]["description"],
                    }
                    for s in rec.platforms
                ],
            }
        )
    b.render("recommendations.md.j2", "recommendations.md", lists=lists)


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
