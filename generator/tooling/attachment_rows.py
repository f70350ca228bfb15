"""One row of attachment 1 or 2 read into a list item: the pilot it names, the contact,
and the platform's operation (sub-columns or one free-text cell), every value with its origin."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from generator.model.repository import Pilot
from generator.tooling import cells
from generator.tooling.attachment_spec import ATT2_SUB, NOTE_2, Imported, PathKey
from generator.tooling.cells import CellValueError, is_blank
from generator.tooling.excel import RawCell, Table


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


def enterprise(table: Table, row: int, values: dict[str, RawCell], candidates: list[Pilot], result: Imported) -> None:
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


def platform(table: Table, row: int, values: dict[str, RawCell], candidates: list[Pilot], result: Imported) -> None:
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
    # The industry clause ends where the next figure starts: 「所处行业：零售业，注册企业1200家」 must not
    # read 1200 (or 860) as an industry code (issue 14.8).
    industries = re.search(
        r"(?:所处|所属)?行业\s*(?:为|是)?\s*[:]?\s*(.+?)(?=[;。]|[,、]\s*(?:注册|活跃|成交|交易|业务|GMV|平台|用户|会员)|$)",
        normal,
    )
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
