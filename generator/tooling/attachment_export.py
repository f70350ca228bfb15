"""Attachments 1 and 2 exported: the notice's workbook, prefilled with the repository's list."""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from generator.model.repository import Repository
from generator.tooling import cells
from generator.tooling.attachment_spec import (
    FILL_HINT,
    HEAD_1,
    HEAD_2,
    NOTE_1,
    NOTE_2,
    SUB_2,
    TEMPLATE_ROWS,
    TITLE_1,
    TITLE_2,
)
from generator.tooling.excel import set_widths, style_body, style_header, write_note, write_title


def recommendations_workbook(repo: Repository, province: str, year: str) -> Workbook:
    """Attachments 1 and 2 with the notice's headings, prefilled with the repository's list."""
    region = repo.provinces[province]
    existing = next((r for r in repo.recommendations if r.province == province and r.year == year), None)
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = "附件1"
    services: list[dict[str, Any]] = list(existing.doc.data["service_enterprises"]) if existing else []
    _services_sheet(first, region.name, services)
    platforms: list[dict[str, Any]] = list(existing.doc.data["platforms"]) if existing else []
    _platforms_sheet(workbook.create_sheet("附件2"), region.name, platforms)
    return workbook


def _services_sheet(first: Worksheet, region: str, rows: list[dict[str, Any]]) -> None:
    width = len(HEAD_1)
    write_title(first, "附件1", TITLE_1, f"省（区、市）：{region}", width)
    for column, heading in enumerate(HEAD_1, start=1):
        first.cell(row=4, column=column, value=heading)
    style_header(first, 4, 4, width)
    for i in range(max(len(rows), TEMPLATE_ROWS)):
        r = 5 + i
        first.cell(row=r, column=1, value=i + 1)
        if i < len(rows):
            item = rows[i]
            contact = item.get("contact", {})
            values = [
                item["name"],
                cells.industries_text(item["industries"]),
                contact.get("name"),
                contact.get("position"),
                contact.get("phone"),
                contact.get("email"),
                item.get("services"),
                item["pilot"],
            ]
            for column, value in enumerate(values, start=2):
                first.cell(row=r, column=column, value=value)
    last = 5 + max(len(rows), TEMPLATE_ROWS) - 1
    style_body(first, 5, last, width, text_columns={3, 6})
    write_note(first, last + 1, NOTE_1, width)
    write_note(first, last + 2, FILL_HINT, width)
    set_widths(first, (6, 34, 30, 10, 14, 16, 24, 40, 18))


def _platforms_sheet(second: Worksheet, region: str, platforms: list[dict[str, Any]]) -> None:
    width = len(HEAD_2) + len(SUB_2) - 1
    write_title(second, "附件2", TITLE_2, f"省（区、市）：{region}", width)
    column = 1
    for heading in HEAD_2:
        if heading == "平台运营情况":
            second.cell(row=4, column=column, value=heading)
            second.merge_cells(start_row=4, start_column=column, end_row=4, end_column=column + len(SUB_2) - 1)
            for offset, sub in enumerate(SUB_2):
                second.cell(row=5, column=column + offset, value=sub)
            column += len(SUB_2)
        else:
            second.cell(row=4, column=column, value=heading)
            second.merge_cells(start_row=4, start_column=column, end_row=5, end_column=column)
            column += 1
    style_header(second, 4, 5, width)
    for i in range(max(len(platforms), TEMPLATE_ROWS)):
        r = 6 + i
        second.cell(row=r, column=1, value=i + 1)
        if i < len(platforms):
            item = platforms[i]
            op = item["operation"]
            volume = op.get("business_volume") or {}
            contact = item.get("contact", {})
            values = [
                item["name"],
                cells.industries_text(op["industries"]),
                op["registered_enterprises"],
                op["active_enterprises"],
                op.get("transaction_amount"),
                volume.get("value"),
                volume.get("unit"),
                op["description"],
                contact.get("name"),
                contact.get("position"),
                contact.get("phone"),
                contact.get("email"),
                item["pilot"],
            ]
            for offset, value in enumerate(values, start=2):
                second.cell(row=r, column=offset, value=value)
    last = 6 + max(len(platforms), TEMPLATE_ROWS) - 1
    style_body(second, 6, last, width, text_columns={3, 12})
    write_note(second, last + 1, NOTE_2, width)
    write_note(second, last + 2, FILL_HINT, width)
    set_widths(second, (6, 34, 26, 12, 12, 12, 10, 10, 40, 10, 14, 16, 24, 18))
