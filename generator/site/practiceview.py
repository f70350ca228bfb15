"""The replicable practices of every summary report as views, and a summary's sections in
the order of 附件3. Pure."""

from __future__ import annotations

from generator.history.versions import History
from generator.load.layout import document_path
from generator.model.repository import Figure, Pilot, Practice, Programme, Repository, Summary
from generator.reference.industries import industry_section
from generator.site.labels import Labels
from generator.site.urls import practice_slug
from generator.site.views import PracticeView, Source, fmt_value, source_of


def practice_views(repo: Repository, history: History, labels: Labels) -> list[PracticeView]:
    programme = repo.programme
    assert programme is not None
    views: list[PracticeView] = []
    for pilot in sorted(repo.all_pilots, key=lambda p: p.id):
        for year, summary in sorted(pilot.summaries.items()):
            path = document_path("summary", pilot.folder, pilot.id, year)
            source = source_of(path, history.latest(path), programme)
            views.extend(_practice(repo, programme, labels, pilot, year, p, source) for p in summary.practices)
    return views


def _practice(
    repo: Repository, programme: Programme, labels: Labels, pilot: Pilot, year: str, p: Practice, source: Source
) -> PracticeView:
    province = repo.provinces.get(pilot.folder)
    return PracticeView(
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
        figures=tuple(_figure(f) for f in p.figures),
        conditions=p.conditions,
        tags=p.tags,
        source=source,
    )


def _figure(f: Figure) -> tuple[str, str, str]:
    baseline = fmt_value(f.baseline, f.unit) if f.baseline is not None else ""
    return (f.indicator, fmt_value(f.value, f.unit), baseline)


def summary_sections(
    summary: Summary, labels: Labels
) -> list[tuple[str, str, list[tuple[str, str]], list[tuple[str, str]]]]:
    """(key, heading, [(field title, text)], [(kpi title, value)]) in attachment-3 order."""
    result = []
    titles = labels.section_titles[summary.pilot_type]
    fields = labels.field_titles[summary.pilot_type]
    for key, heading in titles.items():
        section = summary.section(key)
        texts = [(fields[key].get(f, f), v) for f, v in section.texts] if section else []
        kpis = [
            (labels.kpi_title.get(k, k), fmt_value(float(v), labels.kpi_unit.get(k, "")))
            for k, v in ((section.kpis or {}) if section else {}).items()
        ]
        result.append((key, heading, texts, kpis))
    return result
