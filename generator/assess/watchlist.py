"""The dynamic-adjustment watch list (动态调整): pilots with missing or late documents,
measures behind schedule, targets off track and unresolved warnings, each with its
reasons, ranked by a score whose weights live in ``submissions/programme.yaml``.

Everything is judged as of a day: only reports confirmed by then count, so the list can
be replayed for any day of the programme. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from generator.assess.latest import PilotProgress, pilot_progress
from generator.assess.timeliness import Assessment
from generator.history.versions import History
from generator.load.layout import KIND_TITLES, pilot_folder
from generator.load.problems import Problem
from generator.model.repository import Repository


@dataclass
class WatchEntry:
    pilot: str
    name: str
    province: str
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


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
        if repo.enrolments.get(pilot.id) is not None and not any(
            e.enrolled_on <= at for e in repo.enrolments[pilot.id]
        ):
            continue  # not a participant yet on that day (a later batch)
        province = repo.provinces.get(pilot.folder)
        entry = WatchEntry(pilot.id, pilot.short_name, province.name if province else programme.central_name)
        mine = by_owner.get(pilot.id, [])
        missing = [a for a in mine if a.state == "missing"]
        late = [a for a in mine if a.state == "late"]
        if missing:
            entry.reasons.append("未报：" + "、".join(_doc(a) + f"（逾期 {a.days_late} 天）" for a in missing))
        if late:
            entry.reasons.append("逾期报送：" + "、".join(_doc(a) + f"（{a.days_late} 天）" for a in late))
        progress = pilot_progress(pilot, programme, history, at, drafts=False)
        behind = [(mid, s) for mid, (s, _) in progress.measures.items() if s.status == "behind"]
        off = [tid for tid, (p, _) in progress.targets.items() if p.status == "off_track"]
        moderate = [tid for tid, (p, _) in progress.targets.items() if p.status == "moderate"]
        if behind:
            entry.reasons.append("举措进度滞后：" + "；".join(f"{mid} {s.reason}" for mid, s in behind))
        if off:
            entry.reasons.append("目标进展滞后：" + "、".join(_ratio(progress, tid) for tid in off))
        if moderate:
            entry.reasons.append("目标进展一般：" + "、".join(_ratio(progress, tid) for tid in moderate))
        folder = pilot_folder(pilot.folder, pilot.id)
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
    p, latest = progress.targets[tid]
    return f"{tid}（{latest.period} 实际进展为应有进展的 {p.ratio:.0%}）" if p.ratio is not None else tid
