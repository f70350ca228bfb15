"""The page builder: one Jinja2 environment, the output dictionary, paged listings and facets."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from jinja2 import Environment

from generator.site.env import make_env
from generator.site.inputs import SiteInputs
from generator.site.urls import paged

PAGE_SIZE = 50
T = TypeVar("T")

Facet = tuple[str, str, str, list[T]]
"""(key, name, first page of the facet's listing, items)"""


def chunks(items: Sequence[T], base: str) -> list[tuple[str, Sequence[T]]]:
    """``base/index.md``, ``base/2.md``, … with at most PAGE_SIZE items each."""
    parts = [items[i : i + PAGE_SIZE] for i in range(0, len(items), PAGE_SIZE)] or [items[:0]]
    return [(paged(base, n), chunk) for n, chunk in enumerate(parts, start=1)]


def facet(
    items: Iterable[T], key: Callable[[T], list[str]], label: Callable[[T, str], str], base: str
) -> list[Facet[T]]:
    """Group ``items`` by each of their keys: ``base/<key>/index.md`` lists a group."""
    groups: dict[str, list[T]] = defaultdict(list)
    names: dict[str, str] = {}
    for item in items:
        for k in key(item):
            groups[k].append(item)
            names[k] = label(item, k)
    return [(k, names[k], paged(f"{base}/{k}", 1), groups[k]) for k in sorted(groups)]


def listing_base(first_page: str) -> str:
    """The base of a listing from its first page (``pilots/type/city/index.md`` → ``pilots/type/city``)."""
    return first_page[: -len("/index.md")]


class Builder:
    def __init__(self, inputs: SiteInputs) -> None:
        self.inputs = inputs
        self.repo = inputs.repo
        self.env: Environment = make_env(inputs.config.directory_urls)
        self.out: dict[str, str | bytes] = {}
        self.internal = inputs.config.profile == "internal"

    def render(self, template: str, page: str, **context: Any) -> None:
        common = {
            "page": page,
            "cfg": self.inputs.config,
            "internal": self.internal,
            "history_available": self.inputs.history.available,
            "as_of": self.inputs.at.isoformat(),
        }
        self.out[page] = self.env.get_template(template).render(common | context)  # a page may give its own as_of

    def listing(
        self,
        kind: str,
        base: str,
        title: str,
        items: Sequence[Any],
        facets: list[Any],
        intro: str = "",
        searchable: bool = False,
    ) -> None:
        parts = chunks(items, base)
        pages = [path for path, _ in parts]
        for n, (path, chunk) in enumerate(parts, start=1):
            self.render(
                "listing.md.j2",
                path,
                kind=kind,
                title=title,
                items=list(chunk),
                facets=facets,
                pages=pages,
                current=n,
                total=len(items),
                intro=intro,
                searchable=searchable,
            )
