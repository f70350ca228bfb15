"""The programme: the confirmation rules, the thresholds and the calendars of
``submissions/programme.yaml`` (the first programme's calendar) and of
``submissions/programmes/*.yaml`` (later rounds, see ``calendar``)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone

from generator.load.loader import Document
from generator.model.calendar import Calendar, Deadline, Notice, calendar_from, day, opt_day, union

__all__ = ["Calendar", "Deadline", "Notice", "Programme", "Thresholds", "day", "opt_day", "programme_from"]


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
    notices: tuple[Notice, ...] = ()
    calendars: tuple[Calendar, ...] = ()
    """Every programme, the one in ``programme.yaml`` first; ``deadlines`` is their union."""
    site_name: str = ""
    """The site's name (``site.name``), or the first programme's name."""

    @property
    def main(self) -> Calendar:
        return self.calendars[0]

    def calendar(self, ident: str) -> Calendar | None:
        return next((c for c in self.calendars if c.id == ident), None)

    def with_calendars(self, others: list[Calendar]) -> Programme:
        """The programme with the later rounds' calendars added (their deadlines joined)."""
        calendars = (self.main, *others)
        return replace(self, calendars=calendars, deadlines=union(calendars))

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
    main = calendar_from(doc, main=True)
    deadlines = main.deadlines
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
        notices=main.notices,
        calendars=(main,),
        site_name=d.get("site", {}).get("name", d["name"]),
    )


def _zone(offset: str) -> timezone:
    sign = -1 if offset.startswith("-") else 1
    hours, minutes = offset.lstrip("+-").split(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))
