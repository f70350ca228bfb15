"""A pilot's pages on paper (issue 15.5): ``scpilot print`` prints the built sample site in Debian
chromium; each sheet carries the page's address, the data's as-of date and its number; a pilot's
progress page is at most 4 A4 pages; a table's caption stays with its table. The margin boxes'
text is written by the page itself, escaped so that no text can end its ``<style>``."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from casekit import ROOT
from pypdf import PdfReader

from generator.cli import printing
from generator.cli.main import main
from generator.site.env import make_env
from generator.site.inputs import SiteConfig
from generator.site.printmeta import css_string, page_address

CHROMIUM = os.environ.get("SCPILOT_CHROMIUM", "/usr/bin/chromium")
A4 = (595, 842)  # points
TYPICAL = ("shenzhen", "hangzhou", "gz-example-auto", "example-machinery-group")
"""Two cities and two companies of the sample, each with a year and more of reports."""

browser = pytest.mark.skipif(bool(os.environ.get("SCPILOT_SKIP_BROWSER")), reason="SCPILOT_SKIP_BROWSER set")
if not shutil.which(CHROMIUM) and not os.environ.get("SCPILOT_SKIP_BROWSER"):
    raise RuntimeError(f"{CHROMIUM} not found: install Debian's chromium (.ci/run does), or set SCPILOT_SKIP_BROWSER=1")


@pytest.fixture(autouse=True)
def _chromium(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCPILOT_CHROMIUM", CHROMIUM)


def _as_of(site: Path, pilot: str = "shenzhen") -> str:
    """The day a pilot's data describe, as its page says it (「进展概要（截至 …）」: the day its
    programmes are judged on), in the form the sheets carry it once whitespace is dropped."""
    html = (site / "pilots" / pilot / "index.html").read_text(encoding="utf-8")
    found = re.search(r"进展概要</strong>（截至 (\d{4}-\d{2}-\d{2})）", html)
    assert found is not None
    return f"数据截至{found.group(1)}"


def _sheets(pdf: Path) -> list[str]:
    """Each page's text with all whitespace removed (pypdf puts spaces between text runs)."""
    return [re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(pdf).pages]


def _print(tmp_path: Path, site: Path, *args: str) -> tuple[int, Path]:
    out = tmp_path / ("-".join(args) + ".pdf")
    return main(["--root", str(ROOT), "print", "--site", str(site), "-o", str(out), *args]), out


# -- the margin boxes' text --------------------------------------------------------------------------


def test_css_string_cannot_end_its_string_or_its_style_element() -> None:
    text = css_string('a"b\\c\n</style><script>x</script>网址')
    assert text.startswith('"') and text.endswith('"')
    inner = str(text)[1:-1]
    assert "<" not in inner and '"' not in inner and "\n" not in inner
    # every backslash starts a hex escape followed by its terminating space
    assert re.fullmatch(r"(?:[A-Za-z0-9 \-_.,:/?=%#~+]|\\[0-9a-f]+ )*", inner), inner
    assert css_string("https://x.example/pilots/a-b/") == '"https://x.example/pilots/a-b/"'


def test_page_address_is_the_full_url_with_site_url_else_the_path_on_the_site() -> None:
    assert page_address("pilots/shenzhen/", "https://scpilot.example.org/") == (
        "https://scpilot.example.org/pilots/shenzhen/"
    )
    assert page_address("pilots/shenzhen/", "https://scpilot.example.org") == (
        "https://scpilot.example.org/pilots/shenzhen/"
    )
    assert page_address("pilots/shenzhen/", None) == "本站 /pilots/shenzhen/"


@pytest.mark.parametrize(
    ("directory_urls", "site_url", "address"),
    [
        (True, "https://scpilot.example.org/", "网址：https://scpilot.example.org/pilots/shenzhen/reports/2020Q3/"),
        (False, None, "网址：本站 /pilots/shenzhen/reports/2020Q3.html"),
    ],
)
def test_print_meta_names_the_page_and_the_as_of_day(directory_urls: bool, site_url: str | None, address: str) -> None:
    env = make_env(directory_urls)
    html = env.get_template("print_meta.j2").render(
        page="pilots/shenzhen/reports/2020Q3.md", cfg=SiteConfig(site_url=site_url), as_of="2020-11-30"
    )
    assert html.count("<style") == 1 and html.count("</style>") == 1
    assert str(css_string(address)) in html
    assert str(css_string("数据截至 2020-11-30")) in html
    assert "@top-left" in html and "@top-right" in html


# -- what the command says when it cannot print ------------------------------------------------------


def test_a_site_not_built_is_a_chinese_error_saying_make_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _print(tmp_path, tmp_path / "site", "--pilot", "shenzhen")
    err = capsys.readouterr().err
    assert code == 1 and not out.exists()
    assert "没有生成好的网站" in err and "make site" in err


def test_unknown_pilot_and_period_name_what_the_site_has(
    tmp_path: Path, sample_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _print(tmp_path, sample_site, "--pilot", "shenzen")[0] == 1
    assert "没有试点「shenzen」" in (err := capsys.readouterr().err) and "是不是：shenzhen" in err
    assert _print(tmp_path, sample_site, "--pilot", "shenzhen", "--period", "2021Q1")[0] == 1
    err = capsys.readouterr().err
    assert "2021Q1 季报" in err and "2020Q3" in err and "make site" in err
    assert _print(tmp_path, sample_site, "--pilot", "shenzhen", "--period", "2030")[0] == 1
    assert "2030 年试点总结报告" in (err := capsys.readouterr().err) and "2019" in err
    assert _print(tmp_path, sample_site, "--pilot", "shenzhen", "--period", "2020-3")[0] == 1
    assert "格式不对" in capsys.readouterr().err


def test_missing_chromium_is_a_chinese_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCPILOT_CHROMIUM", raising=False)
    monkeypatch.setattr(printing.shutil, "which", lambda name: None)
    with pytest.raises(printing.PrintError, match=r"(?s)找不到 chromium.*apt-get install chromium"):
        printing.chromium()
    monkeypatch.setenv("SCPILOT_CHROMIUM", "/nowhere/chromium")
    with pytest.raises(printing.PrintError, match="SCPILOT_CHROMIUM"):
        printing.chromium()


def test_the_command_line_chromium_is_given() -> None:
    command = printing.print_command("/usr/bin/chromium", Path("/s/pilots/x/index.html"), Path("/t/x.pdf"))
    assert command[0] == "/usr/bin/chromium" and "--headless" in command
    assert "--no-pdf-header-footer" in command  # the page's own margin boxes instead of chromium's
    assert "--print-to-pdf=/t/x.pdf" in command and command[-1] == "file:///s/pilots/x/index.html"


# -- printed ---------------------------------------------------------------------------------------


@browser
def test_typical_progress_pages_print_on_at_most_four_a4_sheets_each_with_address_and_as_of(
    tmp_path: Path, sample_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pilots = TYPICAL
    assert all((sample_site / "pilots" / p / "reports").is_dir() for p in pilots)
    counts = {}
    for pilot in pilots:
        code, out = _print(tmp_path, sample_site, "--pilot", pilot)
        assert code == 0, capsys.readouterr().err
        reader = PdfReader(out)
        counts[pilot] = len(reader.pages)
        assert printing.count_pages(out.read_bytes()) == counts[pilot]
        assert f"A4，{counts[pilot]} 页" in capsys.readouterr().out
        for page in reader.pages:
            assert tuple(round(float(x)) for x in page.mediabox[2:]) == A4
        sheets = _sheets(out)
        as_of = _as_of(sample_site, pilot)
        for number, text in enumerate(sheets, start=1):
            assert f"网址：本站/pilots/{pilot}/" in text, (pilot, number)
            assert as_of in text, (pilot, number)
            assert f"第{number}页，共{len(sheets)}页" in text, (pilot, number)
    assert all(1 <= n <= 4 for n in counts.values()), counts
    assert counts["shenzhen"] >= 2  # the sheets above were really several


def _printed_tables(html: str) -> list[tuple[str, str]]:
    """(caption, first row's first cell) of each table a pilot's page prints (in details.scp-print)."""
    found = []
    for block in re.findall(r'<details class="scp-fold scp-print".*?</details>', html, re.S):
        caption = re.search(r"<caption[^>]*>(.*?)</caption>", block, re.S)
        cell = re.search(r"<tbody>\s*<tr[^>]*><td[^>]*>(.*?)</td>", block, re.S)
        assert caption and cell
        found.append(tuple(re.sub(r"<[^>]+>|\s+", "", m.group(1)) for m in (caption, cell)))
    return found  # type: ignore[return-value]


@browser
def test_progress_page_keeps_the_summary_and_each_table_with_its_caption(tmp_path: Path, sample_site: Path) -> None:
    code, out = _print(tmp_path, sample_site, "--pilot", "shenzhen")
    assert code == 0
    sheets = _sheets(out)
    assert "进展概要" in sheets[0]
    tables = _printed_tables((sample_site / "pilots" / "shenzhen" / "index.html").read_text(encoding="utf-8"))
    assert len(tables) == 3  # targets, measures, documents
    for caption, first in tables:
        pages = [i for i, text in enumerate(sheets) if caption in text]
        assert len(pages) == 1, (caption, pages)
        assert first in sheets[pages[0]], (caption, first)  # the caption and the table's first row on one sheet
    # the first sheet is not left half empty by a section that would not fit whole (Material keeps
    # a details box in one piece on paper): the targets' table starts on it
    assert tables[0][0] in sheets[0]


@browser
def test_quarterly_and_summary_reports_print_with_their_own_address(
    tmp_path: Path, sample_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    as_of = _as_of(sample_site)
    for period, address in (
        ("2020Q3", "/pilots/shenzhen/reports/2020Q3/"),
        ("2019", "/pilots/shenzhen/summaries/2019/"),
    ):
        code, out = _print(tmp_path, sample_site, "--pilot", "shenzhen", "--period", period)
        assert code == 0, capsys.readouterr().err
        sheets = _sheets(out)
        assert sheets and all(f"网址：本站{address}" in text and as_of in text for text in sheets), period
        assert period in sheets[0]
