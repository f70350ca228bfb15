"""The programme: the calendar, the confirmation rules and the thresholds of
``submissions/programme.yaml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from generator.load.loader import Document


def day(text: str) -> date:
    return date.fromisoformat(text)


def opt_day(text: str | None) -> date | None:
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
class Notice:
    """A notice the programme rests on (文号, 标题, 日期)."""

    number: str
    title: str
    date: str


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
    notices: tuple[Notice, ...] = ()

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


def programme_from(doc: Document) -> Programme:
    d = doc.data
    deadlines = tuple(
        Deadline(
            item["document"],
            item.get("period"),
            day(item["due"]),
            item["by"],
            opt_day(item.get("starts")),
            opt_day(item.get("ends")),
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
        notices=tuple(Notice(n["number"], n["title"], str(n["date"])) for n in d["notices"]),
    )


def _zone(offset: str) -> timezone:
    sign = -1 if offset.startswith("-") else 1
    hours, minutes = offset.lstrip("+-").split(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))
