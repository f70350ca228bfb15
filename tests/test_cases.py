"""Every example in tests/cases/ is a test: the base fixture plus one change must give
exactly the expected rule ids, each located in a file, with a Chinese message and hint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from casekit import apply_case, load_cases

from generator.load.problems import RULES
from generator.rules.validate import validate_repository

INVALID = load_cases("invalid")
VALID = load_cases("valid")
# Rules whose trigger is not a file in a repository, and the test file that covers each
# (checked below: issue 14.16 found Y016 excused by a test_loader.py that did not exist).
COVERED_IN = {
    "SCP-Y016": "test_loader.py",
    "SCP-G001": "test_confirm.py",
    "SCP-G002": "test_confirm.py",
    "SCP-G003": "test_confirm.py",
}
COVERED_ELSEWHERE = set(COVERED_IN)


def _run(case: dict[str, Any], root: Path) -> Any:
    apply_case(case, root)
    return validate_repository(root)


@pytest.mark.parametrize(("name", "case"), INVALID, ids=[n for n, _ in INVALID])
def test_invalid_case(name: str, case: dict[str, Any], base_repo: Path) -> None:
    result = _run(case, base_repo)
    assert {p.rule for p in result.problems} == set(case["expect"]), case["title"]
    assert not result.ok
    for problem in result.problems:
        assert problem.message and problem.hint, problem
        assert any("\u4e00" <= ch <= "\u9fff" for ch in problem.message), problem.message
        assert problem.file.startswith("submissions/")
    located = [p for p in result.problems if p.rule not in {"SCP-Y007", "SCP-Y011", "SCP-S010", "SCP-E009", "SCP-E011"}]
    assert all(p.line > 0 and p.column > 0 for p in located), located


@pytest.mark.parametrize(("name", "case"), VALID, ids=[n for n, _ in VALID])
def test_valid_case(name: str, case: dict[str, Any], base_repo: Path) -> None:
    result = _run(case, base_repo)
    assert {p.rule for p in result.problems} == set(case["expect"]), [p.message for p in result.problems]
    assert result.ok


def test_base_fixture_is_clean(base_repo: Path) -> None:
    result = validate_repository(base_repo)
    assert result.problems == []
    assert result.files == 14


def test_every_rule_has_an_invalid_or_valid_case() -> None:
    expected = {rule for _, case in INVALID + VALID for rule in case["expect"]} | COVERED_ELSEWHERE
    assert sorted(set(RULES) - expected) == []


def test_rules_covered_elsewhere_are_covered_there() -> None:
    tests = Path(__file__).parent
    for rule, name in COVERED_IN.items():
        assert (tests / name).is_file(), name
        assert rule in (tests / name).read_text(encoding="utf-8"), (rule, name)


def test_at_least_forty_invalid_cases() -> None:
    assert len(INVALID) >= 40
