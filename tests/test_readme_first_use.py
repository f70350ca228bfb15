"""Issue 14.9 and 14.10: the quick start says how a fresh machine gets the test dependencies
and how to run scpilot, which is not on PATH after `make site` / `make test`."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
QUICK_START = README.split("## 快速开始")[1].split("\n## ")[0]


def test_quick_start_says_how_to_run_scpilot() -> None:
    assert "source .venv/bin/activate" in QUICK_START
    assert ".venv/bin/scpilot" in QUICK_START
    assert "安装见上文" not in README  # pointed to nothing
    # what the README promises is where the install puts it
    assert (Path(sys.executable).parent / "scpilot").exists()


def test_quick_start_says_what_make_test_installs() -> None:
    assert ".ci/system-deps" in QUICK_START and "chromium" in QUICK_START and "npm ci" in QUICK_START
    assert "./.ci/system-deps" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert ".ci/system-deps" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
