"""Where every generated page lives: one function, ``url``, that the page builders and the
templates (``url('pilot', p.id)|rel(page)``) both call, so a page's address is spelled once."""

from __future__ import annotations

PAGES = {
    "home": "index.md",
    "pilots": "pilots/index.md",
    "pilot": "pilots/{0}/index.md",
    "report": "pilots/{0}/reports/{1}.md",
    "summary": "pilots/{0}/summaries/{1}.md",
    "practices": "practices/index.md",
    "practice": "practices/{0}.md",
    "theme": "practices/theme/{0}/index.md",
    "tags": "practices/tags.md",
    "practice_list": "practices/list/{0}/index.md",
    "experience": "experience/index.md",
    "provinces": "provinces/index.md",
    "province": "provinces/{0}.md",
    "province_page": "provinces/{0}/{1}.md",
    "status_index": "status/index.md",
    "status": "status/{0}.md",
    "status_page": "status/{0}/{1}.md",
    "revoked": "revoked.md",
    "programmes": "programmes/index.md",
    "programme": "programmes/{0}.md",
    "programme_page": "programmes/{0}/{1}.md",
    "methods": "methods.md",
    "statistics": "statistics.md",
    "recommendations": "recommendations.md",
    "recommendation_list": "recommendations/{0}.md",
    "recommendation_list_page": "recommendations/{0}/{1}.md",
    "watchlist": "watchlist.md",
    "data": "data/index.md",
    "download": "data/{0}",
}
"""Page kind → the Markdown path (or, for ``download``, the file) relative to the docs root."""


def url(kind: str, *parts: str) -> str:
    """The docs-relative path of a page: ``url("report", "shenzhen", "2019Q3")`` is
    ``pilots/shenzhen/reports/2019Q3.md``. Templates turn it into a link with ``|rel(page)``."""
    return PAGES[kind].format(*parts)


def practice_slug(pilot_id: str, year: str, practice_id: str) -> str:
    """The name of a practice's page (``practices/<slug>.md``)."""
    return f"{pilot_id}-{year}-{practice_id.lower()}"


def paged(base: str, number: int) -> str:
    """Page ``number`` (from 1) of a listing whose first page is ``base/index.md``."""
    return f"{base}/index.md" if number == 1 else f"{base}/{number}.md"
