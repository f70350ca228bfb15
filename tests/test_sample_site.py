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
import shutil
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from casekit import ROOT
from sitekit import (
    build,
    history_documents,
    internal_values,
    parse,
    public_text,
    resolve,
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
    result = build(ROOT, "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    return site


def _digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


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


def test_search_index_locations_resolve(sample_site: Path) -> None:
    index = json.loads((sample_site / "search/search_index.json").read_text(encoding="utf-8"))
    broken = []
    for doc in index["docs"]:
        target, fragment = resolve(sample_site / "index.html", doc["location"] or ".")
        if not target.exists() or (fragment and fragment not in parse(target).ids):
            broken.append(doc["location"])
    assert index["docs"] and broken == []


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
