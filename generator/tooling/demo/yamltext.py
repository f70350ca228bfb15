"""A small YAML writer for the synthetic documents, in the style of the sample submissions:
block mappings, flow lists of scalars, short records as ``{date: …, value: …}``, long text
as folded scalars. Strings are quoted whenever the strict loader could read them as
anything but the same text (``"440300"``, ``"2019"``), so every file loads back unchanged."""

from __future__ import annotations

import json
import re
from typing import Any

_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`]")
_NUMBERISH = re.compile(r"[-+]?(\.?[0-9]|\.inf|\.nan)", re.IGNORECASE)
_WORDS = frozenset({"", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n"})
_FLOW_UNSAFE = frozenset(",[]{}")
FOLD_AT = 60


def scalar(value: Any, flow: bool = False) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    text = str(value)
    if _plain_ok(text, flow):
        return text
    return json.dumps(text, ensure_ascii=False)


def _plain_ok(text: str, flow: bool) -> bool:
    if text.lower() in _WORDS or not _PLAIN.match(text[0]) or text != text.strip():
        return False
    if _NUMBERISH.match(text) and not re.match(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z", text):
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\n" in text or "\t" in text:
        return False
    return not (flow and any(c in _FLOW_UNSAFE for c in text))


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def _flow_map(value: dict[str, Any]) -> str | None:
    """``{k: v, …}`` for a short record of scalars, else None."""
    if not value or len(value) > 5 or not all(_is_scalar(v) for v in value.values()):
        return None
    text = "{" + ", ".join(f"{k}: {scalar(v, flow=True)}" for k, v in value.items()) + "}"
    return text if len(text) <= 110 else None


def _flow_list(value: list[Any]) -> str | None:
    if not all(_is_scalar(v) for v in value):
        return None
    text = "[" + ", ".join(scalar(v, flow=True) for v in value) + "]"
    return text if len(text) <= 100 else None


def _value(key: str, value: Any, indent: int, out: list[str], flow_records: bool) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        flow = _flow_map(value) if flow_records else None
        if flow is not None:
            out.append(f"{pad}{key}: {flow}")
            return
        out.append(f"{pad}{key}:")
        _mapping(value, indent + 2, out, flow_records)
    elif isinstance(value, list):
        if not value:
            out.append(f"{pad}{key}: []")
            return
        flow = _flow_list(value)
        if flow is not None:
            out.append(f"{pad}{key}: {flow}")
            return
        out.append(f"{pad}{key}:")
        _sequence(value, indent + 2, out, flow_records)
    elif isinstance(value, str) and len(value) > FOLD_AT and _plain_ok(value, False):
        out.append(f"{pad}{key}: >-")
        out.append(f"{pad}  {value}")
    else:
        out.append(f"{pad}{key}: {scalar(value)}")


def _mapping(data: dict[str, Any], indent: int, out: list[str], flow_records: bool) -> None:
    for key, value in data.items():
        _value(key, value, indent, out, flow_records)


def _sequence(items: list[Any], indent: int, out: list[str], flow_records: bool) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict):
            flow = _flow_map(item) if flow_records and len(item) <= 3 else None
            if flow is not None:
                out.append(f"{pad}- {flow}")
                continue
            inner: list[str] = []
            _mapping(item, indent + 2, inner, flow_records)
            inner[0] = f"{pad}- " + inner[0][indent + 2 :]
            out.extend(inner)
        elif isinstance(item, list):
            raise ValueError("nested lists are not used in submissions")
        else:
            out.append(f"{pad}- {scalar(item)}")


def dump(data: dict[str, Any], header: str = "") -> str:
    """The YAML text of one document, after ``header`` (comment lines)."""
    out: list[str] = []
    _mapping(data, 0, out, flow_records=True)
    return header + "\n".join(out) + "\n"
