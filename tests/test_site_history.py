"""The site and its history (issue 14): a build for a pull request shows what is only on
the branch as awaiting confirmation; a build without git history builds and says so."""

from __future__ import annotations

import shutil
from pathlib import Path

from gitkit import GitRepo
from sitekit import build, make_site_repo

REPORT = "submissions/guangdong/foshan/reports/2019Q3.yaml"


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
