"""The real sample repository (this checkout and its git history), built by `mkdocs build
--strict` twice into temporary folders: the two builds are byte-identical, every internal link
and anchor resolves, no internal value of any version of any document is published, and every
valid confirmed document has its page and its rows in the downloads. The fixture-sized
versions of these checks are in tests/test_site.py."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from casekit import ROOT
from searchkit import META, RESULTS, highlighted, records, search
from sitekit import (
    build_process,
    history_documents,
    internal_values,
    parse,
    public_text,
    resolve,
    serve,
    site_text,
    working_tree_documents,
)

from generator.history.versions import read_history
from generator.load.schemas import load_schema_set
from generator.rules.validate import validate_repository
from generator.site.build import SiteError, generate
from generator.site.pages import SiteConfig


@pytest.fixture(scope="module")
def second_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("sample-again") / "site"
    result = build_process(ROOT, "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    return site


def _digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_the_build_log_is_quiet(sample_build: tuple[Path, str]) -> None:
    """Issue 14.14: the sample build logs no line per generated page (MkDocs' "not included in the
    nav"), no word segmenter's chatter (jieba's "Building prefix dict"), no old ledger's warnings."""
    _, log = sample_build
    assert "not included in the" not in log, log[:2000]
    assert not re.search(r"jieba|prefix dict|Loading model|Dumping model", log, re.IGNORECASE), log[:2000]
    assert "SCP-Q" not in log, log[:2000]
    assert len(log.splitlines()) < 40, log


def test_two_builds_are_byte_identical(sample_site: Path, second_build: Path) -> None:
    first, second = _digest(sample_site), _digest(second_build)
    assert len(first) > 300
    assert sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k)) == []


def test_no_broken_internal_link_or_anchor(sample_site: Path) -> None:
    pages = sorted(sample_site.rglob("*.html"))
    ids = {page: parse(page).ids for page in pages}
    broken = []
    checked = 0
    for page in pages:
        for tag, href in parse(page).links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "data:")):
                continue
            if page.name == "404.html":  # served for any path, so its links are root-absolute by design
                assert href.startswith("/"), href
                target, fragment = resolve(sample_site / "index.html", href.lstrip("/") or ".")
            else:
                target, fragment = resolve(page, href)
            checked += 1
            if not target.exists():
                broken.append(f"{page.relative_to(sample_site)}: <{tag}> {href}")
            elif fragment and target.suffix == ".html" and fragment not in ids.get(target, parse(target).ids):
                broken.append(f"{page.relative_to(sample_site)}: <{tag}> {href} (anchor)")
    assert len(pages) > 300 and checked > 10000
    assert broken == []


def test_search_index_covers_every_kind_of_page(sample_site: Path) -> None:
    """Pagefind's records: the reports, the status, statistics, methods and data pages are in;
        every record's page and anchor exist; a chart's caption (indicator and unit) is searchable,
        its data table is not; practices carry the catalogue's facets as filters (province and theme
    where the practice has them)."""
    found = records(sample_site)
    urls = {r["url"] for r in found}
    for url in ("/methods/", "/status/", "/status/guangdong/", "/statistics/", "/data/"):
        assert url in urls, url
    assert any("/reports/" in u for u in urls) and any("/summaries/" in u for u in urls)
    assert not any(u.startswith("/pilots/province/") for u in urls), "catalogue pages stay out (search: exclude)"
    broken = []
    for record in found:
        target, _ = resolve(sample_site / "index.html", record["url"].lstrip("/") or ".")
        ids = parse(target).ids if target.exists() else set()
        if not target.exists() or any(a.get("id") and a["id"] not in ids for a in record.get("anchors", [])):
            broken.append(record["url"])
    assert broken == []
    assert any("供应链金融坏账率（单位：%）" in r["content"] for r in found)
    assert not any("坏账率的数据" in r["content"] for r in found)
    practices = [r for r in found if r["url"].startswith("/practices/") and r["url"].count("/") == 3]
    assert practices and all(
        {"类型", "年份"} <= set(r["filters"]) <= {"类型", "省份", "年份", "主题"} for r in practices
    )
    assert (
        sum({"省份", "主题"} <= set(r["filters"]) for r in practices) > len(practices) / 2
    )  # where the source gives them


BROWSER = pytest.mark.skipif(bool(os.environ.get("SCPILOT_SKIP_BROWSER")), reason="SCPILOT_SKIP_BROWSER set")


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One Chromium for the module's browser tests (a launch costs about 1.6 CPU seconds). Each test
    opens its page with ``new_page``, in a context of its own: no cache, storage or history of an
    earlier test reaches it, as when each test launched its own browser."""
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM, FLAGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@BROWSER
@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("涤纶长丝", "/practices/hangzhou-2019-p2/"),  # a word inside a practice's text
        ("坏账率", "/statistics/"),  # an indicator's name
        ("坏账率", "/summaries/"),  # a summary report's text
        ("征集试点医院", "/pilots/beijing/reports/2019Q2/"),  # a quarterly report's progress narrative
        ("深圳 2020Q3 季报", "/pilots/shenzhen/reports/2020Q3/"),
        ("报送情况", "/status/"),
        ("进展判断方法", "/methods/"),
        ("数据下载", "/data/"),
    ],
)
def test_search_in_the_browser_finds_what_people_type(
    sample_site: Path, chromium: Any, term: str, expected: str
) -> None:
    """The header's box in Chromium: the page is found among the first results, each result's
    link asks its page to mark the words, a page load fetches nothing under /pagefind/, the query
    fetches a few fragments of the index only, and nothing leaves 127.0.0.1."""
    requested: list[tuple[str, int]] = []
    with serve(sample_site) as server:
        page = chromium.new_page()
        page.on("requestfinished", lambda r: requested.append((r.url, r.sizes()["responseBodySize"])))
        page.goto(server + "/")
        assert [u for u, _ in requested if "/pagefind/" in u] == []
        results = search(page, term)
        page.context.close()
    assert any(expected in urlsplit(href).path for href, _ in results), results
    assert all(highlighted(href) and all(highlighted(href)) for href, _ in results), results
    assert all(urlsplit(u).hostname == "127.0.0.1" for u, _ in requested)
    index = [size for u, size in requested if "/pagefind/" in u]
    assert 0 < sum(index) <= 300_000, sum(index)
    assert len(index) < len(list((sample_site / "pagefind").rglob("*.pf_*"))) / 4


def _count(meta: str) -> int:
    found = re.search(r"找到 (\d+) 个", meta)
    assert found, meta
    return int(found.group(1))


@BROWSER
def test_search_filters_narrow_the_results(sample_site: Path, chromium: Any) -> None:
    """筛选 in the search box: the province filter keeps only the pages that carry it."""
    provinces = {r["url"]: r["filters"].get("省份", []) for r in records(sample_site)}
    with serve(sample_site) as server:
        page = chromium.new_page()
        page.goto(server + "/")
        everything = search(page, "采购")
        before = page.locator(META).inner_text()
        page.locator(".scp-search-filters summary").click()
        page.locator(".scp-search-filter-fields select[name='省份']").select_option("浙江省")
        page.wait_for_function(
            "() => document.querySelector('" + META + "').textContent.includes('、浙江省')", timeout=60000
        )
        after = page.locator(META).inner_text()
        narrowed = [str(a.get_attribute("href")) for a in page.locator(RESULTS + " > a").all()]
        page.context.close()
    assert everything and 0 < _count(after) < _count(before), (before, after)
    assert narrowed and all(provinces[urlsplit(h).path] == ["浙江省"] for h in narrowed), narrowed


def test_public_sample_site_publishes_no_internal_value(sample_site: Path) -> None:
    """Every value of every internal field (the schemas decide which), in the working tree and
    in every version in the git history, is absent from everything the site serves."""
    schemas = load_schema_set(ROOT / "schemas")
    documents = working_tree_documents(ROOT) + history_documents(ROOT)
    values = internal_values(schemas, documents)
    public = public_text(ROOT, schemas, documents)
    searched = {v for v in values if v not in public}  # e.g. a position also named in a narrative
    assert len(searched) >= 50, sorted(values)
    text = site_text(sample_site)
    assert sorted(v for v in searched if v in text) == []


def _rows(site: Path, table: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((site / "data/scpilot.json").read_text(encoding="utf-8"))[table]
    return data


def test_downloads_agree_with_each_other(sample_site: Path) -> None:
    tables = json.loads((sample_site / "data/scpilot.json").read_text(encoding="utf-8"))
    with zipfile.ZipFile(sample_site / "data/scpilot.xlsx") as book:
        names = book.namelist()
    for name, rows in tables.items():
        with (sample_site / f"data/{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
            csv_rows = list(csv.reader(handle))
        assert len(csv_rows) == len(rows) + 1, name
        assert rows, f"{name} is empty"
    assert len([n for n in names if n.startswith("xl/worksheets/sheet")]) == len(tables)
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO((sample_site / "data/scpilot.xlsx").read_bytes()), read_only=True)
    assert {name: book[name].max_row - 1 for name in book.sheetnames} == {n: len(r) for n, r in tables.items()}


def test_every_confirmed_document_has_its_page_and_rows(sample_site: Path) -> None:
    result = validate_repository(ROOT)
    assert result.ok
    history = read_history(ROOT)
    confirmed = [(loc, doc) for loc, doc in result.repository.documents if history.latest(doc.path) is not None]
    assert len(confirmed) >= 100
    pilots = {r["id"] for r in _rows(sample_site, "pilots")}
    targets = Counter((r["pilot"], r["id"]) for r in _rows(sample_site, "targets"))
    measures = Counter((r["pilot"], r["id"]) for r in _rows(sample_site, "measures"))
    values = Counter((r["pilot"], r["period"], r["kind"], r["key"]) for r in _rows(sample_site, "report_values"))
    practices = Counter((r["pilot"], r["year"], r["id"]) for r in _rows(sample_site, "practices"))
    recommended = Counter((r["province"], r["year"], r["pilot"]) for r in _rows(sample_site, "recommendations"))
    status = {(r["owner"], r["document"], r["period"]): r for r in _rows(sample_site, "status")}
    missing: list[str] = []

    def need(condition: bool, what: str) -> None:
        if not condition:
            missing.append(what)

    def page(path: str) -> Path:
        return sample_site / path / "index.html"

    for loc, doc in confirmed:
        data = doc.data
        if loc.kind == "programme":
            need(page("").exists(), "home page")
        elif loc.kind == "province":
            need(page(f"provinces/{loc.province}").exists(), f"province page {loc.province}")
            need(page(f"status/{loc.province}").exists(), f"status page {loc.province}")
        elif loc.kind == "province_summary":
            text = page(f"provinces/{loc.province}").read_text(encoding="utf-8")
            need(f"{loc.period} 年汇总报告" in text, doc.path)
        elif loc.kind == "recommendations":
            for entry in [*data.get("service_enterprises", []), *data.get("platforms", [])]:
                need(recommended[(loc.province, loc.period, entry["pilot"])] >= 1, f"{doc.path} {entry['pilot']}")
        elif loc.kind == "pilot":
            need(page(f"pilots/{loc.pilot}").exists() and loc.pilot in pilots, doc.path)
        elif loc.kind == "ledger":
            need(all(targets[(loc.pilot, t["id"])] == 1 for t in data["targets"]), f"{doc.path} targets")
            need(all(measures[(loc.pilot, m["id"])] == 1 for m in data["measures"]), f"{doc.path} measures")
            need(sum(n for (p, _), n in targets.items() if p == loc.pilot) == len(data["targets"]), doc.path)
        elif loc.kind == "report":
            need(page(f"pilots/{loc.pilot}/reports/{loc.period}").exists(), doc.path)
            for t in data["targets"]:
                need(values[(loc.pilot, loc.period, "target", t["id"])] == 1, f"{doc.path} {t['id']}")
            for key in data.get("kpis", {}):
                need(values[(loc.pilot, loc.period, "kpi", key)] == 1, f"{doc.path} {key}")
            row = status.get((loc.pilot, "report", loc.period))
            need(row is not None and row["commit"] == history.latest(doc.path).commit, f"{doc.path} status")  # type: ignore[union-attr]
        elif loc.kind == "summary":
            need(page(f"pilots/{loc.pilot}/summaries/{loc.period}").exists(), doc.path)
            for x in data.get("practices", []):
                need(practices[(loc.pilot, loc.period, x["id"])] == 1, f"{doc.path} {x['id']}")
                need(page(f"practices/{loc.pilot}-{loc.period}-{x['id'].lower()}").exists(), f"{doc.path} {x['id']}")
    assert missing == []
    kinds = Counter(loc.kind for loc, _ in confirmed)
    assert set(kinds) >= {"programme", "province", "pilot", "ledger", "report", "summary", "recommendations"}


def test_an_invalid_document_stops_the_build(tmp_path: Path) -> None:
    """Rather than vanishing from the site: the build fails and names the file."""
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "schemas", root / "schemas")
    shutil.copytree(ROOT / "submissions", root / "submissions")
    report = sorted((root / "submissions").glob("*/*/reports/*.yaml"))[0]
    report.write_text(report.read_text(encoding="utf-8").replace("period:", "period: 2019Q9\nx:", 1), encoding="utf-8")
    with pytest.raises(SiteError) as stopped:
        generate(root, SiteConfig())
    assert {p.file for p in stopped.value.problems} == {report.relative_to(root).as_posix()}
