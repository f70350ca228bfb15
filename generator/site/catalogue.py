"""The listings: pilots by province, type, industry and status; the catalogue of practices
by theme, province, pilot type, industry and tag; the experience overview by theme."""

from __future__ import annotations

import hashlib
from typing import Any

from generator.site.builder import Builder, Facet, facet, listing_base
from generator.site.labels import Labels
from generator.site.urls import url
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


def _practice_facets(practices: list[PracticeView], labels: Labels) -> list[tuple[str, list[Facet[PracticeView]]]]:
    return [
        (
            "主题",
            facet(practices, lambda x: [x.theme] if x.theme else [], lambda x, k: x.theme_label, "practices/theme"),
        ),
        (
            "公布的名单",
            facet(
                practices,
                lambda x: [key for key, _ in x.lists],
                lambda x, k: next(label for key, label in x.lists if key == k),
                "practices/list",
            ),
        ),
        ("省份", facet(practices, lambda x: [x.province_id], lambda x, k: x.province_name, "practices/province")),
        ("试点类型", facet(practices, lambda x: [x.pilot_type], lambda x, k: x.pilot_type_label, "practices/type")),
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


def practice_catalogue(b: Builder, practices: list[PracticeView]) -> None:
    for x in practices:
        b.render("practice.md.j2", url("practice", x.slug), x=x)
    practice_facets = _practice_facets(practices, b.inputs.labels)
    tag_groups = facet(
        practices,
        lambda x: [_tag_slug(t) for t in x.tags],
        lambda x, k: next(t for t in x.tags if _tag_slug(t) == k),
        "practices/tag",
    )
    pfacets = _counts(practice_facets)
    pfacets.append(("标签", [("全部标签", url("tags"), len(tag_groups))]))
    b.listing(
        "practices",
        "practices",
        "可复制推广经验",
        practices,
        pfacets,
        "试点总结报告、省级汇总报告和公布的经验名单中的经验，每条写明出处：按主题、名单和批次、省份、试点类型、行业门类或标签浏览。",
    )
    for _facet_title, practice_groups in practice_facets:
        for _, name, path, chosen in practice_groups:
            b.listing("practices", listing_base(path), f"经验：{name}", chosen, pfacets)
    for _, name, path, chosen in tag_groups:
        b.listing("practices", listing_base(path), f"经验标签：{name}", chosen, pfacets)
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
    themes = []
    for theme, label in b.inputs.labels.theme.items():
        chosen = [x for x in practices if x.theme == theme]
        if chosen:
            themes.append((theme, label, len(chosen), chosen[:5]))
    b.render("experience.md.j2", url("experience"), themes=themes)
