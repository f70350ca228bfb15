"""The latest reported value of a target and the latest progress of a measure: one place
for "where does this pilot stand", read by the pilot page, the charts, the downloads, the
watch list and the provincial draft, so that a row never shows the value of one report and
the judgement of another.

Which reports count is decided once, by ``counted_reports``: those confirmed by the day of
judgement and, when ``drafts`` count (a preview of the work tree), those not confirmed yet.
Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.assess.progress import MeasureSchedule, TargetProgress, measure_schedule, target_progress
from generator.history.versions import History
from generator.load.layout import document_path
from generator.model.repository import MeasureProgress, Pilot, Programme, Report, Target


@dataclass(frozen=True)
class LatestValue:
    """A target's value in the latest report that gives one (``period`` is None when none does)."""

    value: float | None = None
    text: str | None = None
    period: str | None = None


@dataclass(frozen=True)
class LatestProgress:
    """A measure's progress in the latest report that mentions it."""

    entry: MeasureProgress | None = None
    period: str | None = None


@dataclass(frozen=True)
class PilotProgress:
    targets: dict[str, tuple[TargetProgress, LatestValue]]
    """target id → (progress, the latest value it is judged on)"""
    measures: dict[str, tuple[MeasureSchedule, LatestProgress]]
    """measure id → (schedule, the latest progress it is judged on)"""


def counted_reports(pilot: Pilot, history: History, programme: Programme, at: date, drafts: bool) -> list[Report]:
    """The pilot's reports that count on ``at``, oldest first: every report without git
    history; otherwise those first confirmed by ``at`` and, with ``drafts``, those not yet
    confirmed at all (a local preview or a pull request)."""
    found = []
    for period in sorted(pilot.reports):
        first = history.first(document_path("report", pilot.folder, pilot.id, period))
        if not history.available or (programme.local_date(first.confirmed_at) <= at if first is not None else drafts):
            found.append(pilot.reports[period])
    return found


def latest_value(reports: list[Report], target: Target) -> LatestValue:
    """The latest value of ``target``: a number for a quantitative target, a number or a text
    for a qualitative one."""
    for report in reversed(reports):
        entry = report.target(target.id)
        if entry is not None and (entry.value is not None or (target.kind == "qualitative" and entry.text)):
            return LatestValue(entry.value, entry.text, report.period)
    return LatestValue()


def latest_progress(reports: list[Report], measure_id: str) -> LatestProgress:
    for report in reversed(reports):
        entry = report.measure(measure_id)
        if entry is not None:
            return LatestProgress(entry, report.period)
    return LatestProgress()


def pilot_progress(pilot: Pilot, programme: Programme, history: History, at: date, drafts: bool) -> PilotProgress:
    """Every target and measure of the pilot's ledger, judged on its latest value as of ``at``."""
    limits = programme.thresholds
    reports = counted_reports(pilot, history, programme, at, drafts)
    targets: dict[str, tuple[TargetProgress, LatestValue]] = {}
    measures: dict[str, tuple[MeasureSchedule, LatestProgress]] = {}
    if pilot.ledger is None:
        return PilotProgress(targets, measures)
    ends = {d.period: d.ends for d in programme.deadlines if d.document == "report"}
    for t in pilot.ledger.targets:
        latest = latest_value(reports, t)
        observed_on = ends.get(latest.period) if latest.period else None
        targets[t.id] = (target_progress(t, latest.value, observed_on, limits), latest)
    for m in pilot.ledger.measures:
        progress = latest_progress(reports, m.id)
        reported_on = ends.get(progress.period) if progress.period else None
        measures[m.id] = (measure_schedule(m, progress.entry, reported_on, at, limits), progress)
    return PilotProgress(targets, measures)
