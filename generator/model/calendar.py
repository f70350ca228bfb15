"""Programmes (rounds of the work) and who is enrolled in them.

The repository holds one or more programmes: the 2018–2020 pilots in
``submissions/programme.yaml`` and any later round (the demonstration cities and
enterprises, in batches) in ``submissions/programmes/<id>.yaml``. Each has its own
calendar; a participant is registered once (its ``pilot.yaml``) and enrolled in a
programme by being named in one of its batches. Obligations start at enrolment and end
at revocation or the programme's end.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from generator.load.loader import Document

MAIN_ID = "pilots"
"""The id of the programme in ``programme.yaml`` when it names none (a repository of one programme)."""


def day(text: str) -> date:
    return date.fromisoformat(text)


def opt_day(text: str | None) -> date | None:
    return day(text) if text else None


@dataclass(frozen=True)
class Deadline:
    document: str
    period: str | None
    due: date
    """The fixed due date; for a deadline counted from enrolment (``within_days``), the due
    date of a participant enrolled on the programme's first day (each enrolment has its own)."""
    by: str
    starts: date | None = None
    ends: date | None = None
    basis: str = ""
    index: int = 0
    programme: str = MAIN_ID
    within_days: int | None = None
    """Due this many days after a participant's enrolment (a later batch has its own due date)."""

    def due_for(self, enrolled_on: date) -> date:
        """The due date for a participant enrolled on ``enrolled_on``."""
        if self.within_days is None:
            return self.due
        return enrolled_on + timedelta(days=self.within_days)

    def owed_by(self, enrolled_on: date) -> bool:
        """Whether a participant enrolled on ``enrolled_on`` owes this document: it falls due
        after the enrolment, and the period it reports on (if any) has not ended before it."""
        if self.due_for(enrolled_on) < enrolled_on:
            return False
        ends = self.ends
        if ends is None and self.period and len(self.period) == 4:
            ends = date(int(self.period), 12, 31)  # a year's document: the year must not have ended
        return ends is None or ends >= enrolled_on


@dataclass(frozen=True)
class Notice:
    """A notice the programme rests on (文号, 标题, 日期)."""

    number: str
    title: str
    date: str


@dataclass(frozen=True)
class Batch:
    """A published list of participants (第一批, 第二批, …): who, from when, on which notice."""

    number: int
    name: str
    announced: date
    notice: str
    participants: tuple[str, ...]
    index: int


@dataclass(frozen=True)
class Calendar:
    """One programme: its period, its deadlines, its batches and the day it is judged on."""

    id: str
    name: str
    short_name: str
    start: date
    end: date
    deadlines: tuple[Deadline, ...]
    notices: tuple[Notice, ...]
    batches: tuple[Batch, ...]
    explicit: bool
    """False when ``programme.yaml`` lists no batches: every registered pilot is then enrolled
    on the first day (the one-programme layout)."""
    as_of: date | None
    doc: Document
    main: bool = False

    def judged_on(self, at: date) -> date:
        """The day this programme's timeliness is judged on: ``at``, but never after ``as_of``
        (a programme that has ended is described as of its own closing day)."""
        return min(at, self.as_of) if self.as_of else at


@dataclass(frozen=True)
class Enrolment:
    pilot: str
    programme: str
    batch: int | None
    batch_name: str
    enrolled_on: date
    left_on: date | None = None
    """The revocation day, if the pilot was revoked: obligations end there."""


def deadlines_from(items: list[dict[str, Any]], programme: str, start: date) -> tuple[Deadline, ...]:
    found = []
    for i, item in enumerate(items):
        within = item.get("within_days")
        due = day(item["due"]) if item.get("due") else start + timedelta(days=within or 0)
        found.append(
            Deadline(
                item["document"],
                item.get("period"),
                due,
                item["by"],
                opt_day(item.get("starts")),
                opt_day(item.get("ends")),
                item.get("basis", ""),
                i,
                programme,
                within,
            )
        )
    return tuple(found)


def calendar_from(doc: Document, main: bool = False) -> Calendar:
    """A programme's calendar: ``programme.yaml`` (``main``) or ``programmes/<id>.yaml``."""
    d = doc.data
    ident = d.get("id", MAIN_ID)
    span = d["pilot_period"] if main else d["period"]
    start = day(span["start"])
    batches = tuple(
        Batch(
            b["batch"],
            b.get("name", f"第{b['batch']}批"),
            day(b["announced"]),
            b.get("notice", ""),
            tuple(b["participants"]),
            i,
        )
        for i, b in enumerate(d.get("batches", []))
    )
    return Calendar(
        id=ident,
        name=d["name"],
        short_name=d.get("short_name", d["name"]),
        start=start,
        end=day(span["end"]),
        deadlines=deadlines_from(d["deadlines"], ident, start),
        notices=tuple(Notice(n["number"], n["title"], str(n["date"])) for n in d.get("notices", [])),
        batches=batches,
        explicit=not main or "batches" in d,
        as_of=opt_day(d.get("as_of")),
        doc=doc,
        main=main,
    )


def enrolments(
    calendars: tuple[Calendar, ...], registered: list[str], revoked: dict[str, date | None]
) -> dict[str, tuple[Enrolment, ...]]:
    """Each registered pilot's enrolments, in programme order. A name in a batch that is not
    registered is left out here (a rule reports it); a pilot named twice in one programme is
    enrolled by its first batch."""
    known = set(registered)
    found: dict[str, list[Enrolment]] = {p: [] for p in registered}
    for cal in calendars:
        if not cal.explicit:
            for pilot in registered:
                found[pilot].append(Enrolment(pilot, cal.id, None, "", cal.start, revoked.get(pilot)))
            continue
        seen: set[str] = set()
        for batch in cal.batches:
            for pilot in batch.participants:
                if pilot in known and pilot not in seen:
                    seen.add(pilot)
                    found[pilot].append(
                        Enrolment(pilot, cal.id, batch.number, batch.name, batch.announced, revoked.get(pilot))
                    )
    return {p: tuple(items) for p, items in found.items()}


def union(calendars: tuple[Calendar, ...]) -> tuple[Deadline, ...]:
    """Every programme's deadlines, the main programme's first (their order is the calendar's)."""
    return tuple(d for cal in calendars for d in cal.deadlines)


def with_due(deadline: Deadline, enrolled_on: date) -> Deadline:
    return deadline if deadline.within_days is None else replace(deadline, due=deadline.due_for(enrolled_on))
