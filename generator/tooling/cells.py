"""Cell values as people type them into Excel, turned into schema values.

Stray and full-width spaces, full-width digits and punctuation, thousands separators,
units typed after numbers, phone numbers typed as numbers (losing the leading 0), em
dashes from the notice's own phone numbers, industries written by name instead of by
GB/T 4754-2017 code. Each function returns the clean value or raises ``CellValueError``
with a Chinese message and hint. Pure.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import cache
from typing import Any

from generator.reference.industries import industry_names


class CellValueError(Exception):
    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


_SPACES = re.compile(r"[ \t\u3000\u00a0\u2002-\u200b\ufeff]+")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
_FULLWIDTH_ALNUM = {
    c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for c in range(r[0], r[1] + 1)
}
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not _SPACES.sub("", value).strip())


def text(value: Any, *, multiline: bool = False) -> str:
    """Free text: trimmed, runs of spaces (full-width too) made one, spaces between Chinese
    characters dropped. Full-width punctuation is kept: it is part of names."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    raw = str(value).replace("\r\n", "\n").replace("\r", "\n").translate(_FULLWIDTH_ALNUM)
    lines = [_SPACE_BETWEEN_CJK.sub("", _SPACES.sub(" ", line)).strip() for line in raw.split("\n")]
    lines = [line for line in lines if line]
    return "\n".join(lines) if multiline else _join_single(lines)


def _join_single(lines: list[str]) -> str:
    joined = ""
    for line in lines:
        if joined and not (re.match(rf"[{_CJK}]", joined[-1]) or re.match(rf"[{_CJK}]", line[0])):
            joined += " "
        joined += line
    return joined


def key(value: Any) -> str:
    """A comparison key: NFKC, no whitespace, case-folded (for headings and names)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text(value))).casefold()


def number(value: Any, *, integer: bool = False, units: tuple[str, ...] = ()) -> int | float:
    """A number from a numeric cell or from text such as 「１，２００」「96家」「6.8亿元」."""
    if isinstance(value, bool):
        raise CellValueError(f"这里应为数字，填的是{'是' if value else '否'}。", "请填写阿拉伯数字。")
    if isinstance(value, int | float):
        result: int | float = value
    else:
        raw = unicodedata.normalize("NFKC", text(value)).replace(" ", "")
        if not raw:
            raise CellValueError("这里应为数字，但没有填写。", "请填写阿拉伯数字，例如 96。")
        stripped = raw
        for unit in sorted({*units, *(unicodedata.normalize("NFKC", u) for u in units)}, key=len, reverse=True):
            if unit and stripped.endswith(unit):
                stripped = stripped[: -len(unit)]
                break
        stripped = stripped.replace(",", "")
        if not re.fullmatch(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", stripped):
            unit_hint = f"单位（{'、'.join(units)}）写在表头里，" if units else ""
            raise CellValueError(
                f"「{text(value)}」不是一个数字。",
                f"只填阿拉伯数字，不带文字；{unit_hint}例如 96 或 6.8。",
            )
        result = float(stripped)
    if isinstance(result, float) and result.is_integer():
        result = int(result)
    if integer and not isinstance(result, int):
        raise CellValueError(f"「{text(value)}」应为整数。", "企业数等数量请填写整数，例如 96。")
    return result


def phone(value: Any) -> str:
    """A phone number as text; a number typed into a numeric cell gets back its leading 0."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        digits = str(value)
        if len(digits) == 11 and digits.startswith("1"):
            return digits  # a mobile number
        if digits.startswith("400") and len(digits) == 10:
            return digits
        if 9 <= len(digits) <= 11:
            # Excel dropped the area code's leading 0: 010 and 02x have three digits, the rest four.
            area = 2 if digits.startswith(("10", "2")) else 3
            return f"0{digits[:area]}-{digits[area:]}"
        raise CellValueError(
            f"电话号码「{digits}」被 Excel 当成了数字，无法判断原来的写法。",
            "请把这一列设为“文本”格式后重新输入，例如 010-85093662。",
        )
    raw = unicodedata.normalize("NFKC", text(value))
    raw = _DASHES.sub("-", raw)
    raw = re.sub(r"(?:转|ext\.?|x|分机)", "-", raw, flags=re.IGNORECASE)
    raw = re.sub(r"^\((0[0-9]{2,3})\)", r"\1-", raw)
    raw = raw.replace("(", "").replace(")", "").replace(" ", "").replace(".", "")
    raw = re.sub(r"-+", "-", raw).strip("-")
    if not re.fullmatch(r"\+?[0-9][0-9-]{5,23}", raw):
        raise CellValueError(
            f"电话号码「{text(value)}」格式不对。",
            "只写数字和连字符，例如 010-85093662、13800000000、4008008866-509；多个号码只留一个。",
        )
    return raw


def email(value: Any) -> str:
    raw = unicodedata.normalize("NFKC", text(value)).replace(" ", "")
    raw = re.sub(r"^mailto:", "", raw, flags=re.IGNORECASE)
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}", raw):
        raise CellValueError(f"邮箱「{text(value)}」格式不对。", "例如 name@example.com；多个邮箱只留一个。")
    return raw


# -- industries ------------------------------------------------------------------------------------

_CODE = re.compile(r"(?<![0-9A-Za-z])([0-9]{2,4})(?![0-9])")
_LETTER = re.compile(r"(?<![A-Za-z])([A-T])(?![A-Za-z])")
_GROUP_SEPARATORS = re.compile(r"[;；,，\n/|]+")
_BOUNDARY = set("、()[]【】 ") | set("0123456789") | set("ABCDEFGHIJKLMNOPQRST")


@cache
def _names_by_key() -> list[tuple[str, str]]:
    """(normalized name, code), longest names first; numeric codes win over section letters."""
    found: dict[str, str] = {}
    for code, name in industry_names().items():
        normal = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))
        current = found.get(normal)
        if current is None or (current.isalpha() and not code.isalpha()):
            found[normal] = code
    return sorted(found.items(), key=lambda item: -len(item[0]))


def industries(value: Any) -> list[str]:
    """GB/T 4754-2017 codes from a cell: codes, standard names, or both (「7224 供应链管理服务；
    39 计算机、通信和其他电子设备制造业」). Anything that is neither is an error."""
    raw = unicodedata.normalize("NFKC", text(value))
    if not raw:
        raise CellValueError("没有填写行业。", "请填写《国民经济行业分类》（GB/T 4754-2017）代码，例如 7224。")
    found: list[tuple[int, str]] = []
    unknown: list[str] = []
    offset = 0
    for group in _GROUP_SEPARATORS.split(raw):
        group = " ".join(group.split())
        marked = group
        for name, code in _names_by_key():
            start = marked.find(name)
            while start >= 0:
                end = start + len(name)
                before = marked[start - 1] if start > 0 else " "
                after = marked[end] if end < len(marked) else " "
                if before in _BOUNDARY and after in _BOUNDARY:
                    found.append((offset + start, code))
                    marked = marked[:start] + "\x00" * len(name) + marked[end:]
                start = marked.find(name, start + 1)
        for piece in marked.split("、"):
            codes = [(offset + m.start(), m.group(1)) for m in _CODE.finditer(piece)]
            codes += [(offset + m.start(), m.group(1)) for m in _LETTER.finditer(piece)]
            found.extend(codes)
            label = re.sub(r"[\x00()\[\]【】 ]", "", piece)
            if label and not codes and "\x00" not in piece:
                unknown.append(label)
        offset += len(group) + 1
    if unknown:
        raise CellValueError(
            f"「{'」「'.join(unknown)}」不是《国民经济行业分类》（GB/T 4754-2017）中的行业名称。",
            "请写行业代码（可以在后面加上名称），例如「7224 供应链管理服务」「36 汽车制造业」；多个行业用分号隔开。",
        )
    codes_in_order = list(dict.fromkeys(code for _, code in sorted(found)))
    bad = [c for c in codes_in_order if c not in industry_names()]
    if bad:
        raise CellValueError(
            f"行业代码「{'」「'.join(bad)}」不在 GB/T 4754-2017 中。",
            "请查《国民经济行业分类》（GB/T 4754-2017），例如 7224（供应链管理服务）、36（汽车制造业）。",
        )
    return codes_in_order


def industries_text(codes: list[str]) -> str:
    """The form the exported workbooks use, which ``industries`` reads back."""
    names = industry_names()
    return "；".join(f"{code} {names.get(code, '')}".strip() for code in codes)
