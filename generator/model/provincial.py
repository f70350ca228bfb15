"""A province's own documents: the recommendation lists (附件1, 附件2) and the provincial
summary report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from generator.load.loader import Document
from generator.model.pilot import Contact, contacts_from


@dataclass(frozen=True)
class ServiceEnterprise:
    """附件1: a supply-chain service enterprise to cultivate."""

    pilot: str
    name: str
    industries: tuple[str, ...]
    services: str
    index: int

    industries_path: ClassVar[tuple[str, ...]] = ("industries",)
    """Where the industry codes sit inside the row, for messages."""


@dataclass(frozen=True)
class Platform:
    """附件2: a supply-chain platform and its operation."""

    pilot: str
    name: str
    industries: tuple[str, ...]
    registered: int
    active: int
    amount: float | None
    description: str
    index: int

    industries_path: ClassVar[tuple[str, ...]] = ("operation", "industries")


@dataclass(frozen=True)
class Recommendations:
    province: str
    year: str
    service_enterprises: tuple[ServiceEnterprise, ...]
    platforms: tuple[Platform, ...]
    doc: Document
    contacts: tuple[Contact, ...] = ()


@dataclass(frozen=True)
class PilotAssessment:
    pilot: str
    assessment: str
    index: int


@dataclass(frozen=True)
class PracticePick:
    """A practice the province recommends, by its pilot, the pilot's practice id and a reason."""

    pilot: str
    practice: str
    reason: str
    index: int


@dataclass(frozen=True)
class ProvinceSummary:
    province: str
    year: str
    overview: str
    progress: str
    assessments: tuple[PilotAssessment, ...]
    practices: tuple[PracticePick, ...]
    doc: Document


def _service(s: dict[str, Any], index: int) -> ServiceEnterprise:
    return ServiceEnterprise(s["pilot"], s["name"], tuple(s["industries"]), s.get("services", ""), index)


def _platform(s: dict[str, Any], index: int) -> Platform:
    op = s["operation"]
    return Platform(
        s["pilot"],
        s["name"],
        tuple(op["industries"]),
        op["registered_enterprises"],
        op["active_enterprises"],
        op.get("transaction_amount"),
        op["description"],
        index,
    )


def recommendations_from(doc: Document) -> Recommendations:
    d = doc.data
    return Recommendations(
        d["province"],
        d["year"],
        tuple(_service(s, i) for i, s in enumerate(d["service_enterprises"])),
        tuple(_platform(s, i) for i, s in enumerate(d["platforms"])),
        doc,
        contacts_from(d.get("contacts", ())),
    )


def province_summary_from(doc: Document) -> ProvinceSummary:
    d = doc.data
    return ProvinceSummary(
        d["province"],
        d["year"],
        d["overview"],
        d["progress"],
        tuple(PilotAssessment(a["pilot"], a["assessment"], i) for i, a in enumerate(d.get("pilot_assessments", ()))),
        tuple(PracticePick(p["pilot"], p["practice"], p["reason"], i) for i, p in enumerate(d.get("practices", ()))),
        doc,
    )
