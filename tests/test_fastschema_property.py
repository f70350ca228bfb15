"""Issue 14.16: the quick schema check's parity with jsonschema as a property over many
generated variants of every sample document (not one per kind): whenever the fast path says
"no problem" jsonschema must agree, and whenever it says "invalid" so must jsonschema."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load.layout import classify
from generator.load.loader import load_file
from generator.load.schemas import SchemaSet, load_schema_set

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = sorted(
    (path.relative_to(ROOT).as_posix(), location.kind)
    for path in (ROOT / "submissions").rglob("*.yaml")
    if (location := classify(path.relative_to(ROOT).as_posix())) is not None
)


@cache
def _schemas() -> SchemaSet:
    return load_schema_set(ROOT / "schemas")


@cache
def _data(rel: str) -> Any:
    loaded = load_file(ROOT / rel, rel)
    assert loaded.document is not None, rel
    return loaded.document.data


def _nodes(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    found = [(path, node)]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _nodes(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _nodes(value, (*path, i))
    return found


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["", " ", "2019-02-30", "2019-06-30", "2019Q3", "T1", "M1", "G1", "440300", "x\n", "a" * 3000]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def variants(draw: st.DrawFn, data: Any) -> Any:
    """One to three edits anywhere in ``data``: a value replaced (by any value, or by another
    value of the same document: right type, wrong place), a key removed or added, an item
    duplicated or removed."""
    doc = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        nodes = _nodes(doc)
        path, node = draw(st.sampled_from(nodes))
        action = draw(st.sampled_from(["replace", "borrow", "delete", "add", "duplicate"]))
        if not path:
            if isinstance(doc, dict) and action == "add":
                doc[draw(st.text(max_size=8))] = draw(VALUES)
            continue
        *head, last = path
        parent = doc
        for step in head:
            parent = parent[step]
        if action == "replace":
            parent[last] = draw(VALUES)
        elif action == "borrow":
            parent[last] = copy.deepcopy(draw(st.sampled_from(nodes))[1])
        elif action == "delete":
            del parent[last]
        elif action == "add" and isinstance(node, dict):
            node[draw(st.sampled_from(["unknown", "id", "name", "value", "date", "status", "note"]))] = draw(VALUES)
        elif action == "duplicate" and isinstance(node, list) and node:
            node.append(copy.deepcopy(node[draw(st.integers(0, len(node) - 1))]))
    return doc


@pytest.mark.parametrize(("rel", "kind"), DOCUMENTS, ids=[rel for rel, _ in DOCUMENTS])
def test_fast_check_never_disagrees_with_jsonschema(rel: str, kind: str) -> None:
    schemas = _schemas()
    validator = schemas.validators[kind]

    @settings(max_examples=10, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(variants(_data(rel)))
    def check(instance: Any) -> None:
        quick = schemas.is_valid(kind, instance)
        if quick is not None:
            assert quick == validator.is_valid(instance), (quick, instance)

    check()


def test_every_sample_document_is_covered() -> None:
    assert len(DOCUMENTS) > 100 and {kind for _, kind in DOCUMENTS} >= {"pilot", "ledger", "report", "summary"}
