"""History from real git repositories: the three merge styles, trailers, renames,
deletions, drafts and shallow clones."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from gitkit import PILOT, REVIEWER, GitRepo

from generator.history.gitlog import parse_trailers
from generator.history.versions import History, Version, read_history

REPORT = "submissions/guangdong/foshan/reports/2019Q3.yaml"
LEDGER = "submissions/guangdong/foshan/ledger.yaml"


def _started(root: Path) -> GitRepo:
    repo = GitRepo(root)
    repo.commit({"submissions/programme.yaml": "name: x\n", LEDGER: "v1\n"}, "初始", "2019-06-20T09:00:00+08:00")
    # main moves on while the pull request is open
    repo.commit({"submissions/guangdong/province.yaml": "id: guangdong\n"}, "省份", "2019-10-11T09:00:00+08:00")
    return repo


def _land(root: Path, style: str, trailers: dict[str, str] | None = None) -> tuple[History, str]:
    repo = _started(root)
    head = repo.pull_request(
        "foshan-2019q3",
        [({REPORT: "草稿\n"}, "2019-10-10T20:00:00+08:00"), ({REPORT: "定稿\n"}, "2019-10-12T11:00:00+08:00")],
        style=style,
        merged_at="2019-10-16T15:30:00+08:00",
        trailers=trailers,
        start="HEAD~1",  # opened before main moved on
    )
    return read_history(root), head


def _facts(v: Version) -> tuple[object, ...]:
    return (v.path, v.blob, v.confirmed_at, v.confirmed_by, v.submitted_at, v.submitted_source)


@pytest.mark.parametrize("style", ["merge", "squash", "rebase"])
def test_each_style_confirms_the_final_version(style: str, tmp_path: Path) -> None:
    history, head = _land(tmp_path, style)
    versions = history.versions[REPORT]
    assert len(versions) == 1
    version = versions[0]
    assert version.commit == head
    assert version.confirmed_at == datetime.fromisoformat("2019-10-16T15:30:00+08:00")
    assert version.confirmed_by == REVIEWER[0]
    assert version.submitted_at == datetime.fromisoformat("2019-10-10T20:00:00+08:00")
    assert version.submitted_source == "author_date"
    assert set(version.missing_trailers) == {"Confirmed-by", "Submitted-at", "Reviewed-on"}
    assert (
        version.blob
        == subprocess.run(
            ["git", "rev-parse", f"{head}:{REPORT}"], cwd=tmp_path, capture_output=True, text=True, check=True
        ).stdout.strip()
    )


def test_three_styles_give_the_same_facts(tmp_path: Path) -> None:
    facts = {
        style: _facts(_land(tmp_path / style, style)[0].versions[REPORT][0]) for style in ("merge", "squash", "rebase")
    }
    assert facts["merge"] == facts["squash"] == facts["rebase"]


@pytest.mark.parametrize("style", ["merge", "squash"])
def test_trailers_are_the_evidence(style: str, tmp_path: Path) -> None:
    trailers = {
        "Confirmed-by": "广东省商务厅 王审核",
        "Submitted-at": "2019-10-13T08:00:00+08:00",
        "Reviewed-on": "https://example.org/pr/12",
    }
    history, _ = _land(tmp_path, style, trailers)
    version = history.versions[REPORT][0]
    assert version.confirmed_by == "广东省商务厅 王审核"
    assert version.submitted_at == datetime.fromisoformat("2019-10-13T08:00:00+08:00")
    assert version.submitted_source == "trailer"
    assert version.reviewed_on == "https://example.org/pr/12"
    assert version.missing_trailers == ()


def test_versions_accumulate_and_follow_renames(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path)
    repo.commit({LEDGER: "v1\n"}, "台账", "2019-06-20T09:00:00+08:00")
    repo.commit({LEDGER: "v2\n"}, "修订台账", "2019-12-01T09:00:00+08:00")
    moved = "submissions/guangdong/foshan-city/ledger.yaml"
    repo.git("mv", "submissions/guangdong/foshan", "submissions/guangdong/foshan-city")
    repo.git("commit", "-q", "-m", "改名", when="2020-01-05T09:00:00+08:00")
    history = read_history(tmp_path)
    assert LEDGER not in history.versions
    assert [v.confirmed_at.date().isoformat() for v in history.versions[moved]] == [
        "2019-06-20",
        "2019-12-01",
        "2020-01-05",
    ]
    assert history.versions[moved][-1].renamed_from == LEDGER


def test_deletions_and_drafts(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path)
    repo.commit({LEDGER: "v1\n", REPORT: "r\n"}, "提交", "2019-10-10T09:00:00+08:00")
    repo.commit({REPORT: None}, "撤回季报", "2019-10-20T09:00:00+08:00")
    repo.write({"submissions/guangdong/foshan/reports/2019Q4.yaml": "草稿\n", LEDGER: "v2 未提交\n"})
    history = read_history(tmp_path)
    assert [d.path for d in history.deletions] == [REPORT]
    assert history.drafts == (LEDGER, "submissions/guangdong/foshan/reports/2019Q4.yaml")


def test_shallow_clone_says_what_it_cannot_know(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    repo = GitRepo(origin)
    repo.commit({LEDGER: "v1\n"}, "台账", "2019-06-20T09:00:00+08:00")
    repo.commit({LEDGER: "v2\n"}, "修订", "2019-12-01T09:00:00+08:00")
    repo.commit({REPORT: "r\n"}, "季报", "2020-01-10T09:00:00+08:00")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{origin}", str(clone)], check=True)
    history = read_history(clone)
    assert history.shallow
    ledger = history.versions[LEDGER]
    assert len(ledger) == 1 and not ledger[0].certain  # v1 is beyond the boundary
    assert history.versions[REPORT][0].certain


def test_not_a_repository(tmp_path: Path) -> None:
    assert read_history(tmp_path).available is False


def test_trailer_parsing() -> None:
    assert parse_trailers("合并\n\nConfirmed-by: 王审核\nSubmitted-at: 2019-10-13T08:00:00+08:00\n") == {
        "Confirmed-by": "王审核",
        "Submitted-at": "2019-10-13T08:00:00+08:00",
    }
    assert parse_trailers("只有一段\nConfirmed-by: x") == {}
    assert parse_trailers("标题\n\n正文里说 Confirmed-by: 不算\n还有一行") == {}
    assert PILOT != REVIEWER


def test_branch_only_commits_await_confirmation(tmp_path: Path) -> None:
    """Issue 14.1: only main's first-parent chain confirms; the branch's own commits are pending."""
    repo = _started(tmp_path)
    repo.git("checkout", "-q", "-b", "foshan-2019q3")
    draft = repo.commit({REPORT: "季报\n"}, "报送季报", "2019-10-10T20:00:00+08:00")
    repo.commit({LEDGER: "v2\n"}, "修订台账", "2019-10-11T20:00:00+08:00")
    history = read_history(tmp_path)
    assert history.target == "main"
    assert REPORT not in history.versions
    assert [v.blob for v in history.versions[LEDGER]] == [history.versions[LEDGER][0].blob]  # v1 only
    assert set(history.pending) == {REPORT, LEDGER}
    pending = history.pending[REPORT]
    assert pending.commit == draft
    assert pending.submitted_at == datetime.fromisoformat("2019-10-10T20:00:00+08:00")
    assert history.unconfirmed == (LEDGER, REPORT)
    # main merged into the branch brings confirmed files, which are not pending
    repo.git("checkout", "-q", "main")
    repo.commit(
        {"submissions/guangdong/province.yaml": "id: guangdong\nname: x\n"}, "省份", "2019-10-12T09:00:00+08:00"
    )
    repo.git("checkout", "-q", "foshan-2019q3")
    repo.git("merge", "-q", "--no-ff", "-m", "同步 main", "main", when="2019-10-13T09:00:00+08:00")
    assert set(read_history(tmp_path).pending) == {REPORT, LEDGER}


def test_target_falls_back_to_origin_and_is_configurable(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    repo = GitRepo(origin)
    repo.commit({LEDGER: "v1\n"}, "台账", "2019-06-20T09:00:00+08:00")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", f"file://{origin}", str(clone)], check=True)
    work = GitRepo.__new__(GitRepo)
    work.root = clone
    work.git("checkout", "-q", "-b", "pr")
    work.git("branch", "-q", "-D", "main")  # a CI checkout of a pull request has no local main
    work.commit({REPORT: "r\n"}, "季报", "2019-10-10T09:00:00+08:00")
    history = read_history(clone)
    assert history.target == "main" and LEDGER in history.versions and set(history.pending) == {REPORT}
    assert set(read_history(clone, target="pr").versions) == {LEDGER, REPORT}
    missing = read_history(clone, target="release")
    assert missing.target is None and not missing.versions and set(missing.pending) == {LEDGER, REPORT}
