"""The JSON Schemas of ``schemas/``: loaded once, checked against the metaschema, with a
walker that finds the Chinese title of any field and the fields marked internal.

The schemas are the single source for field names, Chinese titles, enumerations with
their labels (``enum`` with a parallel ``x-labels``; see ``labelled``), KPI units and
directions (``x-unit``, ``x-direction``) and visibility (``x-internal: true`` marks what a
public build must never contain).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import SchemaError, ValidationError
from jsonschema.validators import extend
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from generator.load.fastschema import Check, compile_checks, is_valid
from generator.load.layout import KINDS

Schema = dict[str, Any]
PathKey = tuple[str | int, ...]


class SchemaSetError(Exception):
    """The schemas themselves are broken: a maintainer's problem, not a submitter's."""


@dataclass
class SchemaSet:
    schemas: dict[str, Schema]
    validators: dict[str, Draft202012Validator] = field(default_factory=dict)
    fast: dict[str, Check] = field(default_factory=dict)
    """Per kind, a quick exact yes/no (generator.load.fastschema): valid documents skip jsonschema."""
    _internal: dict[str, list[PathKey]] = field(default_factory=dict, repr=False)

    def is_valid(self, kind: str, instance: Any) -> bool | None:
        """True or False when the quick check is sure, None when the validator must decide."""
        return is_valid(self.fast.get(kind), instance)

    def resolve(self, node: Schema, base: str) -> tuple[Schema, str]:
        """Follow one ``$ref`` (local or to a sibling file)."""
        ref = node["$ref"]
        file, _, pointer = ref.partition("#")
        file = file or base
        target: Any = self.schemas[file]
        for part in [p for p in pointer.split("/") if p]:
            target = target[part.replace("~1", "/").replace("~0", "~")]
        return target, file

    def expand(self, node: Schema, base: str) -> Iterator[tuple[Schema, str]]:
        """The node and every schema that applies to the same instance alongside it."""
        stack = [(node, base)]
        seen: set[int] = set()
        while stack:
            current, file = stack.pop(0)
            if id(current) in seen or not isinstance(current, dict):
                continue
            seen.add(id(current))
            yield current, file
            if "$ref" in current:
                stack.append(self.resolve(current, file))
            for key in ("allOf", "anyOf", "oneOf"):
                stack.extend((sub, file) for sub in current.get(key, []))
            for key in ("then", "else"):
                if key in current:
                    stack.append((current[key], file))

    def nodes_at(self, kind: str, path: PathKey) -> list[tuple[Schema, str]]:
        """All schema nodes that describe the instance at ``path`` in a document of ``kind``."""
        base = f"{kind}.schema.json"
        current = list(self.expand(self.schemas[base], base))
        for step in path:
            following: list[tuple[Schema, str]] = []
            for node, file in current:
                if isinstance(step, int):
                    child = node.get("items")
                else:
                    child = node.get("properties", {}).get(step)
                    if child is None and isinstance(node.get("additionalProperties"), dict):
                        child = node["additionalProperties"]
                if isinstance(child, dict):
                    following.extend(self.expand(child, file))
            current = following
        return current

    def title(self, kind: str, path: PathKey) -> str | None:
        return _first(self.nodes_at(kind, path), "title")

    def description(self, kind: str, path: PathKey) -> str | None:
        return _first(self.nodes_at(kind, path), "description")

    def common_def(self, name: str) -> Schema:
        node: Schema = self.schemas["common.schema.json"]["$defs"][name]
        return node

    def labels(self, name: str) -> dict[str, str]:
        """Value → Chinese label of an enumeration defined in common.schema.json."""
        return {str(value): label for value, label in labelled(self.common_def(name))}

    def internal_paths(self, kind: str) -> list[PathKey]:
        """Instance paths (``*`` for any list index) that are marked ``x-internal``."""
        if kind not in self._internal:
            self._internal[kind] = self._find_internal(kind)
        return list(self._internal[kind])

    def _find_internal(self, kind: str) -> list[PathKey]:
        found: list[PathKey] = []
        base = f"{kind}.schema.json"

        def walk(node: Schema, file: str, path: PathKey, depth: int) -> None:
            if depth > 12:
                return
            nodes = list(self.expand(node, file))
            if any(n.get("x-internal") for n, _ in nodes):
                found.append(path)
                return
            for sub, sub_file in nodes:
                for key, child in sub.get("properties", {}).items():
                    walk(child, sub_file, (*path, key), depth + 1)
                if isinstance(sub.get("items"), dict):
                    walk(sub["items"], sub_file, (*path, "*"), depth + 1)

        walk(self.schemas[base], base, (), 0)
        return sorted(set(found), key=lambda p: tuple(str(s) for s in p))


def labelled(node: Schema) -> list[tuple[Any, str]]:
    """The values of an enumeration with their Chinese labels, in schema order: ``enum`` and the
    parallel ``x-labels`` (the one source of the labels; ``enumDescriptions``, which editors show,
    start with them; ``load_schema_set`` refuses an ``x-labels`` that does not pair with its
    ``enum``). Empty for a node that is not a labelled enumeration."""
    if "x-labels" not in node:
        return []
    return [(value, str(label)) for value, label in zip(node["enum"], node["x-labels"], strict=True)]


def _first(nodes: list[tuple[Schema, str]], key: str) -> str | None:
    for node, _ in nodes:
        if isinstance(node.get(key), str):
            value: str = node[key]
            return value
    return None


@functools.lru_cache(maxsize=256)
def _ecma_pattern(pattern: str) -> re.Pattern[str]:
    """``pattern`` with ECMA-262's ``$``: the end of the text. Python's ``$`` also matches before a
    final line break, so ``"440600\n"`` would pass ``^[1-8][0-9]{5}$`` and be published as a code."""
    out, escaped, in_class = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            out.append("\\Z")
            continue
        out.append(char)
    return re.compile("".join(out))


def _pattern(validator: Any, pattern: str, instance: Any, schema: Schema) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _ecma_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator: type[Draft202012Validator] = extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, {"pattern": _pattern}
)


def _check_labels(path: Path, node: Any) -> None:
    """Each ``x-labels`` names every value of its ``enum``, one label each (``labelled`` pairs them)."""
    if isinstance(node, dict):
        choices = node.get("oneOf")
        if isinstance(choices, list) and choices and all(isinstance(c, dict) and "const" in c for c in choices):
            raise SchemaSetError(
                f"{path}：可选值仍写成 oneOf/const，这是旧版的 Schema（现在写成 enum 加 x-labels）。"
                "这份仓库的 schemas/ 早于当前的 scpilot：请先合并主分支的最新版本（含 schemas/），再运行。"
            )
        if "x-labels" in node:
            values, labels = node.get("enum"), node["x-labels"]
            if not isinstance(values, list) or not isinstance(labels, list) or len(values) != len(labels):
                raise SchemaSetError(f"{path}: x-labels {labels!r} 与 enum {values!r} 不一一对应")
        for value in node.values():
            _check_labels(path, value)
    elif isinstance(node, list):
        for value in node:
            _check_labels(path, value)


@functools.lru_cache(maxsize=64)
def _check_schema(text: str) -> None:
    """The metaschema check, once per distinct schema text in a process: it is nearly all of
    the time of validating a small repository (about 1 s of 1.3 s), and a process that loads
    the same schemas again (tests, ``mkdocs serve``) need not repeat it. A failure is not cached."""
    Draft202012Validator.check_schema(json.loads(text))


def load_schema_set(directory: Path, checked: Callable[[Schema], bool] | None = None) -> SchemaSet:
    """Read every ``*.schema.json``, check it against the 2020-12 metaschema and build one
    validator per document kind, with formats checked and ``$ref`` resolved locally.
    ``checked`` says of a schema that it is known to pass the metaschema check (a memo kept
    between processes, generator.rules.index): then it is not checked again."""
    schemas: dict[str, Schema] = {}
    for path in sorted(directory.glob("*.schema.json")):
        try:
            text = path.read_text(encoding="utf-8")
            schema = json.loads(text)
            if checked is None or not checked(schema):
                _check_schema(text)
        except (OSError, ValueError) as exc:
            raise SchemaSetError(f"{path}: {exc}") from exc
        except SchemaError as exc:
            raise SchemaSetError(f"{path}: {exc.message}") from exc
        schemas[path.name] = schema
        _check_labels(path, schema)
    missing = [k for k in (*KINDS, "common") if f"{k}.schema.json" not in schemas]
    if missing:
        files = "、".join(f"{k}.schema.json" for k in missing)
        raise SchemaSetError(
            f"{directory} 中缺少 {files}。这份仓库（或所比较的提交）早于这些材料类型，"
            "与当前的 scpilot 不匹配：请先合并主分支的最新版本（含 schemas/），再运行。"
        )
    registry: Registry[Any] = Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT202012)) for name, schema in schemas.items()
    )
    checker = FormatChecker()
    validators = {
        kind: _Validator(schemas[f"{kind}.schema.json"], registry=registry, format_checker=checker) for kind in KINDS
    }
    return SchemaSet(schemas, validators, compile_checks(schemas, KINDS, checker, _ecma_pattern, _Validator))
