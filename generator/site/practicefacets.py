"""The catalogue's combinable facets: theme × province × type × year, as static pages.

Every combination that holds at least one practice has a page of its own, at a path that names
its choices in a fixed order (``practices/theme/finance/province/zhejiang/year/2020/``), so the
single-facet pages (``practices/theme/finance/``, ``practices/province/zhejiang/``) are the same
pages the theme links, the province pages and search results have always used. Each page's menu
narrows or widens one facet at a time and links only to pages that exist: filters that combine
without JavaScript. Pure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

from generator.reference.themes import themes
from generator.site.urls import paged
from generator.site.views import PracticeView

Choice = tuple[tuple[str, str], ...]
"""The facets chosen, as (dimension, value) in the order of DIMENSIONS."""


@dataclass(frozen=True)
class Dimension:
    key: str
    title: str
    value: Callable[[PracticeView], str]
    label: Callable[[PracticeView], str]


DIMENSIONS = (
    Dimension("theme", "主题", lambda x: x.topic, lambda x: x.topic_label),
    Dimension("province", "省份", lambda x: x.province_id, lambda x: x.province_name),
    Dimension("type", "类型", lambda x: x.pilot_type, lambda x: x.pilot_type_label),
    Dimension("year", "年份", lambda x: x.year, lambda x: f"{x.year} 年"),
)
BY_KEY = {d.key: d for d in DIMENSIONS}


@dataclass(frozen=True)
class MenuLink:
    label: str
    page: str
    count: int
    current: bool


def base(choice: Choice) -> str:
    """The folder of a combination's listing; the empty choice is the catalogue itself."""
    return "practices/" + "/".join(f"{k}/{v}" for k, v in choice) if choice else "practices"


def first_page(choice: Choice) -> str:
    return paged(base(choice), 1)


def _values(x: PracticeView) -> Choice:
    return tuple((d.key, v) for d in DIMENSIONS if (v := d.value(x)))


def combinations_of(practices: list[PracticeView]) -> dict[Choice, list[PracticeView]]:
    """Every non-empty combination of one to four facets, with its practices in catalogue order."""
    found: dict[Choice, list[PracticeView]] = defaultdict(list)
    for x in practices:
        values = _values(x)
        for n in range(1, len(values) + 1):
            for choice in combinations(values, n):
                found[choice].append(x)
    return dict(found)


def _without(choice: Choice, key: str) -> Choice:
    return tuple((k, v) for k, v in choice if k != key)


def _with(choice: Choice, key: str, value: str) -> Choice:
    chosen = dict(_without(choice, key)) | {key: value}
    return tuple((d.key, chosen[d.key]) for d in DIMENSIONS if d.key in chosen)


def menu(
    choice: Choice, pages: dict[Choice, list[PracticeView]], everything: list[PracticeView]
) -> list[tuple[str, list[MenuLink]]]:
    """For each facet: 全部 (the others kept), then each value found among the practices that match
    the other facets chosen, with its count; the chosen value is marked current."""
    chosen = dict(choice)
    result = []
    for d in DIMENSIONS:
        rest = _without(choice, d.key)
        pool = pages[rest] if rest else everything
        counts: dict[str, int] = defaultdict(int)
        names: dict[str, str] = {}
        for x in pool:
            if value := d.value(x):
                counts[value] += 1
                names[value] = d.label(x)
        if not counts:
            continue
        links = [MenuLink("全部", first_page(rest), len(pool), d.key not in chosen)]
        links += [
            MenuLink(names[v], first_page(_with(choice, d.key, v)), counts[v], chosen.get(d.key) == v)
            for v in sorted(counts, key=lambda v: _order(d.key, v, names[v]))
        ]
        result.append((d.title, links))
    return result


def _order(key: str, value: str, name: str) -> tuple[int, str]:
    """Themes in the order of the reference list, years newest first, the rest by id."""
    if key == "theme":
        ids = [t.id for t in themes()]
        return (ids.index(value) if value in ids else len(ids), value)
    if key == "year":
        return (-int(value) if value.isdigit() else 0, value)
    return (0, value)


def title_of(choice: Choice, pages: dict[Choice, list[PracticeView]]) -> str:
    """经验：供应链金融 · 浙江省 · 2020 年"""
    if not choice:
        return "可复制推广经验"
    sample = pages[choice][0]
    return "经验：" + " · ".join(BY_KEY[k].label(sample) for k, _ in choice)
