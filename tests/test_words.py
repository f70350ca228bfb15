"""Words and details (issue 15.7): one name per pilot and place; periods that cannot be read as a
report's name; progress said one way, as the methods page does; no internal path for the public;
sitemap.xml and 404.html without a real address, and with one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from casekit import ROOT
from sitekit import base_site_repo, build

from generator.rules.validate import validate_repository
from generator.site.labels import period_text, pilot_name

PUBLIC_EXCEPT = ("reference/", "file/")
"""The data reference and the filing desk speak to submitters, who do need the paths."""


@pytest.fixture(scope="module")
def pages(sample_pages: Path) -> dict[str, str]:
    out = sample_pages  # ``scpilot pages --out`` of the sample (conftest.py: written once per test run)
    return {
        str(p.relative_to(out)): p.read_text(encoding="utf-8")
        for p in out.rglob("*.md")
        if not str(p.relative_to(out)).startswith(PUBLIC_EXCEPT)
    }


def test_periods_said_for_a_sentence() -> None:
    assert period_text("2020Q4") == "2020 年第四季度"
    assert period_text("2019Q1") == "2019 年第一季度"
    assert period_text("2020") == "2020 年"


def test_one_name_per_pilot_everywhere(pages: dict[str, str]) -> None:
    repo = validate_repository(ROOT).repository
    for pilot in repo.all_pilots:
        name = pilot_name(pilot)
        assert name == (pilot.name if pilot.type == "city" else pilot.short_name)
        other = pilot.short_name if pilot.type == "city" else pilot.name
        if other == name:
            continue
        # the other name never stands alone: as a link text, before a year or period, in brackets
        pattern = re.compile(rf"(>{re.escape(other)}<|{re.escape(other)} \d{{4}}|（{re.escape(other)}，)")
        for path, text in pages.items():
            if path.startswith("recommendations"):
                continue  # 附件1/2 print each name as the province's list gives it
            if pilot.type != "city" and path == f"pilots/{pilot.id}/index.md":
                text = text.replace(f"全称：{pilot.name}", "")  # said once, on its own page
            found = pattern.search(text)
            assert found is None, f"{path}: {found.group(0) if found else ''}"
    assert "全称：示例商业连锁（北京）有限公司" in pages["pilots/bj-example-retail/index.md"]


def test_the_home_page_says_the_quarter_in_words(pages: dict[str, str]) -> None:
    home = pages["index.md"]
    assert re.search(r"份季报在 \d{4} 年第[一二三四]季度内确认", home)
    assert not re.search(r"在 \d{4}Q\d 确认", home)


def test_progress_is_said_one_way(pages: dict[str, str]) -> None:
    pilot = pages["pilots/shenzhen/index.md"]
    assert "实际/应有" not in pilot
    assert re.search(r"进展比值 -?\d+\.\d\d<", pilot)
    assert re.search(r'<td data-label="完成度">', pilot)
    methods = pages["methods.md"]
    assert "进展比值不低于" in methods and "完成度" in methods
    assert all("实际/应有" not in text for text in pages.values())


def test_no_internal_path_for_the_public(pages: dict[str, str]) -> None:
    leaked = [(path, m.group(0)) for path, text in pages.items() for m in re.finditer(r"submissions/\S+\.yaml", text)]
    # guides/ speak to submitters
    leaked = [x for x in leaked if not x[0].startswith("guides/")]
    assert not leaked, leaked[:5]


@pytest.fixture(scope="module")
def addressed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return base_site_repo(tmp_path_factory, "words")


def test_without_an_address_no_empty_sitemap_and_404_from_the_root(addressed: Path) -> None:
    site = addressed / "site"
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()
    assert 'href="/assets/' in (site / "404.html").read_text(encoding="utf-8")


def test_with_an_address_the_sitemap_lists_the_pages(addressed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCPILOT_SITE_URL", "https://scpilot.example.org/sub")
    result = build(addressed, "--site-dir", str(addressed / "addressed"))
    assert result.returncode == 0, result.stderr
    site = addressed / "addressed"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>") > 20 and "<loc>https://scpilot.example.org/sub/pilots/" in sitemap
    assert 'href="/sub/assets/' in (site / "404.html").read_text(encoding="utf-8")


def test_report_captions_say_the_quarter_and_no_empty_note_column(pages: dict[str, str]) -> None:
    reports = {path: text for path, text in pages.items() if "/reports/" in path}
    assert reports
    for path, text in reports.items():
        assert re.search(r"<caption>\d{4} 年第[一二三四]季度末各台账目标的数值</caption>", text), path
        table = text[text.index("季度末各台账目标的数值") :].split("</table>", 1)[0]
        if "说明</th>" in table:
            notes = re.findall(r"<td>([^<]*)</td></tr>", table)
            assert any(n.strip() for n in notes), f"{path}: an empty 说明 column"
    assert any("说明</th>" not in text.split("</table>", 1)[0] for text in reports.values())
