"""The Chinese text the synthetic documents are made of: ledger targets with their measures,
practices, names and narrative phrases, per kind of pilot (city, entity, service, platform,
financial). Modelled on the sample submissions; every figure is drawn at generation time.

The words themselves are data: ``data/vocabulary.json`` next to this module."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files
from typing import Any


@dataclass(frozen=True)
class TargetKind:
    """One kind of ledger target, with the measure that serves it.

    ``goal`` is a multiplier range on the baseline (``mode="mul"``) or an absolute range
    (``mode="abs"``); ``digits`` is how many decimals the figures keep."""

    name: str  # "…{t}…": {t} is the goal with its unit
    indicator: str
    unit: str
    direction: str
    theme: str
    base: tuple[float, float]
    goal: tuple[float, float]
    mode: str
    digits: int
    measure: str
    responsible: str
    deliverable: str
    milestones: tuple[str, str, str]
    practice: str = ""


def _target_kind(d: dict[str, Any]) -> TargetKind:
    low, high = d["base"]
    goal_low, goal_high = d["goal"]
    first, second, third = d["milestones"]
    fields = {k: v for k, v in d.items() if k not in ("base", "goal", "milestones")}
    return TargetKind(**fields, base=(low, high), goal=(goal_low, goal_high), milestones=(first, second, third))


_DATA: dict[str, Any] = json.loads(files(__package__).joinpath("data/vocabulary.json").read_text(encoding="utf-8"))

PROFILES: dict[str, tuple[TargetKind, ...]] = {
    kind: tuple(_target_kind(t) for t in targets) for kind, targets in _DATA["profiles"].items()
}
"""Ledger targets per kind of pilot: city, entity, service, platform, financial."""
CITY, ENTITY, SERVICE, PLATFORM, FINANCIAL = (
    PROFILES[k] for k in ("city", "entity", "service", "platform", "financial")
)

QUALITATIVE_CITY: tuple[str, ...] = tuple(_DATA["qualitative_city"])
"""A city's qualitative target: name, indicator, baseline text, target text."""

INDUSTRIES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    category: tuple((name, tuple(codes)) for name, codes in sectors)
    for category, sectors in _DATA["industries"].items()
}
"""Industries (GB/T 4754-2017) and the words a company name is made of, per category."""
CITY_INDUSTRIES: tuple[tuple[str, str], ...] = tuple((name, code) for name, code in _DATA["city_industries"])

BRANDS: list[str] = list(_DATA["brands"])
SURNAMES: list[str] = list(_DATA["surnames"])
SURNAME_PINYIN: list[str] = list(_DATA["surname_pinyin"])
CITY_POSITIONS: tuple[str, ...] = tuple(_DATA["city_positions"])
ENTERPRISE_POSITIONS: tuple[str, ...] = tuple(_DATA["enterprise_positions"])
SECTOR_SLUGS: dict[str, str] = dict(_DATA["sector_slugs"])
TAGS: list[str] = list(_DATA["tags"])
REPORT_PROBLEMS: tuple[str, ...] = tuple(_DATA["report_problems"])
REPORT_NEXT: tuple[str, ...] = tuple(_DATA["report_next"])
