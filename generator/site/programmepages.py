"""The programmes on the site: a page listing every programme (the 2018 pilots, later
rounds) and a page per programme with its calendar, its batches and who is in each, and
how its documents stand; and on each pilot's page, the programmes it took part in."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator.assess.timeliness import STATE_LABELS, Assessment, judged_on
from generator.load.layout import KIND_TITLES
from generator.model.repository import Calendar, Deadline, Enrolment, Repository
from generator.site.builder import Builder
from generator.site.paging import split
from generator.site.urls import url
from generator.site.views import PilotView


@dataclass(frozen=True)
class EnrolmentView:
    """One line of a pilot's history: which programme, which batch, from when, until when."""

    programme: str
    programme_name: str
    batch: str
    enrolled_on: str
    left_on: str


@dataclass(frozen=True)
class Member:
    batch: str
    id: str
    name: str
    type_label: str
    province_name: str
    enrolled_on: str
    left_on: str
    also: tuple[tuple[str, str], ...]
    """The other programmes this participant is in: (id, short name)."""


@dataclass(frozen=True)
class BatchView:
    number: int
    name: str
    announced: str
    notice: str
    members: tuple[Member, ...]


def batch_label(enrolment: Enrolment) -> str:
    """The batch's name (``calendar_from`` names an unnamed one 第n批), or 登记即参加 without batches."""
    return "登记即参加" if enrolment.batch is None else enrolment.batch_name


def _left(enrolment: Enrolment, cal: Calendar) -> str:
    """The revocation day when it fell within the programme, else empty."""
    left = enrolment.left_on
    return left.isoformat() if left and left <= cal.end else ""


def enrolment_views(repo: Repository, pilot: str) -> list[EnrolmentView]:
    """A pilot's programmes, in order: shown on its page so a reader sees its whole history."""
    programme = repo.programme
    if programme is None:
        return []
    found = []
    for e in repo.enrolments.get(pilot, ()):
        cal = programme.calendar(e.programme)
        if cal is not None:
            found.append(
                EnrolmentView(cal.id, cal.short_name, batch_label(e), e.enrolled_on.isoformat(), _left(e, cal))
            )
    return found


def _deadline_row(d: Deadline) -> dict[str, str]:
    due = f"入选后 {d.within_days} 天内" if d.within_days is not None else d.due.isoformat()
    return {
        "document": KIND_TITLES[d.document],
        "period": d.period or "",
        "by": "试点" if d.by == "pilot" else "省级商务主管部门",
        "due": due,
        "basis": d.basis,
    }


def _batches(repo: Repository, cal: Calendar, views: dict[str, PilotView]) -> list[BatchView]:
    programme = repo.programme
    assert programme is not None
    names = {c.id: c.short_name for c in programme.calendars}
    members: dict[int | None, list[Member]] = {}
    for pilot_id in sorted(repo.enrolments):
        e = repo.enrolled(pilot_id, cal.id)
        view = views.get(pilot_id)
        if e is None or view is None:
            continue
        also = tuple((o.programme, names[o.programme]) for o in repo.enrolments[pilot_id] if o.programme != cal.id)
        member = Member(
            batch_label(e),
            pilot_id,
            view.name,
            view.type_label,
            view.province_name,
            e.enrolled_on.isoformat(),
            _left(e, cal),
            also,
        )
        members.setdefault(e.batch, []).append(member)
    order = {p: i for i, p in enumerate(views)}
    for items in members.values():
        items.sort(key=lambda m: order.get(m.id, 0))
    if not cal.explicit:
        everyone = tuple(members.get(None, []))
        return [BatchView(0, "登记的全部试点", cal.start.isoformat(), "", everyone)]
    return [
        BatchView(b.number, b.name, b.announced.isoformat(), b.notice, tuple(members.get(b.number, [])))
        for b in cal.batches
    ]


def programme_pages(b: Builder, views: dict[str, PilotView], assessments: list[Assessment]) -> None:
    repo = b.repo
    programme = repo.programme
    assert programme is not None
    days = judged_on(programme, b.inputs.at)
    summaries = []
    for cal in programme.calendars:
        mine = [a for a in assessments if a.requirement.programme == cal.id]
        counts = Counter(a.state for a in mine)
        batches = _batches(repo, cal, views)
        summary = {
            "id": cal.id,
            "name": cal.name,
            "short_name": cal.short_name,
            "start": cal.start.isoformat(),
            "end": cal.end.isoformat(),
            "judged_on": days[cal.id].isoformat(),
            "fixed": cal.as_of is not None,
            "participants": sum(len(x.members) for x in batches),
            "batches": len(batches),
            "counts": [(STATE_LABELS[s], counts[s]) for s in STATE_LABELS if counts[s]],
            "required": len(mine),
        }
        summaries.append(summary)
        # the participants in numbered pages: the page stays the same size at any number of pilots
        members = [m for batch in batches for m in batch.members]
        for path, pager, chunk in split(members, "programme", cal.id):
            b.render(
                "programme.md.j2",
                path,
                c=summary,
                notices=cal.notices,
                batches=batches,
                members=chunk,
                pager=pager,
                deadlines=[_deadline_row(d) for d in cal.deadlines],
            )
    b.render("programmes.md.j2", url("programmes"), programmes=summaries)
