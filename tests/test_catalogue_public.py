"""The catalogue for the public (issue 15.4): themes named for readers, mapped from the report's
sections, the lists' categories, tags and areas as shipped data; cards with a summary, owner, place,
year, theme and one figure; tags as links; theme × province × type × year combined on static pages;
each place said once (issue 13: 浙江省 · 浙江省, 北京 · 北京市)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from casekit import ROOT

from generator.load.schemas import load_schema_set as load_schemas
from generator.reference.themes import rules, theme_of, themes
from generator.site.catalogue import CARDS
from generator.site.practicefacets import DIMENSIONS, base, combinations_of

SCHEMAS = ROOT / "schemas"


@pytest.fixture(scope="module")
def pages(sample_pages: Path) -> Path:
    """``scpilot pages --out`` of the sample (conftest.py: written once per test run)."""
    return sample_pages


def _sections() -> set[str]:
    schemas = load_schemas(SCHEMAS)
    return set(schemas.labels("theme_city")) | set(schemas.labels("theme_enterprise"))


def test_every_section_heading_of_the_schemas_maps_to_a_theme() -> None:
    section_rules = {r.value for r in rules() if r.field == "section"}
    missing = _sections() - section_rules
    assert not missing, f"sections with no rule in practice-theme-rules.csv: {sorted(missing)}"
    for section in _sections():
        assert theme_of(section=section) is not None, section


def test_the_rules_name_known_themes_and_every_theme_is_reachable() -> None:
    ids = [t.id for t in themes()]
    assert len(ids) == len(set(ids)) and len({t.name for t in themes()}) == len(ids)
    assert {r.theme for r in rules()} == set(ids)
    assert len({r.order for r in rules()}) == len(rules())
    areas = set(load_schemas(SCHEMAS).labels("practice_area"))
    assert {r.value for r in rules() if r.field == "area"} == areas


def test_rules_in_order_the_reporters_topical_section_first() -> None:
    assert theme_of(section="finance", tags=["公共服务平台"]) == "finance"
    assert theme_of(section="innovation", tags=["供应链金融"], area="innovation") == "finance"
    assert theme_of(section="innovation", area="innovation") == "innovation"
    assert theme_of(section="groundwork", area="governance") == "public-service"
    assert theme_of(category="供应链公共服务") == "public-service"
    assert theme_of(category="供应链协同") == "management"
    assert theme_of(category="没有这个类别") is None


def _cards(text: str) -> list[str]:
    return re.findall(r'<li class="scp-practice">(.*?)</li>', text, re.S)


def test_cards_carry_summary_owner_place_year_theme_figure_and_tag_links(pages: Path) -> None:
    index = (pages / "practices" / "index.md").read_text(encoding="utf-8")
    cards = _cards(index)
    assert len(cards) == CARDS  # a page of the listing
    assert 'aria-label="分页"' in index
    for card in cards:
        assert 'class="scp-practice-summary"' in card and " 年" in card
    assert all('class="scp-practice-figure"' in c for c in cards)  # one figure, or the effect in words
    assert any("实施前" in c for c in cards)
    listed = (pages / "practices" / "list" / "example-2020-batch1" / "index.md").read_text(encoding="utf-8")
    assert '成效：<strong class="scp-words">未公开</strong>' in listed  # no figure: the effect in words
    assert all("工作创新与示范带动" not in c for c in cards), "a theme is a reader's word, not a report heading"
    assert re.search(r'<a class="scp-tag" href="tag/[0-9a-f]{8}/">', index)
    practice = (pages / "practices" / "shenzhen-2019-p2.md").read_text(encoding="utf-8")
    assert re.search(r'<a class="scp-tag" href="\.\./tag/[0-9a-f]{8}/">供应链金融</a>', practice)


def test_a_place_is_said_once(pages: Path) -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in (pages / "practices").rglob("*.md"))
    assert "浙江省 · 浙江省" not in text
    assert "北京 · 北京市" not in text and "北京市 · 北京市" not in text
    own = next(c for c in _cards((pages / "practices" / "index.md").read_text(encoding="utf-8")) if "北京市" in c)
    assert own.count("北京市") >= 1
    province = (pages / "practices" / "zhejiang-2020-p1.md").read_text(encoding="utf-8")
    meta = re.search(r'<p class="scp-meta">(.*?)</p>', province, re.S)
    assert meta and meta.group(1).count("浙江省") == 1 + meta.group(1).count("hidden")


def test_facets_combine_on_static_pages_that_link_only_to_pages_that_exist(pages: Path) -> None:
    finance = pages / "practices" / "theme" / "finance"
    assert (finance / "index.md").exists()
    assert (finance / "province" / "zhejiang" / "index.md").exists()
    assert (finance / "province" / "zhejiang" / "type" / "city" / "year" / "2020" / "index.md").exists()
    assert (pages / "practices" / "year" / "2019" / "index.md").exists()
    broken = []
    for md in (pages / "practices").rglob("index.md"):
        text = md.read_text(encoding="utf-8")
        for href in re.findall(r'<nav class="scp-facets scp-menu".*?</nav>', text, re.S)[:1]:
            for link in re.findall(r'href="([^"]+)"', href):
                target = (md.parent / link).resolve()
                if not ((target / "index.md").exists() or target.with_suffix(".md").exists()):
                    broken.append((md.relative_to(pages), link))
    assert not broken, broken[:5]
    # a combined page lists exactly the practices that match every choice
    page = (finance / "province" / "zhejiang" / "index.md").read_text(encoding="utf-8")
    assert "经验：供应链金融 · 浙江省" in page
    for card in _cards(page):
        assert "供应链金融" in card


def test_lists_and_batches_are_still_browsed(pages: Path) -> None:
    listing = (pages / "practices" / "list" / "example-2020-batch1" / "index.md").read_text(encoding="utf-8")
    assert len(_cards(listing)) == 3
    assert "公布的名单" in (pages / "practices" / "index.md").read_text(encoding="utf-8")


def test_combinations_are_every_non_empty_subset() -> None:
    from generator.site.views import PracticeView, Source

    def view(slug: str, topic: str, province: str, kind: str, year: str) -> PracticeView:
        return PracticeView(
            slug, "", "", province, province, kind, kind, "", year, "P1", slug, "", "", "", "", "", (), "", (),
            Source(""), topic=topic, topic_label=topic,
        )  # fmt: skip

    found = combinations_of([view("a", "green", "zj", "city", "2019"), view("b", "", "zj", "city", "2020")])
    assert len(found) == 15 + 7 - 3  # a: 2⁴−1; b: 2³−1; shared: zj, city, zj×city
    assert [x.slug for x in found[(("province", "zj"), ("type", "city"))]] == ["a", "b"]
    assert base((("theme", "green"), ("year", "2019"))) == "practices/theme/green/year/2019"
    assert [d.key for d in DIMENSIONS] == ["theme", "province", "type", "year"]
