"""Downloads: the tables (``tables``) written as CSV, one JSON file and one XLSX workbook,
with stable URLs and byte-for-byte stable content. Only public columns are ever written."""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from openpyxl import Workbook

from generator.site import sheetxml

Table = tuple[str, str, list[tuple[str, str]], list[list[Any]]]
"""(file name, title, [(column, description)], rows): one download, built by ``tables``."""
FIXED_TIME = datetime(2020, 1, 1)
_MODIFIED = re.compile(
    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)"
)  # zip entries and workbook properties carry no build time


# A spreadsheet reads a cell that starts with one of these as a formula (=HYPERLINK(...) and the
# like). Submitted text is never a formula: in CSV it gets a leading apostrophe (the usual
# defence: Excel shows the text, without the apostrophe); in XLSX it is stored as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> Any:
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def _csv(columns: Sequence[tuple[str, str]], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c for c, _ in columns])
    writer.writerows([_csv_cell(v) for v in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(all_tables: list[Table]) -> bytes:
    book = Workbook()
    for default in list(book.worksheets):
        book.remove(default)
    later: dict[str, Callable[[bytes], Iterable[bytes]]] = {}
    for index, (name, _title, columns, rows) in enumerate(all_tables, start=1):
        sheet = book.create_sheet(name)
        sheet.append([c for c, _ in columns])
        if sheetxml.supported(columns, rows):  # written after openpyxl, straight into the sheet's XML
            later[f"xl/worksheets/sheet{index}.xml"] = functools.partial(
                sheetxml.with_rows, columns=len(columns), rows=rows
            )
            continue
        for number, row in enumerate(rows, start=2):
            sheet.append(row)
            # openpyxl makes any text starting with "=" a formula. Cells are reached by their
            # address: sheet.max_row scans every cell, which made large tables quadratic.
            for column, value in enumerate(row, start=1):
                if isinstance(value, str) and value.startswith("="):
                    cell = sheet.cell(row=number, column=column)
                    if cell.data_type == "f":
                        cell.data_type = "s"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    book.properties.creator = "scpilot"
    raw = io.BytesIO()
    book.save(raw)
    return stable_zip(raw.getvalue(), later)


def stable_zip(data: bytes, rewrite: dict[str, Callable[[bytes], Iterable[bytes]]] | None = None) -> bytes:
    """Rewrite a zip with fixed entry times so the same data gives the same bytes; the entries
    named in ``rewrite`` are written as that function makes them from their content, in parts."""
    rewrite = rewrite or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in sorted(source.infolist(), key=lambda i: i.filename):
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                content = _MODIFIED.sub(rb"\g<1>2020-01-01T00:00:00Z\g<2>", content)
            stable = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            stable.compress_type = zipfile.ZIP_DEFLATED
            if info.filename in rewrite:
                with target.open(stable, "w") as entry:
                    for part in rewrite[info.filename](content):
                        entry.write(part)
            else:
                target.writestr(stable, content)
    return out.getvalue()


def files(all_tables: list[Table]) -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {}
    for name, _, columns, rows in all_tables:
        out[f"data/{name}.csv"] = _csv(columns, rows)
    payload = {
        name: [dict(zip([c for c, _ in columns], row, strict=True)) for row in rows]
        for name, _, columns, rows in all_tables
    }
    out["data/scpilot.json"] = json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    out["data/scpilot.xlsx"] = _xlsx(all_tables)
    return out
