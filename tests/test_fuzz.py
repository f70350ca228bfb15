"""Property-based fuzzing (hypothesis) of the loader and the validator: whatever the bytes, they
never raise, and whatever they reject they explain with located, Chinese problems.

In CI (CI set) the examples are derandomised, so a run is reproducible; locally each run
explores new inputs."""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from casekit import make_base
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load.layout import classify
from generator.load.loader import MAX_FILE_BYTES, load_bytes
from generator.load.problems import RULES, Problem
from generator.load.schemas import SchemaSet, load_schema_set
from generator.rules.validate import validate_repository

FUZZ = settings(
    deadline=None,
    database=None,
    derandomize=bool(os.environ.get("CI")),
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
HAN = re.compile("[\u4e00-\u9fff]")
WHOLE_FILE = {"SCP-Y007", "SCP-Y011", "SCP-Y016", "SCP-S010", "SCP-E009", "SCP-E011"}
DISPLAY = "submissions/guangdong/foshan/ledger.yaml"

# Pieces of YAML that matter to a parser, and the traps of the issue: joined at random they make
# documents that are almost valid, which reach deeper than random bytes.
TOKENS = [
    "\n", "  ", "    ", "- ", ": ", "? ", ",", "[", "]", "{", "}", "'", '"', "#", "|", ">", "|-", "&a ", "*a",
    "<<: ", "!!str ", "!!python/object:os.system ", "!x ", "! ", "---\n", "...\n", "%YAML 1.1\n", "%TAG ! x:\n",
    "\t", "\u3000", "：", "\ufeff", "\u00a0", "\u200b", "\u202e", "\r\n", "\r", "\\", "\\u0000", "\x00", "\x1b",
    "\x85", "\u2028", "id", "name", "targets", "value", "foshan", "T1", "2019Q3", "2019-06-30", "1e400", "0x10",
    ".nan", "-.inf", "１２３", "9" * 40, "010", "yes", "no", "~", "null", "true", "1:20", "佛山市", "<script>",
]  # fmt: skip


def _yamlish() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(TOKENS) | st.text(max_size=4), max_size=60).map("".join)


def _plain(value: Any) -> bool:
    """The loader's output is plain data: what JSON can hold, with finite numbers and text keys."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    if isinstance(value, float):
        return math.isfinite(value)
    return value is None or isinstance(value, bool | int | str)


def _explained(problem: Problem, where: str | None = None) -> None:
    assert problem.rule in RULES, problem
    assert where is None or problem.file == where, problem
    assert HAN.search(problem.message) and problem.hint, problem
    assert problem.line >= 0 and problem.column >= 0, problem
    assert (problem.line > 0 and problem.column > 0) or problem.rule in WHOLE_FILE, f"not located: {problem}"


def _check_loaded(raw: bytes) -> None:
    loaded = load_bytes(raw, DISPLAY)
    for problem in loaded.problems:
        _explained(problem, DISPLAY)
    if loaded.document is None:
        assert any(p.is_error for p in loaded.problems), "a rejected file must say why"
    else:
        assert not any(p.is_error for p in loaded.problems)
        assert _plain(loaded.document.data)
        json.dumps(loaded.document.data, allow_nan=False)


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)


@settings(FUZZ, max_examples=300)
@given(st.binary(max_size=3000))
def test_loader_on_random_bytes(raw: bytes) -> None:
    _check_loaded(raw)


@settings(FUZZ, max_examples=300)
@given(_yamlish(), st.sampled_from(["utf-8", "utf-16", "gb18030", "utf-8-sig"]))
def test_loader_on_yamlish_text(text: str, encoding: str) -> None:
    _check_loaded(text.encode(encoding, errors="replace"))


@FUZZ
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20), _containers))
def test_loader_reads_back_what_yaml_writes(data: Any) -> None:
    """Anything PyYAML writes the loader reads without raising; if it is accepted, text keys and
    finite numbers come back as plain data."""
    _check_loaded(yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))


def test_loader_size_limit_is_checked_before_parsing() -> None:
    loaded = load_bytes(b"a: [" * (MAX_FILE_BYTES // 4 + 1), DISPLAY)
    assert [p.rule for p in loaded.problems] == ["SCP-Y007"]


# -- the validator: random documents at real paths of the layout -----------------------------------

LAYOUT_PATHS = [
    "submissions/programme.yaml",
    "submissions/guangdong/province.yaml",
    "submissions/guangdong/recommendations/2019.yaml",
    "submissions/guangdong/summaries/2019.yaml",
    "submissions/guangdong/summaries/2020.yaml",
    "submissions/guangdong/foshan/pilot.yaml",
    "submissions/guangdong/foshan/ledger.yaml",
    "submissions/guangdong/foshan/reports/2019Q3.yaml",
    "submissions/guangdong/foshan/reports/2020Q1.yaml",
    "submissions/guangdong/foshan/summaries/2019.yaml",
    "submissions/guangdong/fs-example-home/ledger.yaml",
    "submissions/guangdong/new-pilot/pilot.yaml",
    "submissions/zhejiang/province.yaml",
    "submissions/central/example-group/pilot.yaml",
    "submissions/central/example-group/reports/2019Q4.yaml",
]


def _schema_words(schemas: SchemaSet) -> list[str]:
    """Every property name and enumerated value of the schemas: random documents built from
    these get past the first `additionalProperties` and into the rules."""
    words: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            words.update(k for k in node.get("properties", {}) if isinstance(k, str))
            if isinstance(node.get("const"), str):
                words.add(node["const"])
            words.update(v for v in node.get("enum", []) if isinstance(v, str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schemas.schemas)
    return sorted(words)


SCHEMAS = load_schema_set(Path(__file__).parent.parent / "schemas")
WORDS = _schema_words(SCHEMAS)
SCALARS = (
    st.sampled_from(WORDS)
    | st.sampled_from(["foshan", "fs-example-home", "T1", "M1", "P1", "G1", "2019Q3", "2019", "2019-06-30", "440600"])
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
    | st.none()
    | st.text(max_size=12)
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.sampled_from(WORDS), children, max_size=5),
    max_leaves=25,
)


@pytest.fixture(scope="module")
def fuzz_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_base(tmp_path_factory.mktemp("fuzz") / "repo")


def _mutate(original: Any, data: st.DataObject) -> Any:
    """The fixture's own document with a few values, keys or items replaced at random."""
    document = json.loads(json.dumps(original, default=str))
    for _ in range(data.draw(st.integers(1, 3))):
        node: Any = document
        while isinstance(node, dict | list) and node and data.draw(st.booleans()):
            key = data.draw(st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node))))
            if not isinstance(node[key], dict | list) or data.draw(st.booleans()):
                node[key] = data.draw(DOCUMENTS)
                break
            node = node[key]
        else:
            if isinstance(node, dict):
                node[data.draw(st.sampled_from(WORDS))] = data.draw(DOCUMENTS)
    return document


@settings(FUZZ, max_examples=150)
@given(data=st.data())
def test_validator_on_random_documents_at_real_paths(fuzz_repo: Path, data: st.DataObject) -> None:
    rel = data.draw(st.sampled_from(LAYOUT_PATHS))
    path = fuzz_repo / rel
    before = path.read_bytes() if path.exists() else None
    how = data.draw(st.sampled_from(["mutate", "random", "yamlish"]))
    if how == "mutate" and before is not None:
        text = yaml.safe_dump(_mutate(yaml.safe_load(before), data), allow_unicode=True, sort_keys=False)
    elif how == "yamlish":
        text = data.draw(_yamlish())
    else:
        text = yaml.safe_dump(data.draw(DOCUMENTS), allow_unicode=True, default_flow_style=data.draw(st.booleans()))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    try:
        result = validate_repository(fuzz_repo, SCHEMAS)
    finally:
        if before is None:
            path.unlink()
        else:
            path.write_bytes(before)
    for problem in result.problems:
        _explained(problem)
        assert problem.file.startswith("submissions/"), problem
    if result.ok:  # accepted is never dropped: the document is in the model the site is built from
        location = classify(rel)
        assert any(loc == location and doc.path == rel for loc, doc in result.repository.documents), rel
