"""GB/T 2260 administrative division codes (行政区划代码), shipped with the package.

The list is the Ministry of Civil Affairs' county-and-above code list of the edition named by
`EDITION` (see ``data/README.md`` for its source and how the file was made). It holds the
province-level units (省级, ``xx0000``), the prefecture-level units (地级, ``xxyy00``) and the
county-level units (县级, every other code). A county's parent is its prefecture when the list
has one, otherwise its province: the districts of the four municipalities and the counties
administered directly by a province (省直辖县级行政区划, e.g. 429004 仙桃市) hang off the province.

Nothing is read at import time; the file is parsed once, on first use.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final, Literal

Level = Literal["province", "prefecture", "county"]

EDITION: Final = "2020"
"""The edition of the list: the MCA's code list as at 31 December 2020 (published January 2021)."""

DATA_FILE: Final = f"data/gbt2260-{EDITION}.csv"
"""The list's path inside the ``generator.reference`` package."""

MUNICIPALITIES: Final = frozenset({"110000", "120000", "310000", "500000"})
"""The four municipalities directly under the central government (直辖市): Beijing, Tianjin, Shanghai, Chongqing."""

_LEVELS: Final[dict[str, Level]] = {"province": "province", "prefecture": "prefecture", "county": "county"}


@dataclass(frozen=True, slots=True)
class Division:
    """One entry of the code list."""

    code: str
    """Six digits, e.g. ``"440300"``."""
    name: str
    """The name as the list gives it, e.g. ``"深圳市"``."""
    level: Level
    parent: str | None
    """The code of the entry one level up; ``None`` for a province-level unit."""

    @property
    def province(self) -> str:
        """The code of the province-level unit this entry belongs to (itself for a province)."""
        return self.code[:2] + "0000"


@cache
def _table() -> dict[str, Division]:
    text = resources.files("generator.reference").joinpath(DATA_FILE).read_text(encoding="utf-8")
    table: dict[str, Division] = {}
    for row in csv.DictReader(text.splitlines()):
        level = _LEVELS.get(row["level"])
        if level is None:
            raise ValueError(f"{DATA_FILE}: unknown level {row['level']!r} for {row['code']}")
        table[row["code"]] = Division(code=row["code"], name=row["name"], level=level, parent=row["parent"] or None)
    return table


@cache
def _children() -> dict[str, tuple[Division, ...]]:
    index: dict[str, list[Division]] = {}
    for entry in _table().values():
        if entry.parent is not None:
            index.setdefault(entry.parent, []).append(entry)
    return {parent: tuple(entries) for parent, entries in index.items()}


def all_divisions() -> tuple[Division, ...]:
    """Every entry of the list, in code order."""
    return tuple(_table().values())


def division(code: str) -> Division | None:
    """The entry with this code; ``None`` when the code is not in the list (e.g. ``"379999"``)."""
    return _table().get(code)


def is_division(code: str) -> bool:
    """Whether the code is in the list."""
    return code in _table()


def province_of(code: str) -> Division | None:
    """The province-level unit that holds the entry with this code (the entry itself for a province).

    ``None`` when the code is not in the list.
    """
    entry = division(code)
    return None if entry is None else division(entry.province)


def prefecture_of(code: str) -> Division | None:
    """The prefecture-level unit that is, or holds, the entry with this code.

    ``None`` for a province-level unit, for a county-level unit with no prefecture above it
    (a municipality's district, a county administered directly by a province), and for a code
    that is not in the list.
    """
    entry = division(code)
    if entry is None or entry.level == "province":
        return None
    if entry.level == "prefecture":
        return entry
    parent = division(entry.parent) if entry.parent else None
    return parent if parent is not None and parent.level == "prefecture" else None


def children(code: str) -> tuple[Division, ...]:
    """The entries whose parent is this code, in code order (empty for a county or an unknown code)."""
    return _children().get(code, ())


def is_municipality(code: str) -> bool:
    """Whether the code is one of the four municipalities (直辖市) or one of their districts and counties.

    Only codes in the list count: ``"110000"`` and ``"110105"`` do, ``"119999"`` does not.
    """
    return is_division(code) and code[:2] + "0000" in MUNICIPALITIES
