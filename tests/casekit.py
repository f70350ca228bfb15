"""Example cases: each file in tests/cases/{valid,invalid}/ describes one change to the base
fixture repository (tests/fixtures/base plus the real schemas and calendar) and the rule ids
the validator must report for it.

    title: 季报单位与台账不一致
    file: submissions/guangdong/foshan/reports/2019Q3.yaml
    set: {targets.0.unit: 万家}        # dotted paths; numbers index lists
    delete: [kpis]                    # dotted paths to remove
    raw: |                            # or: the whole file text
      ...
    encoding: gbk                     # how to encode ``raw`` (default utf-8)
    pad_bytes: 1100000                # append a comment of this many bytes
    remove: true                      # delete the file instead
    expect: [SCP-E006]                # the exact set of rule ids reported

The hostile corpus (tests/hostile/) adds:

    raw_base64: 77u/aWQ6IGZvc2hhbgo=  # the exact bytes of the file
    raw_parts: [["[", 5000], ["]", 5000]]   # generated text: each piece repeated, then joined
    symlink: ../../../../outside/x.yaml     # make the file a symbolic link (relative to its folder)
    files: [{file: ..., raw: ...}]    # further changes applied first, in the same format
    exit: 0                           # the exit code of `scpilot validate`
    why: ...                          # for an accepted case: why accepting it is safe
    cli: true                         # also run `python -m generator validate` as a subprocess
"""

from __future__ import annotations

import base64
import contextlib
import io
import logging
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from generator.tooling.migrate import without_batches

TESTS = Path(__file__).parent
ROOT = TESTS.parent
CASES = TESTS / "cases"
BASE = TESTS / "fixtures" / "base"


def make_base(target: Path) -> Path:
    """A small valid repository: the real schemas and calendar, the fixture's submissions."""
    shutil.copytree(ROOT / "schemas", target / "schemas")
    shutil.copytree(BASE / "submissions", target / "submissions")
    calendar = without_batches((ROOT / "submissions" / "programme.yaml").read_text(encoding="utf-8"))
    (target / "submissions" / "programme.yaml").write_text(calendar, encoding="utf-8")
    return target


def copy_sample(target: Path) -> Path:
    """A copy of the shipped sample repository (its schemas and submissions, no git history)."""
    for folder in ("schemas", "submissions"):
        shutil.copytree(ROOT / folder, target / folder)
    return target


def _step(key: str) -> str | int:
    return int(key) if key.isdigit() else key


def _walk(data: Any, dotted: str) -> tuple[Any, str | int]:
    *parents, last = [_step(k) for k in dotted.split(".")]
    for key in parents:
        data = data[key]
    return data, last


def apply_case(case: dict[str, Any], root: Path) -> None:
    for change in case.get("files") or []:
        apply_case(change, root)
    path = root / case["file"]
    if case.get("remove"):
        path.unlink()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    if "symlink" in case:
        if path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(case["symlink"])
        return
    if "raw_base64" in case:
        raw = base64.b64decode(case["raw_base64"])
    elif "raw_parts" in case:
        raw = "".join(str(text) * int(count) for text, count in case["raw_parts"]).encode("utf-8")
    elif "raw" in case:
        raw = case["raw"].encode(case.get("encoding", "utf-8"))
    else:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for dotted, value in (case.get("set") or {}).items():
            parent, key = _walk(data, dotted)
            parent[key] = value
        for dotted in case.get("delete") or []:
            parent, key = _walk(data, dotted)
            del parent[key]
        raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")
    if case.get("pad_bytes"):
        raw += b"\n# " + b"x" * int(case["pad_bytes"]) + b"\n"
    path.write_bytes(raw)


def load_cases(kind: str) -> list[tuple[str, dict[str, Any]]]:
    return [(p.stem, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sorted((CASES / kind).glob("*.yaml"))]


def scpilot(args: Sequence[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``scpilot ARGS`` run by the command's own entry point (``generator.cli.main.main``, what
    ``python -m generator`` calls) in this process, read like a finished process: the exit code, and
    stdout and stderr as text. stderr has what the command writes there and its log lines as
    ``main``'s ``logging.basicConfig`` prints them (warnings and worse, "scpilot：" first), so a
    message is found wherever the command puts it. For tests about what a command does, not about
    starting a process (test_cli.py and test_hostile.py run the command line as a process of its own)."""
    from generator.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    handler = logging.StreamHandler(err)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("scpilot：%(message)s"))
    root_logger = logging.getLogger()
    here = Path.cwd()
    root_logger.addHandler(handler)
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 1
    finally:
        os.chdir(here)
        root_logger.removeHandler(handler)
    return subprocess.CompletedProcess(["scpilot", *args], code, out.getvalue(), err.getvalue())
