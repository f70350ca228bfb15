"""Reading tables out of workbooks as people really lay them out, and writing the templates.

A sheet may start with an attachment label, a title row and a 「省（区、市）：」 line; the
header may span two rows with merged cells (「平台运营情况」 over its sub-columns); headings
may carry stray spaces, full-width brackets and units; numbered empty rows and a closing
「注：」 line are not data. Errors are values naming file, sheet, row and column.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from generator.tooling.cells import is_blank, key, text

HEADER_SCAN_ROWS = 20
_NOTE = re.compile(r"(?:注|备注|说明|填写说明|填表说明)\s*[0-9]?\s*:")
Progress = Callable[[str], None]


@dataclass(frozen=True)
class SheetError:
    """One located problem in a workbook. ``row``/``column`` are 1-based; 0 means not one cell."""

    file: str
    sheet: str
    row: int
    column: int
    heading: str
    message: str
    hint: str = ""

    @property
    def where(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"工作表「{self.sheet}」")
        if self.row:
            parts.append(f"第 {self.row} 行")
        if self.column:
            parts.append(f"「{self.heading}」列（{get_column_letter(self.column)}{self.row or ''}）")
        return " ".join(filter(None, (self.file, "".join(parts))))

    def render(self) -> str:
        return f"{self.where}：{self.message}" + (f"\n    提示：{self.hint}" if self.hint else "")


@dataclass(frozen=True)
class Origin:
    """Where a value came from: a row, and a column when it came from one cell."""

    file: str
    sheet: str
    row: int = 0
    column: int = 0
    heading: str = ""

    def error(self, message: str, hint: str = "") -> SheetError:
        return SheetError(self.file, self.sheet, self.row, self.column, self.heading, message, hint)


@dataclass(frozen=True)
class RawCell:
    value: Any
    number_format: str = "General"


@dataclass
class Table:
    """One table found in a sheet: which column holds which field, and the data rows."""

    file: str
    sheet: str
    columns: dict[str, int]
    headings: dict[int, str]
    rows: list[tuple[int, dict[str, RawCell]]] = field(default_factory=list)
    above: list[tuple[int, int, str]] = field(default_factory=list)
    """Texts above the header (row, column, text): the title and the 「省（区、市）：」 line."""

    def origin(self, row: int, name: str | None = None) -> Origin:
        column = self.columns.get(name, 0) if name else 0
        return Origin(self.file, self.sheet, row, column, self.headings.get(column, ""))

    def error(self, row: int, name: str | None, message: str, hint: str = "") -> SheetError:
        return self.origin(row, name).error(message, hint)


def heading_key(value: Any) -> str:
    """Headings compared without spaces, required-markers, full-width forms or a 「（选填）」."""
    text = key(value).replace("*", "").replace("＊", "")
    text = re.sub(r"\((?:选填|必填|可选)\)$", "", text)
    return text.rstrip(":")


def _unit_free(text: str) -> str:
    return re.sub(r"\([^()]*\)$", "", text)


def open_workbook(path: Path) -> tuple[Workbook | None, list[SheetError]]:
    name = path.name
    if not path.is_file():
        return None, [SheetError(name, "", 0, 0, "", f"找不到文件 {path}。", "请检查文件名和所在文件夹。")]
    if path.suffix.lower() == ".xls":
        return None, [
            SheetError(
                name, "", 0, 0, "", "这是旧版 Excel（.xls）文件。", "请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入。"
            )
        ]
    try:
        return load_workbook(path, data_only=True), []
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        return None, [
            SheetError(
                name,
                "",
                0,
                0,
                "",
                f"无法作为 Excel 工作簿打开（{type(exc).__name__}）。",
                "请确认是 .xlsx 文件并且没有损坏或加密。",
            )
        ]


class Grid:
    """A worksheet's values with merged cells filled from their top-left cell."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.merged: dict[tuple[int, int], tuple[int, int]] = {}
        self.bottoms: dict[tuple[int, int], int] = {}
        for cell_range in sheet.merged_cells.ranges:
            top = (cell_range.min_row, cell_range.min_col)
            for row in range(cell_range.min_row, cell_range.max_row + 1):
                for column in range(cell_range.min_col, cell_range.max_col + 1):
                    self.merged[(row, column)] = top
                    self.bottoms[(row, column)] = cell_range.max_row
        self.max_row = sheet.max_row
        self.max_column = sheet.max_column

    def bottom(self, row: int, column: int) -> int:
        """The last row a (merged) cell covers."""
        return self.bottoms.get((row, column), row)

    def origin(self, row: int, column: int) -> tuple[int, int]:
        return self.merged.get((row, column), (row, column))

    def cell(self, row: int, column: int) -> RawCell:
        r, c = self.origin(row, column)
        cell = self.sheet.cell(row=r, column=c)
        return RawCell(cell.value, str(cell.number_format or "General"))

    def value(self, row: int, column: int) -> Any:
        return self.cell(row, column).value


def find_table(
    grid: Grid,
    file: str,
    aliases: dict[str, str],
    sub_aliases: dict[str, str],
    required: set[str],
    progress: Progress | None = None,
) -> Table | None:
    """The table whose header row holds the ``required`` fields' headings, or None."""
    normal = {heading_key(k): v for k, v in aliases.items()}
    normal_sub = {heading_key(k): v for k, v in sub_aliases.items()}
    for row in range(1, min(grid.max_row, HEADER_SCAN_ROWS) + 1):
        columns: dict[str, int] = {}
        headings: dict[int, str] = {}
        for column in range(1, grid.max_column + 1):
            raw = grid.value(row, column)
            found = _lookup(normal, heading_key(raw))
            if found and found not in columns:
                columns[found] = column
                headings[column] = text(raw)
        if not required <= set(columns):
            continue
        bottom = max(grid.bottom(row, column) for column in range(1, grid.max_column + 1))
        start = bottom + 1
        if row < grid.max_row:
            sub_found = False
            for column in range(1, grid.max_column + 1):
                if grid.origin(row + 1, column) == grid.origin(row, column):
                    continue  # merged down from the header: not a sub-heading
                raw = grid.value(row + 1, column)
                found = _lookup(normal_sub, heading_key(raw))
                if found:
                    sub_found = True
                    columns[found] = column
                    top = text(grid.value(row, column))
                    sub = text(raw)
                    headings[column] = f"{top}›{sub}" if top and top != sub else sub
                    for name, col in list(columns.items()):
                        if col == column and name != found and name in aliases.values() and name not in required:
                            del columns[name]
            if sub_found:
                start = max(bottom, row + 1) + 1
        table = Table(file, grid.sheet.title, columns, headings)
        table.above = [
            (r, c, str(grid.sheet.cell(row=r, column=c).value))
            for r in range(1, row)
            for c in range(1, grid.max_column + 1)
            if not is_blank(grid.sheet.cell(row=r, column=c).value)
        ]
        table.rows = list(_data_rows(grid, table, start, progress))
        return table
    return None


def _lookup(table: dict[str, str], heading: str) -> str | None:
    if not heading:
        return None
    return table.get(heading) or table.get(_unit_free(heading))


def _data_rows(
    grid: Grid, table: Table, start: int, progress: Progress | None
) -> Iterator[tuple[int, dict[str, RawCell]]]:
    seq_name = "seq"
    for row in range(start, grid.max_row + 1):
        if progress is not None and row % 200 == 0:
            progress(f"正在读取工作表「{table.sheet}」第 {row} 行……")
        cells = {name: grid.cell(row, column) for name, column in table.columns.items()}
        texts = [grid.value(row, c) for c in range(1, grid.max_column + 1)]
        first = next((t for t in texts if not is_blank(t)), None)
        if first is None:
            continue
        if isinstance(first, str) and _NOTE.match(unicodedata.normalize("NFKC", first.strip())):
            break  # the notes under the table
        if all(is_blank(c.value) for n, c in cells.items() if n != seq_name):
            continue  # a numbered empty row of the template, or only remarks outside the table
        yield row, cells


# -- writing -----------------------------------------------------------------------------------

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")


def write_title(sheet: Worksheet, label: str, title: str, line: str, width: int) -> None:
    """Rows 1–3 as in the notice: 「附件N」, the title, and the 「省（区、市）：」 line."""
    sheet.cell(row=1, column=1, value=label).font = Font(name="黑体", size=12)
    sheet.cell(row=2, column=1, value=title).font = Font(name="方正小标宋简体", size=16, bold=True)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    sheet.cell(row=2, column=1).alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[2].height = 30
    sheet.cell(row=3, column=1, value=line).font = Font(name="仿宋", size=12)
    sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=width)


def style_header(sheet: Worksheet, first_row: int, last_row: int, width: int) -> None:
    for row in range(first_row, last_row + 1):
        for column in range(1, width + 1):
            cell = sheet.cell(row=row, column=column)
            cell.font = Font(name="黑体", size=11, bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = BORDER
            cell.fill = HEAD_FILL


def style_body(sheet: Worksheet, first_row: int, last_row: int, width: int, text_columns: set[int]) -> None:
    for row in range(first_row, last_row + 1):
        for column in range(1, width + 1):
            cell = sheet.cell(row=row, column=column)
            cell.border = BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if column in text_columns:
                cell.number_format = "@"  # typed phone numbers and codes stay text


def set_widths(sheet: Worksheet, sizes: tuple[int, ...]) -> None:
    for index, size in enumerate(sizes, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = size


def write_note(sheet: Worksheet, row: int, text: str, width: int) -> None:
    sheet.cell(row=row, column=1, value=text).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    sheet.row_dimensions[row].height = 48
