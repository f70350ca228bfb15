"""A pilot and its own documents: basic information, the ledger (targets and measures) and
the quarterly reports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from generator.load.loader import Document
from generator.model.programme import Programme, day, opt_day
from generator.model.summary import Summary


@dataclass(frozen=True)
class Contact:
    """A contact person: personal information, shown only in the internal profile."""

    name: str
    phone: str
    position: str = ""
    email: str = ""


def contacts_from(items: Iterable[dict[str, Any]]) -> tuple[Contact, ...]:
    return tuple(Contact(c["name"], c["phone"], c.get("position", ""), c.get("email", "")) for c in items)


@dataclass(frozen=True)
class Target:
    id: str
    name: str
    indicator: str
    kind: str
    direction: str
    unit: str
    baseline_value: float | None
    baseline_text: str | None
    baseline_date: date
    target_value: float | None
    target_text: str | None
    target_date: date
    theme: str
    plan_item: str | None
    index: int


@dataclass(frozen=True)
class Milestone:
    date: date
    name: str


@dataclass(frozen=True)
class Measure:
    id: str
    name: str
    targets: tuple[str, ...]
    responsible: str
    start: date
    end: date
    milestones: tuple[Milestone, ...]
    deliverable: str
    plan_item: str | None
    index: int


@dataclass(frozen=True)
class Ledger:
    pilot: str
    revised_on: date
    revision_note: str | None
    targets: tuple[Target, ...]
    measures: tuple[Measure, ...]
    doc: Document

    def target(self, target_id: str) -> Target | None:
        return next((t for t in self.targets if t.id == target_id), None)

    def measure(self, measure_id: str) -> Measure | None:
        return next((m for m in self.measures if m.id == measure_id), None)


@dataclass(frozen=True)
class TargetValue:
    id: str
    value: float | None
    unit: str | None
    text: str | None
    note: str | None
    index: int


@dataclass(frozen=True)
class MeasureProgress:
    id: str
    status: str
    percent: float
    narrative: str
    index: int


@dataclass(frozen=True)
class Report:
    pilot: str
    period: str
    overview: str
    targets: tuple[TargetValue, ...]
    measures: tuple[MeasureProgress, ...]
    problems: tuple[str, ...]
    next_steps: tuple[str, ...]
    kpis: dict[str, float]
    doc: Document
    reviewer_notes: str | None = None

    def target(self, target_id: str) -> TargetValue | None:
        return next((v for v in self.targets if v.id == target_id), None)

    def measure(self, measure_id: str) -> MeasureProgress | None:
        return next((x for x in self.measures if x.id == measure_id), None)


@dataclass(frozen=True)
class Status:
    state: str
    revoked_on: date | None
    reason: str | None
    decision: str | None
    note: str | None


@dataclass
class Pilot:
    id: str
    folder: str
    name: str
    short_name: str
    type: str
    category: str | None
    central_soe: bool
    division_code: str | None
    industries: tuple[str, ...]
    pilot_industries: tuple[str, ...]
    introduction: str | None
    plan_items: dict[str, str]
    """Application-plan items by id: their text."""
    status: Status
    doc: Document
    ledger: Ledger | None = None
    reports: dict[str, Report] = field(default_factory=dict)
    summaries: dict[str, Summary] = field(default_factory=dict)
    contacts: tuple[Contact, ...] = ()
    plan_kinds: dict[str, str] = field(default_factory=dict)
    """Application-plan items by id: ``goal`` or ``task``."""

    @property
    def kind_key(self) -> str:
        """``city`` or the enterprise category: the key of ``pilot_kpi_set``."""
        return "city" if self.type == "city" else (self.category or "entity")

    def confirmer(self, programme: Programme) -> str:
        """``mofcom`` or the province folder that confirms this pilot's documents."""
        if self.type == "city" and self.division_code in programme.mofcom_cities:
            return "mofcom"
        if self.type == "enterprise" and self.central_soe and programme.mofcom_central_soe:
            return "mofcom"
        return self.folder


def pilot_from(doc: Document, folder: str, slug: str) -> Pilot:
    """``slug`` is the pilot's folder name: the identity everything else refers to (a
    differing ``id`` in the file is reported by the identity rule)."""
    d = doc.data
    s = d["status"]
    return Pilot(
        id=slug,
        folder=folder,
        name=d["name"],
        short_name=d.get("short_name", d["name"]),
        type=d["type"],
        category=d.get("category"),
        central_soe=bool(d.get("central_soe", False)),
        division_code=d.get("division_code"),
        industries=tuple(d.get("industries", ())),
        pilot_industries=tuple(d.get("pilot_industries", ())),
        introduction=d.get("introduction"),
        plan_items={i["id"]: i["text"] for i in d["application_plan"]["items"]},
        status=Status(s["state"], opt_day(s.get("revoked_on")), s.get("reason"), s.get("decision"), s.get("note")),
        doc=doc,
        contacts=contacts_from(d.get("contacts", ())),
        plan_kinds={i["id"]: i.get("kind", "goal") for i in d["application_plan"]["items"]},
    )


def _target(t: dict[str, Any], index: int) -> Target:
    return Target(
        id=t["id"],
        name=t["name"],
        indicator=t["indicator"],
        kind=t["kind"],
        direction=t["direction"],
        unit=t["unit"],
        baseline_value=t["baseline"].get("value"),
        baseline_text=t["baseline"].get("text"),
        baseline_date=day(t["baseline"]["date"]),
        target_value=t["target"].get("value"),
        target_text=t["target"].get("text"),
        target_date=day(t["target"]["date"]),
        theme=t["theme"],
        plan_item=t.get("plan_item"),
        index=index,
    )


def _measure(m: dict[str, Any], index: int) -> Measure:
    return Measure(
        id=m["id"],
        name=m["name"],
        targets=tuple(m["targets"]),
        responsible=m["responsible"],
        start=day(m["start"]),
        end=day(m["end"]),
        milestones=tuple(Milestone(day(s["date"]), s["name"]) for s in m["milestones"]),
        deliverable=m["deliverable"],
        plan_item=m.get("plan_item"),
        index=index,
    )


def ledger_from(doc: Document) -> Ledger:
    d = doc.data
    targets = tuple(_target(t, i) for i, t in enumerate(d["targets"]))
    measures = tuple(_measure(m, i) for i, m in enumerate(d["measures"]))
    return Ledger(d["pilot"], day(d["revised_on"]), d.get("revision_note"), targets, measures, doc)


def report_from(doc: Document) -> Report:
    d = doc.data
    return Report(
        pilot=d["pilot"],
        period=d["period"],
        overview=d["overview"],
        targets=tuple(
            TargetValue(t["id"], t.get("value"), t.get("unit"), t.get("text"), t.get("note"), i)
            for i, t in enumerate(d["targets"])
        ),
        measures=tuple(
            MeasureProgress(m["id"], m["status"], m["percent"], m["narrative"], i) for i, m in enumerate(d["measures"])
        ),
        problems=tuple(d.get("problems", ())),
        next_steps=tuple(d.get("next_steps", ())),
        kpis=dict(d.get("kpis", {})),
        doc=doc,
        reviewer_notes=d.get("reviewer_notes"),
    )
