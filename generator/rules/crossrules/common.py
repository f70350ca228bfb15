"""Shared pieces of the cross-document rules: the context and how a finding is located."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from generator.load.loader import Document, PathKey
from generator.load.problems import Problem
from generator.load.schemas import SchemaSet
from generator.model.repository import Pilot
from generator.reference.industries import industry_names


@dataclass(frozen=True)
class Context:
    schemas: SchemaSet

    def theme_labels(self, pilot_type: str) -> dict[str, str]:
        return self.schemas.labels("theme_city" if pilot_type == "city" else "theme_enterprise")

    def kpi_title(self, key: str) -> str:
        prop = self.schemas.common_def("kpis")["properties"].get(key, {})
        return str(prop.get("title", key))


def at(rule: str, doc: Document, path: PathKey, message: str, hint: str, *, key: bool = False) -> Problem:
    line, column = doc.locate(path, key=key)
    return Problem(rule, doc.path, line, column, message, hint)


def fmt(when: date) -> str:
    return when.isoformat()


def industry_hint(code: str) -> str:
    names = industry_names()
    near = [c for c in names if c.startswith(code[:2]) and len(c) == len(code)][:5]
    suggestion = "、".join(f"{c}（{names[c]}）" for c in near)
    return "请查《国民经济行业分类》（GB/T 4754-2017）。" + (f"同一大类下的代码有：{suggestion}。" if near else "")


def duplicates(doc: Document, list_field: str, ids: list[str], noun: str) -> Iterator[Problem]:
    counts = Counter(ids)
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if counts[ident] > 1 and ident in seen:
            yield at(
                "SCP-E010",
                doc,
                (list_field, i, "id"),
                f"{noun}编号 {ident} 重复。",
                f"每个{noun}的编号只能用一次：请给这一项换一个新编号。",
            )
        seen.add(ident)


def type_name(pilot: Pilot) -> str:
    return "试点城市" if pilot.type == "city" else "试点企业"
