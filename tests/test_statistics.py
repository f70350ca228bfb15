"""Statistics with pictures (issue 15.6): a chart beside each table, numbers right-aligned with their
units in the header, counts of companies whole, each count defined once and used in every table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from casekit import ROOT

from generator.load.schemas import load_schema_set
from generator.rules.validate import validate_repository
from generator.site.barchart import bar_chart, strip
from generator.site.labels import load_labels
from generator.site.stats import kind_of, kpi_groups, kpi_summary


@pytest.fixture(scope="module")
def pages(sample_pages: Path) -> Path:
    """``scpilot pages --out`` of the sample (conftest.py: written once per test run)."""
    return sample_pages


@pytest.fixture(scope="module")
def labels():  # type: ignore[no-untyped-def]
    return load_labels(load_schema_set(ROOT / "schemas"))


def test_counts_of_companies_are_whole(labels) -> None:  # type: ignore[no-untyped-def]
    groups = {"enterprise": "实体企业、供应链服务企业、平台企业"}
    samples = [
        ("enterprise", {"partners_driven": v, "revenue_growth": g}) for v, g in ((1000, 5.1), (2001, 4.62), (3866, 6))
    ]
    rows = {r.key: r for r in kpi_summary(samples, labels, groups)}
    partners = rows["partners_driven"]
    assert partners.count and (partners.mean, partners.median, partners.total) == ("2,289", "2,001", "6,867")
    growth = rows["revenue_growth"]
    assert not growth.count and growth.mean == "5.24" and growth.total == ""
    assert partners.spread is not None and partners.spread.low == "1,000" and partners.spread.high == "3,866"


def test_one_definition_of_each_kind_and_group(labels) -> None:  # type: ignore[no-untyped-def]
    repo = validate_repository(ROOT).repository
    assert repo.programme is not None
    groups = kpi_groups(repo.programme, labels)
    assert groups["city"] == "试点城市" and groups["financial"] == "金融机构"
    assert groups["enterprise"] == "实体企业、供应链服务企业、平台企业"
    assert all(kind_of(p) == p.kind_key for p in repo.all_pilots)


def _section(text: str, heading: str) -> str:
    start = text.index(f"## {heading}")
    end = text.find("\n## ", start + 3)
    return text[start : end if end > 0 else None]


def test_each_table_has_its_chart_and_right_aligned_numbers_with_units(pages: Path) -> None:
    text = (pages / "statistics.md").read_text(encoding="utf-8")
    for heading in ("按省份", "按试点类型", "按行业门类"):
        part = _section(text, heading)
        assert part.count('<svg xmlns="http://www.w3.org/2000/svg" class="scp-stat-chart"') == 1, heading
        assert "<title" in part and 'class="scp-bar"' in part
        headers = re.findall(r'<th scope="col"( class="scp-num")?>([^<]*)</th>', part)
        assert all("（" in h for num, h in headers if num), headers
        assert re.search(r'<td class="scp-num">\d', part)
        assert not re.search(r"<td>\d", part), "a number not right-aligned"
    kpis = _section(text, "绩效指标（各试点最近一期季报）")
    assert kpis.count('class="scp-range"') > 10
    for row in re.findall(r"<tr><td>[^<]*（家）</td>(.*?)</tr>", kpis):
        cells = re.findall(r'<td class="scp-num">([^<]*)</td>', row)
        assert all("." not in c for c in cells), row


def test_entity_enterprises_are_counted_once_the_same_way(pages: Path) -> None:
    text = (pages / "statistics.md").read_text(encoding="utf-8")
    repo = validate_repository(ROOT).repository
    entity = sum(p.kind_key == "entity" for p in repo.all_pilots)
    row = re.search(r"<tr><td>实体企业</td><td class=\"scp-num\">(\d+)</td>", text)
    assert row and int(row.group(1)) == entity
    # the KPI group of entities, service and platform enterprises is never called 实体企业 alone
    assert "### 实体企业\n" not in text and "### 实体企业、供应链服务企业、平台企业" in text
    province = (pages / "provinces" / "zhejiang.md").read_text(encoding="utf-8")
    assert "<td>实体企业</td><td>" not in province
    methods = (pages / "methods.md").read_text(encoding="utf-8")
    assert "## 统计口径" in methods and "实体企业、供应链服务企业、平台企业填报同一组" in methods


def test_bar_chart_geometry() -> None:
    chart = bar_chart("试点数", "个", [("北京市", (1, 1)), ("广东省", (2, 2))], ("试点城市", "试点企业"))
    assert [label for _, label in chart.ticks] == ["0", "1", "2", "3", "4"]
    bj, gd = chart.rows
    assert gd.end > bj.end and len(gd.parts) == 2 and gd.total == "4"
    assert abs(sum(p.width for p in gd.parts) - 2 * sum(p.width for p in bj.parts)) < 0.5
    assert chart.legend == (("试点城市", "scp-bar"), ("试点企业", "scp-bar-2"))
    assert strip([1.0], "1") is None and strip([1.0, 3.0, 2.0], "2") is not None
