"""View models for the site: typed, plain values computed from the model, the history and
the assessments (``pilotview`` and ``practiceview`` fill them). Pure; templates only format
what is here."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.history.versions import Version
from generator.model.repository import Contact, Programme, Target
from generator.site.charts import fmt_number


@dataclass(frozen=True)
class Source:
    path: str
    commit: str | None = None
    confirmed_on: str | None = None
    confirmed_by: str | None = None


@dataclass(frozen=True)
class TargetRow:
    id: str
    name: str
    indicator: str
    unit: str
    qualitative: bool
    direction: str
    baseline: str
    baseline_date: str
    latest: str | None
    latest_period: str | None
    goal: str
    goal_date: str
    progress: int | None
    theme: str
    status: str = "not_assessable"
    status_label: str = "无法评估"
    ratio: float | None = None


@dataclass(frozen=True)
class MeasureRow:
    id: str
    name: str
    responsible: str
    start: str
    end: str
    targets: str
    status: str | None
    status_label: str
    percent: float | None
    period: str | None
    milestones: tuple[tuple[str, str], ...]
    deliverable: str
    schedule: str = "not_assessable"
    schedule_label: str = "无法评估"
    schedule_reason: str = ""


@dataclass(frozen=True)
class TimelineRow:
    document: str
    period: str
    due: str
    state: str
    state_label: str
    days_late: int | None
    submitted_on: str | None
    source: Source | None
    url: str | None


@dataclass(frozen=True)
class Series:
    key: str
    title: str
    unit: str
    points: tuple[tuple[str, float], ...]
    goal: float | None = None
    ytd: bool = False
    """A year-to-date value (the KPIs of 附件3): drawn one line per year."""


@dataclass(frozen=True)
class Revision:
    source: Source
    changes: tuple[str, ...]


@dataclass(frozen=True)
class PracticeView:
    slug: str
    pilot_id: str
    pilot_name: str
    province_id: str
    province_name: str
    pilot_type: str
    pilot_type_label: str
    industry_section: str
    year: str
    id: str
    title: str
    theme: str
    theme_label: str
    area_label: str
    summary: str
    effect: str
    figures: tuple[tuple[str, str, str], ...]
    conditions: str
    tags: tuple[str, ...]
    source: Source
    owners: tuple[tuple[str, str], ...] = ()
    """(name, page) of each owner; the page is empty for the ministry."""
    pilots: tuple[str, ...] = ()
    """The ids of the pilots among the owners (``pilot_id`` is empty for a listed practice)."""
    provenance: tuple[tuple[str, str], ...] = ()
    """(what the publication says it is, its page or address) for each publication."""
    lists: tuple[tuple[str, str], ...] = ()
    """(key, label) of each published list and batch the practice appears in, for browsing."""
    category: str = ""
    """The list's own 类别 and 方面, as the list words them."""
    topic: str = ""
    """The theme readers browse by (``generator.reference.themes``: 供应链金融, 协同平台, ...); ``theme``
    is the part of 附件3 the report filed it under."""
    topic_label: str = ""
    headline: tuple[str, str, str] | None = None
    """The effect in one figure: (indicator, value as the source words it, value before or ""),
    from the first figure."""

    @property
    def place(self) -> str:
        """The province, unless an owner has the same name (a province's own practice, or a
        municipality's city pilot): a place is said once."""
        return "" if any(name == self.province_name for name, _ in self.owners) else self.province_name


@dataclass(frozen=True)
class Verdict:
    """The top of a pilot's page: how many targets are on track or behind, which measures are
    behind and which documents are late or missing now."""

    targets: tuple[tuple[str, str, int], ...] = ()
    """(state, label, count) for each target judgement that occurs, in TARGET_ORDER."""
    targets_behind: tuple[TargetRow, ...] = ()
    measures: int = 0
    measures_behind: tuple[MeasureRow, ...] = ()
    documents_late: tuple[TimelineRow, ...] = ()


TARGET_ORDER = ("achieved", "on_track", "moderate", "off_track", "not_assessable")


def verdict_of(targets: list[TargetRow], measures: list[MeasureRow], timeline: list[TimelineRow]) -> Verdict:
    counts = []
    for state in TARGET_ORDER:
        rows = [t for t in targets if t.status == state]
        if rows:
            counts.append((state, rows[0].status_label, len(rows)))
    return Verdict(
        targets=tuple(counts),
        targets_behind=tuple(t for t in targets if t.status in ("moderate", "off_track")),
        measures=len(measures),
        measures_behind=tuple(x for x in measures if x.schedule == "behind"),
        documents_late=tuple(r for r in timeline if r.state in ("late", "missing")),
    )


@dataclass
class PilotView:
    id: str
    name: str
    """The one name the site gives the pilot everywhere (``labels.pilot_name``)."""
    short_name: str
    """The same as ``name`` (kept for the templates and modules that read it)."""
    type: str
    type_label: str
    kind_label: str
    province_id: str
    province_name: str
    confirmer: str
    industries: tuple[tuple[str, str], ...]
    industry_section: str
    pilot_industries: tuple[str, ...]
    introduction: str | None
    plan_items: tuple[tuple[str, str], ...]
    revoked: bool
    revoked_on: str | None
    reason: str | None
    decision: str | None
    note: str | None
    source: Source
    ledger_source: Source | None
    targets: list[TargetRow] = field(default_factory=list)
    measures: list[MeasureRow] = field(default_factory=list)
    timeline: list[TimelineRow] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    reports: list[tuple[str, str]] = field(default_factory=list)
    summaries: list[tuple[str, str]] = field(default_factory=list)
    practices: list[PracticeView] = field(default_factory=list)
    contacts: tuple[Contact, ...] = ()
    drafts: tuple[str, ...] = ()
    """Files of this pilot not confirmed: changed in the work tree, or committed only on the
    current branch (a pull request's build): submitted, awaiting confirmation."""
    on_time: int = 0
    due: int = 0
    verdict: Verdict = field(default_factory=Verdict)
    registered_name: str = ""
    as_of: str = ""
    """The day the pilot is described on (the latest day its programmes are judged on)."""
    """The full name as registered (pilot.yaml ``name``), given once on the pilot's own page."""


def source_of(path: str, version: Version | None, programme: Programme) -> Source:
    if version is None:
        return Source(path)
    return Source(path, version.commit, programme.local_date(version.confirmed_at).isoformat(), version.confirmed_by)


def fmt_value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    text = fmt_number(value)
    return text if unit in ("", "无") else (f"{text}{unit}" if unit in ("%", "‰") else f"{text} {unit}")


def progress_toward(target: Target, latest: float | None) -> int | None:
    """Share of the way from baseline to goal, in percent (0–100), with direction respected."""
    if latest is None or target.baseline_value is None or target.target_value is None:
        return None
    span = target.target_value - target.baseline_value
    if span == 0:
        return 100
    share = (latest - target.baseline_value) / span
    return round(max(0.0, min(1.0, share)) * 100)
