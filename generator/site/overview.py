"""The overview pages: home, statistics, methods (the province pages and the recommendation lists
are in ``provincepages``, the status pages in ``statuspages``)."""

from __future__ import annotations

from datetime import date

from generator.assess.timeliness import Assessment
from generator.load.layout import document_path
from generator.reference.themes import themes
from generator.site import stats
from generator.site.builder import Builder
from generator.site.labels import period_text
from generator.site.pilotview import DRAFTS_COUNT
from generator.site.urls import url
from generator.site.views import PilotView, PracticeView

DUE_STATES = ("on_time", "late", "missing")


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
        "quarter_text": period_text(quarter),
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
    """The statistics page: each table with its chart, counted as ``stats`` defines (views are the
    pilots the site shows; the counts read the model)."""
    repo = b.repo
    programme = repo.programme
    assert programme is not None
    names = {k: v.name for k, v in repo.provinces.items()} | {programme.central_folder: programme.central_name}
    samples = stats.kpi_samples(repo, b.inputs.history, b.inputs.at, DRAFTS_COUNT)
    tables, kpis = stats.tables(repo, b.inputs.labels, names, practices, by_owner, samples)
    b.render("statistics.md.j2", url("statistics"), tables=tables, kpis=stats.by_group(kpis), pilots=len(views))


def methods(b: Builder) -> None:
    """The methods page: the progress thresholds, and the statistics' and themes' definitions as ``stats``
    and the reference data give them."""
    programme = b.repo.programme
    assert programme is not None
    t = programme.thresholds
    b.render(
        "methods.md.j2",
        url("methods"),
        t=t,
        w=t.weights,
        threshold=t.watch_threshold,
        kinds=[name for key, name in stats.kind_labels(b.inputs.labels).items() if key != "city"],
        groups=stats.kpi_groups(programme, b.inputs.labels),
        themes=themes(),
    )
