"""The rows of a download workbook written straight into its sheet's XML, byte for byte as
openpyxl writes them (issue 16.5: openpyxl's cell objects and its pure-Python XML writer were
the largest part of the generator's own cost, 317,000 cells at 321 pilots).

Only the values the tables hold are written this way: text, whole and decimal numbers, yes/no
and empty cells. A table holding anything else (a date, a character a sheet cannot hold, a
very long text or number) is written by openpyxl itself (``supported`` says which)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any
from xml.sax.saxutils import escape

from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.compat import safe_string
from openpyxl.utils.cell import get_column_letter

_LONGEST = 32767
"""openpyxl cuts a longer text to this length; such a table goes to openpyxl."""
_EXACT = 2**53
"""Whole numbers up to this size format the same way as openpyxl formats them (``%.16g``)."""
_DIMENSION = re.compile(rb'<dimension ref="A1:[A-Z]+1" />')
_END = b"</sheetData>"
_CHUNK = 500


def _plain(value: Any) -> bool:
    if value is None or isinstance(value, bool | float):
        return True
    if isinstance(value, int):
        return -_EXACT < value < _EXACT
    if isinstance(value, str):
        return len(value) <= _LONGEST and value not in ERROR_CODES and not ILLEGAL_CHARACTERS_RE.search(value)
    return False


def supported(columns: Sequence[object], rows: list[list[Any]]) -> bool:
    """Whether ``rows`` under a header of ``columns`` can be written here."""
    return bool(columns) and all(row and all(_plain(v) for v in row) for row in rows)


def _cell(ref: str, value: Any) -> str:
    if isinstance(value, int | float):  # and bool: openpyxl writes True as 1
        text = safe_string(value)  # "" for NaN and infinity: <v />
        kind = "b" if isinstance(value, bool) else "n"
        return f'<c r="{ref}" t="{kind}"><v>{text}</v></c>' if text else f'<c r="{ref}" t="{kind}"><v /></c>'
    if value == "":
        return f'<c r="{ref}" t="inlineStr" />'
    stripped = value.strip()
    space = ' xml:space="preserve"' if stripped and stripped != value else ""
    return f'<c r="{ref}" t="inlineStr"><is><t{space}>{escape(value)}</t></is></c>'


def rows_xml(rows: list[list[Any]], first: int = 2) -> Iterator[bytes]:
    """The ``<row>`` elements of ``rows``, the first numbered ``first``, a few hundred at a time
    (a large sheet is never one string); an empty cell is left out."""
    letters = [get_column_letter(n) for n in range(1, max((len(r) for r in rows), default=0) + 1)]
    for start in range(0, len(rows), _CHUNK):
        out = []
        for number, row in enumerate(rows[start : start + _CHUNK], start=first + start):
            cells = "".join(_cell(f"{letters[i]}{number}", v) for i, v in enumerate(row) if v is not None)
            out.append(f'<row r="{number}">{cells}</row>')
        yield "".join(out).encode("utf-8")


def with_rows(sheet: bytes, columns: int, rows: list[list[Any]]) -> Iterator[bytes]:
    """The XML of a sheet openpyxl wrote with the header row alone, with ``rows`` after it, in parts."""
    if not rows:
        yield sheet
        return
    width = max(columns, *(len(r) for r in rows))
    dimension = f'<dimension ref="A1:{get_column_letter(width)}{len(rows) + 1}" />'.encode()
    head, found = _DIMENSION.subn(dimension, sheet, count=1)
    at = head.rfind(_END)
    if not found or at < 0:
        raise ValueError("unexpected sheet XML from openpyxl")
    yield head[:at]
    yield from rows_xml(rows)
    yield head[at:]
