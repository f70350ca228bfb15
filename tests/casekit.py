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
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

TESTS = Path(__file__).parent
ROOT = TESTS.parent
CASES = TESTS / "cases"
BASE = TESTS / "fixtures" / "base"


def make_base(target: Path) -> Path:
    """A small valid repository: the real schemas and calendar, the fixture's submissions."""
    shutil.copytree(ROOT / "schemas", target / "schemas")
    shutil.copytree(BASE / "submissions", target / "submissions")
    shutil.copy(ROOT / "submissions" / "programme.yaml", target / "submissions" / "programme.yaml")
    return target


def _step(key: str) -> str | int:
    return int(key) if key.isdigit() else key


def _walk(data: Any, dotted: str) -> tuple[Any, str | int]:
    *parents, last = [_step(k) for k in dotted.split(".")]
    for key in parents:
        data = data[key]
    return data, last


def apply_case(case: dict[str, Any], root: Path) -> None:
    path = root / case["file"]
    if case.get("remove"):
        path.unlink()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    if "raw" in case:
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
