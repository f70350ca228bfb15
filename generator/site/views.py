"""View models for the site: typed, plain values computed from the model, the history and
the timeliness assessment. Pure; templates only format what is here."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from generator.history.versions import History, Version
from generator.reference.industries import industry_section
from generator.load.layout import KIND_TITLES
from generator.history.ledger_diff import diff_ledgers
from generator.model.repository import Pilot, Programme, Repository, Summary, Target
from generator.site.charts import fmt_number
from generator.site.labels import Labels
from generator.assess.timeliness import STATE_LABELS, Assessment
from generator.assess.watchlist import pilot_progress


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


@dataclass
class PilotView:
    id: str
    name: str
    short_name: str
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
    contacts: tuple[dict[str, str], ...] = ()
    drafts: tuple[str, ...] = ()
    """Files of this pilot not confirmed: changed in the work tree, or committed only on the
    current branch (a pull request's build): submitted, awaiting confirmation."""
    on_time: int = 0
    due: int = 0


def source_of(path: str, version: Version | None, programme: Programme) -> Source:
    if version is None:
        return Source(path)
    return Source(path, version.commit, programme.local_date(version.confirmed_at).isoformat(), version.confirmed_by)


def pilot_url(pilot_id: str) -> str:
    return f"pilots/{pilot_id}/index.md"


def report_url(pilot_id: str, period: str) -> str:
    return f"pilots/{pilot_id}/reports/{period}.md"


def summary_url(pilot_id: str, year: str) -> str:
    return f"pilots/{pilot_id}/summaries/{year}.md"


def practice_slug(pilot_id: str, year: str, practice_id: str) -> str:
    return f"{pilot_id}-{year}-{practice_id.lower()}"


def _value(value: float | None, unit: str) -> str:
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


def pilot_view(
    pilot: Pilot,
    repo: Repository,
    history: History,
    assessments: list[Assessment],
    labels: Labels,
    ledger_texts: dict[str, list[tuple[Version, dict[str, object]]]],
    at: date,
) -> PilotView:
    programme = repo.programme
    assert programme is not None
    province = repo.provinces.get(pilot.folder)
    province_name = province.name if province else programme.central_name
    confirmer = pilot.confirmer(programme)
    base = f"submissions/{pilot.folder}/{pilot.id}"
    view = PilotView(
        id=pilot.id,
        name=pilot.name,
        short_name=pilot.short_name,
        type=pilot.type,
        type_label=labels.pilot_type.get(pilot.type, pilot.type),
        kind_label=labels.category.get(pilot.category or "", "") + ("（中央企业）" if pilot.central_soe else ""),
        province_id=pilot.folder,
        province_name=province_name,
        confirmer=programme.mofcom_name if confirmer == "mofcom" else (province.department if province else ""),
        industries=tuple((c, labels.industry(c)) for c in pilot.industries),
        industry_section=industry_section(pilot.industries[0]) if pilot.industries else "",
        pilot_industries=pilot.pilot_industries,
        introduction=pilot.introduction,
        plan_items=tuple(pilot.plan_items.items()),
        revoked=pilot.status.state == "revoked",
        revoked_on=pilot.status.revoked_on.isoformat() if pilot.status.revoked_on else None,
        reason=labels.reason.get(pilot.status.reason or "", None),
        decision=pilot.status.decision,
        note=pilot.status.note,
        source=source_of(f"{base}/pilot.yaml", history.latest(f"{base}/pilot.yaml"), programme),
        ledger_source=source_of(f"{base}/ledger.yaml", history.latest(f"{base}/ledger.yaml"), programme)
        if pilot.ledger
        else None,
        contacts=tuple(pilot.doc.data.get("contacts", ())),
        drafts=tuple(d for d in history.unconfirmed if d.startswith(base + "/")),
    )
    periods = sorted(pilot.reports)
    view.reports = [(p, report_url(pilot.id, p)) for p in periods]
    view.summaries = [(y, summary_url(pilot.id, y)) for y in sorted(pilot.summaries)]
    if pilot.ledger is not None:
        judged = pilot_progress(pilot, programme, history, at)
        view.targets = [
            replace(
                row,
                status=judged.targets[row.id][0].status,
                status_label=judged.targets[row.id][0].label,
                ratio=judged.targets[row.id][0].ratio,
            )
            for row in _targets(pilot, periods, labels)
        ]
        view.measures = [
            replace(
                row,
                schedule=judged.measures[row.id][0].status,
                schedule_label=judged.measures[row.id][0].label,
                schedule_reason=judged.measures[row.id][0].reason,
            )
            for row in _measures(pilot, periods, labels)
        ]
    view.series = _series(pilot, periods, labels)
    view.timeline = _timeline(pilot.id, assessments, programme)
    view.due = sum(a.state in ("on_time", "late", "missing") for a in assessments)
    view.on_time = sum(a.state == "on_time" for a in assessments)
    view.revisions = _revisions(ledger_texts.get(f"{base}/ledger.yaml", []), programme)
    return view


def _targets(pilot: Pilot, periods: list[str], labels: Labels) -> list[TargetRow]:
    assert pilot.ledger is not None
    rows = []
    for t in pilot.ledger.targets:
        latest: float | None = None
        latest_text: str | None = None
        latest_period: str | None = None
        for period in periods:
            entry = next((v for v in pilot.reports[period].targets if v.id == t.id), None)
            if entry is not None and (entry.value is not None or entry.text):
                latest, latest_text, latest_period = entry.value, entry.text, period
        qualitative = t.kind == "qualitative"
        rows.append(
            TargetRow(
                id=t.id,
                name=t.name,
                indicator=t.indicator,
                unit=t.unit,
                qualitative=qualitative,
                direction="越小越好" if t.direction == "decrease" else "越大越好",
                baseline=t.baseline_text or "" if qualitative else _value(t.baseline_value, t.unit),
                baseline_date=t.baseline_date.isoformat(),
                latest=(latest_text if qualitative else _value(latest, t.unit)) if latest_period else None,
                latest_period=latest_period,
                goal=t.target_text or "" if qualitative else _value(t.target_value, t.unit),
                goal_date=t.target_date.isoformat(),
                progress=None if qualitative else progress_toward(t, latest),
                theme=labels.theme.get(t.theme, t.theme),
            )
        )
    return rows


def _measures(pilot: Pilot, periods: list[str], labels: Labels) -> list[MeasureRow]:
    assert pilot.ledger is not None
    rows = []
    for m in pilot.ledger.measures:
        status = percent = period = None
        for p in periods:
            entry = next((x for x in pilot.reports[p].measures if x.id == m.id), None)
            if entry is not None:
                status, percent, period = entry.status, entry.percent, p
        rows.append(
            MeasureRow(
                id=m.id,
                name=m.name,
                responsible=m.responsible,
                start=m.start.isoformat(),
                end=m.end.isoformat(),
                targets="、".join(m.targets),
                status=status,
                status_label=labels.measure_status.get(status or "", "尚未报告"),
                percent=percent,
                period=period,
                milestones=tuple((s.date.isoformat(), s.name) for s in m.milestones),
                deliverable=m.deliverable,
            )
        )
    return rows


def _series(pilot: Pilot, periods: list[str], labels: Labels) -> list[Series]:
    found: list[Series] = []
    if pilot.ledger is not None:
        for t in pilot.ledger.targets:
            if t.kind != "quantitative" or t.baseline_value is None:
                continue
            points = [("基期", t.baseline_value)]
            for p in periods:
                entry = next((v for v in pilot.reports[p].targets if v.id == t.id), None)
                if entry is not None and entry.value is not None:
                    points.append((p, entry.value))
            if len(points) > 1:
                found.append(
                    Series(f"target-{t.id.lower()}", f"{t.id} {t.indicator}", t.unit, tuple(points), t.target_value)
                )
    keys: list[str] = []
    for p in periods:
        keys.extend(k for k in pilot.reports[p].kpis if k not in keys)
    for key in keys:
        points = [(p, pilot.reports[p].kpis[key]) for p in periods if key in pilot.reports[p].kpis]
        found.append(
            Series(
                f"kpi-{key.replace('_', '-')}",
                labels.kpi_title.get(key, key),
                labels.kpi_unit.get(key, ""),
                tuple(points),
            )
        )
    return found


def _timeline(pilot_id: str, assessments: list[Assessment], programme: Programme) -> list[TimelineRow]:
    rows = []
    for a in assessments:
        v = a.version
        kind = a.document
        url = None
        if v is not None and kind == "report" and a.period:
            url = report_url(pilot_id, a.period)
        elif v is not None and kind == "summary" and a.period:
            url = summary_url(pilot_id, a.period)
        rows.append(
            TimelineRow(
                document=KIND_TITLES[kind],
                period=a.period or "",
                due=a.requirement.deadline.due.isoformat(),
                state=a.state,
                state_label=STATE_LABELS[a.state],
                days_late=a.days_late,
                submitted_on=a.submitted_on.isoformat() if a.submitted_on else None,
                source=source_of(a.requirement.path, v, programme) if v else None,
                url=url,
            )
        )
    return rows


def _revisions(versions: list[tuple[Version, dict[str, object]]], programme: Programme) -> list[Revision]:
    found = []
    previous: dict[str, object] | None = None
    for version, data in versions:
        source = source_of(version.path, version, programme)
        if previous is None:
            found.append(Revision(source, ("首次确认",)))
        else:
            changes = tuple(c.text for c in diff_ledgers(previous, data)) or ("格式或说明文字修改",)
            found.append(Revision(source, changes))
        previous = data
    return found


def practice_views(repo: Repository, history: History, labels: Labels) -> list[PracticeView]:
    programme = repo.programme
    assert programme is not None
    views = []
    for pilot in sorted(repo.all_pilots, key=lambda p: p.id):
        province = repo.provinces.get(pilot.folder)
        for year, summary in sorted(pilot.summaries.items()):
            path = f"submissions/{pilot.folder}/{pilot.id}/summaries/{year}.yaml"
            source = source_of(path, history.latest(path), programme)
            for p in summary.practices:
                views.append(
                    PracticeView(
                        slug=practice_slug(pilot.id, year, p.id),
                        pilot_id=pilot.id,
                        pilot_name=pilot.short_name,
                        province_id=pilot.folder,
                        province_name=province.name if province else programme.central_name,
                        pilot_type=pilot.type,
                        pilot_type_label=labels.pilot_type.get(pilot.type, pilot.type),
                        industry_section=industry_section(pilot.industries[0]) if pilot.industries else "",
                        year=year,
                        id=p.id,
                        title=p.title,
                        theme=p.theme,
                        theme_label=labels.theme.get(p.theme, p.theme),
                        area_label=labels.area.get(p.area, p.area),
                        summary=p.summary,
                        effect=p.effect,
                        figures=tuple(
                            (
                                str(f["indicator"]),
                                _value(float(f["value"]), str(f["unit"])),
                                _value(float(f["baseline"]), str(f["unit"])) if "baseline" in f else "",
                            )
                            for f in p.figures
                        ),
                        conditions=p.conditions,
                        tags=p.tags,
                        source=source,
                    )
                )
    return views


def summary_sections(
    summary: Summary, labels: Labels
) -> list[tuple[str, str, list[tuple[str, str]], list[tuple[str, str]]]]:
    """(key, heading, [(field title, text)], [(kpi title, value)]) in attachment-3 order."""
    result = []
    titles = labels.section_titles[summary.pilot_type]
    fields = labels.field_titles[summary.pilot_type]
    for key, heading in titles.items():
        body = summary.sections.get(key, {})
        texts = [(fields[key].get(f, f), str(v)) for f, v in body.items() if isinstance(v, str)]
        kpis = [
            (labels.kpi_title.get(k, k), _value(float(v), labels.kpi_unit.get(k, "")))
            for k, v in body.get("kpis", {}).items()
        ]
        result.append((key, heading, texts, kpis))
    return result


def today_quarter(at: date) -> str:
    return f"{at.year}Q{(at.month - 1) // 3 + 1}"
