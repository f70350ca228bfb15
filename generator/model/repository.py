"""The submission model: typed, immutable views of schema-valid documents.

``build_repository`` is a pure function from loaded documents to a ``Repository``; the
rules, the history and the site all read this model rather than raw YAML. Every entity
keeps the ``Document`` it came from, so any finding can point at a file, line and column.

The entities live in ``programme``, ``pilot``, ``summary`` and ``provincial``; they are
re-exported here so that ``from generator.model.repository import Pilot`` keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from generator.load.layout import Location, document_path
from generator.load.loader import Document
from generator.model.calendar import Batch, Calendar, Enrolment, calendar_from, enrolments, with_due
from generator.model.pilot import (
    Contact,
    Ledger,
    Measure,
    MeasureProgress,
    Milestone,
    Pilot,
    Report,
    Status,
    Target,
    TargetValue,
    ledger_from,
    pilot_from,
    report_from,
)
from generator.model.programme import Deadline, Notice, Programme, Thresholds, day, programme_from
from generator.model.provincial import (
    Platform,
    ProvinceSummary,
    Recommendations,
    ServiceEnterprise,
    province_summary_from,
    recommendations_from,
)
from generator.model.summary import Figure, Practice, Section, Summary, TargetCompletion, summary_from

__all__ = [
    "Batch",
    "Calendar",
    "Contact",
    "Deadline",
    "Enrolment",
    "Figure",
    "Ledger",
    "Measure",
    "MeasureProgress",
    "Milestone",
    "Notice",
    "Pilot",
    "Platform",
    "Practice",
    "Programme",
    "Province",
    "ProvinceSummary",
    "Recommendations",
    "Report",
    "Repository",
    "Section",
    "ServiceEnterprise",
    "Status",
    "Summary",
    "Target",
    "TargetCompletion",
    "TargetValue",
    "Thresholds",
    "build_repository",
    "day",
    "programme_from",
]


@dataclass(frozen=True)
class Province:
    id: str
    name: str
    code: str
    kind: str
    department: str
    reviewers: tuple[str, ...]
    doc: Document


@dataclass
class Repository:
    programme: Programme | None
    provinces: dict[str, Province] = field(default_factory=dict)
    pilots: dict[str, Pilot] = field(default_factory=dict)
    """Pilots by id; with a duplicated id, the first in path order (the rest are in ``all_pilots``)."""
    all_pilots: list[Pilot] = field(default_factory=list)
    recommendations: list[Recommendations] = field(default_factory=list)
    province_summaries: list[ProvinceSummary] = field(default_factory=list)
    documents: list[tuple[Location, Document]] = field(default_factory=list)
    invalid: set[str] = field(default_factory=set)
    """Paths that exist but did not load or validate: rules that depend on them stay quiet."""
    enrolments: dict[str, tuple[Enrolment, ...]] = field(default_factory=dict)
    """Each registered pilot's enrolments in the programmes, in programme order."""

    def enrolled(self, pilot: str, programme: str) -> Enrolment | None:
        return next((e for e in self.enrolments.get(pilot, ()) if e.programme == programme), None)

    def owed(self, pilot: str, document: str, period: str | None) -> Deadline | None:
        """The deadline a pilot owes for ``document`` of ``period``: from the first programme
        whose calendar asks it of the pilot since its enrolment, with the pilot's own due date;
        None when no programme it is enrolled in asks for it."""
        if self.programme is None:
            return None
        for e in self.enrolments.get(pilot, ()):
            cal = self.programme.calendar(e.programme)
            for d in cal.deadlines if cal else ():
                if d.by == "pilot" and (d.document, d.period) == (document, period) and d.owed_by(e.enrolled_on):
                    return with_due(d, e.enrolled_on)
        return None

    def span(self, pilot: str) -> tuple[date, date] | None:
        """From the start of the first to the end of the last programme the pilot is enrolled in
        (its ledger's dates must fall in it); None without a programme or an enrolment."""
        if self.programme is None:
            return None
        cals = [self.programme.calendar(e.programme) for e in self.enrolments.get(pilot, ())]
        found = [c for c in cals if c is not None]
        if not found:
            return None
        return min(c.start for c in found), max(c.end for c in found)

    def pilots_in(self, folder: str) -> list[Pilot]:
        return [p for p in self.all_pilots if p.folder == folder]

    def broken(self, folder: str, slug: str, kind: str = "pilot", period: str | None = None) -> bool:
        """True when a pilot's document exists but did not load or validate."""
        return document_path(kind, folder, slug, period) in self.invalid


def province_from(doc: Document) -> Province:
    d = doc.data
    return Province(d["id"], d["name"], d["code"], d["kind"], d["department"], tuple(d["reviewers"]), doc)


def build_repository(valid: list[tuple[Location, Document]], invalid: set[str]) -> Repository:
    """Assemble the model from schema-valid documents. Pure."""
    by_kind: dict[str, list[tuple[Location, Document]]] = {}
    for location, doc in valid:
        by_kind.setdefault(location.kind, []).append((location, doc))
    programme = next((programme_from(doc) for _, doc in by_kind.get("programme", [])), None)
    repo = Repository(programme, documents=list(valid), invalid=set(invalid))
    for location, doc in by_kind.get("province", []):
        repo.provinces.setdefault(location.province or "", province_from(doc))
    by_folder: dict[tuple[str | None, str | None], Pilot] = {}
    for location, doc in sorted(by_kind.get("pilot", []), key=lambda item: item[1].path):
        pilot = pilot_from(doc, location.province or "", location.pilot or doc.data["id"])
        repo.all_pilots.append(pilot)
        repo.pilots.setdefault(pilot.id, pilot)
        by_folder[(location.province, location.pilot)] = pilot
    for location, doc in by_kind.get("ledger", []):
        owner = by_folder.get((location.province, location.pilot))
        if owner is not None:
            owner.ledger = ledger_from(doc)
    for location, doc in by_kind.get("report", []):
        owner = by_folder.get((location.province, location.pilot))
        if owner is not None and location.period:
            owner.reports[location.period] = report_from(doc)
    for location, doc in by_kind.get("summary", []):
        owner = by_folder.get((location.province, location.pilot))
        if owner is not None and location.period:
            owner.summaries[location.period] = summary_from(doc)
    if programme is not None:
        others = sorted(
            (calendar_from(doc) for loc, doc in by_kind.get("calendar", []) if doc.data.get("id") == loc.period),
            key=lambda c: (c.start, c.id),
        )
        repo.programme = programme = programme.with_calendars(others)
        revoked = {p.id: p.status.revoked_on for p in repo.all_pilots}
        repo.enrolments = enrolments(programme.calendars, list(repo.pilots), revoked)
    repo.recommendations.extend(recommendations_from(doc) for _, doc in by_kind.get("recommendations", []))
    repo.province_summaries.extend(province_summary_from(doc) for _, doc in by_kind.get("province_summary", []))
    return repo
