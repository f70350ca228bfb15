"""The Jinja2 environment: autoescape on, StrictUndefined, and the few filters pages need.

Every value from a submission goes into HTML elements, escaped, never into Markdown
syntax: a ``*`` or ``[link](javascript:…)`` typed by a submitter stays text."""

from __future__ import annotations

import functools
import json
import posixpath
import re

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from generator.load.layout import KIND_TITLES, classify
from generator.site.charts import fmt_number, geometry
from generator.site.labels import period_text
from generator.site.printmeta import css_string, page_address
from generator.site.urls import url
from generator.site.views import Series

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def page_url(md_path: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a Markdown file, relative to the site root."""
    if not directory_urls:
        return md_path[:-3] + ".html"
    if md_path == "index.md" or md_path.endswith("/index.md"):
        return md_path[: -len("index.md")]
    return md_path[:-3] + "/"


@functools.lru_cache(maxsize=16384)
def _parts(path: str) -> tuple[str, ...] | None:
    """The folders of a docs-relative path, or None where it is absolute or climbs out (each
    page asks for its own folder once per link, and the pages share most of their targets)."""
    parts = tuple(x for x in posixpath.normpath(path).split("/") if x and x != ".")
    return None if path.startswith("/") or ".." in parts else parts


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` of two docs-relative paths, without asking the working folder
    (``abspath``) twice per link: links are most of a page's work (issue 16.5). Anything
    unusual (absolute, ``..``) goes to ``posixpath.relpath`` itself."""
    to, here = _parts(path), _parts(start)
    if to is None or here is None or not path or not start:
        return posixpath.relpath(path, start)
    common = 0
    for a, b in zip(to, here, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + list(to[common:])) or "."


@functools.lru_cache(maxsize=4096)
def _start(from_md: str, directory_urls: bool) -> str:
    """The folder a page's links start from (a page makes dozens of links)."""
    here = page_url(from_md, directory_urls)
    return (here.rstrip("/") if directory_urls else posixpath.dirname(here)) or "."


@functools.lru_cache(maxsize=32768)
def _goal(to: str, directory_urls: bool) -> tuple[str, bool]:
    """Where a link to ``to`` goes and whether that is a folder (most pages link the same targets)."""
    target = page_url(to, directory_urls) if to.endswith(".md") else to
    return target or ".", to.endswith(".md") and (target == "" or target.endswith("/"))


def relative(from_md: str, to: str, directory_urls: bool = True) -> str:
    """A link from the page ``from_md`` to a page (``*.md``) or a file, as it works in the built site."""
    target, is_dir = _goal(to, directory_urls)
    rel = _relpath(target, _start(from_md, directory_urls))
    return rel.rstrip("/") + "/" if is_dir else rel


def paragraphs(text: str) -> Markup:
    parts = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return Markup("").join(Markup("<p>{}</p>").format(Markup("<br>").join(escape(p).split("\n"))) for p in parts)


def md_text(text: str) -> Markup:
    """Text for a Markdown context (a heading): HTML-escaped and Markdown-escaped."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(" ".join(str(text).split())))))


def page_title(text: str) -> Markup:
    """A page title for the YAML front matter. MkDocs and the theme put page titles into the
    HTML as they are (``<title>``, the header, the navigation), so the text is HTML-escaped
    here, then written as one JSON string, which is YAML. Non-ASCII stays as it is: an escaped
    character outside the BMP (a surrogate pair) is not valid YAML, and MkDocs would silently
    drop the whole front matter."""
    return Markup(json.dumps(str(escape(" ".join(str(text).split()))), ensure_ascii=False))


def document_title(path: str) -> str:
    """A submitted file named for readers (「2020Q3 季报」), never by its path in the repository."""
    loc = classify(path)
    if loc is None:
        return path.rsplit("/", 1)[-1]
    return (f"{loc.period} " if loc.period else "") + KIND_TITLES.get(loc.kind, loc.kind)


@functools.lru_cache(maxsize=2)
def make_env(directory_urls: bool = True) -> Environment:
    """One environment per URL style for the process: templates are compiled once (``mkdocs
    serve`` renders a pilot's pages again after each edit). Nothing changes it once made, so
    the background render (plugin/background.py) shares it safely."""
    env = Environment(
        loader=PackageLoader("generator.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_text
    env.filters["page_title"] = page_title
    env.filters["paras"] = paragraphs
    env.filters["num"] = fmt_number
    env.filters["doc_title"] = document_title
    env.filters["period"] = period_text
    env.filters["rel"] = lambda to, page: relative(page, to, directory_urls)
    env.globals["url"] = url
    env.filters["css_string"] = css_string
    env.globals["page_address"] = lambda page, site_url: page_address(page_url(page, directory_urls), site_url)
    chart = env.get_template("chart.svg.j2")

    def svg(series: Series, cid: str) -> Markup:
        return Markup(
            chart.render(c=geometry(series.title, series.unit, list(series.points), series.goal, series.ytd), cid=cid)
        )

    env.filters["svg"] = svg
    return env


def forget() -> None:
    """Let go of the compiled templates and the link caches (about 10 MB at 321 pilots): for a
    process that renders the pages once, as ``mkdocs build`` does, before MkDocs renders its own."""
    for cached in (make_env, _parts, _start, _goal):
        cached.cache_clear()
