"""The site and its history (issue 14): a build for a pull request shows what is only on
the branch as awaiting confirmation; a build without git history builds and says so."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from gitkit import GitRepo
from sitekit import build, make_site_repo

from generator.site.build import generate, prepare
from generator.site.pages import SiteConfig

REPORT = "submissions/guangdong/foshan/reports/2019Q3.yaml"
LEDGER = "submissions/guangdong/foshan/ledger.yaml"


def _repo(root: Path) -> GitRepo:
    repo = GitRepo.__new__(GitRepo)
    repo.root = root
    return repo


def test_pull_request_build_shows_awaiting_confirmation(tmp_path: Path) -> None:
    root = make_site_repo(tmp_path / "repo")
    repo = _repo(root)
    repo.git("checkout", "-q", "-b", "foshan-fix")
    report = root / REPORT
    report.write_text(report.read_text(encoding="utf-8").replace("平台一期开发过半。", "平台一期开发过半，已修订。"))
    repo.git("commit", "-q", "-am", "修订季报", when="2019-10-10T10:00:00+08:00")
    result = build(root)
    assert result.returncode == 0, result.stderr
    page = (root / "site/pilots/foshan/index.html").read_text(encoding="utf-8")
    assert "尚未合并到确认分支" in page and REPORT in page
    assert "待确认" not in (root / "site/pilots/fs-example-home/index.html").read_text(encoding="utf-8")
    assert "已提交，待确认" in result.stderr  # the build log says so
    assert "not included in the" not in result.stderr  # issue 14.14: one line per generated page before


def test_build_without_git_history(tmp_path: Path) -> None:
    source = make_site_repo(tmp_path / "source")
    root = tmp_path / "exported"
    shutil.copytree(source, root, ignore=shutil.ignore_patterns(".git", "site"))
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "没有 git 历史" in result.stderr
    page = (root / "site/pilots/foshan/index.html").read_text(encoding="utf-8")
    assert "无法判断" in page and "这次构建没有 git 历史" in page
    assert "2000-01-01" not in page


def test_unreadable_old_ledger_version_is_reported(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Issue 14.3: an old confirmed ledger version that is not a valid ledger is named in the log."""
    root = make_site_repo(tmp_path / "repo")
    repo = _repo(root)
    ledger = root / LEDGER
    good = ledger.read_text(encoding="utf-8")
    ledger.write_text(good.replace("targets:", "targets: 不是列表\nold_targets:", 1), encoding="utf-8")
    repo.git("commit", "-q", "-am", "有误的台账", when="2019-07-01T10:00:00+08:00")
    broken = repo.git("rev-parse", "HEAD")
    ledger.write_text(good, encoding="utf-8")
    repo.git("commit", "-q", "-am", "改回", when="2019-07-02T10:00:00+08:00")
    with caplog.at_level(logging.INFO, logger="generator.site.build"):
        inputs = prepare(root, SiteConfig("public"))
    assert f"{LEDGER} 在提交 {broken[:8]}" in caplog.text and "略去这一版" in caplog.text
    assert [v.commit for v, _ in inputs.ledger_texts[LEDGER]] != [] and broken not in {
        v.commit for v, _ in inputs.ledger_texts[LEDGER]
    }


def test_invalid_submission_build_counts_the_files(tmp_path: Path) -> None:
    """Issue 14.12: the build's error report said "检查了 0 个文件"."""
    root = make_site_repo(tmp_path / "repo")
    report = root / REPORT
    report.write_text(report.read_text(encoding="utf-8").replace("value: 180", "value: 一百八十"), encoding="utf-8")
    result = build(root)
    assert result.returncode != 0
    assert "检查了 0 个文件" not in result.stderr and "检查了 14 个文件：1 个错误" in result.stderr, result.stderr


def test_province_page_says_how_many_practices_and_links_to_all() -> None:
    """Issue 14.15: a province page listed 50 practices with no total and no link to the rest."""
    root = Path(__file__).resolve().parents[1]
    pages = generate(root, SiteConfig("public"))
    counts = {
        path: content
        for path, content in pages.items()
        if path.startswith("provinces/") and isinstance(content, str) and "## 本省经验" in content
    }
    assert counts
    for path, content in counts.items():
        folder = path.removeprefix("provinces/").removesuffix(".md")
        shown = content.split("## 本省经验")[1].count("<li>")
        total = int(content.split("共 ")[1].split(" 条")[0])
        assert total >= shown and f"practices/province/{folder}/" in content, path
        if total > shown:
            assert f"这里列出前 {shown} 条" in content
