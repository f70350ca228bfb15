"""The submission model: typed, immutable views of schema-valid documents.

``build_repository`` is a pure function from loaded documents to a ``Repository``; the
rules, the history and the site all read this model rather than raw YAML. Every entity
keeps the ``Document`` it came from, so any finding can point at a file, line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from generator.load.layout import Location
from generator.load.loader import Document


def day(text: str) -> date:
    return date.fromisoformat(text)


def _opt_day(text: str | None) -> date | None:
    return day(text) if text else None


@dataclass(frozen=True)
class Deadline:
    document: str
    period: str | None
    due: date
    by: str
    starts: date | None = None
    ends: date | None = None
    basis: str = ""
    index: int = 0


@dataclass(frozen=True)
class Thresholds:
    """The programme's rule thresholds (submissions/programme.yaml: quality, progress, watchlist)."""

    max_targets: int = 20
    max_measures: int = 30
    max_milestone_gap_days: int = 183
    on_track: float = 0.95
    moderate: float = 0.5
    measure_tolerance: float = 15
    weights: dict[str, float] = field(default_factory=dict)
    watch_threshold: float = 3


@dataclass(frozen=True)
class Programme:
    name: str
    pilot_start: date
    pilot_end: date
    deadlines: tuple[Deadline, ...]
    mofcom_name: str
    mofcom_reviewers: tuple[str, ...]
    maintainers: tuple[str, ...]
    central_folder: str
    central_name: str
    mofcom_cities: dict[str, str]
    mofcom_central_soe: bool
    kpi_sets: dict[str, tuple[str, ...]]
    pilot_kpi_set: dict[str, str]
    doc: Document
    tz: timezone = timezone(timedelta(hours=8))
    """The time zone deadlines are judged in (China Standard Time)."""
    thresholds: Thresholds = field(default_factory=Thresholds)

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(self.tz).date()

    def deadline(self, document: str, period: str | None) -> Deadline | None:
        for item in self.deadlines:
            if item.document == document and item.period == period:
                return item
        return None

    def periods(self, document: str) -> list[str]:
        return [d.period for d in self.deadlines if d.document == document and d.period]

    def in_pilot_period(self, when: date) -> bool:
        return self.pilot_start <= when <= self.pilot_end


@dataclass(frozen=True)
class Province:
    id: str
    name: str
    code: str
    kind: str
    department: str
    reviewers: tuple[str, ...]
    doc: Document


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


@dataclass(frozen=True)
class Practice:
    pilot: str
    year: str
    id: str
    title: str
    theme: str
    area: str
    summary: str
    effect: str
    figures: tuple[dict[str, Any], ...]
    conditions: str
    tags: tuple[str, ...]
    index: int


@dataclass(frozen=True)
class Summary:
    pilot: str
    year: str
    pilot_type: str
    abstract: str
    sections: dict[str, Any]
    practices: tuple[Practice, ...]
    doc: Document

    def kpis(self) -> list[tuple[tuple[str | int, ...], dict[str, float]]]:
        """Every ``kpis`` block in the sections, with its path in the document."""
        return [
            (("sections", name, "kpis"), body["kpis"])
            for name, body in self.sections.items()
            if isinstance(body, dict) and "kpis" in body
        ]


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
    status: Status
    doc: Document
    ledger: Ledger | None = None
    reports: dict[str, Report] = field(default_factory=dict)
    summaries: dict[str, Summary] = field(default_factory=dict)

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


@dataclass(frozen=True)
class Recommendations:
    province: str
    year: str
    service_enterprises: tuple[dict[str, Any], ...]
    platforms: tuple[dict[str, Any], ...]
    doc: Document


@dataclass(frozen=True)
class ProvinceSummary:
    province: str
    year: str
    data: dict[str, Any]
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

    def pilots_in(self, folder: str) -> list[Pilot]:
        return [p for p in self.all_pilots if p.folder == folder]

    def broken(self, folder: str, slug: str, name: str = "pilot.yaml") -> bool:
        """True when a pilot's file exists but did not load or validate."""
        return f"submissions/{folder}/{slug}/{name}" in self.invalid


def programme_from(doc: Document) -> Programme:
    d = doc.data
    deadlines = tuple(
        Deadline(
            item["document"],
            item.get("period"),
            day(item["due"]),
            item["by"],
            _opt_day(item.get("starts")),
            _opt_day(item.get("ends")),
            item.get("basis", ""),
            i,
        )
        for i, item in enumerate(d["deadlines"])
    )
    return Programme(
        name=d["name"],
        pilot_start=day(d["pilot_period"]["start"]),
        pilot_end=day(d["pilot_period"]["end"]),
        deadlines=deadlines,
        mofcom_name=d["mofcom"]["name"],
        mofcom_reviewers=tuple(d["mofcom"]["reviewers"]),
        maintainers=tuple(d["maintainers"]),
        central_folder=d["central"]["folder"],
        central_name=d["central"]["name"],
        mofcom_cities={c["code"]: c["kind"] for c in d["confirmation"]["mofcom_cities"]},
        mofcom_central_soe=d["confirmation"]["mofcom_central_soe"],
        kpi_sets={k: tuple(v) for k, v in d["kpi_sets"].items()},
        pilot_kpi_set=dict(d["pilot_kpi_set"]),
        doc=doc,
        tz=_zone(d["timezone"]),
        thresholds=Thresholds(
            max_targets=d["quality"]["max_targets"],
            max_measures=d["quality"]["max_measures"],
            max_milestone_gap_days=d["quality"]["max_milestone_gap_days"],
            on_track=d["progress"]["on_track"],
            moderate=d["progress"]["moderate"],
            measure_tolerance=d["progress"]["measure_tolerance"],
            weights=dict(d["watchlist"]["weights"]),
            watch_threshold=d["watchlist"]["threshold"],
        ),
    )


def _zone(offset: str) -> timezone:
    sign = -1 if offset.startswith("-") else 1
    hours, minutes = offset.lstrip("+-").split(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


def province_from(doc: Document) -> Province:
    d = doc.data
    return Province(d["id"], d["name"], d["code"], d["kind"], d["department"], tuple(d["reviewers"]), doc)


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
        industries=tuple(d["industries"]),
        pilot_industries=tuple(d.get("pilot_industries", ())),
        introduction=d.get("introduction"),
        plan_items={i["id"]: i["text"] for i in d["application_plan"]["items"]},
        status=Status(s["state"], _opt_day(s.get("revoked_on")), s.get("reason"), s.get("decision"), s.get("note")),
        doc=doc,
    )


def ledger_from(doc: Document) -> Ledger:
    d = doc.data
    targets = tuple(
        Target(
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
            index=i,
        )
        for i, t in enumerate(d["targets"])
    )
    measures = tuple(
        Measure(
            id=m["id"],
            name=m["name"],
            targets=tuple(m["targets"]),
            responsible=m["responsible"],
            start=day(m["start"]),
            end=day(m["end"]),
            milestones=tuple(Milestone(day(s["date"]), s["name"]) for s in m["milestones"]),
            deliverable=m["deliverable"],
            plan_item=m.get("plan_item"),
            index=i,
        )
        for i, m in enumerate(d["measures"])
    )
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
    )


def summary_from(doc: Document) -> Summary:
    d = doc.data
    practices = tuple(
        Practice(
            pilot=d["pilot"],
            year=d["year"],
            id=p["id"],
            title=p["title"],
            theme=p["theme"],
            area=p["area"],
            summary=p["summary"],
            effect=p["effect"]["text"],
            figures=tuple(p["effect"].get("figures", ())),
            conditions=p["conditions"],
            tags=tuple(p["tags"]),
            index=i,
        )
        for i, p in enumerate(d["practices"])
    )
    return Summary(d["pilot"], d["year"], d["pilot_type"], d["abstract"], d["sections"], practices, doc)


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
    for _, doc in by_kind.get("recommendations", []):
        d = doc.data
        repo.recommendations.append(
            Recommendations(d["province"], d["year"], tuple(d["service_enterprises"]), tuple(d["platforms"]), doc)
        )
    for _, doc in by_kind.get("province_summary", []):
        repo.province_summaries.append(ProvinceSummary(doc.data["province"], doc.data["year"], doc.data, doc))
    return repo
