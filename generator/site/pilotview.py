"""A pilot's page as a view: its ledger rows with the latest values and judgements, the
charts, the timeliness timeline and the ledger's revisions. Pure."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from generator.assess.latest import LatestProgress, LatestValue, PilotProgress, counted_reports, pilot_progress
from generator.assess.timeliness import STATE_LABELS, Assessment
from generator.history.ledger_diff import diff_ledgers
from generator.history.versions import History, Version
from generator.load.layout import KIND_TITLES, document_path, pilot_folder
from generator.model.repository import Measure, Pilot, Programme, Report, Repository, Target
from generator.reference.industries import industry_section
from generator.site.labels import Labels, pilot_name
from generator.site.urls import url
from generator.site.views import (
    MeasureRow,
    PilotView,
    Revision,
    Series,
    TargetRow,
    TimelineRow,
    fmt_value,
    progress_toward,
    source_of,
    verdict_of,
)

DRAFTS_COUNT = True
"""The site shows the work tree: a draft's values count on the page (the page lists the drafts)."""


def pilot_view(
    pilot: Pilot,
    repo: Repository,
    history: History,
    assessments: list[Assessment],
    labels: Labels,
    ledger_texts: dict[str, list[tuple[Version, dict[str, object]]]],
    at: date,
) -> PilotView:
    programme = repo.programme
    assert programme is not None
    view = _identity(pilot, repo, history, labels, programme)
    view.as_of = at.isoformat()
    view.reports = [(p, url("report", pilot.id, p)) for p in sorted(pilot.reports)]
    view.summaries = [(y, url("summary", pilot.id, y)) for y in sorted(pilot.summaries)]
    if pilot.ledger is not None:
        judged = pilot_progress(pilot, programme, history, at, DRAFTS_COUNT)
        view.targets = [_target_row(t, judged, labels) for t in pilot.ledger.targets]
        view.measures = [_measure_row(m, judged, labels) for m in pilot.ledger.measures]
    view.series = _series(pilot, counted_reports(pilot, history, programme, at, DRAFTS_COUNT), labels)
    view.timeline = _timeline(pilot.id, assessments, programme)
    view.due = sum(a.state in ("on_time", "late", "missing") for a in assessments)
    view.on_time = sum(a.state == "on_time" for a in assessments)
    ledger = document_path("ledger", pilot.folder, pilot.id)
    view.revisions = _revisions(ledger_texts.get(ledger, []), programme)
    view.verdict = verdict_of(view.targets, view.measures, view.timeline)
    return view


def _identity(pilot: Pilot, repo: Repository, history: History, labels: Labels, programme: Programme) -> PilotView:
    province = repo.provinces.get(pilot.folder)
    confirmer = pilot.confirmer(programme)
    info = document_path("pilot", pilot.folder, pilot.id)
    ledger = document_path("ledger", pilot.folder, pilot.id)
    return PilotView(
        id=pilot.id,
        name=pilot_name(pilot),
        short_name=pilot_name(pilot),
        registered_name=pilot.name,
        type=pilot.type,
        type_label=labels.pilot_type.get(pilot.type, pilot.type),
        kind_label=labels.category.get(pilot.category or "", "") + ("（中央企业）" if pilot.central_soe else ""),
        province_id=pilot.folder,
        province_name=province.name if province else programme.central_name,
        confirmer=programme.mofcom_name if confirmer == "mofcom" else (province.department if province else ""),
        industries=tuple((c, labels.industry(c)) for c in pilot.industries),
        industry_section=industry_section(pilot.industries[0]) if pilot.industries else "",
        pilot_industries=pilot.pilot_industries,
        introduction=pilot.introduction,
        plan_items=tuple(pilot.plan_items.items()),
        revoked=pilot.status.state == "revoked",
        revoked_on=pilot.status.revoked_on.isoformat() if pilot.status.revoked_on else None,
        reason=labels.reason.get(pilot.status.reason or "", None),
        decision=pilot.status.decision,
        note=pilot.status.note,
        source=source_of(info, history.latest(info), programme),
        ledger_source=source_of(ledger, history.latest(ledger), programme) if pilot.ledger else None,
        contacts=pilot.contacts,
        drafts=tuple(d for d in history.unconfirmed if d.startswith(pilot_folder(pilot.folder, pilot.id))),
    )


def _target_row(t: Target, judged: PilotProgress, labels: Labels) -> TargetRow:
    progress, latest = judged.targets.get(t.id, (None, LatestValue()))
    qualitative = t.kind == "qualitative"
    shown = (latest.text if qualitative else fmt_value(latest.value, t.unit)) if latest.period else None
    row = TargetRow(
        id=t.id,
        name=t.name,
        indicator=t.indicator,
        unit=t.unit,
        qualitative=qualitative,
        direction="越小越好" if t.direction == "decrease" else "越大越好",
        baseline=t.baseline_text or "" if qualitative else fmt_value(t.baseline_value, t.unit),
        baseline_date=t.baseline_date.isoformat(),
        latest=shown,
        latest_period=latest.period,
        goal=t.target_text or "" if qualitative else fmt_value(t.target_value, t.unit),
        goal_date=t.target_date.isoformat(),
        progress=None if qualitative else progress_toward(t, latest.value),
        theme=labels.theme.get(t.theme, t.theme),
    )
    if progress is None:
        return row
    return replace(row, status=progress.status, status_label=progress.label, ratio=progress.ratio)


def _measure_row(m: Measure, judged: PilotProgress, labels: Labels) -> MeasureRow:
    schedule, latest = judged.measures.get(m.id, (None, LatestProgress()))
    entry = latest.entry
    row = MeasureRow(
        id=m.id,
        name=m.name,
        responsible=m.responsible,
        start=m.start.isoformat(),
        end=m.end.isoformat(),
        targets="、".join(m.targets),
        status=entry.status if entry else None,
        status_label=labels.measure_status.get(entry.status if entry else "", "尚未报告"),
        percent=entry.percent if entry else None,
        period=latest.period,
        milestones=tuple((s.date.isoformat(), s.name) for s in m.milestones),
        deliverable=m.deliverable,
    )
    if schedule is None:
        return row
    return replace(row, schedule=schedule.status, schedule_label=schedule.label, schedule_reason=schedule.reason)


def _series(pilot: Pilot, reports: list[Report], labels: Labels) -> list[Series]:
    found: list[Series] = []
    for t in pilot.ledger.targets if pilot.ledger else ():
        if t.kind != "quantitative" or t.baseline_value is None:
            continue
        points = [("基期", t.baseline_value)]
        for report in reports:
            entry = report.target(t.id)
            if entry is not None and entry.value is not None:
                points.append((report.period, entry.value))
        if len(points) > 1:
            found.append(
                Series(f"target-{t.id.lower()}", f"{t.id} {t.indicator}", t.unit, tuple(points), t.target_value)
            )
    keys: list[str] = []
    for report in reports:
        keys.extend(k for k in report.kpis if k not in keys)
    for key in keys:
        points = [(r.period, r.kpis[key]) for r in reports if key in r.kpis]
        title, unit = labels.kpi_title.get(key, key), labels.kpi_unit.get(key, "")
        found.append(Series(f"kpi-{key.replace('_', '-')}", title, unit, tuple(points), ytd=True))
    return found


def _timeline(pilot_id: str, assessments: list[Assessment], programme: Programme) -> list[TimelineRow]:
    rows = []
    for a in assessments:
        v = a.version
        link = None
        if v is not None and a.document in ("report", "summary") and a.period:
            link = url(a.document, pilot_id, a.period)
        rows.append(
            TimelineRow(
                document=KIND_TITLES[a.document],
                period=a.period or "",
                due=a.requirement.deadline.due.isoformat(),
                state=a.state,
                state_label=STATE_LABELS[a.state],
                days_late=a.days_late,
                submitted_on=a.submitted_on.isoformat() if a.submitted_on else None,
                source=source_of(a.requirement.path, v, programme) if v else None,
                url=link,
            )
        )
    return rows


def _revisions(versions: list[tuple[Version, dict[str, object]]], programme: Programme) -> list[Revision]:
    found = []
    previous: dict[str, object] | None = None
    for version, data in versions:
        source = source_of(version.path, version, programme)
        if previous is None:
            found.append(Revision(source, ("首次确认",)))
        else:
            changes = tuple(c.text for c in diff_ledgers(previous, data)) or ("格式或说明文字修改",)
            found.append(Revision(source, changes))
        previous = data
    return found
