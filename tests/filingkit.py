"""Helpers for the filing desk's browser tests: a fixture site with the desk, a local server,
and a page opened at ``file/`` with the form loaded."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from sitekit import build, make_site_repo
from test_browser import CHROMIUM, FLAGS

__all__ = ["CHROMIUM", "FLAGS", "SKIP", "open_desk", "site_repo", "validate", "with_host"]

SKIP = bool(os.environ.get("SCPILOT_SKIP_BROWSER"))


def with_host(host: dict[str, str] | None) -> Any:
    """A ``make_site_repo`` change that sets the plugin's ``host`` option (None: remove it)."""

    def change(root: Path) -> None:
        path = root / "mkdocs.yml"
        text = path.read_text(encoding="utf-8")
        start = text.index("      host:\n")
        end = text.index("\n\n", start)
        block = "" if host is None else "      host:\n" + "".join(f"        {k}: {v}\n" for k, v in host.items())
        path.write_text(text[:start] + block.rstrip("\n") + text[end:], encoding="utf-8")

    return change


def site_repo(target: Path, host: dict[str, str] | None = None) -> Path:
    root = make_site_repo(target, with_host(host) if host is not None else None)
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root


def open_desk(page: Any, base: str, query: str) -> None:
    page.goto(f"{base}/file/?{query}")
    page.wait_for_selector(".scp-form [name]:not([type=hidden])", timeout=20000)
    page.wait_for_selector(".scp-summary p", timeout=20000)


def validate(root: Path, rel: str, text: bytes) -> subprocess.CompletedProcess[str]:
    """``scpilot validate`` on ``text`` written at ``rel`` in a copy of the repository."""
    copy = Path(tempfile.mkdtemp(prefix="scpilot-filing-check-"))
    for folder in ("submissions", "schemas"):
        shutil.copytree(root / folder, copy / folder)
    (copy / rel).parent.mkdir(parents=True, exist_ok=True)
    (copy / rel).write_bytes(text)
    try:
        return subprocess.run(
            [sys.executable, "-m", "generator", "validate", str(copy / rel), "--root", str(copy), "--format", "json"],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def comment_free(text: str) -> Any:
    return yaml.safe_load(text)
