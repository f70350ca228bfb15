"""Assemble every generated page. Pure: ``build_pages(inputs)`` returns path → content.

The pages themselves are built in ``pilotpages`` (a pilot's pages), ``catalogue`` (the
listings), ``overview`` (home, statistics, methods), ``provincepages`` (provinces, recommendations), ``statuspages`` (the reviewers' status pages) and
``tables`` (the downloads); this module decides the order and what the profile shows."""

from __future__ import annotations

from collections import defaultdict

from generator.assess.timeliness import Assessment, assess, pilot_day
from generator.assess.watchlist import watchlist
from generator.model.repository import Pilot
from generator.site import export, overview, provincepages, statuspages, tables
from generator.site.builder import Builder
from generator.site.catalogue import experience, pilot_listings, practice_catalogue
from generator.site.filing import filing_files
from generator.site.inputs import SiteConfig, SiteInputs
from generator.site.pilotpages import pilot_pages
from generator.site.pilotview import pilot_view
from generator.site.practiceview import practice_views
from generator.site.programmepages import programme_pages
from generator.site.reference import reference_pages
from generator.site.urls import url
from generator.site.views import PilotView, PracticeView

__all__ = ["SiteConfig", "SiteInputs", "build_pages", "pilots_pages"]


def _views(
    inputs: SiteInputs, only: set[str] | None = None
) -> tuple[list[Pilot], dict[str, PilotView], list[PracticeView], list[Assessment], dict[str, list[Assessment]]]:
    """The pilots in page order, their views (of the pilots in ``only``, or all), the
    practices, every assessment and the assessments by owner."""
    repo, labels, history = inputs.repo, inputs.labels, inputs.history
    assessments = assess(repo, history, inputs.at, only)
    by_owner: dict[str, list[Assessment]] = defaultdict(list)
    for a in assessments:
        by_owner[a.requirement.owner].append(a)
    pilots = sorted(repo.all_pilots, key=lambda p: (p.folder, p.type != "city", p.id))
    if only is not None:
        pilots = [p for p in pilots if p.id in only]
    practices = practice_views(repo, history, labels)
    views = {
        p.id: pilot_view(
            p, repo, history, by_owner[p.id], labels, inputs.ledger_texts, pilot_day(repo, p.id, inputs.at)
        )
        for p in pilots
    }
    for x in practices:
        for owner in x.pilots:
            if owner in views:
                views[owner].practices.append(x)
    return pilots, views, practices, assessments, by_owner


def pilots_pages(inputs: SiteInputs, ids: set[str]) -> dict[str, str | bytes]:
    """The pages of the pilots ``ids`` alone (everything under ``pilots/<id>/``), exactly as
    ``build_pages`` writes them: what ``mkdocs serve`` shows at once after an edit."""
    b = Builder(inputs)
    pilots, views, *_ = _views(inputs, ids)
    pilot_pages(b, pilots, views)
    return b.out


def build_pages(inputs: SiteInputs) -> dict[str, str | bytes]:
    b = Builder(inputs)
    repo, labels, history = inputs.repo, inputs.labels, inputs.history
    programme = repo.programme
    assert programme is not None
    pilots, views, practices, assessments, by_owner = _views(inputs)
    ordered = [views[p.id] for p in pilots]
    province_names = {k: v.name for k, v in repo.provinces.items()} | {programme.central_folder: programme.central_name}

    pilot_pages(b, pilots, views)
    pilot_listings(b, ordered)
    practice_catalogue(b, practices)
    experience(b, practices)
    provincepages.provinces(b, views, practices, by_owner)
    statuspages.status(b, views, by_owner, province_names)
    overview.home(b, views, practices, assessments)
    overview.statistics(b, views, practices, by_owner)
    provincepages.recommendations(b, province_names)
    b.render("revoked.md.j2", url("revoked"), rows=[v for v in ordered if v.revoked])
    programme_pages(b, views, assessments)
    t = programme.thresholds
    overview.methods(b)
    if b.internal:
        entries = watchlist(repo, history, assessments, inputs.warnings, inputs.at)
        b.render(
            "watchlist.md.j2",
            url("watchlist"),
            at=inputs.at.isoformat(),
            threshold=t.watch_threshold,
            entries=[e for e in entries if e.score >= t.watch_threshold],
        )
    # downloads and the data reference
    downloads = tables.tables(repo, views, practices, assessments, labels, province_names, programme)
    b.out.update(export.files(downloads))
    b.render(
        "data.md.j2",
        url("data"),
        tables=[(n, title, cols) for n, title, cols, _ in downloads],
        profile_label="公开版本，不含个人信息" if not b.internal else "内部版本；下载文件同样不含联系人等个人信息",
    )
    for path, context in reference_pages(inputs.schemas):
        b.render("reference.md.j2", path, **context)
    confirmed = set(history.versions)
    b.out.update(filing_files(repo, inputs.schemas.schemas, confirmed, inputs.config.host, programme.name))
    return dict(sorted(b.out.items()))
