"""The practice themes readers browse by (供应链金融, 绿色供应链, 协同平台, 公共服务, ...), and the
rules that give each practice its theme, shipped as data (``data/practice-themes.csv`` and
``data/practice-theme-rules.csv``; see ``data/README.md``).

A summary report files a practice under a part of 附件3 (its section: 基础工作, 工作创新与示范带动情况,
...) and a published list under its own 类别; neither is a name a reader looks for. The rules are read
in order and the first that matches decides: a section (the part of 附件3), a tag of the practice, a
word in the list's 类别, or the practice's area (经验领域). Every section of the schemas has a rule
(``tests/test_catalogue_public.py``), so every practice of a summary report has a theme."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final, Literal

Field = Literal["section", "tag", "category", "area"]
FIELDS: Final = ("section", "tag", "category", "area")
THEMES_FILE: Final = "data/practice-themes.csv"
RULES_FILE: Final = "data/practice-theme-rules.csv"


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Rule:
    order: int
    field: Field
    value: str
    theme: str


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("generator.reference").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def themes() -> tuple[Theme, ...]:
    """The themes in the order the catalogue shows them."""
    return tuple(Theme(r["id"], r["name"], r["description"]) for r in _rows(THEMES_FILE))


@cache
def rules() -> tuple[Rule, ...]:
    found = []
    for r in _rows(RULES_FILE):
        field = r["field"]
        if field not in FIELDS:
            raise ValueError(f"{RULES_FILE}: unknown field {field!r} in rule {r['order']}")
        found.append(Rule(int(r["order"]), field, r["value"], r["theme"]))  # type: ignore[arg-type]
    return tuple(sorted(found, key=lambda rule: rule.order))


def theme_names() -> dict[str, str]:
    return {t.id: t.name for t in themes()}


def theme_of(
    section: str | None = None, tags: Iterable[str] = (), category: str | None = None, area: str | None = None
) -> str | None:
    """The id of the first theme whose rule matches, or None when none does (a listed practice
    whose list gives neither a known 类别 nor an area)."""
    tag_set = set(tags)
    for rule in rules():
        if (
            (rule.field == "section" and section == rule.value)
            or (rule.field == "tag" and rule.value in tag_set)
            or (rule.field == "category" and category and rule.value in category)
            or (rule.field == "area" and area == rule.value)
        ):
            return rule.theme
    return None
