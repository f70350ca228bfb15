"""Each pilot's pages: the progress page, one page per quarterly report, one per summary report."""

from __future__ import annotations

from typing import Any

from generator.load.layout import document_path
from generator.model.repository import Pilot, Report, Summary
from generator.site.builder import Builder
from generator.site.charts import fmt_number
from generator.site.practiceview import summary_sections
from generator.site.programmepages import enrolment_views
from generator.site.urls import url
from generator.site.views import PilotView, source_of


def pilot_pages(b: Builder, pilots: list[Pilot], views: dict[str, PilotView]) -> None:
    for pilot in pilots:
        view = views[pilot.id]
        day = view.as_of  # the day its programmes are judged on (pages.py gives it to pilot_view)
        b.render("pilot.md.j2", url("pilot", pilot.id), p=view, enrolments=enrolment_views(b.repo, pilot.id), as_of=day)
        for period, report in sorted(pilot.reports.items()):
            _report_page(b, pilot, view, period, report, day)
        for year, summary in sorted(pilot.summaries.items()):
            _summary_page(b, pilot, view, year, summary, day)


def _summary_page(b: Builder, pilot: Pilot, view: PilotView, year: str, summary: Summary, day: str) -> None:
    programme = b.repo.programme
    assert programme is not None
    completion: list[dict[str, Any]] = []
    if pilot.ledger is not None:
        for item in summary.target_completion:
            target = pilot.ledger.target(item.id)
            unit = target.unit if target else ""
            completion.append(
                {
                    "id": item.id,
                    "name": target.name if target else "",
                    "value": f"{fmt_number(item.value)} {unit}".strip() if item.value is not None else "—",
                    "achieved": item.achieved,
                    "note": item.note,
                }
            )
    path = document_path("summary", pilot.folder, pilot.id, year)
    b.render(
        "summary.md.j2",
        url("summary", pilot.id, year),
        as_of=day,
        p=view,
        s=summary,
        sections=summary_sections(summary, b.inputs.labels),
        completion=completion,
        practices=[x for x in view.practices if x.year == year],
        source=source_of(path, b.inputs.history.latest(path), programme),
        reviewer_notes=summary.reviewer_notes,
    )


def _report_page(b: Builder, pilot: Pilot, view: PilotView, period: str, report: Report, day: str) -> None:
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
    path = document_path("report", pilot.folder, pilot.id, period)
    b.render(
        "report.md.j2",
        url("report", pilot.id, period),
        as_of=day,
        p=view,
        r=report,
        targets=targets,
        measures=rows,
        kpis=kpis,
        source=source_of(path, b.inputs.history.latest(path), programme),
        reviewer_notes=report.reviewer_notes,
    )
