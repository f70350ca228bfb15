"""The quick schema check (generator.load.fastschema) agrees with jsonschema on every sample
document and on systematic mutations of them: it may only ever skip jsonschema for a
document jsonschema finds valid."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.load.layout import KINDS, classify
from generator.load.loader import load_file
from generator.load.schemas import SchemaSet, load_schema_set

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def schemas() -> SchemaSet:
    return load_schema_set(ROOT / "schemas")


def _documents() -> Iterator[tuple[str, Any]]:
    for path in sorted((ROOT / "submissions").rglob("*.yaml")):
        rel = path.relative_to(ROOT).as_posix()
        location = classify(rel)
        loaded = load_file(path, rel)
        if location is not None and loaded.document is not None:
            yield location.kind, loaded.document.data


def _mutations(data: Any) -> Iterator[Any]:
    """Documents one change away from ``data``: every value replaced by values of other
    types and edge sizes, every key removed, an unknown key added, every list emptied."""
    replacements: list[Any] = [None, True, -1, 1.5, "", "x" * 6000, "2019-02-30", {}]

    def walk(node: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Any]]:
        yield path, node
        if isinstance(node, dict):
            for key, value in node.items():
                yield from walk(value, (*path, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from walk(value, (*path, i))

    for path, node in list(walk(data, ())):
        if not path:
            continue
        *head, last = path
        for value in replacements:
            changed = copy.deepcopy(data)
            parent = changed
            for step in head:
                parent = parent[step]
            parent[last] = value
            yield changed
        changed = copy.deepcopy(data)
        parent = changed
        for step in head:
            parent = parent[step]
        if isinstance(parent, dict):
            del parent[last]
            yield changed
        if isinstance(node, list) and node:
            yield [*node, node[0]]  # not a document: exercises the top-level type check
        if isinstance(node, str):
            changed = copy.deepcopy(data)
            parent = changed
            for step in head:
                parent = parent[step]
            parent[last] = node + "\n"  # a trailing line break: ECMA-262 "$" does not match before it
            yield changed
        if isinstance(node, dict):
            bigger = copy.deepcopy(data)
            target = bigger
            for step in path:
                target = target[step]
            target["unknown_field"] = "x"
            yield bigger


def test_quick_check_agrees_with_jsonschema(schemas: SchemaSet) -> None:
    checked = 0
    seen_kinds: set[str] = set()
    for kind, data in _documents():
        if kind in seen_kinds:
            continue  # one document of each kind keeps the test quick
        seen_kinds.add(kind)
        for instance in [data, *_mutations(data)]:
            quick = schemas.is_valid(kind, instance)
            if quick is not None:
                assert quick == schemas.validators[kind].is_valid(instance), (kind, instance)
                checked += 1
    assert seen_kinds == set(KINDS) and checked > 1000  # every document type, practice lists included
