"""The pilot's annual summary report (附件3) and the replicable practices it contains."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.load.loader import Document


@dataclass(frozen=True)
class Figure:
    """One figure that shows a practice's effect."""

    indicator: str
    value: float
    unit: str
    baseline: float | None = None


@dataclass(frozen=True)
class Practice:
    pilot: str
    year: str
    id: str
    title: str
    theme: str
    area: str
    summary: str
    effect: str
    figures: tuple[Figure, ...]
    conditions: str
    tags: tuple[str, ...]
    index: int


@dataclass(frozen=True)
class Section:
    """One part of the report body: its text fields in order and its KPI block, if any."""

    key: str
    texts: tuple[tuple[str, str], ...]
    kpis: dict[str, float] | None = None


@dataclass(frozen=True)
class TargetCompletion:
    """A ledger target's year-end value and whether it was achieved (``target_completion``)."""

    id: str
    value: float | None
    achieved: bool
    note: str
    index: int


@dataclass(frozen=True)
class Summary:
    pilot: str
    year: str
    pilot_type: str
    abstract: str
    sections: tuple[Section, ...]
    practices: tuple[Practice, ...]
    doc: Document
    target_completion: tuple[TargetCompletion, ...] = ()
    reviewer_notes: str | None = None

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def kpis(self) -> list[tuple[tuple[str | int, ...], dict[str, float]]]:
        """Every ``kpis`` block in the sections, with its path in the document."""
        return [(("sections", s.key, "kpis"), s.kpis) for s in self.sections if s.kpis is not None]


def _practice(d: dict[str, Any], p: dict[str, Any], index: int) -> Practice:
    return Practice(
        pilot=d["pilot"],
        year=d["year"],
        id=p["id"],
        title=p["title"],
        theme=p["theme"],
        area=p["area"],
        summary=p["summary"],
        effect=p["effect"]["text"],
        figures=tuple(
            Figure(
                str(f["indicator"]),
                float(f["value"]),
                str(f["unit"]),
                float(f["baseline"]) if "baseline" in f else None,
            )
            for f in p["effect"].get("figures", ())
        ),
        conditions=p["conditions"],
        tags=tuple(p["tags"]),
        index=index,
    )


def _section(key: str, body: Any) -> Section:
    if not isinstance(body, dict):
        return Section(key, ())
    texts = tuple((name, value) for name, value in body.items() if isinstance(value, str))
    return Section(key, texts, dict(body["kpis"]) if "kpis" in body else None)


def summary_from(doc: Document) -> Summary:
    d = doc.data
    practices = tuple(_practice(d, p, i) for i, p in enumerate(d["practices"]))
    sections = tuple(_section(key, body) for key, body in d["sections"].items())
    completion = d["sections"].get("target_completion", {})
    targets = completion.get("targets", []) if isinstance(completion, dict) else []
    return Summary(
        d["pilot"],
        d["year"],
        d["pilot_type"],
        d["abstract"],
        sections,
        practices,
        doc,
        target_completion=tuple(
            TargetCompletion(t["id"], t.get("value"), t["achieved"], t.get("note", ""), i)
            for i, t in enumerate(targets)
        ),
        reviewer_notes=d.get("reviewer_notes"),
    )
