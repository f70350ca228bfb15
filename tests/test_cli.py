"""The command-line contract: exit codes, the three formats (golden text), PATH scope."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from casekit import ROOT, apply_case, load_cases

from generator.cli.main import main

GOLDEN = Path(__file__).parent / "golden"
CASES = dict(load_cases("invalid") + load_cases("valid"))
# One unknown-key problem, one unit problem, one warning, in three files.
GOLDEN_SCENARIO = ("y004-duplicate-key", "e006-unit-mismatch", "report-missing-measure")


def _broken(root: Path) -> Path:
    for name in GOLDEN_SCENARIO:
        apply_case(CASES[name], root)
    return root


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("SCPILOT_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_golden_output(fmt: str, base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "validate", "--root", str(_broken(base_repo)), "--format", fmt)
    assert code == 1
    _golden(f"validate.{fmt}.txt", out)


def test_json_contract(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "validate", "--root", str(_broken(base_repo)), "--format", "json")
    rows = json.loads(out)
    assert code == 1 and len(rows) == 3
    for row in rows:
        assert set(row) == {"file", "line", "column", "rule", "severity", "message", "hint"}
        assert row["severity"] in {"error", "warning"}


def test_clean_repository_exits_zero(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "validate", "--root", str(base_repo))
    assert code == 0
    assert out == "检查了 14 个文件：0 个错误，0 个警告。通过。\n"


def test_warnings_alone_exit_zero(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    apply_case(CASES["report-missing-measure"], base_repo)
    code, out, _ = _run(capsys, "validate", "--root", str(base_repo))
    assert code == 0 and "SCP-W001" in out


def test_paths_narrow_the_report_but_not_the_rules(
    base_repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _broken(base_repo)
    monkeypatch.chdir(base_repo)
    code, out, _ = _run(capsys, "validate", "submissions/guangdong/foshan/reports", "--format", "json")
    rules = sorted(row["rule"] for row in json.loads(out))
    assert code == 1 and rules == ["SCP-E006", "SCP-W001"]
    code, out, _ = _run(capsys, "validate", "submissions/guangdong/fs-example-home", "--format", "json")
    assert code == 0 and json.loads(out) == []


def test_github_annotations_are_limited_errors_first(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(
        capsys, "validate", "--root", str(_broken(base_repo)), "--format", "github", "--max-annotations", "2"
    )
    lines = out.splitlines()
    assert code == 1 and len(lines) == 2 and all(line.startswith("::error ") for line in lines)


@pytest.mark.parametrize(
    "args",
    [["validate", "--format", "xml"], ["validate", "--root", "/nonexistent/place"], ["frobnicate"], []],
)
def test_usage_errors_exit_two(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        code = main(args)
        raise SystemExit(code)
    assert exit_info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_path_outside_repository_is_a_usage_error(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "validate", "--root", str(base_repo), "/")
    assert code == 2 and "不在仓库" in err


def test_module_entry_point_and_no_traceback_on_garbage(base_repo: Path) -> None:
    (base_repo / "submissions" / "guangdong" / "foshan" / "ledger.yaml").write_bytes(bytes(range(256)) * 10)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--root", str(base_repo)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "SCP-Y014" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_sample_data_validates_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "validate", "--root", str(ROOT))
    assert code == 0, out
    assert "0 个错误" in out


def test_rules_listing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "rules")
    assert code == 0 and "SCP-E006\t错误\t计量单位与台账不一致" in out
