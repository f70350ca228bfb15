"""Schema errors in the submitter's language.

``$.targets[1].target.value: 'abc' is not of type 'number'`` becomes
``目标 T2 的「目标 › 数值」（target.value）应为数字，这里是文字「abc」`` with the line and
column of the value and a hint that says how to fix it.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from jsonschema.exceptions import ValidationError, best_match

from generator.load.loader import Document, PathKey
from generator.load.problems import Problem
from generator.load.schemas import SchemaSet, labelled

_TYPE_NAMES = {
    "string": "文字",
    "number": "数字",
    "integer": "整数",
    "boolean": "true 或 false",
    "object": "一组字段",
    "array": "列表",
    "null": "空值",
}
_YAML11_BOOLEANS = frozenset(
    {"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO", "ON", "OFF", "是", "否", "对", "错"}
)
_FULLWIDTH_DIGITS = re.compile(r"[０-９．－＋]")


def describe_value(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return f"布尔值 {'true' if value else 'false'}"
    if isinstance(value, int | float):
        return f"数字 {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:30] + "…"
        return f"文字「{shown}」"
    if isinstance(value, list):
        return "列表"
    return "一组字段"


class Translator:
    def __init__(self, schemas: SchemaSet, kind: str, doc: Document) -> None:
        self.schemas = schemas
        self.kind = kind
        self.doc = doc

    # -- naming ---------------------------------------------------------------------------
    def field(self, path: PathKey) -> str:
        """``目标 T2 的「目标 › 数值」（target.value）`` for a path inside a document."""
        anchor = 0
        context = ""
        value: Any = self.doc.data
        for depth, step in enumerate(path):
            value = value[step] if _has(value, step) else None
            if isinstance(step, int):
                item_title = self.schemas.title(self.kind, path[: depth + 1]) or "第几项"
                ident = value.get("id") if isinstance(value, dict) else None
                ident = ident if isinstance(ident, str) and len(ident) <= 20 else None
                context = f"{item_title} {ident}" if ident else f"{item_title}（第 {step + 1} 项）"
                anchor = depth + 1
        rest = path[anchor:]
        titles = [self.schemas.title(self.kind, path[: anchor + i + 1]) or str(step) for i, step in enumerate(rest)]
        keys = ".".join(str(s) for s in rest)
        if not rest:
            return context or "文件内容"
        named = f"「{' › '.join(titles)}」（{keys}）"
        return f"{context} 的{named}" if context else named

    # -- translation ----------------------------------------------------------------------
    def problems(self, errors: list[ValidationError]) -> list[Problem]:
        return [problem for error in errors for problem in self.problem(error)]

    def problem(self, error: ValidationError) -> list[Problem]:
        """One problem per error; one per unknown key for ``additionalProperties``."""
        error = self._best(error)
        path: PathKey = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            schema = error.schema if isinstance(error.schema, dict) else {}
            known = schema.get("properties", {})
            return [self._unknown_key(path, key, list(known)) for key in error.instance if key not in known]
        rule, message, hint, at = self._words(error, path)
        line, column = self.doc.locate(at[0], key=at[1])
        return [Problem(rule, self.doc.path, line, column, message, hint)]

    def _unknown_key(self, path: PathKey, key: str, allowed: list[str]) -> Problem:
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        listing = "、".join(f"{k}（{self.schemas.title(self.kind, (*path, k)) or k}）" for k in allowed)
        hint = (f"是不是想写「{close[0]}」？" if close else "") + f"这里可以填写的字段有：{listing}。"
        where = self.field(path) + " 中" if path else ""
        line, column = self.doc.locate((*path, key), key=True)
        return Problem("SCP-S003", self.doc.path, line, column, f"{where}有不认识的字段「{key}」。", hint)

    def _best(self, error: ValidationError) -> ValidationError:
        """Descend into ``oneOf``/``anyOf`` to the error that explains most, unless the schema
        carries its own message."""
        while error.validator in ("oneOf", "anyOf") and error.context:
            if isinstance(error.schema, dict) and "x-message" in error.schema:
                break
            picked = best_match(error.context)
            if picked is None or picked is error:
                break
            error = picked
        return error

    def _words(self, error: ValidationError, path: PathKey) -> tuple[str, str, str, tuple[PathKey, bool]]:
        validator = str(error.validator)
        value = error.instance
        schema = error.schema if isinstance(error.schema, dict) else {}
        custom = schema.get("x-message")
        at: tuple[PathKey, bool] = (path, False)
        name = self.field(path)
        if validator == "required":
            missing = str(error.message).split("'")[1] if "'" in error.message else "?"
            title = self.schemas.title(self.kind, (*path, missing)) or missing
            desc = self.schemas.description(self.kind, (*path, missing)) or ""
            where = self.field(path) + " " if path else ""
            message = custom or f"{where}缺少必填字段「{title}」（{missing}）。"
            hint = f"请添加 {missing}: …。{desc}"
            if "else" in error.schema_path:  # a report section that may instead be marked not reported
                hint += "这一部分确实没有内容时，可以只写 not_reported: 未报告（审核人和网站会看到）。"
            return "SCP-S002", message, hint, at
        if validator == "type":
            expected: Any = error.validator_value
            names = [str(t) for t in (expected if isinstance(expected, list) else [expected])]
            wanted = "或".join(_TYPE_NAMES.get(t, t) for t in names)
            wanted = f" {wanted}" if wanted[:1].isascii() else wanted
            return "SCP-S001", f"{name}应为{wanted}，这里是{describe_value(value)}。", _type_hint(expected, value), at
        if validator in ("enum", "const"):
            options = labelled(schema) or [(v, "") for v in _values(validator, error.validator_value)]
            shown = choices(options)
            close = difflib.get_close_matches(str(value), [str(v) for v, _ in options], n=1, cutoff=0.6)
            hint = (f"是不是想写「{close[0]}」？" if close else "") + f"可选的值：{shown}。"
            if isinstance(value, str) and value in _YAML11_BOOLEANS:
                hint += " 是/否 类的值请写 true 或 false。"
            return "SCP-S004", custom or f"{name}的值「{_short(value)}」不在可选范围内。", hint, at
        if validator == "pattern":
            desc = self.schemas.description(self.kind, path) or "请按字段说明的格式填写。"
            return "SCP-S005", custom or f"{name}格式不对：{describe_value(value)}。", desc, at
        if validator == "format":
            if error.validator_value == "date":
                return (
                    "SCP-S005",
                    f"{name}不是真实存在的日期：{describe_value(value)}。",
                    "日期格式为 YYYY-MM-DD，例如 2019-06-30；请检查月份和日子是否存在。",
                    at,
                )
            desc = self.schemas.description(self.kind, path) or ""
            return "SCP-S005", f"{name}格式不对：{describe_value(value)}。", desc, at
        if validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            bound = error.validator_value
            relation = {
                "minimum": "不能小于",
                "maximum": "不能大于",
                "exclusiveMinimum": "必须大于",
                "exclusiveMaximum": "必须小于",
            }[validator]
            desc = self.schemas.description(self.kind, path) or ""
            return "SCP-S006", f"{name}为 {value}，{relation} {bound}。", f"请检查数值和单位。{desc}", at
        if validator in ("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"):
            return ("SCP-S007", *_length_words(validator, error.validator_value, value, name), at)
        if validator == "uniqueItems":
            return "SCP-S008", f"{name}中有重复的项。", "同一个列表里每一项只写一次。", at
        if validator == "not":
            spec = error.validator_value if isinstance(error.validator_value, dict) else {}
            present = [k for k in _required_in(spec) if isinstance(value, dict) and k in value]
            spot: tuple[PathKey, bool] = ((*path, present[0]), True) if present else at
            note = spec.get("x-message")
            return "SCP-S009", note or f"{name}的字段组合不符合要求。", "请按字段说明删除不适用的字段。", spot
        if validator in ("oneOf", "anyOf"):
            message = f"{name}：{custom}" if custom and path else custom or f"{name}不符合任何一种允许的写法。"
            return "SCP-S009", message, "请对照字段说明检查必填项。", at
        return "SCP-S009", custom or f"{name}不符合要求（{validator}）。", "请对照字段说明检查。", at


def _required_in(spec: dict[str, Any]) -> list[str]:
    """Property names a ``not`` forbids: ``{"required": [...]}`` or ``{"anyOf": [{"required": [...]}, ...]}``."""
    names = list(spec.get("required", []))
    for alternative in spec.get("anyOf", []):
        names.extend(alternative.get("required", []))
    return names


def _short(value: Any) -> str:
    text = "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    return text if len(text) <= 30 else text[:30] + "…"


def _has(value: Any, step: str | int) -> bool:
    if isinstance(step, int):
        return isinstance(value, list) and 0 <= step < len(value)
    return isinstance(value, dict) and step in value


def choices(options: list[tuple[Any, str]]) -> str:
    """``not_started（未开始）、in_progress（推进中）``: the values a field allows, each with its
    Chinese label where the schema gives one (the hint of SCP-S004; the schemas' ``errorMessage``
    of an enumeration says the same)."""
    return "、".join(f"{v}（{t}）" if t else str(v) for v, t in options)


def _values(validator: str, spec: Any) -> list[Any]:
    return list(spec) if validator == "enum" else [spec]


def _type_hint(expected: Any, value: Any) -> str:
    wants = set(expected if isinstance(expected, list) else [expected])
    if value is None:
        return "这个字段不能空着：请填写内容，或者删除整行（如果它不是必填项）。"
    if wants & {"number", "integer"} and isinstance(value, str):
        if _FULLWIDTH_DIGITS.search(value):
            return "这里用了全角数字或符号：请切换到英文输入法重新输入，例如 12.5。"
        if "," in value or "，" in value:
            return "数字不要写千分位逗号，例如 1250000。"
        if re.fullmatch(r"[-+]?0[0-9]+(\.[0-9]+)?", value):
            return "数字不要以 0 开头（YAML 1.1 会把 010 当成八进制的 8），例如写 10。"
        if re.fullmatch(r"[-+]?[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?", value):
            return "这个数字大得超出了能处理的范围：请检查是否多写了数字或把单位换算错了。"
        if re.search(r"[0-9]", value):
            return "数值里不要带单位、百分号或文字，单位写在 unit 字段或见字段说明，例如 12.5。"
        return "请填写阿拉伯数字（不加引号），例如 12.5。"
    if "boolean" in wants and isinstance(value, str):
        return "请写小写英文 true 或 false；yes/no、on/off、是/否 都不算。"
    if "string" in wants and isinstance(value, int | float | bool):
        return '请给这个值加上引号，例如 "010-85093662"、"440300"、"2019"：代码、电话号码和年份是文字，不加引号会被当成数字。'
    if "object" in wants and isinstance(value, str) and re.match(r"^[A-Za-z_]+:\S", value):
        return "冒号后面要加一个空格，YAML 才认得出字段，例如 name: 示例。"
    if "array" in wants and not isinstance(value, list):
        return "列表的每一项单独一行，以“- ”开头；只有一项也要写成列表。"
    return "请对照字段说明填写。"


def _length_words(validator: str, bound: Any, value: Any, name: str) -> tuple[str, str]:
    if validator == "minLength":
        return (f"{name}不能为空。" if bound <= 1 else f"{name}至少要写 {bound} 个字。"), "请填写内容。"
    if validator == "maxLength":
        return f"{name}有 {len(value)} 个字，超过上限 {bound} 字。", "请精简文字，详细材料可以分条写。"
    if validator == "minItems":
        return f"{name}至少要有 {bound} 项。", "请补充列表项，每项一行，以“- ”开头。"
    if validator == "maxItems":
        return f"{name}最多 {bound} 项，这里有 {len(value)} 项。", "请合并或精简列表项。"
    if validator == "minProperties":
        return f"{name}至少要填写 {bound} 项。", "请至少填写一个字段，或删除这个空的字段。"
    return f"{name}最多 {bound} 项。", "请精简。"
