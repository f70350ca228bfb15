"""Fixture sites built with `mkdocs build --strict`: every document has its page, links
resolve, nothing is requested from outside, no internal field leaks, builds repeat."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from searchkit import records
from sitekit import (
    base_site_repo,
    build,
    internal_values,
    parse,
    public_text,
    resolve,
    site_text,
    working_tree_documents,
)

from generator.load.schemas import load_schema_set
from generator.model.repository import build_repository
from generator.rules.validate import validate_repository


@pytest.fixture(scope="module")
def site_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return base_site_repo(tmp_path_factory, "site")


def _pages(root: Path) -> list[Path]:
    return sorted((root / "site").rglob("*.html"))


def test_every_document_has_a_page(site_repo: Path) -> None:
    repo = validate_repository(site_repo).repository
    site = site_repo / "site"
    for pilot in repo.all_pilots:
        assert (site / "pilots" / pilot.id / "index.html").exists()
        for period in pilot.reports:
            assert (site / "pilots" / pilot.id / "reports" / period / "index.html").exists()
        for year, summary in pilot.summaries.items():
            assert (site / "pilots" / pilot.id / "summaries" / year / "index.html").exists()
            for practice in summary.practices:
                assert (site / "practices" / f"{pilot.id}-{year}-{practice.id.lower()}" / "index.html").exists()


def test_documents_reachable_from_home_in_three_clicks(site_repo: Path) -> None:
    site = site_repo / "site"
    seen = {site / "index.html"}
    frontier = [site / "index.html"]
    for _ in range(3):
        following = []
        for page in frontier:
            for tag, href in parse(page).links:
                if tag != "a" or urlsplit(href).scheme:
                    continue
                target, _ = resolve(page, href)
                if target.suffix == ".html" and target.exists() and target not in seen:
                    seen.add(target)
                    following.append(target)
        frontier = following
    wanted = [p for p in _pages(site_repo) if any(f"/{d}/" in p.as_posix() for d in ("reports", "summaries"))]
    wanted += [p for p in (site / "practices").glob("*-*-p*/index.html")]
    wanted += [p for p in (site / "pilots").glob("*/index.html")]
    missing = [str(p.relative_to(site)) for p in wanted if p not in seen]
    assert wanted and missing == []


def test_internal_links_and_anchors_resolve(site_repo: Path) -> None:
    site = site_repo / "site"
    broken = []
    for page in _pages(site_repo):
        if page.name == "404.html":  # served for any path, so its links are root-absolute by design
            continue
        for _tag, href in parse(page).links:
            if urlsplit(href).scheme or href.startswith(("mailto:", "data:")):
                continue
            target, fragment = resolve(page, href)
            if not target.exists():
                broken.append(f"{page.relative_to(site)} → {href}")
            elif fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                broken.append(f"{page.relative_to(site)} → {href} (anchor)")
    assert broken == []


def test_nothing_is_requested_from_outside(site_repo: Path) -> None:
    outside = []
    for page in _pages(site_repo):
        for tag, href in parse(page).links:
            parts = urlsplit(href)
            if tag != "a" and (parts.scheme in ("http", "https") or parts.netloc):
                outside.append(f"{page.name}: <{tag}> {href}")
    assert outside == []
    for css in (site_repo / "site").rglob("*.css"):
        assert "@import url(http" not in css.read_text(encoding="utf-8"), css
        assert "fonts.googleapis" not in css.read_text(encoding="utf-8"), css


def test_public_build_has_no_internal_field(site_repo: Path) -> None:
    # the schemas decide what is internal; tests/test_sample_site.py does the same for the sample data
    schemas, documents = load_schema_set(site_repo / "schemas"), working_tree_documents(site_repo)
    public = public_text(site_repo, schemas, documents)  # 经理 is a contact's position and in a schema description
    values = {v for v in internal_values(schemas, documents) if v not in public}
    assert {"王示例", "0757-00000002", "zhao@example.com", "数据口径待核实。"} <= values
    text = site_text(site_repo / "site")
    assert [v for v in values if v in text] == []


def test_internal_build_shows_contacts(tmp_path: Path, site_repo: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(site_repo, root, ignore=shutil.ignore_patterns("site"))
    result = build(root, profile="internal")
    assert result.returncode == 0, result.stderr
    text = (root / "site" / "pilots" / "foshan" / "index.html").read_text(encoding="utf-8")
    assert "李示例" in text
    assert "数据口径待核实" in (root / "site/pilots/foshan/reports/2019Q3/index.html").read_text(encoding="utf-8")


def test_invalid_submission_fails_the_build(tmp_path: Path, site_repo: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(site_repo, root, ignore=shutil.ignore_patterns("site"))
    ledger = root / "submissions/guangdong/foshan/ledger.yaml"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("unit: 家", "unit: 万家"), encoding="utf-8")
    result = build(root)
    assert result.returncode != 0
    assert "submissions/guangdong/foshan/reports/2019Q3.yaml:5:" in result.stderr and "SCP-E006" in result.stderr
    assert not (root / "site" / "index.html").exists()


def test_same_commit_same_bytes(tmp_path: Path, site_repo: Path) -> None:
    def digest(site: Path) -> dict[str, str]:
        return {
            p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*"))
            if p.is_file()
        }

    first = digest(site_repo / "site")
    result = build(site_repo, "--site-dir", str(tmp_path / "again"))
    assert result.returncode == 0, result.stderr
    assert digest(tmp_path / "again") == first


def test_chinese_search_finds_a_word_inside_a_practice(site_repo: Path) -> None:
    """Pagefind's extended build segments Chinese: the words of a practice's text are indexed
    (the browser side is tests/test_browser.py); the downloads page is searchable too."""
    entry = json.loads((site_repo / "site/pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["zh"]
    found = records(site_repo / "site")
    hits = [r["url"] for r in found if "统一采购" in r["content"]]
    assert any(h.startswith("/practices/foshan-2019-p1/") for h in hits), hits
    assert "/data/" in {r["url"] for r in found}


def test_downloads_hold_every_confirmed_document(site_repo: Path) -> None:
    repo = build_repository(validate_repository(site_repo).repository.documents, set())
    data = json.loads((site_repo / "site/data/scpilot.json").read_text(encoding="utf-8"))
    assert sorted(r["id"] for r in data["pilots"]) == sorted(p.id for p in repo.all_pilots)
    reports = {(p.id, period) for p in repo.all_pilots for period in p.reports}
    assert {(r["pilot"], r["period"]) for r in data["report_values"]} == reports
    practices = {(p.id, y, x.id) for p in repo.all_pilots for y, s in p.summaries.items() for x in s.practices}
    assert {(r["pilot"], r["year"], r["id"]) for r in data["practices"]} == practices
    assert (site_repo / "site/data/pilots.csv").read_bytes().startswith(b"\xef\xbb\xbfid,name,type")
    with zipfile.ZipFile(site_repo / "site/data/scpilot.xlsx") as book:
        assert "xl/worksheets/sheet1.xml" in book.namelist()


def test_uncommitted_files_show_as_drafts(tmp_path: Path, site_repo: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(site_repo, root, ignore=shutil.ignore_patterns("site"))
    report = root / "submissions/guangdong/foshan/reports/2019Q3.yaml"
    report.write_text(
        report.read_text(encoding="utf-8").replace("平台一期开发过半。", "平台一期开发过半，修改中。"), encoding="utf-8"
    )
    result = build(root)
    assert result.returncode == 0, result.stderr
    page = (root / "site/pilots/foshan/index.html").read_text(encoding="utf-8")
    assert "待确认" in page and "submissions/guangdong/foshan/reports/2019Q3.yaml" in page
    assert "待确认" not in (root / "site/pilots/fs-example-home/index.html").read_text(encoding="utf-8")
