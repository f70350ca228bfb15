"""The listings: pilots by province, type, industry and status; the catalogue of practices as
cards, by theme × province × type × year combined (``practicefacets``), by published list, industry
and tag; the experience overview by theme."""

from __future__ import annotations

import hashlib
from typing import Any

from generator.reference.themes import themes
from generator.site.builder import Builder, Facet, facet, listing_base
from generator.site.labels import Labels
from generator.site.practicefacets import base, combinations_of, menu, title_of
from generator.site.urls import paged, url
from generator.site.views import PilotView, PracticeView


def _counts(defs: list[tuple[str, list[Facet[Any]]]]) -> list[tuple[str, list[tuple[str, str, int]]]]:
    """What a listing's facet menu shows: (title, [(name, first page, count)])."""
    return [(title, [(name, path, len(items)) for _, name, path, items in groups]) for title, groups in defs]


def pilot_listings(b: Builder, ordered: list[PilotView]) -> None:
    labels = b.inputs.labels
    repo = b.repo

    def type_key(v: PilotView) -> list[str]:
        return [v.type if v.type == "city" else (repo.pilots[v.id].category or "entity")]

    kind_labels = {"city": "试点城市", **labels.category}
    facet_defs = [
        ("省份", facet(ordered, lambda v: [v.province_id], lambda v, k: v.province_name, "pilots/province")),
        ("类型", facet(ordered, type_key, lambda v, k: kind_labels.get(k, k), "pilots/type")),
        (
            "行业门类",
            facet(
                ordered,
                lambda v: [v.industry_section] if v.industry_section else [],
                lambda v, k: f"{k} {labels.industry(k)}",
                "pilots/industry",
            ),
        ),
        (
            "状态",
            facet(
                ordered,
                lambda v: ["revoked" if v.revoked else "active"],
                lambda v, k: "已取消资格" if k == "revoked" else "试点中",
                "pilots/status",
            ),
        ),
    ]
    facets = _counts(facet_defs)
    b.listing("pilots", "pilots", "试点", ordered, facets, "按省份、类型、行业门类或状态筛选；每页 50 个。")
    for _title, groups in facet_defs:
        for _, name, path, items in groups:
            b.listing("pilots", listing_base(path), f"试点：{name}", items, facets)


def _tag_slug(tag: str) -> str:
    return hashlib.sha1(tag.encode("utf-8")).hexdigest()[:8]


def tag_page(tag: str) -> str:
    """The listing of one tag: every tag on a practice page and a card links to it."""
    return paged(f"practices/tag/{_tag_slug(tag)}", 1)


def _other_facets(practices: list[PracticeView], labels: Labels) -> list[tuple[str, list[Facet[PracticeView]]]]:
    """The ways to browse that do not combine: a published list and batch, an industry."""
    return [
        (
            "公布的名单",
            facet(
                practices,
                lambda x: [key for key, _ in x.lists],
                lambda x, k: next(label for key, label in x.lists if key == k),
                "practices/list",
            ),
        ),
        (
            "行业门类",
            facet(
                practices,
                lambda x: [x.industry_section] if x.industry_section else [],
                lambda x, k: f"{k} {labels.industry(k)}",
                "practices/industry",
            ),
        ),
    ]


INTRO = (
    "试点总结报告、省级汇总报告和公布的经验名单中的经验，每条写明出处。"
    "主题、省份、类型和年份可以组合筛选；也可以按公布的名单和批次、行业门类或标签浏览。"
)


CARDS = 24
"""Cards on one page of the catalogue: two or three abreast on a desktop, about 5,000 px tall."""


def _render(b: Builder, root: str, title: str, items: list[PracticeView], **context: Any) -> None:
    parts = [(paged(root, n + 1), items[i : i + CARDS]) for n, i in enumerate(range(0, len(items), CARDS))]
    parts = parts or [(paged(root, 1), [])]
    pages = [path for path, _ in parts]
    for n, (path, chunk) in enumerate(parts, start=1):
        b.render(
            "catalogue.md.j2",
            path,
            title=title,
            items=list(chunk),
            pages=pages,
            current=n,
            total=len(items),
            tag_page=tag_page,
            **context,
        )


def practice_catalogue(b: Builder, practices: list[PracticeView]) -> None:
    for x in practices:
        b.render("practice.md.j2", url("practice", x.slug), x=x, tag_page=tag_page)
    others = _other_facets(practices, b.inputs.labels)
    tag_groups = facet(
        practices,
        lambda x: [_tag_slug(t) for t in x.tags],
        lambda x, k: next(t for t in x.tags if _tag_slug(t) == k),
        "practices/tag",
    )
    more = [*_counts(others), ("标签", [("全部标签", url("tags"), len(tag_groups))])]
    combos = combinations_of(practices)
    _render(b, "practices", "可复制推广经验", practices, menu=menu((), combos, practices), more=more, intro=INTRO)
    for choice in sorted(combos):
        chosen = combos[choice]
        _render(
            b, base(choice), title_of(choice, combos), chosen, menu=menu(choice, combos, practices), more=[], intro=""
        )
    home_menu = menu((), combos, practices)
    for _title, groups in others:
        for _, name, path, chosen in groups:
            _render(b, listing_base(path), f"经验：{name}", chosen, menu=home_menu, more=more, intro="")
    for _, name, path, chosen in tag_groups:
        _render(b, listing_base(path), f"经验标签：{name}", chosen, menu=home_menu, more=more, intro="")
    tags = sorted(((name, path, len(items)) for _, name, path, items in tag_groups), key=lambda t: (-t[2], t[0]))
    b.render(
        "listing.md.j2",
        url("tags"),
        kind="practices",
        title="经验标签",
        items=[],
        facets=[("标签", tags)],
        pages=[url("tags")],
        current=1,
        total=0,
        intro="每个标签下的经验。",
        searchable=False,
    )


def experience(b: Builder, practices: list[PracticeView]) -> None:
    """The overview by the readers' themes, each with a few examples and a link to all of them."""
    found = []
    for theme in themes():
        chosen = [x for x in practices if x.topic == theme.id]
        if chosen:
            found.append((theme.id, theme.name, theme.description, len(chosen), chosen[:5]))
    b.render("experience.md.j2", url("experience"), themes=found)
