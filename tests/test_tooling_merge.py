"""``scpilot merge-check``: the merge workflow merges only when a code owner of the folder
approved the current head and the checks are green, and writes the trailers that the
history reads (the contract in generator/history.py and the reviewers' guide)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from casekit import make_base
from gitkit import GitRepo

from generator.cli.main import main
from generator.history.gitlog import TRAILERS, parse_trailers
from generator.history.versions import read_history
from generator.rules.validate import validate_repository
from generator.tooling import merge

SHA = "a" * 40
OLD = "b" * 40
REPORT = "submissions/guangdong/foshan/reports/2019Q4.yaml"


@pytest.fixture
def repo_root(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["codeowners", "--root", str(base_repo)]) == 0
    capsys.readouterr()
    return base_repo


def _pull(**changes: Any) -> dict[str, Any]:
    pull: dict[str, Any] = {
        "number": 12,
        "title": "佛山：2019Q4 季报",
        "html_url": "https://git.example.gov.cn/scpilot/submissions/pulls/12",
        "created_at": "2020-01-14T08:20:00Z",
        "state": "open",
        "draft": False,
        "mergeable": True,
        "head": {"sha": SHA},
        "user": {"login": "foshan-clerk"},
    }
    pull.update(changes)
    return pull


def _review(login: str, state: str = "APPROVED", commit: str = SHA, at: str = "2020-01-15T02:00:00Z") -> dict[str, Any]:
    return {"user": {"login": login}, "state": state, "commit_id": commit, "submitted_at": at}


GREEN = [
    {"name": "校验报送文件", "status": "completed", "conclusion": "success"},
    {"name": "build", "status": "completed", "conclusion": "success"},
    {"name": "合并确认", "status": "in_progress", "conclusion": None},
]


def _decide(
    root: Path, pull: dict[str, Any], reviews: list[dict[str, Any]], files: list[str], checks: list[dict[str, Any]]
) -> merge.Decision:
    return merge.decide(
        validate_repository(root).repository,
        (root / ".github" / "CODEOWNERS").read_text(encoding="utf-8"),
        pull,
        reviews,
        [{"filename": f, "status": "added"} for f in files],
        checks,
        ignore_checks=("合并确认",),
        require_checks=("校验报送文件",),
    )


def test_code_owner_approval_of_the_head_merges_with_the_trailers(repo_root: Path) -> None:
    decision = _decide(repo_root, _pull(), [_review("gd-commerce")], [REPORT], GREEN)
    assert decision.merge and decision.reasons == []
    assert decision.sha == SHA
    assert decision.title == "Merge pull request #12: 佛山：2019Q4 季报"
    assert decision.confirmed_by == "广东省商务厅 @gd-commerce"
    assert decision.message == (
        "佛山：2019Q4 季报\n\n"
        "Confirmed-by: 广东省商务厅 @gd-commerce\n"
        "Submitted-at: 2020-01-14T16:20:00+08:00\n"
        "Reviewed-on: https://git.example.gov.cn/scpilot/submissions/pulls/12"
    )
    trailers = parse_trailers(f"{decision.title}\n\n{decision.message}")
    assert set(trailers) == set(TRAILERS)


def test_central_soes_need_mofcom(repo_root: Path) -> None:
    files = ["submissions/central/example-group/reports/2019Q4.yaml"]
    refused = _decide(repo_root, _pull(), [_review("gd-commerce")], files, GREEN)
    assert not refused.merge and "@mofcom-scm" in " ".join(refused.reasons)
    accepted = _decide(repo_root, _pull(), [_review("mofcom-scm")], files, GREEN)
    assert accepted.merge and accepted.confirmed_by == "商务部市场建设司 @mofcom-scm"


def test_provincial_documents_need_mofcom(repo_root: Path) -> None:
    files = ["submissions/guangdong/summaries/2020.yaml"]
    assert not _decide(repo_root, _pull(), [_review("gd-commerce")], files, GREEN).merge
    assert (
        _decide(repo_root, _pull(), [_review("mofcom-scm")], files, GREEN).confirmed_by
        == "商务部市场建设司 @mofcom-scm"
    )


@pytest.mark.parametrize(
    ("pull", "reviews", "files", "checks", "reason"),
    [
        ({}, [], [REPORT], GREEN, "还没有确认部门审核人"),
        ({}, [_review("someone-else")], [REPORT], GREEN, "@gd-commerce"),
        ({}, [_review("gd-commerce", commit=OLD)], [REPORT], GREEN, "批准的是较早的提交"),
        (
            {},
            [_review("gd-commerce"), _review("gd-commerce", "CHANGES_REQUESTED", at="2020-01-15T03:00:00Z")],
            [REPORT],
            GREEN,
            "要求修改",
        ),
        (
            {},
            [_review("gd-commerce")],
            [REPORT],
            [{**GREEN[0], "conclusion": "failure"}, GREEN[2]],
            "检查没有通过：校验报送文件",
        ),
        ({}, [_review("gd-commerce")], [REPORT], [{**GREEN[0], "status": "queued"}], "检查还在运行"),
        ({}, [_review("gd-commerce")], [REPORT], [GREEN[1]], "还没有这些检查的结果：校验报送文件"),
        ({"draft": True}, [_review("gd-commerce")], [REPORT], GREEN, "草稿"),
        ({"mergeable": False}, [_review("gd-commerce")], [REPORT], GREEN, "冲突"),
        ({"state": "closed"}, [_review("gd-commerce")], [REPORT], GREEN, "不是打开状态"),
        ({}, [_review("gd-commerce")], [REPORT, "generator/cli.py"], GREEN, "系统维护人"),
        ({}, [_review("scpilot-maintainers")], ["submissions/programme.yaml"], GREEN, "系统维护人"),
        ({"user": {"login": "gd-commerce"}}, [_review("gd-commerce")], [REPORT], GREEN, "还没有确认部门审核人"),
    ],
)
def test_no_merge_without_owner_approval_of_the_head_and_green_checks(
    pull: dict[str, Any],
    reviews: list[dict[str, Any]],
    files: list[str],
    checks: list[dict[str, Any]],
    reason: str,
    repo_root: Path,
) -> None:
    decision = _decide(repo_root, _pull(**pull), reviews, files, checks)
    assert not decision.merge and decision.message == ""
    assert reason in " ".join(decision.reasons), decision.reasons


def test_command_reads_paginated_api_output(
    repo_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pull.json").write_text(json.dumps(_pull(), ensure_ascii=False), encoding="utf-8")
    pages = [[_review("someone-else", "COMMENTED")], [_review("gd-commerce")]]
    (tmp_path / "reviews.json").write_text("".join(json.dumps(p) for p in pages), encoding="utf-8")
    (tmp_path / "files.json").write_text(json.dumps([{"filename": REPORT, "status": "added"}]), encoding="utf-8")
    (tmp_path / "checks.json").write_text(
        json.dumps({"total_count": 3, "check_runs": GREEN[:2]})
        + "\n"
        + json.dumps({"total_count": 3, "check_runs": GREEN[2:]}),
        encoding="utf-8",
    )
    args = ["merge-check", "--root", str(repo_root)] + [
        f"--{k}={tmp_path / (k + '.json')}" for k in ("pull", "reviews", "files", "checks")
    ]
    args += ["--ignore-check", "合并确认", "--require-check", "校验报送文件", "--format", "json"]
    assert main(args) == 0
    decision = json.loads(capsys.readouterr().out)
    assert decision["merge"] is True and decision["sha"] == SHA
    assert set(decision) == {"merge", "number", "sha", "reasons", "confirmed_by", "title", "message"}
    (tmp_path / "checks.json").write_text(json.dumps({"check_runs": GREEN}), encoding="utf-8")
    counted = [a for a in args if a not in ("--ignore-check", "合并确认")]
    assert main(counted) == 1  # the merge job's own run is now counted: still running
    assert "检查还在运行：合并确认" in capsys.readouterr().out
    (tmp_path / "reviews.json").write_text("[{", encoding="utf-8")
    assert main(args) == 1 and "不是有效的 JSON" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("*", "anything/at/all", True),
        ("/submissions/guangdong/", "submissions/guangdong/foshan/ledger.yaml", True),
        ("/submissions/guangdong/", "submissions/guangdongx/a.yaml", False),
        ("/pyproject.toml", "pyproject.toml", True),
        ("/pyproject.toml", "sub/pyproject.toml", False),
        ("docs/", "site/docs/a.md", True),
        ("*.md", "docs/guides/pilots.md", True),
    ],
)
def test_codeowners_patterns(pattern: str, path: str, expected: bool) -> None:
    assert bool(merge.owners_for([merge.Rule(pattern, ("@x",))], path)) is expected


def test_last_matching_codeowners_rule_wins(repo_root: Path) -> None:
    rules = merge.parse_codeowners((repo_root / ".github" / "CODEOWNERS").read_text(encoding="utf-8"))
    assert merge.owners_for(rules, REPORT) == ("@gd-commerce",)
    assert merge.owners_for(rules, "submissions/guangdong/recommendations/2019.yaml") == ("@mofcom-scm",)
    assert merge.owners_for(rules, "generator/cli.py") == ("@scpilot-maintainers",)


def test_the_merge_commit_is_read_back_by_the_history(tmp_path: Path, repo_root: Path) -> None:
    """The contract: a merge commit written from the decision gives the confirmer, the
    submission time and the review address to the history, with no trailer missing."""
    decision = _decide(repo_root, _pull(), [_review("gd-commerce")], [REPORT], GREEN)
    source = make_base(tmp_path / "source")
    repo = GitRepo(tmp_path / "git")
    files = {
        p.relative_to(source).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(source.rglob("*"))
        if p.is_file() and "reports" not in p.parts
    }
    repo.commit(files, "初始化", "2019-06-01T09:00:00+08:00")
    repo.git("checkout", "-q", "-b", "report")
    report = (source / "submissions/guangdong/foshan/reports/2019Q3.yaml").read_text(encoding="utf-8")
    repo.commit(
        {"submissions/guangdong/foshan/reports/2019Q3.yaml": report}, "2019Q3 季报", "2019-10-01T09:00:00+08:00"
    )
    repo.git("checkout", "-q", "main")
    repo.git(
        "merge",
        "--no-ff",
        "-q",
        "-m",
        f"{decision.title}\n\n{decision.message}",
        "report",
        when="2020-01-15T10:30:00+08:00",
    )
    history = read_history(repo.root)
    version = history.latest("submissions/guangdong/foshan/reports/2019Q3.yaml")
    assert version is not None
    assert version.confirmed_by == "广东省商务厅 @gd-commerce"
    assert version.submitted_source == "trailer"
    assert version.submitted_at.isoformat() == "2020-01-14T16:20:00+08:00"
    assert version.reviewed_on == "https://git.example.gov.cn/scpilot/submissions/pulls/12"
    assert version.missing_trailers == ()
