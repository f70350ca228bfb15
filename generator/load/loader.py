"""The one strict YAML loader, shared by CI, the site build and every command.

YAML as people type it is full of traps: ``no`` becomes ``False``, ``010`` becomes 8,
``1:20`` becomes 80, dates become date objects, a duplicate key silently wins. This loader
parses with libyaml (C) into nodes, then builds plain Python values itself, so that:

* only ``true``/``false``, ``null``/``~``/empty, decimal integers without leading zeros and
  finite decimal floats are typed; every other plain scalar stays a string (``no``, ``010``,
  ``0755``, ``1:20``, ``2019-06-30``, ``.inf`` all stay text, and the schema decides);
* duplicate keys, explicit tags (the bare ``!`` too), anchors and aliases, ``%`` directives,
  deep nesting and oversized files are errors (:mod:`generator.load.yamlsyntax`);
* every value keeps its line and column.

Loading never raises for bad input: it returns the document, the problems, or both
(a warning such as a BOM still yields a document).
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.load.problems import Problem
from generator.load.textcheck import decode, lint_lines
from generator.load.yamlsyntax import syntax_problem, token_traps

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 40

PathKey = tuple[str | int, ...]

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(
    r"[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*(?:[eE][-+]?[0-9]+)?"
    r"|\.[0-9]+(?:[eE][-+]?[0-9]+)?|(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+)\Z"
)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
# What the resolver gives untagged nodes: private tags, so that an explicit ``!!str``,
# ``!!map`` or ``!!seq`` (which YAML resolves to the standard tags) is told apart and refused.
_STR_TAG = "tag:scpilot,2019:str"
_SEQ_TAG = "tag:scpilot,2019:seq"
_MAP_TAG = "tag:scpilot,2019:map"
# Bidirectional embeddings, overrides and isolates: invisible, and they make text display in
# another order than it is stored ("Trojan Source"). Nothing in a Chinese submission needs them.


@dataclass
class Document:
    """A parsed YAML file: plain data plus the position of every value and key."""

    path: str
    data: Any
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: PathKey, *, key: bool = False) -> tuple[int, int]:
        """Line and column of ``path``, or of its nearest ancestor that has one."""
        table = self.key_positions if key else self.positions
        probe = tuple(path)
        if key and probe in table:
            return table[probe]
        while probe:
            if probe in self.positions:
                return self.positions[probe]
            probe = probe[:-1]
        return self.positions.get((), (1, 1))


@dataclass
class Loaded:
    path: str
    document: Document | None
    problems: list[Problem]


class _NodeLoader(yaml.CSafeLoader):
    """libyaml's parser and composer with no implicit typing at all: every plain scalar
    comes out tagged ``str`` and this module decides its type."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 (PyYAML's class-level table)

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        """The tag of an untagged node (YAML resolves explicit tags without asking)."""
        if kind is yaml.ScalarNode:
            return _STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.positions: dict[PathKey, tuple[int, int]] = {}
        self.key_positions: dict[PathKey, tuple[int, int]] = {}
        self.seen: set[int] = set()

    def problem(self, rule: str, node: yaml.Node, message: str, hint: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(rule, self.path, mark.line + 1, mark.column + 1, message, hint))

    def build(self, node: yaml.Node, path: PathKey, depth: int) -> Any:
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if id(node) in self.seen:
            line, column = self.key_positions.get(path, self.positions[path])
            self.problems.append(
                Problem(
                    "SCP-Y006",
                    self.path,
                    line,
                    column,
                    "这里用别名（*）引用了前面的锚点（&），本系统不支持锚点和别名。",
                    "请把被引用的内容直接写出来，并删除 & 和 * 标记。",
                )
            )
            return None
        if depth > MAX_DEPTH:
            self.problem(
                "SCP-Y008",
                node,
                f"嵌套超过 {MAX_DEPTH} 层。",
                "报送文件的层级不会这么深，请检查缩进是否正确。",
            )
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                self.bad_tag(node)
                return None
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                self.bad_tag(node)
                return None
            return self.mapping(node, path, depth)
        raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover - libyaml invariant

    def mapping(self, node: yaml.MappingNode, path: PathKey, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR_TAG:
                self.problem(
                    "SCP-Y015",
                    key_node,
                    "字段名必须是简单的文字，这里是列表、映射或带标签的值。",
                    "字段名写成英文小写加下划线，例如 name:。",
                )
                continue
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in first_seen:
                self.problem(
                    "SCP-Y004",
                    key_node,
                    f"字段「{key}」重复出现（第一次在第 {first_seen[key]} 行）。",
                    "同一层级的字段名只能出现一次，请删除或合并其中一个；YAML 不会报错，而是悄悄只保留后一个。",
                )
                continue
            first_seen[key] = line
            child = (*path, key)
            self.key_positions[child] = (line, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag != _STR_TAG:
            self.bad_tag(node)
            return None
        value: str = node.value
        if node.style not in (None, ""):
            return value  # quoted or block scalar: always text
        if value in _NULLS:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if _INT.match(value):
            try:
                return int(value)
            except ValueError:  # more digits than Python converts (4300): text, and the schema says so
                return value
        if _FLOAT.match(value):
            number = float(value)
            return number if math.isfinite(number) else value
        return value

    def bad_tag(self, node: yaml.Node) -> None:
        tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
        self.problem(
            "SCP-Y005",
            node,
            f"不允许使用 YAML 标签「{tag}」。",
            "报送文件只用普通的文字、数字、列表和字段；请删除以 ! 开头的标签。需要文字时用引号括起来。",
        )


def load_file(path: Path, display: str) -> Loaded:
    """Read and parse one file; ``display`` is the repository-relative path used in messages."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _fail(
                display,
                "SCP-Y007",
                0,
                0,
                f"文件有 {size} 字节，超过上限 {MAX_FILE_BYTES} 字节。",
                "一份报送文件不会这么大；请检查是否误放了其他文件，或把附件放到别处。",
            )
        raw = path.read_bytes()
    except OSError as exc:
        return _fail(
            display, "SCP-Y016", 0, 0, f"文件无法读取：{exc.strerror}。", "请检查文件是否存在、是否有读取权限。"
        )
    return load_bytes(raw, display)


def load_bytes(raw: bytes, display: str) -> Loaded:
    """Parse the bytes of one file. Pure: no I/O."""
    if len(raw) > MAX_FILE_BYTES:
        return _fail(
            display,
            "SCP-Y007",
            0,
            0,
            f"文件有 {len(raw)} 字节，超过上限 {MAX_FILE_BYTES} 字节。",
            "一份报送文件不会这么大；请检查是否误放了其他文件。",
        )
    problems: list[Problem] = []
    text = decode(raw, display, problems)
    if text is None:
        return Loaded(display, None, problems)
    if all(not ln.strip() or ln.lstrip().startswith("#") or ln.strip() in ("---", "...") for ln in text.splitlines()):
        problems.append(
            Problem(
                "SCP-Y011",
                display,
                0,
                0,
                "文件是空的，没有任何内容。",
                "请按模板填写内容，或用 scpilot new 生成模板；不需要的文件请删除。",
            )
        )
        return Loaded(display, None, problems)
    lint = lint_lines(text, display) or token_traps(text, display)
    if lint:
        return Loaded(display, None, problems + lint)
    loader = _NodeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        problems.append(syntax_problem(exc, display, text))
        return Loaded(display, None, problems)
    except yaml.reader.ReaderError as exc:  # a character YAML forbids; carries a position, not a mark
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        problems.append(
            Problem(
                "SCP-Y014",
                display,
                line,
                column,
                f"文件含有不可打印的控制字符 U+{code:04X}。",
                "这类字符通常是从网页或 Word 复制时带进来的：请删除它，或在编辑器中显示不可见字符后再检查。",
            )
        )
        return Loaded(display, None, problems)
    finally:
        loader.dispose()
    if node is None:  # only comments or document markers
        problems.append(Problem("SCP-Y011", display, 0, 0, "文件没有任何内容。", "请按模板填写内容。"))
        return Loaded(display, None, problems)
    builder = _Builder(display)
    data = builder.build(node, (), 0)
    problems.extend(builder.problems)
    if any(p.is_error for p in builder.problems):
        return Loaded(display, None, problems)
    return Loaded(display, Document(display, data, builder.positions, builder.key_positions), problems)


def _fail(display: str, rule: str, line: int, column: int, message: str, hint: str) -> Loaded:
    return Loaded(display, None, [Problem(rule, display, line, column, message, hint)])
