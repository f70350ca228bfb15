"""Issue 14.14: a confirmed ledger's quality warnings (SCP-Q…) are not repeated on every
validation of its folder; they come back, one by one, as soon as the ledger is edited (in
the working tree or on a branch) or when there is no confirmed version to compare with."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from casekit import make_base
from gitkit import GitRepo

from generator.cli.main import main
from generator.history.confirmed import parse_ls_tree, unchanged_since_confirmed
from generator.load.problems import Problem
from generator.rules.index import blob_id
from generator.rules.quality import folded_note, split_confirmed

LEDGER = "submissions/central/example-group/ledger.yaml"
FOLDER = "submissions/central/example-group"
MILESTONES = "milestones: [{date: 2020-01-31, name: 建成 3 个海外仓}, {date: 2020-06-30, name: 建成 4 个海外仓}]"


def _confirmed_repo(tmp_path: Path) -> GitRepo:
    """The base fixture on main, its ledger with a measure that has no milestone for a year (SCP-Q008)."""
    root = make_base(tmp_path / "repo")
    ledger = root / LEDGER
    text = ledger.read_text(encoding="utf-8")
    assert MILESTONES in text
    ledger.write_text(text.replace(MILESTONES, "milestones: [{date: 2020-06-30, name: 建成 4 个海外仓}]"), "utf-8")
    repo = GitRepo(root)
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "报送\n\nConfirmed-by: 某省商务厅", when="2019-06-29T10:00:00+08:00")
    return repo


def _validate(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str]:
    code = main(
        ["validate", "--root", str(root), *(str(root / a) if a.startswith("submissions/") else a for a in args)]
    )
    return code, capsys.readouterr().out


def test_a_confirmed_ledger_warns_once_in_a_line_not_on_every_validation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _confirmed_repo(tmp_path)
    code, out = _validate(capsys, repo.root, FOLDER)
    assert code == 0
    assert "SCP-Q008 举措" not in out, out  # not listed again
    assert "0 个警告" in out
    assert f"另有 1 条质量提示（SCP-Q008）在确认后没有改动的材料中（{LEDGER} 1 条）" in out, out
    # the machine-readable list keeps every problem
    _, raw = _validate(capsys, repo.root, FOLDER, "--format", "json")
    assert [p["rule"] for p in json.loads(raw)] == ["SCP-Q008"]
    _, annotations = _validate(capsys, repo.root, FOLDER, "--format", "github")
    assert "SCP-Q008" not in annotations


def test_an_edited_ledger_lists_its_quality_warnings_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = _confirmed_repo(tmp_path)
    ledger = repo.root / LEDGER
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("5 个海外仓运营", "6 个海外仓运营"), "utf-8")
    _, out = _validate(capsys, repo.root, FOLDER)
    assert "SCP-Q008 举措 M1" in out and "另有" not in out, out
    # committed on a branch: still not what main confirmed
    repo.git("checkout", "-q", "-b", "revise")
    repo.git("commit", "-q", "-am", "修订台账", when="2019-09-01T10:00:00+08:00")
    _, out = _validate(capsys, repo.root, FOLDER)
    assert "SCP-Q008 举措 M1" in out and "另有" not in out, out
    _, annotations = _validate(capsys, repo.root, FOLDER, "--format", "github")
    assert "SCP-Q008" in annotations


def test_without_git_or_without_the_target_branch_every_warning_is_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _confirmed_repo(tmp_path)
    monkeypatch.setenv("SCPILOT_TARGET_BRANCH", "no-such-branch")
    _, out = _validate(capsys, repo.root, FOLDER)
    assert "SCP-Q008 举措 M1" in out, out
    monkeypatch.delenv("SCPILOT_TARGET_BRANCH")
    shutil.rmtree(repo.root / ".git")
    _, out = _validate(capsys, repo.root, FOLDER)
    assert "SCP-Q008 举措 M1" in out and "另有" not in out, out


def test_unchanged_files_are_found_by_their_blob(tmp_path: Path) -> None:
    repo = _confirmed_repo(tmp_path)
    assert blob_id(b"hello\n") == "ce013625030ba8dba906f756967f9e9ca394464a"  # git hash-object
    other = "submissions/guangdong/foshan/ledger.yaml"
    assert unchanged_since_confirmed(repo.root, [LEDGER, other, "submissions/nowhere.yaml"]) == {LEDGER, other}
    (repo.root / other).write_text("pilot: foshan\n", encoding="utf-8")
    assert unchanged_since_confirmed(repo.root, [LEDGER, other]) == {LEDGER}
    assert parse_ls_tree("100644 blob abc\tsubmissions/a b.yaml\x00040000 tree def\tsubmissions/x\x00") == {
        "submissions/a b.yaml": "abc"
    }


def test_only_quality_warnings_of_unchanged_files_are_folded() -> None:
    def problem(rule: str, file: str) -> Problem:
        return Problem(rule, file, 3, 5, "消息", "提示")

    kept = [problem("SCP-Q008", "b.yaml"), problem("SCP-E001", "a.yaml"), problem("SCP-W004", "a.yaml")]
    folded = [problem("SCP-Q008", "a.yaml"), problem("SCP-Q001", "a.yaml")]
    shown, hidden = split_confirmed([*kept, *folded], frozenset({"a.yaml"}))
    assert shown == kept and hidden == folded
    assert folded_note(hidden).startswith(
        "另有 2 条质量提示（SCP-Q001、SCP-Q008）在确认后没有改动的材料中（a.yaml 2 条）"
    )
    assert folded_note([]) == ""
