"""The pilot's annual summary report (附件3) and the replicable practices it contains."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.load.loader import Document

NOT_DISCLOSED = "未公开"
"""What a source that does not give a narrative says in its place (never invented)."""


@dataclass(frozen=True)
class Figure:
    """One figure that shows a practice's effect, with its qualifier as the source words it:
    ``exact``, ``at_least`` (300+), ``about``, ``rank`` (第 1), ``top`` (前 3) or ``share``."""

    indicator: str
    value: float
    unit: str
    baseline: float | None = None
    qualifier: str = "exact"
    as_of: str | None = None
    claimed_by: str | None = None


def figure_from(f: dict[str, Any]) -> Figure:
    return Figure(
        str(f["indicator"]),
        float(f["value"]),
        str(f["unit"]),
        float(f["baseline"]) if "baseline" in f else None,
        str(f.get("qualifier", "exact")),
        str(f["as_of"]) if "as_of" in f else None,
        f.get("claimed_by"),
    )


def disclosed(text: str) -> bool:
    """False for a narrative marked 未公开 (the source does not give it)."""
    return text.strip() != NOT_DISCLOSED


@dataclass(frozen=True)
class Practice:
    pilot: str
    year: str
    id: str
    title: str
    theme: str | None
    """None when the report does not say which part of 附件3 the practice belongs to."""
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
        theme=p.get("theme"),
        area=p["area"],
        summary=p["summary"],
        effect=p["effect"]["text"],
        figures=tuple(figure_from(f) for f in p["effect"].get("figures", ())),
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
