"""Attachments 1 and 2 of the notice as Excel: the recommendation lists provinces fill in.

Import reads the tables as provinces fill them (the notice's headings, title and province
lines, merged headers, full-width digits, numbers typed as numbers, 「平台运营情况」 either
as one free-text column or split into the template's sub-columns) and returns the
``recommendations/<year>.yaml`` data with the origin of every value; export writes the
same workbooks, prefilled with what the repository already holds, which import reads
back unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from generator.model.repository import Pilot, Repository
from generator.tooling import cells
from generator.tooling.cells import CellValueError, is_blank
from generator.tooling.excel import (
    Grid,
    Origin,
    Progress,
    RawCell,
    SheetError,
    Table,
    find_table,
    open_workbook,
    set_widths,
    style_body,
    style_header,
    write_note,
    write_title,
)

PathKey = tuple[str | int, ...]

TITLE_1 = "重点培育的供应链服务企业推荐名单"
TITLE_2 = "重点培育的供应链协同平台推荐名单"
NOTE_1 = (
    "注：参照《国民经济行业分类》（GB/T4754-2017），供应链管理服务是指基于现代信息技术对供应链中的物流、商流、"
    "信息流和资金流进行设计、规划、控制和优化，将单一、分散的订单管理、采购执行、报关退税、物流管理、资金融通、"
    "数据管理、贸易商务、结算等进行一体化整合的服务。"
)
NOTE_2 = "注：简要说明平台运营情况，包括但不限于平台所处行业、注册和活跃企业数、业务量或成交额等。"
FILL_HINT = (
    "填写说明：行业写 GB/T 4754-2017 代码（可加名称，如「7224 供应链管理服务」，多个用分号隔开）；"
    "数字只填阿拉伯数字；电话写成文本，如 010-85093662；「试点标识」可不填，按企业名称匹配本省试点企业。"
)

_CONTACT = {
    "联系人": "contact_name",
    "联系人姓名": "contact_name",
    "职务": "position",
    "联系电话": "phone",
    "电话": "phone",
    "手机": "phone",
    "联系邮箱": "email",
    "电子邮箱": "email",
    "邮箱": "email",
    "试点标识": "pilot",
}
ATT1 = {
    "序号": "seq",
    "企业名称": "name",
    "主要服务行业": "industries",
    "服务行业": "industries",
    "服务内容": "services",
    **_CONTACT,
}
ATT2 = {"序号": "seq", "平台（企业）名称": "name", "平台名称": "name", "平台运营情况": "operation", **_CONTACT}
ATT2_SUB = {
    "所处行业": "op_industries",
    "平台所处行业": "op_industries",
    "注册企业数（家）": "registered",
    "注册企业数": "registered",
    "活跃企业数（家）": "active",
    "活跃企业数": "active",
    "成交额（亿元）": "amount",
    "成交额": "amount",
    "业务量": "volume",
    "业务量单位": "volume_unit",
    "运营情况说明": "description",
    "情况说明": "description",
}
HEAD_1 = [
    "序号",
    "企业名称",
    "主要服务行业",
    "联系人",
    "职务",
    "联系电话",
    "联系邮箱",
    "服务内容（选填）",
    "试点标识（选填）",
]
HEAD_2 = ["序号", "平台（企业）名称", "平台运营情况", "联系人", "职务", "联系电话", "联系邮箱", "试点标识（选填）"]
SUB_2 = ["所处行业", "注册企业数（家）", "活跃企业数（家）", "成交额（亿元）", "业务量", "业务量单位", "运营情况说明"]
TEMPLATE_ROWS = 10


@dataclass
class Imported:
    data: dict[str, Any]
    origins: dict[PathKey, Origin] = field(default_factory=dict)
    errors: list[SheetError] = field(default_factory=list)
    sources: dict[PathKey, str] = field(default_factory=dict)
    """A short note per list item: where it came from (a comment in the YAML)."""


# -- import ----------------------------------------------------------------------------------------


def read_recommendations(
    repo: Repository, files: list[Path], province: str, year: str, progress: Progress | None = None
) -> Imported:
    result = Imported({"province": province, "year": year, "service_enterprises": [], "platforms": []})
    region = repo.provinces.get(province)
    if region is None:
        known = "、".join(sorted(repo.provinces)) or "（无）"
        result.errors.append(SheetError("", "", 0, 0, "", f"省份「{province}」没有登记。", f"已登记的省份：{known}。"))
        return result
    candidates = [p for p in repo.pilots_in(province) if p.type == "enterprise"]
    found = 0
    for path in files:
        workbook, errors = open_workbook(path)
        result.errors.extend(errors)
        if workbook is None:
            continue
        for sheet in workbook.worksheets:
            if progress is not None:
                progress(f"正在读取 {path.name} 工作表「{sheet.title}」……")
            grid = Grid(sheet)
            table = find_table(grid, path.name, ATT2, ATT2_SUB, {"name"}, progress)
            if table is not None and any(k == "operation" or k in ATT2_SUB.values() for k in table.columns):
                _check_province(table, region.name, result)
                for row, values in table.rows:
                    _platform(table, row, values, candidates, result)
                found += 1
                continue
            table = find_table(grid, path.name, ATT1, {}, {"name", "industries"}, progress)
            if table is not None:
                _check_province(table, region.name, result)
                for row, values in table.rows:
                    _enterprise(table, row, values, candidates, result)
                found += 1
    if not found and not result.errors:
        names = "、".join(p.name for p in files)
        result.errors.append(
            SheetError(
                names,
                "",
                0,
                0,
                "",
                "没有找到附件1或附件2的表格。",
                "附件1的表头应有「序号 企业名称 主要服务行业 联系人 职务 联系电话 联系邮箱」，附件2的表头应有"
                "「序号 平台（企业）名称 平台运营情况 联系人 职务 联系电话 联系邮箱」；"
                "可以用 scpilot export template recommendations 生成模板。",
            )
        )
    _duplicates(result)
    return result


_PROVINCE_LINE = re.compile(r"省\(区、市\)[:]?(.*)")
_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市")


def _short_region(name: str) -> str:
    name = cells.key(name)
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _check_province(table: Table, name: str, result: Imported) -> None:
    for row, column, raw in table.above:
        match = _PROVINCE_LINE.search(cells.key(raw))
        if not match:
            continue
        written = match.group(1).strip("_＿ ")
        if written and _short_region(written) != _short_region(name):
            result.errors.append(
                Origin(table.file, table.sheet, row, column, "省（区、市）").error(
                    f"表中写的省份是「{raw.split('：')[-1].split(':')[-1].strip()}」，导入的却是{name}。",
                    "请核对 --province 参数，或改正表中的省（区、市）。",
                )
            )


def match_pilot(candidates: list[Pilot], name: str, explicit: str) -> Pilot:
    """The province's enterprise pilot a row names: by 试点标识 if given, else by name."""
    if explicit:
        for pilot in candidates:
            if pilot.id == explicit:
                return pilot
        raise CellValueError(f"「{explicit}」不是本省的试点企业标识。", _candidates_hint(candidates))
    wanted = cells.key(name)
    levels: list[Callable[[Pilot], bool]] = [
        lambda p: wanted in (cells.key(p.name), cells.key(p.short_name)),
        lambda p: cells.key(p.name) in wanted,
        lambda p: cells.key(p.short_name) in wanted,
        lambda p: wanted in cells.key(p.name),
    ]
    for level in levels:
        hits = [p for p in candidates if level(p)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            longest = max(len(cells.key(p.name)) for p in hits)
            best = [p for p in hits if len(cells.key(p.name)) == longest]
            if len(best) == 1:
                return best[0]
            raise CellValueError(
                f"「{name}」可能是 {'、'.join(f'{p.id}（{p.name}）' for p in hits)}，无法确定是哪一家。",
                "请在「试点标识」列填写试点标识。",
            )
    raise CellValueError(
        f"「{name}」不是本省的试点企业：通知要求从本地的试点企业中推荐。", _candidates_hint(candidates)
    )


def _candidates_hint(candidates: list[Pilot]) -> str:
    listing = "、".join(f"{p.id}（{p.name}）" for p in candidates) or "（本省暂无试点企业）"
    return f"请使用试点企业的全称或简称，或在「试点标识」列填写标识。本省试点企业：{listing}。"


class _Row:
    """Reads one row's cells, collecting errors instead of stopping at the first."""

    def __init__(self, table: Table, row: int, values: dict[str, RawCell], result: Imported, base: PathKey) -> None:
        self.table = table
        self.row = row
        self.values = values
        self.result = result
        self.base = base
        self.ok = True

    def raw(self, name: str) -> Any:
        cell = self.values.get(name)
        return None if cell is None else cell.value

    def has(self, name: str) -> bool:
        return name in self.values and not is_blank(self.values[name].value)

    def get(self, name: str, convert: Callable[[Any], Any], path: PathKey, *, required: bool, what: str) -> Any:
        self.result.origins[(*self.base, *path)] = self.table.origin(self.row, name if name in self.values else None)
        if not self.has(name):
            if required:
                self.fail(name, f"没有填写{what}。", f"{what}是必填项。")
            return None
        try:
            return convert(self.raw(name))
        except CellValueError as exc:
            self.fail(name, exc.message, exc.hint)
            return None

    def fail(self, name: str | None, message: str, hint: str = "") -> None:
        self.ok = False
        self.result.errors.append(self.table.error(self.row, name if name in self.values else None, message, hint))


def _multiline(value: Any) -> str:
    return cells.text(value, multiline=True)


def _common(reader: _Row, candidates: list[Pilot], kind_name: str) -> dict[str, Any]:
    name = reader.get("name", cells.text, ("name",), required=True, what=kind_name)
    item: dict[str, Any] = {}
    if name:
        explicit = cells.text(reader.raw("pilot")) if reader.has("pilot") else ""
        reader.result.origins[(*reader.base, "pilot")] = reader.table.origin(
            reader.row, "pilot" if explicit else "name"
        )
        try:
            item["pilot"] = match_pilot(candidates, name, explicit).id
        except CellValueError as exc:
            reader.fail("pilot" if explicit else "name", exc.message, exc.hint)
        item["name"] = name
    return item


def _contact(reader: _Row) -> dict[str, Any]:
    contact: dict[str, Any] = {}
    base = ("contact",)
    reader.result.origins[(*reader.base, *base)] = reader.table.origin(reader.row, "contact_name")
    for name, key, convert, required, what in (
        ("contact_name", "name", cells.text, True, "联系人"),
        ("position", "position", cells.text, False, "职务"),
        ("phone", "phone", cells.phone, True, "联系电话"),
        ("email", "email", cells.email, False, "联系邮箱"),
    ):
        value = reader.get(name, convert, (*base, key), required=required, what=what)
        if value:
            contact[key] = value
    return contact


def _enterprise(table: Table, row: int, values: dict[str, RawCell], candidates: list[Pilot], result: Imported) -> None:
    index = len(result.data["service_enterprises"])
    reader = _Row(table, row, values, result, ("service_enterprises", index))
    item = _common(reader, candidates, "企业名称")
    item["industries"] = reader.get("industries", cells.industries, ("industries",), required=True, what="主要服务行业")
    services = reader.get("services", _multiline, ("services",), required=False, what="服务内容")
    if services:
        item["services"] = services
    item["contact"] = _contact(reader)
    if reader.ok:
        result.origins[reader.base] = table.origin(row)
        result.sources[reader.base] = f"{table.file} 工作表「{table.sheet}」第 {row} 行"
        result.data["service_enterprises"].append(item)


def _platform(table: Table, row: int, values: dict[str, RawCell], candidates: list[Pilot], result: Imported) -> None:
    index = len(result.data["platforms"])
    reader = _Row(table, row, values, result, ("platforms", index))
    item = _common(reader, candidates, "平台（企业）名称")
    if any(k in table.columns for k in ATT2_SUB.values()):
        operation = _operation_columns(reader)
    else:
        operation = _operation_text(reader)
    item["operation"] = operation
    item["contact"] = _contact(reader)
    if reader.ok:
        result.origins[reader.base] = table.origin(row)
        result.sources[reader.base] = f"{table.file} 工作表「{table.sheet}」第 {row} 行"
        result.data["platforms"].append(item)


def _operation_columns(reader: _Row) -> dict[str, Any]:
    base = ("operation",)
    first = next((k for k in ATT2_SUB.values() if k in reader.values), None)
    reader.result.origins[(*reader.base, *base)] = reader.table.origin(reader.row, first)
    operation: dict[str, Any] = {
        "industries": reader.get(
            "op_industries", cells.industries, (*base, "industries"), required=True, what="平台所处行业"
        ),
        "registered_enterprises": reader.get(
            "registered",
            lambda v: cells.number(v, integer=True, units=("家",)),
            (*base, "registered_enterprises"),
            required=True,
            what="注册企业数",
        ),
        "active_enterprises": reader.get(
            "active",
            lambda v: cells.number(v, integer=True, units=("家",)),
            (*base, "active_enterprises"),
            required=True,
            what="活跃企业数",
        ),
    }
    amount = reader.get(
        "amount",
        lambda v: cells.number(v, units=("亿元", "亿")),
        (*base, "transaction_amount"),
        required=False,
        what="成交额",
    )
    if amount is not None:
        operation["transaction_amount"] = amount
    volume = reader.get("volume", _volume_value, (*base, "business_volume", "value"), required=False, what="业务量")
    if volume is not None:
        number, unit = volume
        if reader.has("volume_unit"):
            unit = cells.text(reader.raw("volume_unit"))
        reader.result.origins[(*reader.base, *base, "business_volume", "unit")] = reader.table.origin(
            reader.row, "volume_unit" if "volume_unit" in reader.values else "volume"
        )
        if unit:
            operation["business_volume"] = {"value": number, "unit": unit}
        else:
            reader.fail("volume_unit", "填写了业务量，但没有写单位。", "请在「业务量单位」列写单位，例如 万单。")
    operation["description"] = reader.get(
        "description", _multiline, (*base, "description"), required=True, what="运营情况说明"
    )
    return operation


def _volume_value(value: Any) -> tuple[int | float, str]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return cells.number(value), ""
    raw = unicodedata.normalize("NFKC", cells.text(value)).replace(" ", "").replace(",", "")
    match = re.fullmatch(r"([-+]?[0-9]+(?:\.[0-9]+)?)(.*)", raw)
    if not match:
        raise CellValueError(
            f"「{cells.text(value)}」不是业务量数值。", "只填数字，单位写在「业务量单位」列，例如 2.1 和 万单。"
        )
    return cells.number(match.group(1)), match.group(2)


_NUMBER = r"([0-9][0-9,]*(?:\.[0-9]+)?)\s*(万|亿)?"
_WHO = r"(?:企业|用户|会员|供应商|商户|客户)?(?:总)?(?:数|数量)?"
_VERB = r"(?:为|达|达到|共|约|超过|有)?\s*[:]?\s*"


def parse_operation(free_text: str) -> dict[str, Any]:
    """The operation figures from a free-text 「平台运营情况」: 「所处行业：汽车零部件（3670）；
    注册企业96家，活跃企业45家；成交额6.8亿元，业务量2.1万单」."""
    normal = unicodedata.normalize("NFKC", free_text)
    missing: list[str] = []
    result: dict[str, Any] = {}
    industries = re.search(r"(?:所处|所属)?行业\s*(?:为|是)?\s*[:]?\s*([^;。]+)", normal)
    if industries:
        result["industries"] = cells.industries(industries.group(1))
    else:
        missing.append("平台所处行业（如「所处行业：3670 汽车零部件及配件制造」）")
    for key, word, label in (
        ("registered_enterprises", "注册", "注册企业数（如「注册企业96家」）"),
        ("active_enterprises", "活跃", "活跃企业数（如「活跃企业45家」）"),
    ):
        match = re.search(word + _WHO + _VERB + _NUMBER, normal)
        if match:
            value = float(match.group(1).replace(",", "")) * (10000 if match.group(2) == "万" else 1)
            if not value.is_integer():
                raise CellValueError(f"{label.split('（')[0]}「{match.group(0)}」不是整数。", "企业数请写整数。")
            result[key] = int(value)
        else:
            missing.append(label)
    amount = re.search(
        r"(?:成交额|交易额|成交金额|交易金额|交易规模|GMV)"
        + _VERB
        + r"([0-9][0-9,]*(?:\.[0-9]+)?)\s*(亿元|万元|亿|万)",
        normal,
    )
    if amount:
        value = float(amount.group(1).replace(",", ""))
        result["transaction_amount"] = cells.number(value / 10000 if amount.group(2).startswith("万") else value)
    volume = re.search(r"业务量" + _VERB + r"([0-9][0-9,]*(?:\.[0-9]+)?)\s*([^\s,;。、0-9]{1,6})", normal)
    if volume:
        result["business_volume"] = {"value": cells.number(volume.group(1).replace(",", "")), "unit": volume.group(2)}
    if missing:
        raise CellValueError(
            f"「平台运营情况」中没有找到{'、'.join(missing)}。",
            "通知要求说明平台所处行业、注册和活跃企业数、业务量或成交额；"
            "也可以用 scpilot export template recommendations 生成的模板分列填写。",
        )
    result["description"] = cells.text(free_text, multiline=True)
    return result


def _operation_text(reader: _Row) -> dict[str, Any]:
    base = ("operation",)
    origin = reader.table.origin(reader.row, "operation")
    for key in ("", "industries", "registered_enterprises", "active_enterprises", "transaction_amount"):
        reader.result.origins[(*reader.base, *base, *((key,) if key else ()))] = origin
    reader.result.origins[(*reader.base, *base, "description")] = origin
    reader.result.origins[(*reader.base, *base, "business_volume")] = origin
    if not reader.has("operation"):
        reader.fail("operation", "没有填写平台运营情况。", NOTE_2)
        return {}
    try:
        return parse_operation(str(reader.raw("operation")))
    except CellValueError as exc:
        reader.fail("operation", exc.message, exc.hint)
        return {}


def _duplicates(result: Imported) -> None:
    for list_name in ("service_enterprises", "platforms"):
        seen: dict[str, int] = {}
        for i, item in enumerate(result.data[list_name]):
            pilot = item.get("pilot")
            if pilot in seen:
                origin = result.origins.get((list_name, i), Origin("", ""))
                result.errors.append(
                    origin.error(
                        f"试点企业「{pilot}」在名单中出现了两次（另一次见第 {seen[pilot]} 行）。",
                        "每家企业在同一张名单中只列一次。",
                    )
                )
            elif pilot:
                seen[pilot] = result.origins.get((list_name, i), Origin("", "")).row


# -- export ----------------------------------------------------------------------------------------


def recommendations_workbook(repo: Repository, province: str, year: str) -> Workbook:
    """Attachments 1 and 2 with the notice's headings, prefilled with the repository's list."""
    region = repo.provinces[province]
    existing = next((r for r in repo.recommendations if r.province == province and r.year == year), None)
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = "附件1"
    width = len(HEAD_1)
    write_title(first, "附件1", TITLE_1, f"省（区、市）：{region.name}", width)
    for column, heading in enumerate(HEAD_1, start=1):
        first.cell(row=4, column=column, value=heading)
    style_header(first, 4, 4, width)
    rows: list[dict[str, Any]] = list(existing.doc.data["service_enterprises"]) if existing else []
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

    second = workbook.create_sheet("附件2")
    width = len(HEAD_2) + len(SUB_2) - 1
    write_title(second, "附件2", TITLE_2, f"省（区、市）：{region.name}", width)
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
    platforms: list[dict[str, Any]] = list(existing.doc.data["platforms"]) if existing else []
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
    return workbook
