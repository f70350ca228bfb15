"""Writing YAML the strict loader reads back unchanged, with Chinese comments.

PyYAML's emitter cannot place comments, and its quoting follows YAML 1.1; this small
emitter writes block mappings, short flow lists of scalars, lists of mappings, and
quotes every string that a reader (this project's loader, or an editor speaking YAML 1.1)
could take for a number, a boolean, a date or null. Pure functions.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

PathKey = tuple[str | int, ...]

_PLAIN_SAFE = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n\t]*\Z")
_LOOKS_TYPED = re.compile(
    r"""(?x)(?:
    [-+]?(?:[0-9][0-9_,]*(?:\.[0-9_]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?   # numbers, 010, 1_000, 1,000
    |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)
    |0[xob][0-9a-fA-F_]+
    |[0-9]+(?::[0-9]{1,2})+(?:\.[0-9]*)?                                 # sexagesimal 1:20
    |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?                          # dates and timestamps
    |~|null|Null|NULL|true|True|TRUE|false|False|FALSE
    |y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF
    |<<|=
    )\Z"""
)
_FULLWIDTH_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\s*：")  # the loader reads ``key：`` as a mistyped key
FLOW_LIST_WIDTH = 80


def scalar(value: Any) -> str:
    """One scalar as YAML text."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write non-finite number {value!r}")
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        text = repr(value)
        return text if "." in text or "e" in text else text + ".0"
    if isinstance(value, str):
        return string(value)
    raise TypeError(f"not a YAML scalar: {value!r}")


def string(text: str) -> str:
    """A string as a plain scalar when that is unambiguous, else double-quoted."""
    plain = (
        text != ""
        and text == text.strip()
        and _PLAIN_SAFE.match(text) is not None
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and _LOOKS_TYPED.match(text) is None
        and _FULLWIDTH_KEY.match(text) is None
        and not text[0].isdigit()  # codes, phone numbers, years: always quoted, as the guides ask
        and text.isprintable()
    )
    if plain:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in quoted)


@dataclass
class Notes:
    """Comments placed around the data: ``above`` a key or list item, ``inline`` after a
    scalar, and ``tail`` lines (e.g. optional fields, commented out) at the end of the
    mapping at a path. Paths are tuples of keys and list indexes, as in the loader."""

    above: dict[PathKey, list[str]] = field(default_factory=dict)
    inline: dict[PathKey, str] = field(default_factory=dict)
    tail: dict[PathKey, list[str]] = field(default_factory=dict)

    def add_above(self, path: PathKey, *lines: str) -> None:
        self.above.setdefault(path, []).extend(lines)

    def add_tail(self, path: PathKey, *lines: str) -> None:
        self.tail.setdefault(path, []).extend(lines)


def dump(data: Mapping[str, Any], notes: Notes | None = None, header: Sequence[str] = ()) -> str:
    """The document ``data`` (a mapping) as YAML text, ``header`` lines first (``#`` comments)."""
    out = [f"# {line}" if line else "#" for line in header]
    _mapping(data, (), 0, notes or Notes(), out)
    return "\n".join(out) + "\n"


def _comments(lines: Sequence[str], indent: int, out: list[str]) -> None:
    pad = " " * indent
    out.extend(f"{pad}# {line}".rstrip() if not line.startswith("#") else f"{pad}{line}" for line in lines)


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _flow_list(values: Sequence[Any]) -> str:
    return "[" + ", ".join(scalar(v) for v in values) + "]"


def _mapping(data: Mapping[str, Any], path: PathKey, indent: int, notes: Notes, out: list[str]) -> None:
    pad = " " * indent
    for key, value in data.items():
        here = (*path, key)
        _comments(notes.above.get(here, []), indent, out)
        _entry(f"{pad}{key}:", value, here, indent, notes, out)
    _comments(notes.tail.get(path, []), indent, out)


def _entry(prefix: str, value: Any, here: PathKey, indent: int, notes: Notes, out: list[str]) -> None:
    """``prefix`` is ``key:`` (or ``- key:``) at ``indent``; the value follows."""
    comment = notes.inline.get(here)
    suffix = f"  # {comment}" if comment else ""
    if _is_scalar(value):
        out.append(f"{prefix} {scalar(value)}{suffix}")
    elif isinstance(value, Mapping):
        if not value:
            out.append(f"{prefix} {{}}{suffix}")
        else:
            out.append(prefix + suffix)
            _mapping(value, here, indent + 2, notes, out)
    elif isinstance(value, Sequence):
        if not value:
            out.append(f"{prefix} []{suffix}")
        elif all(_is_scalar(v) for v in value) and len(prefix) + len(_flow_list(value)) <= FLOW_LIST_WIDTH:
            out.append(f"{prefix} {_flow_list(value)}{suffix}")
        else:
            out.append(prefix + suffix)
            _sequence(value, here, indent + 2, notes, out)
        if not value:
            _comments(notes.tail.get(here, []), indent + 2, out)
    else:
        raise TypeError(f"cannot write {type(value).__name__} as YAML")


def _sequence(items: Sequence[Any], path: PathKey, indent: int, notes: Notes, out: list[str]) -> None:
    pad = " " * indent
    for i, item in enumerate(items):
        here = (*path, i)
        _comments(notes.above.get(here, []), indent, out)
        if isinstance(item, Mapping) and item:
            first = True
            for key, value in item.items():
                inner = (*here, key)
                if not first:
                    _comments(notes.above.get(inner, []), indent + 2, out)
                _entry(f"{pad}- {key}:" if first else f"{pad}  {key}:", value, inner, indent + 2, notes, out)
                first = False
            _comments(notes.tail.get(here, []), indent + 2, out)
        elif _is_scalar(item) or isinstance(item, Mapping):
            comment = notes.inline.get(here)
            text = scalar(item) if _is_scalar(item) else "{}"
            out.append(f"{pad}- {text}" + (f"  # {comment}" if comment else ""))
        else:
            raise TypeError("lists of lists are not used in submissions")
    _comments(notes.tail.get(path, []), indent, out)
