"""Pages flat in size (issue 16.2): the pages that list a province or the whole programme (status,
province and recommendation pages) do not grow with the number of pilots. Two demo programmes,
40 and 120 pilots, are rendered with small pages (3 rows), so both are paged; the largest such page
of the bigger one is no larger than a bound on the smaller one's, every pilot is listed once across
its province's pages, and the pages link to each other (上一页 / 下一页, 第 k 页，共 n 页)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from casekit import ROOT

from generator.site import paging, statuspages
from generator.site.build import generate
from generator.site.env import relative
from generator.site.inputs import SiteConfig
from generator.tooling.demo.build import generate_demo

SIZES = (40, 120)
ROWS = 3
GROWTH = 1.35
"""How much larger the largest page may be at 3x the pilots: the pages hold at most ROWS pilots
either way; what differs is how many documents a pilot lists and how long its names are."""
PAGED = ("status/", "provinces/", "recommendations")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[int, dict[str, str]]:
    built = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(paging, "ROWS", ROWS)
        mp.setattr(statuspages, "PILOTS_PER_PAGE", ROWS)
        for n in SIZES:
            root = tmp_path_factory.mktemp(f"demo{n}") / "repo"
            generate_demo(ROOT, root, n, 1)
            pages = generate(root, SiteConfig())
            built[n] = {path: content for path, content in pages.items() if isinstance(content, str)}
    return built


def _largest(pages: dict[str, str], prefix: str) -> tuple[int, str]:
    return max((len(content.encode()), path) for path, content in pages.items() if path.startswith(prefix))


@pytest.mark.parametrize("prefix", PAGED)
def test_the_largest_page_does_not_grow_with_the_pilots(sites: dict[int, dict[str, str]], prefix: str) -> None:
    small, large = (_largest(sites[n], prefix) for n in SIZES)
    assert large[0] <= small[0] * GROWTH, (small, large)


def test_the_bigger_programme_is_really_paged(sites: dict[int, dict[str, str]]) -> None:
    pages = sites[SIZES[1]]
    for kind, pattern in (
        ("status", r"status/[^/]+/\d+\.md"),
        ("province", r"provinces/[^/]+/\d+\.md"),
        ("recommendations", r"recommendations/[^/]+/\d+\.md"),
    ):
        assert any(re.fullmatch(pattern, p) for p in pages), kind


def _pilot_links(content: str, section: str, cell: str) -> list[str]:
    """The pilots a page's first table after ``section`` lists, one per row (its ``cell``)."""
    part = content.split(section, 1)[1] if section in content else ""
    return re.findall(cell + r'<a href="[./]*pilots/([^/"]+)/"', part.split("</table>", 1)[0])


def test_every_pilot_is_listed_once_across_its_provinces_pages(sites: dict[int, dict[str, str]]) -> None:
    pages = sites[SIZES[1]]
    province_of = {}
    for path, content in pages.items():
        found = re.fullmatch(r"pilots/([^/]+)/index\.md", path)
        province = re.search(r'href="[./]*provinces/([^/"]+)/" data-pagefind-filter="省份"', content)
        if found and province and "pilots/province/" not in path:
            province_of[found.group(1)] = province.group(1)
    assert len(province_of) >= 100
    for base, section, cell in (("provinces", "<caption>", "<tr><td>"), ("status", "scp-matrix", '<th scope="row">')):
        listed: Counter[str] = Counter()
        for path, content in pages.items():
            if re.fullmatch(rf"{base}/[^/]+(/\d+)?\.md", path):
                folder = path.split("/")[1].removesuffix(".md")
                links = _pilot_links(content, section, cell)
                assert len(links) <= ROWS, path
                assert all(province_of.get(p) == folder for p in links), path
                listed.update(links)
        assert set(listed) == set(province_of) and set(listed.values()) == {1}, base


def test_numbered_pages_say_where_they_are_and_link_their_neighbours(sites: dict[int, dict[str, str]]) -> None:
    pages = sites[SIZES[1]]
    series: dict[str, list[str]] = {}
    for path in pages:
        found = re.fullmatch(r"(status|provinces|recommendations)/([^/]+)/(\d+)\.md", path)
        if found:
            first = f"{found.group(1)}/{found.group(2)}.md"
            series.setdefault(first, [first])
            series[first].append(path)
    assert series
    for first, members in series.items():
        members.sort(key=lambda p: 1 if p == first else int(p.rsplit("/", 1)[1][:-3]))
        total = len(members)
        for k, path in enumerate(members, start=1):
            content = pages[path]
            assert f"第 {k} 页，共 {total} 页" in content, path
            if k > 1:
                assert f'href="{relative(path, members[k - 2])}" rel="prev"' in content, path
            if k < total:
                assert f'href="{relative(path, members[k])}" rel="next"' in content, path
            assert ("上一页" in content) and ("下一页" in content)


def test_the_status_index_counts_rather_than_lists(sites: dict[int, dict[str, str]]) -> None:
    small, large = (sites[n]["status/index.md"] for n in SIZES)
    assert "按省份和确认部门统计" in large
    assert large.count('class="scp-date"') == 0  # no document of the programme listed one by one
    assert len(large.encode()) <= len(small.encode()) * GROWTH
