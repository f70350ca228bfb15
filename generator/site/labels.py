"""Chinese labels for codes, read from the schemas (the single source of enumerations)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.load.schemas import SchemaSet, labelled
from generator.model.repository import Pilot
from generator.reference.industries import industry_name


@dataclass(frozen=True)
class Labels:
    pilot_type: dict[str, str]
    category: dict[str, str]
    theme: dict[str, str]
    theme_city: dict[str, str]
    theme_enterprise: dict[str, str]
    area: dict[str, str]
    measure_status: dict[str, str]
    reason: dict[str, str]
    kpi_title: dict[str, str]
    kpi_unit: dict[str, str]
    kpi_direction: dict[str, str]
    kpi_integer: frozenset[str]
    """The KPIs that are counts (schema type integer: 家): summed and averaged as whole numbers."""
    section_titles: dict[str, dict[str, str]]
    """pilot type → section key → Chinese heading, in attachment-3 order."""
    field_titles: dict[str, dict[str, dict[str, str]]]
    """pilot type → section key → field key → Chinese title, in schema order."""

    @staticmethod
    def industry(code: str) -> str:
        return industry_name(code) or code


def _labels(node: dict[str, Any]) -> dict[str, str]:
    return {str(value): label for value, label in labelled(node)}


def load_labels(schemas: SchemaSet) -> Labels:
    pilot = schemas.schemas["pilot.schema.json"]["properties"]
    report = schemas.schemas["report.schema.json"]["properties"]
    summary = schemas.schemas["summary.schema.json"]["$defs"]
    kpis = schemas.common_def("kpis")["properties"]
    sections: dict[str, dict[str, str]] = {}
    fields: dict[str, dict[str, dict[str, str]]] = {}
    for pilot_type, key in (("city", "city_sections"), ("enterprise", "enterprise_sections")):
        props = summary[key]["properties"]
        sections[pilot_type] = {name: body["title"] for name, body in props.items()}
        fields[pilot_type] = {
            name: {f: spec.get("title", f) for f, spec in body["properties"].items()} for name, body in props.items()
        }
    theme_city = schemas.labels("theme_city")
    theme_enterprise = schemas.labels("theme_enterprise")
    return Labels(
        pilot_type=_labels(pilot["type"]),
        category=_labels(pilot["category"]),
        theme={**theme_enterprise, **theme_city},
        theme_city=theme_city,
        theme_enterprise=theme_enterprise,
        area=schemas.labels("practice_area"),
        measure_status=_labels(report["measures"]["items"]["properties"]["status"]),
        reason=_labels(pilot["status"]["properties"]["reason"]),
        kpi_title={k: v["title"] for k, v in kpis.items()},
        kpi_unit={k: v.get("x-unit", "") for k, v in kpis.items()},
        kpi_direction={k: v.get("x-direction", "increase") for k, v in kpis.items()},
        kpi_integer=frozenset(k for k, v in kpis.items() if v.get("type") == "integer"),
        section_titles=sections,
        field_titles=fields,
    )


def pilot_name(pilot: Pilot) -> str:
    """The one name the site gives a pilot, on every page, list, chart and table: a city by its
    registered name (杭州市, the name of the place as the notices and the province list it, never
    杭州 on one page and 杭州市 on another), an enterprise by its registered short name (its full
    name is long; the pilot's page gives it once)."""
    return pilot.name if pilot.type == "city" else pilot.short_name


QUARTERS = ("一", "二", "三", "四")


def period_text(period: str) -> str:
    """A period for a sentence, so that it cannot be read as a report's name: 2020Q4 →
    2020 年第四季度, 2020 → 2020 年. (A report itself is named 2020Q4 季报.)"""
    if len(period) == 6 and period[4] == "Q" and period[5] in "1234":
        return f"{period[:4]} 年第{QUARTERS[int(period[5]) - 1]}季度"
    return f"{period} 年" if period.isdigit() else period
