"""The replicable practices of every summary report as views, and a summary's sections in
the order of 附件3. Pure."""

from __future__ import annotations

from generator.history.versions import History
from generator.load.layout import document_path
from generator.model.practices import ListedPractice, Owner, Publication, practice_lists, province_practices
from generator.model.repository import Figure, Pilot, Practice, Programme, Repository, Summary
from generator.model.summary import NOT_DISCLOSED
from generator.reference.industries import industry_section
from generator.reference.themes import theme_names, theme_of
from generator.site.labels import Labels, pilot_name
from generator.site.urls import practice_slug, url
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
    for plist in practice_lists(repo):
        path = document_path("practice_list", period=plist.id)
        source = source_of(path, history.latest(path), programme)
        for lp in plist.practices:
            views.append(_listed(repo, programme, labels, f"{plist.id}-{lp.id.lower()}", plist.date[:4], lp, source))
    for province, year, lp in province_practices(repo):
        path = document_path("province_summary", province, period=year)
        source = source_of(path, history.latest(path), programme)
        views.append(_listed(repo, programme, labels, f"{province}-{year}-{lp.id.lower()}", year, lp, source))
    return views


def _owner(repo: Repository, programme: Programme, owner: Owner) -> tuple[str, str]:
    if owner.kind == "pilot" and owner.id in repo.pilots:
        return pilot_name(repo.pilots[owner.id]), url("pilot", owner.id)
    if owner.kind == "province" and owner.id in repo.provinces:
        return repo.provinces[owner.id].name, url("province", owner.id)
    return ("商务部", "") if owner.kind == "ministry" else (owner.id or "", "")


def publication_text(pub: Publication) -> str:
    """How a practice page names a publication: publisher, list, batch, number and date."""
    if pub.kind != "list":
        return f"{pub.publisher} {pub.title}"
    batch = f"（第 {pub.batch} 批）" if pub.batch else ""
    document = f"，{pub.document}" if pub.document else ""
    return f"{pub.publisher}《{pub.title}》{batch}{document}，{pub.date} 公布"


def list_key(pub: Publication) -> tuple[str, str]:
    """The browsing key of a list and batch: its id, and its name with the batch."""
    assert pub.list_id is not None
    return pub.list_id, pub.title + (f" 第 {pub.batch} 批" if pub.batch else "")


def _listed(
    repo: Repository, programme: Programme, labels: Labels, slug: str, year: str, lp: ListedPractice, source: Source
) -> PracticeView:
    owners = tuple(_owner(repo, programme, o) for o in lp.owners)
    first_pilot = next((repo.pilots[o.id] for o in lp.owners if o.kind == "pilot" and o.id in repo.pilots), None)
    province_id = (
        first_pilot.folder if first_pilot else next((o.id or "" for o in lp.owners if o.kind == "province"), "")
    )
    province = repo.provinces.get(province_id)
    pub = lp.publication
    area = next((code for code, label in labels.area.items() if lp.area in (code, label)), None)
    topic = theme_of(category=lp.category, area=area) or ""
    owner_type = "province" if any(o.kind == "province" for o in lp.owners) else "ministry"
    lists: tuple[tuple[str, str], ...] = ()
    if pub.kind == "list":
        where = pub.url or lp.url or ""
        lists = (list_key(pub),)
    else:
        where = url("province", pub.owner or "")
    return PracticeView(
        slug=slug,
        pilot_id="",
        pilot_name="、".join(name for name, _ in owners),
        province_id=province_id,
        province_name=province.name if province else (programme.central_name if first_pilot else "商务部"),
        pilot_type=first_pilot.type if first_pilot else owner_type,
        pilot_type_label=(
            labels.pilot_type.get(first_pilot.type, first_pilot.type)
            if first_pilot
            else ("省级" if owner_type == "province" else "商务部")
        ),
        industry_section=industry_section(first_pilot.industries[0]) if first_pilot and first_pilot.industries else "",
        year=year,
        id=lp.id,
        title=lp.title,
        theme="",
        theme_label="",
        area_label=lp.area or "",
        summary=lp.summary,
        effect=lp.effect,
        figures=tuple(_figure(f) for f in lp.figures),
        conditions=NOT_DISCLOSED,
        tags=(),
        source=source,
        owners=owners,
        pilots=tuple(o.id for o in lp.owners if o.kind == "pilot" and o.id),
        provenance=((publication_text(pub), where),),
        lists=lists,
        category=lp.category or "",
        topic=topic,
        topic_label=theme_names().get(topic, ""),
        headline=_headline(lp.figures),
    )


def _practice(
    repo: Repository, programme: Programme, labels: Labels, pilot: Pilot, year: str, p: Practice, source: Source
) -> PracticeView:
    province = repo.provinces.get(pilot.folder)
    name = pilot_name(pilot)
    report = (f"{name} {year} 年试点总结报告，经验 {p.id}", url("summary", pilot.id, year))
    topic = theme_of(section=p.theme, tags=p.tags, area=p.area) or ""
    return PracticeView(
        slug=practice_slug(pilot.id, year, p.id),
        pilot_id=pilot.id,
        pilot_name=name,
        province_id=pilot.folder,
        province_name=province.name if province else programme.central_name,
        pilot_type=pilot.type,
        pilot_type_label=labels.pilot_type.get(pilot.type, pilot.type),
        industry_section=industry_section(pilot.industries[0]) if pilot.industries else "",
        year=year,
        id=p.id,
        title=p.title,
        theme=p.theme or "",
        theme_label=labels.theme.get(p.theme, p.theme) if p.theme else "",
        area_label=labels.area.get(p.area, p.area),
        summary=p.summary,
        effect=p.effect,
        figures=tuple(_figure(f) for f in p.figures),
        conditions=p.conditions,
        tags=p.tags,
        source=source,
        owners=((name, url("pilot", pilot.id)),),
        pilots=(pilot.id,),
        provenance=(report,),
        topic=topic,
        topic_label=theme_names().get(topic, ""),
        headline=_headline(p.figures),
    )


QUALIFIED = {"at_least": "{0}+", "about": "约 {0}", "rank": "第 {0}", "top": "前 {0}"}


def figure_value(f: Figure, notes: bool = True) -> str:
    """The value as the source words it: 300+ 家, 约 300 家, 第 1, 前 3, 30%; with ``notes``, as of
    when and whose claim."""
    text = fmt_value(f.value, "" if f.qualifier in ("rank", "top") and f.unit == "名" else f.unit)
    if f.qualifier in QUALIFIED:
        number = fmt_value(f.value, "")
        text = QUALIFIED[f.qualifier].format(number) + text[len(number) :]
    said = [n for n in (f"截至 {f.as_of}" if f.as_of else "", f"据{f.claimed_by}" if f.claimed_by else "") if n]
    return text + (f"（{'，'.join(said)}）" if said and notes else "")


def _headline(figures: tuple[Figure, ...]) -> tuple[str, str, str] | None:
    """A card's figure: (indicator, value, value before) of the first the source gives, as it words it."""
    if not figures:
        return None
    f = figures[0]
    return (f.indicator, figure_value(f, notes=False), fmt_value(f.baseline, f.unit) if f.baseline is not None else "")


def _figure(f: Figure) -> tuple[str, str, str]:
    baseline = fmt_value(f.baseline, f.unit) if f.baseline is not None else ""
    return (f.indicator, figure_value(f), baseline)


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


def practice_figures(repo: Repository) -> list[tuple[str, str, str, Figure]]:
    """(practice page, owners, publication, figure) for every figure of every practice, in
    the order of the catalogue: what the downloads list."""
    rows: list[tuple[str, str, str, Figure]] = []
    for pilot in sorted(repo.all_pilots, key=lambda p: p.id):
        for year, summary in sorted(pilot.summaries.items()):
            path = document_path("summary", pilot.folder, pilot.id, year)
            for p in summary.practices:
                rows.extend((practice_slug(pilot.id, year, p.id), pilot.id, path, f) for f in p.figures)
    listed = [
        (f"{x.id}-{lp.id.lower()}", document_path("practice_list", period=x.id), lp)
        for x in practice_lists(repo)
        for lp in x.practices
    ]
    listed += [
        (f"{province}-{year}-{lp.id.lower()}", document_path("province_summary", province, period=year), lp)
        for province, year, lp in province_practices(repo)
    ]
    for slug, path, lp in listed:
        owners = ";".join(o.id or o.kind for o in lp.owners)
        rows.extend((slug, owners, path, f) for f in lp.figures)
    return rows
