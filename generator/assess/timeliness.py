"""Timeliness from the calendars: for each pilot (and province) and each document its
programmes require (from its enrolment on), whether it came on time, late, not at all, is not yet due, or is no
longer required (a revoked pilot). Judged on the submission date in China Standard Time,
as of any day of the programme. Pure: reads the model and the history, nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.history.pending import Pending
from generator.history.versions import History, Version
from generator.load.layout import document_path
from generator.model.calendar import with_due
from generator.model.repository import Calendar, Deadline, Enrolment, Pilot, Programme, Repository

STATE_LABELS = {
    "on_time": "按期",
    "late": "逾期",
    "missing": "未报",
    "not_due": "未到期",
    "exempt": "免报",
    "awaiting": "已提交，待确认",
    "unknown": "无法判断",
}
"""``awaiting``: committed on the current branch, not on the target branch (not confirmed);
``unknown``: no git history (an exported copy), so nothing can be said about submission."""
FLAG_LABELS = {
    "claimed_after_confirmation": "声称的提交时间晚于确认时间，按确认时间判断",
    "claimed_before_period": "声称的提交时间早于所报期别开始，按确认时间判断",
    "beyond_shallow_clone": "浅克隆：更早的历史不可见，提交时间可能更早",
    "no_history": "不是 git 仓库，无法判断提交时间",
    "awaiting_confirmation": "只在当前分支上，尚未合并确认",
}


@dataclass(frozen=True)
class Requirement:
    owner: str
    owner_kind: str  # "pilot" or "province"
    folder: str
    deadline: Deadline
    path: str
    programme: str = "pilots"
    """The id of the programme whose calendar sets the deadline."""
    enrolled_on: date | None = None
    """The pilot's enrolment in that programme: before it, the requirement does not exist yet."""


@dataclass(frozen=True)
class Assessment:
    requirement: Requirement
    state: str
    days_late: int | None
    version: Version | None
    submitted_on: date | None
    flags: tuple[str, ...] = ()
    pending: Pending | None = None
    """What the current branch submitted and the target branch has not confirmed."""

    @property
    def document(self) -> str:
        return self.requirement.deadline.document

    @property
    def period(self) -> str | None:
        return self.requirement.deadline.period


def requirements(repo: Repository) -> list[Requirement]:
    """Every document the calendars require: from each participant enrolled in a programme,
    the documents that fall due after its enrolment (a later batch owes nothing before it
    joined), and from each province the programme's provincial documents. A one-off document
    (basic information, the ledger) is owed once, to the first programme that asks for it: a
    pilot registered in 2018 does not owe its ``pilot.yaml`` again when it joins a later round."""
    programme = repo.programme
    if programme is None:
        return []
    found: list[Requirement] = []
    once: set[tuple[str, str]] = set()
    pilots = sorted(repo.all_pilots, key=lambda p: (p.folder, p.id))
    for cal in programme.calendars:
        members = [(p, e) for p in pilots if (e := repo.enrolled(p.id, cal.id)) is not None]
        for deadline in cal.deadlines:
            kind, period = deadline.document, deadline.period
            if deadline.by == "pilot":
                for pilot, enrolment in members:
                    if period is None and (pilot.id, kind) in once:
                        continue
                    if deadline.owed_by(enrolment.enrolled_on):
                        if period is None:
                            once.add((pilot.id, kind))
                        path = document_path(kind, pilot.folder, pilot.id, period)
                        due = with_due(deadline, enrolment.enrolled_on)
                        found.append(
                            Requirement(pilot.id, "pilot", pilot.folder, due, path, cal.id, enrolment.enrolled_on)
                        )
                continue
            for folder in _provinces_owing(repo, cal, deadline, members):
                path = document_path(kind, folder, None, period)
                found.append(Requirement(folder, "province", folder, deadline, path, cal.id))
    return found


def owed_by(repo: Repository, pilot: str) -> list[Deadline]:
    """What one pilot owes, every programme it is enrolled in (each with its own due date)."""
    return [r.deadline for r in requirements(repo) if r.owner_kind == "pilot" and r.owner == pilot]


def deadline_for(repo: Repository, owner: str | None, document: str, period: str | None) -> Deadline | None:
    """The deadline a pilot owes for ``document`` of ``period``, with its own due date (from
    its enrolment), or for a province's document the programme's; None when nothing is owed."""
    programme = repo.programme
    if programme is None:
        return None
    if owner is None or owner not in repo.pilots:
        return programme.deadline(document, period)
    return repo.owed(owner, document, period)


def _provinces_owing(
    repo: Repository, cal: Calendar, deadline: Deadline, members: list[tuple[Pilot, Enrolment]]
) -> list[str]:
    """The first programme's provincial documents are owed by every province; a later
    programme's by the provinces with a participant enrolled by the due date."""
    if cal.main:
        return sorted(repo.provinces)
    folders = {pilot.folder for pilot, enrolment in members if enrolment.enrolled_on <= deadline.due}
    return sorted(f for f in repo.provinces if f in folders)


def _period_start(deadline: Deadline) -> date | None:
    if deadline.starts:
        return deadline.starts
    if deadline.period and deadline.document in ("summary", "province_summary", "recommendations"):
        return date(int(deadline.period[:4]), 1, 1)
    return None


def assess_one(
    requirement: Requirement, programme: Programme, history: History, at: date, revoked_on: date | None
) -> Assessment:
    deadline = requirement.deadline
    if revoked_on is not None and revoked_on < deadline.due:
        return Assessment(requirement, "exempt", None, None, None)
    confirmed = [v for v in history.versions.get(requirement.path, []) if programme.local_date(v.confirmed_at) <= at]
    if not confirmed:
        if not history.available:
            return Assessment(requirement, "unknown", None, None, None, ("no_history",))
        pending = history.pending.get(requirement.path)
        if pending is not None:
            submitted = programme.local_date(pending.submitted_at)
            late = max((submitted - deadline.due).days, 0)
            return Assessment(
                requirement, "awaiting", late, None, submitted, ("awaiting_confirmation",), pending=pending
            )
        if at > deadline.due:
            return Assessment(requirement, "missing", (at - deadline.due).days, None, None)
        return Assessment(requirement, "not_due", None, None, None)
    first = confirmed[0]
    judged = first.submitted_at
    flags: list[str] = []
    if first.submitted_source == "author_date" and first.submitted_at > first.confirmed_at:
        flags.append("claimed_after_confirmation")
        judged = first.confirmed_at
    start = _period_start(deadline)
    if start is not None and programme.local_date(judged) < start:
        flags.append("claimed_before_period")
        judged = first.confirmed_at
    if not first.certain:
        flags.append("beyond_shallow_clone")
    submitted = programme.local_date(judged)
    late = (submitted - deadline.due).days
    state = "late" if late > 0 else "on_time"
    return Assessment(requirement, state, max(late, 0), first, submitted, tuple(flags))


def assess(repo: Repository, history: History, at: date, owners: set[str] | None = None) -> list[Assessment]:
    """Every requirement judged on its programme's day; of the pilots or provinces ``owners`` only, if given."""
    programme = repo.programme
    if programme is None:
        return []
    revoked = {p.id: p.status.revoked_on for p in repo.all_pilots}
    days = judged_on(programme, at)
    return [
        assess_one(r, programme, history, days[r.programme], revoked.get(r.owner) if r.owner_kind == "pilot" else None)
        for r in requirements(repo)
        if (r.enrolled_on is None or r.enrolled_on <= days[r.programme]) and (owners is None or r.owner in owners)
    ]


def pilot_day(repo: Repository, pilot: str, at: date) -> date:
    """The day a pilot's progress is described on: the latest day its programmes are judged on
    (a pilot only of the 2018 round is described as of that round's closing day)."""
    programme = repo.programme
    if programme is None:
        return at
    days = [c.judged_on(at) for e in repo.enrolments.get(pilot, ()) if (c := programme.calendar(e.programme))]
    return max(days) if days else at


def judged_on(programme: Programme, at: date) -> dict[str, date]:
    """The day each programme is judged on, given the site's day (see ``Calendar.judged_on``)."""
    return {c.id: c.judged_on(at) for c in programme.calendars}
