"""The dynamic-adjustment watch list (动态调整): pilots with missing or late documents,
measures behind schedule, targets off track and unresolved warnings, each with its
reasons, ranked by a score whose weights live in ``submissions/programme.yaml``.

Everything is judged as of a day: only reports confirmed by then count, so the list can
be replayed for any day of the programme. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from generator.assess.progress import MeasureSchedule, TargetProgress, measure_schedule, target_progress
from generator.assess.timeliness import Assessment
from generator.history.versions import History
from generator.load.layout import KIND_TITLES
from generator.load.problems import Problem
from generator.model.repository import Pilot, Programme, Report, Repository


@dataclass(frozen=True)
class PilotProgress:
    targets: dict[str, tuple[TargetProgress, float | None, str | None]]
    """target id → (progress, latest value, period of the latest value)"""
    measures: dict[str, tuple[MeasureSchedule, str | None]]
    """measure id → (schedule, period of the latest report)"""
    report: Report | None


@dataclass
class WatchEntry:
    pilot: str
    name: str
    province: str
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def confirmed_reports(pilot: Pilot, history: History, programme: Programme, at: date) -> list[Report]:
    """The pilot's reports confirmed by ``at`` (all of them without git history), oldest first."""
    found = []
    for period in sorted(pilot.reports):
        path = f"submissions/{pilot.folder}/{pilot.id}/reports/{period}.yaml"
        first = history.first(path)
        if not history.available or (first is not None and programme.local_date(first.confirmed_at) <= at):
            found.append(pilot.reports[period])
    return found


def pilot_progress(pilot: Pilot, programme: Programme, history: History, at: date) -> PilotProgress:
    limits = programme.thresholds
    reports = confirmed_reports(pilot, history, programme, at)
    targets: dict[str, tuple[TargetProgress, float | None, str | None]] = {}
    measures: dict[str, tuple[MeasureSchedule, str | None]] = {}
    if pilot.ledger is None:
        return PilotProgress(targets, measures, None)
    ends = {d.period: d.ends for d in programme.deadlines if d.document == "report"}
    for t in pilot.ledger.targets:
        latest: float | None = None
        period: str | None = None
        for report in reports:
            entry = next((v for v in report.targets if v.id == t.id and v.value is not None), None)
            if entry is not None:
                latest, period = entry.value, report.period
        targets[t.id] = (target_progress(t, latest, ends.get(period) if period else None, limits), latest, period)
    last = reports[-1] if reports else None
    for m in pilot.ledger.measures:
        reported = next((x for x in last.measures if x.id == m.id), None) if last else None
        reported_on = ends.get(last.period) if last else None
        measures[m.id] = (measure_schedule(m, reported, reported_on, at, limits), last.period if last else None)
    return PilotProgress(targets, measures, last)


def watchlist(
    repo: Repository, history: History, assessments: list[Assessment], warnings: list[Problem], at: date
) -> list[WatchEntry]:
    programme = repo.programme
    if programme is None:
        return []
    weights = programme.thresholds.weights
    entries = []
    by_owner: dict[str, list[Assessment]] = {}
    for a in assessments:
        by_owner.setdefault(a.requirement.owner, []).append(a)
    for pilot in sorted(repo.all_pilots, key=lambda p: p.id):
        if pilot.status.revoked_on is not None and pilot.status.revoked_on <= at:
            continue
        province = repo.provinces.get(pilot.folder)
        entry = WatchEntry(pilot.id, pilot.short_name, province.name if province else programme.central_name)
        mine = by_owner.get(pilot.id, [])
        missing = [a for a in mine if a.state == "missing"]
        late = [a for a in mine if a.state == "late"]
        if missing:
            entry.reasons.append("未报：" + "、".join(_doc(a) + f"（逾期 {a.days_late} 天）" for a in missing))
        if late:
            entry.reasons.append("逾期报送：" + "、".join(_doc(a) + f"（{a.days_late} 天）" for a in late))
        progress = pilot_progress(pilot, programme, history, at)
        behind = [(mid, s) for mid, (s, _) in progress.measures.items() if s.status == "behind"]
        off = [tid for tid, (p, _, _) in progress.targets.items() if p.status == "off_track"]
        moderate = [tid for tid, (p, _, _) in progress.targets.items() if p.status == "moderate"]
        if behind:
            entry.reasons.append("举措进度滞后：" + "；".join(f"{mid} {s.reason}" for mid, s in behind))
        if off:
            entry.reasons.append("目标进展滞后：" + "、".join(_ratio(progress, tid) for tid in off))
        if moderate:
            entry.reasons.append("目标进展一般：" + "、".join(_ratio(progress, tid) for tid in moderate))
        folder = f"submissions/{pilot.folder}/{pilot.id}/"
        mine_warnings = [w for w in warnings if w.file.startswith(folder)]
        if mine_warnings:
            rules = sorted({w.rule for w in mine_warnings})
            entry.reasons.append(f"未处理的校验警告 {len(mine_warnings)} 条（{'、'.join(rules)}）")
        entry.counts = {
            "missing": len(missing),
            "late": len(late),
            "measure_behind": len(behind),
            "target_off_track": len(off),
            "target_moderate": len(moderate),
            "warning": len(mine_warnings),
        }
        entry.score = round(sum(weights.get(k, 0) * n for k, n in entry.counts.items()), 2)
        entries.append(entry)
    entries.sort(key=lambda e: (-e.score, e.pilot))
    return entries


def _doc(a: Assessment) -> str:
    return KIND_TITLES[a.document] + (f" {a.period}" if a.period else "")


def _ratio(progress: PilotProgress, tid: str) -> str:
    p, _, period = progress.targets[tid]
    return f"{tid}（{period} 实际进展为应有进展的 {p.ratio:.0%}）" if p.ratio is not None else tid
