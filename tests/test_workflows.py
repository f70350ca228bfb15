"""Workflow security: zizmor (at its default persona, offline) finds nothing in .github/workflows,
and no secret is reachable from a pull request of a fork: no ``pull_request_target``, and the
workflows that a fork's pull request can start (directly, through a review, or through a
``workflow_run`` after one) use no secret but the automatic token and never check out its code."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

WORKFLOWS = Path(__file__).parent.parent / ".github" / "workflows"
FILES = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])
# Events a fork's pull request can cause. workflow_run and the review events run with the base
# repository's token, so a secret there would be reachable from a fork.
FORK_REACHABLE = {"pull_request", "pull_request_review", "pull_request_review_comment", "workflow_run", "issue_comment"}
PRIVILEGED = FORK_REACHABLE - {"pull_request"}
SECRET = re.compile(r"secrets\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)|secrets\s*\[")
HEAD_REF = re.compile(r"(pull_request|workflow_run)\.head|head_ref|head_sha|head_branch|refs/pull/", re.IGNORECASE)


def _triggers(workflow: dict[Any, Any]) -> set[str]:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    if isinstance(on, str):
        return {on}
    return set(on or [])


def test_zizmor_finds_nothing() -> None:
    assert FILES
    result = subprocess.run(
        [str(Path(sys.executable).parent / "zizmor"), "--offline", "--format", "json", str(WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    findings = json.loads(result.stdout or "null")
    described = [
        f"{f['ident']}: {f['desc']} — {f['locations'][0]['symbolic'].get('annotation', '')} "
        f"({json.dumps(f['locations'][0]['symbolic'].get('key'), ensure_ascii=False)})"
        for f in findings or []
    ]
    assert result.returncode == 0 and findings == [], "\n".join(described) or result.stderr


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_no_secret_reachable_from_a_fork(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    triggers = _triggers(workflow)
    assert "pull_request_target" not in triggers, "pull_request_target runs fork code with secrets"
    if not triggers & FORK_REACHABLE:
        return
    code = "\n".join(line.split("#", 1)[0] for line in text.splitlines())  # comments may mention anything
    used = {m.group(1) or "secrets[…]" for m in SECRET.finditer(code)}
    assert used <= {"GITHUB_TOKEN"}, f"{path.name} ({', '.join(sorted(triggers))}) uses secrets {sorted(used)}"
    assert not re.search(r"secrets\s*:\s*inherit", code), f"{path.name} passes its secrets on"
    if triggers & PRIVILEGED:
        for job in (workflow.get("jobs") or {}).values():
            for step in job.get("steps") or []:
                if str(step.get("uses", "")).startswith("actions/checkout"):
                    ref = str((step.get("with") or {}).get("ref", ""))
                    assert not HEAD_REF.search(ref), f"{path.name} checks out the pull request's code: {ref}"
