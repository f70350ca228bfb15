"""A pilot's quarterly indicator table as Excel: ledger targets × the value at quarter end.

Export lists every ledger target with its unit, baseline, goal and the last value in the
repository, and the value for the period when the report already exists; import reads
the values back (full-width digits, units typed after numbers, percentages formatted as
Excel percentages) into the report's ``targets`` list.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook

from generator.model.repository import Pilot, Programme, Target
from generator.tooling import cells
from generator.tooling.cells import CellValueError, is_blank
from generator.tooling.excel import (
    Grid,
    Origin,
    Progress,
    SheetError,
    Table,
    find_table,
    set_widths,
    style_body,
    style_header,
    write_note,
)
from generator.tooling.scaffold import latest_report

PathKey = tuple[str | int, ...]
SHEET = "季报目标数值"
HEADINGS = [
    "目标编号",
    "目标名称",
    "衡量指标",
    "单位",
    "基期值",
    "目标值",
    "目标日期",
    "上期数值",
    "本期季末数值",
    "说明",
]
ALIASES = {
    "目标编号": "id",
    "编号": "id",
    "目标名称": "name",
    "单位": "unit",
    "计量单位": "unit",
    "本期季末数值": "value",
    "季末数值": "value",
    "本期数值": "value",
    "说明": "note",
    "备注": "note",
}
HINT = (
    "填写说明：只填「本期季末数值」和「说明」两列。定量目标填阿拉伯数字，单位与「单位」列相同（不要改单位）；"
    "定性目标在「本期季末数值」中写进展描述。导入：scpilot import indicators 本表.xlsx --pilot {pilot} --period {period}"
)
_PILOT = re.compile(r"试点标识[:]\s*([a-z][a-z0-9-]*)")
_PERIOD = re.compile(r"报告期[:]\s*(20[0-9]{2}Q[1-4])")


@dataclass
class IndicatorTable:
    pilot: str | None
    period: str | None
    sheet: str = ""
    entries: list[dict[str, Any]] = field(default_factory=list)
    origins: dict[PathKey, Origin] = field(default_factory=dict)
    errors: list[SheetError] = field(default_factory=list)


def indicators_workbook(programme: Programme, pilot: Pilot, period: str) -> Workbook:
    ledger = pilot.ledger
    assert ledger is not None
    last = latest_report(pilot, period)
    current = pilot.reports.get(period)
    deadline = programme.deadline("report", period)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET
    width = len(HEADINGS)
    sheet.cell(row=1, column=1, value=f"{pilot.name} {period} 季报目标数值表")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    when = f"（{deadline.starts} 至 {deadline.ends}，{deadline.due} 前报送）" if deadline else ""
    sheet.cell(row=2, column=1, value=f"试点标识：{pilot.id}　报告期：{period}{when}")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    headings = list(HEADINGS)
    headings[7] = f"上期数值（{last.period}）" if last else "上期数值（无）"
    for column, heading in enumerate(headings, start=1):
        sheet.cell(row=3, column=column, value=heading)
    style_header(sheet, 3, 3, width)
    previous = {t.id: t for t in last.targets} if last else {}
    present = {t.id: t for t in current.targets} if current else {}
    for i, target in enumerate(ledger.targets):
        row = 4 + i
        before = previous.get(target.id)
        now = present.get(target.id)
        values: list[Any] = [
            target.id,
            target.name,
            target.indicator,
            target.unit,
            _point(target.baseline_value, target.baseline_text),
            _point(target.target_value, target.target_text),
            target.target_date.isoformat(),
            _point(before.value, before.text) if before else None,
            _point(now.value, now.text) if now else None,
            now.note if now else None,
        ]
        for column, value in enumerate(values, start=1):
            sheet.cell(row=row, column=column, value=value)
    last_row = 3 + len(ledger.targets)
    style_body(sheet, 4, last_row, width, text_columns={1, 4, 7})
    write_note(sheet, last_row + 1, HINT.format(pilot=pilot.id, period=period), width)
    set_widths(sheet, (10, 30, 30, 10, 12, 12, 12, 14, 16, 36))
    return workbook


def _point(value: float | None, text: str | None) -> Any:
    return value if value is not None else text


def read_indicators(
    workbook: Workbook, file: str, targets: dict[str, Target], progress: Progress | None
) -> IndicatorTable:
    result = IndicatorTable(None, None)
    for sheet in workbook.worksheets:
        grid = Grid(sheet)
        table = find_table(grid, file, ALIASES, {}, {"id", "value"}, progress)
        if table is None:
            continue
        result.sheet = table.sheet
        for _, _, raw in table.above:
            normal = unicodedata.normalize("NFKC", raw)
            pilot = _PILOT.search(normal)
            period = _PERIOD.search(normal)
            result.pilot = result.pilot or (pilot.group(1) if pilot else None)
            result.period = result.period or (period.group(1) if period else None)
        _read_rows(table, targets, result)
        if result.entries or result.errors:
            return result
    result.errors.append(
        SheetError(
            file,
            "",
            0,
            0,
            "",
            "没有找到季报目标数值表：表头应有「目标编号」和「本期季末数值」。",
            "请用 scpilot export template indicators 生成的表格填写。",
        )
    )
    return result


def _read_rows(table: Table, targets: dict[str, Target], result: IndicatorTable) -> None:
    """Each row's target, checked against the ledger, with the origin of every value."""
    seen: dict[str, int] = {}
    for row, values in table.rows:
        ident = unicodedata.normalize("NFKC", cells.text(values["id"].value)).upper().replace(" ", "")
        if not ident:
            result.errors.append(table.error(row, "id", "没有填写目标编号。", "请保留导出表中的目标编号。"))
            continue
        target = targets.get(ident)
        if target is None:
            result.errors.append(
                table.error(row, "id", f"目标 {ident} 在台账中不存在。", "台账中的目标：" + "、".join(targets) + "。")
            )
            continue
        if ident in seen:
            result.errors.append(table.error(row, "id", f"目标 {ident} 出现了两次（另一次在第 {seen[ident]} 行）。"))
            continue
        seen[ident] = row
        entry = _entry(table, row, values, target, result)
        if entry is not None:
            index = len(result.entries)
            result.entries.append(entry)
            result.origins[("targets", index)] = table.origin(row)
            for key, column in (
                ("id", "id"),
                ("value", "value"),
                ("text", "value"),
                ("unit", "unit"),
                ("note", "note"),
            ):
                result.origins[("targets", index, key)] = table.origin(row, column)


def _entry(
    table: Any, row: int, values: dict[str, Any], target: Target, result: IndicatorTable
) -> dict[str, Any] | None:
    entry: dict[str, Any] = {"id": target.id}
    raw = values["value"]
    if "unit" in values and not is_blank(values["unit"].value):
        unit = cells.text(values["unit"].value)
        if cells.key(unit) != cells.key(target.unit):
            result.errors.append(
                table.error(
                    row,
                    "unit",
                    f"目标 {target.id} 的单位写成了「{unit}」，台账的单位是「{target.unit}」。",
                    f"请换算成台账规定的单位「{target.unit}」后填写；单位需要修改时请先修订台账。",
                )
            )
            return None
    if is_blank(raw.value):
        result.errors.append(
            table.error(
                row,
                "value",
                f"目标 {target.id}「{target.name}」没有填写本期季末数值。",
                "暂时没有数据的，填写最近一次的数值，并在「说明」中注明口径和原因。",
            )
        )
        return None
    if target.kind == "qualitative":
        entry["text"] = cells.text(raw.value, multiline=True)
    else:
        try:
            number = cells.number(raw.value, units=(target.unit,))
        except CellValueError as exc:
            result.errors.append(table.error(row, "value", exc.message, exc.hint))
            return None
        if target.unit == "%" and "%" in raw.number_format and isinstance(raw.value, int | float):
            number = cells.number(round(raw.value * 100, 10))  # Excel stores 88% as 0.88
        entry["value"] = number
        entry["unit"] = target.unit
    if "note" in values and not is_blank(values["note"].value):
        entry["note"] = cells.text(values["note"].value, multiline=True)
    return entry


def merge_targets(existing: list[Any], entries: list[dict[str, Any]], order: list[str]) -> list[dict[str, Any]]:
    """The report's ``targets`` after import: the workbook's entries replace those with the
    same id, the report's other entries stay, in ledger order."""
    by_id: dict[Any, dict[str, Any]] = {e["id"]: e for e in entries}
    for old in existing:
        if isinstance(old, dict):
            by_id.setdefault(old.get("id"), old)
    rank = {ident: i for i, ident in enumerate(order)}
    return sorted(by_id.values(), key=lambda e: rank.get(str(e.get("id")), len(rank)))


def splice_targets(text: str, key_line: int, end_line: int, block: str) -> str:
    """``text`` with lines ``key_line``..``end_line - 1`` (1-based) replaced by ``block``,
    keeping the comment and blank lines that lead into the next key."""
    lines = text.splitlines(keepends=True)
    end = end_line - 1
    while end > key_line and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return "".join(lines[: key_line - 1]) + block + "".join(lines[end:])
