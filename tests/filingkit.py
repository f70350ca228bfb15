"""Helpers for the filing desk's browser tests: a fixture site with the desk, a local server,
and a page opened at ``file/`` with the form loaded."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import yaml
from casekit import scpilot
from sitekit import build, make_site_repo
from test_browser import CHROMIUM, FLAGS

__all__ = ["CHROMIUM", "FLAGS", "SKIP", "open_desk", "site_repo", "validate", "with_host"]

SKIP = bool(os.environ.get("SCPILOT_SKIP_BROWSER"))


# The desk's query for each kind of document of the base fixture, and the file it edits.
DOCUMENTS = [
    ("pilot=foshan&doc=pilot", "submissions/guangdong/foshan/pilot.yaml"),
    ("pilot=foshan&doc=ledger", "submissions/guangdong/foshan/ledger.yaml"),
    ("pilot=foshan&doc=report&period=2019Q3", "submissions/guangdong/foshan/reports/2019Q3.yaml"),
    ("pilot=foshan&doc=summary&period=2019", "submissions/guangdong/foshan/summaries/2019.yaml"),
    ("pilot=fs-example-home&doc=summary&period=2019", "submissions/guangdong/fs-example-home/summaries/2019.yaml"),
    ("province=guangdong&doc=recommendations&period=2019", "submissions/guangdong/recommendations/2019.yaml"),
    ("province=guangdong&doc=province_summary&period=2019", "submissions/guangdong/summaries/2019.yaml"),
]


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
    """``scpilot validate`` on ``text`` written at ``rel`` in a copy of the repository, in this
    process (casekit.scpilot): the exit code, stdout and stderr."""
    copy = Path(tempfile.mkdtemp(prefix="scpilot-filing-check-"))
    for folder in ("submissions", "schemas"):
        shutil.copytree(root / folder, copy / folder)
    (copy / rel).parent.mkdir(parents=True, exist_ok=True)
    (copy / rel).write_bytes(text)
    try:
        return scpilot(["validate", str(copy / rel), "--root", str(copy), "--format", "json"])
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def comment_free(text: str) -> Any:
    return yaml.safe_load(text)
