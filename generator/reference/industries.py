"""GB/T 4754-2017 (国民经济行业分类) codes, shipped with the package."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


@cache
def industry_names() -> dict[str, str]:
    """Code → Chinese name for every section, division, group and class.

    A group with a single class has no row of its own in the standard; its code is the
    class code's first three digits, so it is derived here.
    """
    text = resources.files("generator.reference").joinpath("data/gbt4754-2017.csv").read_text(encoding="utf-8")
    names: dict[str, str] = {}
    for row in csv.DictReader(text.splitlines()):
        names[row["code"]] = row["name"]
        if row["level"] == "class":
            names.setdefault(row["group"] or row["code"][:3], row["name"])
    return names


def industry_name(code: str) -> str | None:
    return industry_names().get(code)


@cache
def _sections() -> dict[str, str]:
    text = resources.files("generator.reference").joinpath("data/gbt4754-2017.csv").read_text(encoding="utf-8")
    return {row["code"]: row["section"] for row in csv.DictReader(text.splitlines()) if row["code"]}


def industry_section(code: str) -> str:
    """The section letter (门类, A–T) of any code; "" for an unknown code."""
    return _sections().get(code) or _sections().get(code[:2], "")
