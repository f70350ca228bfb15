"""The files that wire scpilot into editors, pre-commit and the hosting service: every
document type reaches its schema, the hooks run ``scpilot validate``, the workflows keep
their hardening (least permissions, pinned actions, no pull-request code with write
access), and the documentation names every tooling command."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from casekit import BASE, ROOT

from generator.cli.main import build_parser
from generator.cli.tooling import COMMANDS
from generator.load.layout import KINDS, classify

WORKFLOWS = ROOT / ".github" / "workflows"
VENV_BIN = Path(sys.executable).parent
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")


def _glob(pattern: str, path: str) -> bool:
    """The YAML language server's globs: ``*`` stays inside one folder."""
    return re.fullmatch(re.escape(pattern).replace(r"\*", "[^/]*"), path) is not None


def _submission_files() -> list[str]:
    found = []
    for base in (ROOT, BASE):
        found += [p.relative_to(base).as_posix() for p in (base / "submissions").rglob("*.yaml")]
    return sorted(set(found))


# -- editor ---------------------------------------------------------------------------------------


def test_vscode_maps_every_document_type_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping: dict[str, list[str]] = settings["yaml.schemas"]
    assert sorted(mapping) == sorted(f"./schemas/{kind}.schema.json" for kind in KINDS)
    assert all((ROOT / schema).is_file() for schema in mapping)
    assert settings["yaml.schemaStore.enable"] is False  # nothing is fetched from outside
    for rel in _submission_files():
        location = classify(rel)
        assert location is not None, rel
        matched = [schema for schema, globs in mapping.items() for g in globs if _glob(g, rel)]
        assert matched == [f"./schemas/{location.kind}.schema.json"], rel


def test_every_sample_file_names_its_schema_on_the_first_line() -> None:
    for path in sorted((ROOT / "submissions").rglob("*.yaml")):
        rel = path.relative_to(ROOT).as_posix()
        location = classify(rel)
        assert location is not None
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), rel
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target == (ROOT / "schemas" / f"{location.kind}.schema.json").resolve(), rel


# -- pre-commit -------------------------------------------------------------------------------------


def test_pre_commit_runs_validate_on_changed_submissions() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    validate = hooks["scpilot-validate"]
    assert validate["entry"] == "scpilot validate"
    assert validate.get("pass_filenames", True) is True
    assert re.search(validate["files"], "submissions/guangdong/foshan/reports/2019Q3.yaml")
    assert not re.search(validate["files"], "generator/cli.py")
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    published = {hook["id"]: hook for hook in manifest}
    assert published["scpilot-validate"]["entry"] == "scpilot validate"
    assert published["scpilot-validate"]["language"] == "python"  # pre-commit installs this package
    for hook in (*hooks.values(), *published.values()):
        assert set(hook) >= {"id", "name", "entry", "language"}


def test_the_hook_command_accepts_the_files_pre_commit_passes(
    base_repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.cli.main import main

    monkeypatch.chdir(base_repo)
    files = ["submissions/guangdong/foshan/ledger.yaml", "submissions/guangdong/foshan/reports/2019Q3.yaml"]
    assert main(["validate", *files]) == 0
    assert "0 个错误" in capsys.readouterr().out


# -- workflows ----------------------------------------------------------------------------------------


def _workflow(name: str) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return data


def _on(data: dict[Any, Any]) -> dict[str, Any]:
    trigger = data.get("on", data.get(True))  # YAML 1.1 reads the key `on` as true
    assert isinstance(trigger, dict)
    return trigger


def _steps(data: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def _runs(data: dict[Any, Any]) -> str:
    return "\n".join(str(step.get("run", "")) for step in _steps(data))


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_workflows_are_hardened(name: str) -> None:
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    data = _workflow(name)
    assert data["permissions"] == {}, "permissions: {} at the top"
    assert "pull_request_target" not in _on(data)
    for job in data["jobs"].values():
        assert "permissions" in job, "each job asks for the least it needs"
        assert "write-all" not in json.dumps(job["permissions"])
    for step in _steps(data):
        uses = step.get("uses")
        if uses:
            assert SHA_PIN.match(uses), f"{uses} is not pinned to a full commit SHA"
            line = next(line for line in text.splitlines() if uses in line)
            assert re.search(r"# v\d+\.\d+\.\d+$", line), f"{uses} needs a version comment"
        if uses and uses.startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
            assert step["with"]["fetch-depth"] == 0
        assert "${{ github.event" not in str(step.get("run", "")), "event data reaches scripts only through env"


def test_validate_workflow_runs_the_checks_on_pull_requests() -> None:
    data = _workflow("validate.yml")
    assert list(_on(data)) == ["pull_request"]
    runs = _runs(data)
    for command in (
        'scpilot validate --base "$BASE_SHA" --format github --max-annotations 10',
        'scpilot changes "$BASE_SHA" "$HEAD_SHA"',
        '>> "$GITHUB_STEP_SUMMARY"',
        'scpilot check-scope "$BASE_SHA" "$HEAD_SHA"',
        "scpilot codeowners --check",
    ):
        assert command in runs
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"contents": "read"}  # runs pull-request code: read only
    assert job["name"] == "校验报送文件"  # merge.yml requires this check by name


def test_comment_workflow_never_runs_pull_request_code() -> None:
    data = _workflow("comment.yml")
    assert list(_on(data)) == ["workflow_run"]
    assert _on(data)["workflow_run"]["workflows"] == [_workflow("validate.yml")["name"]]
    steps = _steps(data)
    assert not any("checkout" in str(step.get("uses", "")) for step in steps)
    assert not any(
        re.search(r"\bpip install\b|\bscpilot [a-z]|\bmake\b|\bpython\b", str(step.get("run", ""))) for step in steps
    )
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert "<!-- scpilot-changes -->" in _runs(data)


def test_merge_workflow_pins_the_approved_head_and_writes_the_trailers() -> None:
    data = _workflow("merge.yml")
    assert "pull_request_review" in _on(data) and "pull_request_target" not in _on(data)
    (job,) = data["jobs"].values()
    checkout = next(s for s in job["steps"] if "checkout" in str(s.get("uses", "")))
    assert checkout["with"]["ref"] == "${{ github.event.repository.default_branch }}"  # never the pull request
    runs = _runs(data)
    assert (
        "scpilot merge-check" in runs and "--require-check 校验报送文件" in runs and "--ignore-check 合并确认" in runs
    )
    assert "merge_method=merge" in runs and 'sha="$(jq -r .sha' in runs
    assert job["name"] == "合并确认"
    assert job["permissions"]["contents"] == "write" and job["permissions"]["pull-requests"] == "read"


def test_reminders_workflow_uses_due() -> None:
    data = _workflow("reminders.yml")
    assert "schedule" in _on(data)
    runs = _runs(data)
    assert "scpilot due --within 7 --format json" in runs and "scpilot due --within 7 --format markdown" in runs
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}


def _check_jsonschema() -> str:
    tool = VENV_BIN / "check-jsonschema"
    if tool.exists():
        return str(tool)
    found = shutil.which("check-jsonschema")
    if found is None:
        pytest.skip("check-jsonschema is not installed")
    return found


@pytest.mark.parametrize(
    ("schema", "files"),
    [
        ("vendor.github-workflows", sorted(str(p) for p in WORKFLOWS.glob("*.yml"))),
        (
            "custom.github-workflows-require-timeout",
            sorted(str(p) for p in WORKFLOWS.glob("*.yml") if p.name != "pages.yml"),
        ),
        ("vendor.github-issue-forms", [str(ROOT / ".github" / "ISSUE_TEMPLATE" / "question.yml")]),
        ("vendor.github-issue-config", [str(ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml")]),
    ],
)
def test_builtin_schemas_accept_workflows_and_issue_forms(schema: str, files: list[str]) -> None:
    result = subprocess.run(
        [_check_jsonschema(), "--builtin-schema", schema, *files], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_gitlab_example_is_valid_and_runs_the_same_checks(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("### 在 GitLab CI 或 Gitea Actions 上运行")[1].split("```yaml\n")[1].split("```")[0]
    example = yaml.safe_load(block)
    script = "\n".join(example["validate"]["script"])
    for command in ("scpilot validate", "scpilot changes", "scpilot check-scope", "scpilot codeowners --check"):
        assert command in script
    assert example["validate"]["variables"]["GIT_DEPTH"] == "0"
    (tmp_path / ".gitlab-ci.yml").write_text(block, encoding="utf-8")
    result = subprocess.run(
        [_check_jsonschema(), "--builtin-schema", "vendor.gitlab-ci", str(tmp_path / ".gitlab-ci.yml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_request_template_carries_the_reviewers_checklist() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for words in ("目标明确", "措施能落地", "时间进度安排", "申报方案", "已完成的工作", "附件3", "本省试点企业"):
        assert words in text
    assert text.count("- [ ]") >= 8


# -- documentation ---------------------------------------------------------------------------------------


def test_every_tooling_command_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    guides = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "guides").glob("*.md"))
    parser = build_parser()
    subparsers = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    registered = set(subparsers)
    assert set(COMMANDS) <= registered
    for command in COMMANDS:
        assert f"scpilot {command}" in readme, command
    for words in ("scpilot new report", "scpilot import indicators", "scpilot export template", "scpilot due"):
        assert words in guides
    for kind in ("pilot", "ledger", "report", "summary", "recommendations"):
        assert f"new {kind}" in readme + guides


def test_help_texts_are_chinese() -> None:
    parser = build_parser()
    subparsers = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for command in COMMANDS:
        help_text = subparsers[command].format_help()
        assert re.search(r"[\u4e00-\u9fff]", subparsers[command].description or ""), command
        assert "用法：scpilot" in help_text  # argparse in Chinese (issue 14.11)
