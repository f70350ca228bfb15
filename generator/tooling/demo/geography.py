"""Where synthetic pilots live: the 31 provincial units with their GB/T 2260 codes, and
major prefecture-level cities with theirs. Real names and codes; every pilot is fictional.

The rows are data (``data/geography.json``): a province has its folder (pinyin), name, code,
kind, commerce department, telephone area code, weight (its share of pilots in the 2018
list, roughly) and cities; a city row is [slug, name, code].
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from generator.reference.divisions import children


@dataclass(frozen=True)
class City:
    slug: str
    name: str
    code: str

    @property
    def short(self) -> str:
        """The name without its administrative suffix: 杭州市 → 杭州."""
        for suffix in ("朝鲜族自治州", "哈尼族彝族自治州", "市"):
            if self.name.endswith(suffix) and len(self.name) > len(suffix) + 1:
                return self.name[: -len(suffix)]
        return self.name


@dataclass(frozen=True)
class Province:
    folder: str
    name: str
    code: str
    kind: str
    department: str
    area_code: str
    weight: int
    cities: tuple[City, ...]

    @property
    def short(self) -> str:
        for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
            if self.name.endswith(suffix):
                return self.name[: -len(suffix)]
        return self.name


def _province(row: dict[str, Any]) -> Province:
    cities = tuple(City(slug, name, code) for slug, name, code in row["cities"])
    return Province(
        row["folder"], row["name"], row["code"], row["kind"], row["department"], row["area_code"], row["weight"], cities
    )


PROVINCES: tuple[Province, ...] = tuple(
    _province(row) for row in json.loads(files(__package__).joinpath("data/geography.json").read_text(encoding="utf-8"))
)
"""The provincial units in GB/T 2260 order, from ``data/geography.json``."""

_NUMERALS = "一二三四五六七八九十"


# The separately planned cities (计划单列市) of the sample calendar: MOFCOM confirms them, so a
# fictional city never borrows their codes and the confirmers stay as the plan made them.
_MOFCOM_CITIES = frozenset({"210200", "370200", "330200", "350200", "440300"})


def extra_city(province: Province, k: int) -> City:
    """The k-th fictional city of a province, once its real cities are used up (10× scale).
    Its code is one of the province's real prefecture-level codes (GB/T 2260, taken in turn),
    since a made-up code is refused (SCP-E025); a municipality lends its own code."""
    codes = [d.code for d in children(province.code) if d.level == "prefecture" and d.code not in _MOFCOM_CITIES] or [
        province.code
    ]
    code = codes[k % len(codes)]
    name = f"{province.short}示例{_NUMERALS[k % 10]}{k // 10 + 1}市"
    return City(f"{province.folder}-demo-city-{k + 1}", name, code)
