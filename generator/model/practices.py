"""Practices as records with provenance: published lists (``submissions/lists/<id>.yaml``)
and a province's own practices (``own_practices`` in its summary).

A listed practice has one or more owners (pilots, a province, the ministry) and names the
publication it came from; nothing here is inferred or invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.load.loader import Document
from generator.model.repository import Repository
from generator.model.summary import Figure, figure_from


@dataclass(frozen=True)
class Owner:
    kind: str
    """``pilot``, ``province`` or ``ministry``."""
    id: str | None = None


@dataclass(frozen=True)
class Publication:
    """Where a practice was published: a list (with its publisher, batch, number, date, URL)
    or an owner's own report (``kind`` ``summary`` or ``province_summary``, ``year``)."""

    kind: str
    title: str
    publisher: str
    date: str | None = None
    list_id: str | None = None
    batch: int | None = None
    document: str | None = None
    url: str | None = None
    year: str | None = None
    owner: str | None = None


@dataclass(frozen=True)
class ListedPractice:
    id: str
    number: int | None
    title: str
    owners: tuple[Owner, ...]
    owner_text: str | None
    province_text: str | None
    category: str | None
    area: str | None
    summary: str
    effect: str
    figures: tuple[Figure, ...]
    url: str | None
    publication: Publication
    index: int


@dataclass(frozen=True)
class PracticeList:
    id: str
    name: str
    publisher: str
    date: str
    batch: int | None
    document: str | None
    url: str | None
    practices: tuple[ListedPractice, ...]
    doc: Document


def listed_practice(p: dict[str, Any], publication: Publication, index: int) -> ListedPractice:
    return ListedPractice(
        id=p["id"],
        number=p.get("number"),
        title=p["title"],
        owners=tuple(Owner(o["kind"], o.get("id")) for o in p["owners"]),
        owner_text=p.get("owner_text"),
        province_text=p.get("province_text"),
        category=p.get("category"),
        area=p.get("area"),
        summary=p["summary"],
        effect=p["effect"]["text"],
        figures=tuple(figure_from(f) for f in p["effect"].get("figures", ())),
        url=p.get("url"),
        publication=publication,
        index=index,
    )


def practice_list_from(doc: Document) -> PracticeList:
    d = doc.data
    publication = Publication(
        "list",
        d["name"],
        d["publisher"],
        date=d["date"],
        list_id=d["id"],
        batch=d.get("batch"),
        document=d.get("document"),
        url=d.get("url"),
    )
    practices = tuple(listed_practice(p, publication, i) for i, p in enumerate(d["practices"]))
    return PracticeList(
        d["id"], d["name"], d["publisher"], d["date"], d.get("batch"), d.get("document"), d.get("url"), practices, doc
    )


def practice_lists(repo: Repository) -> list[PracticeList]:
    """Every schema-valid published list, by date and id."""
    lists = [practice_list_from(doc) for location, doc in repo.documents if location.kind == "practice_list"]
    return sorted(lists, key=lambda x: (x.date, x.id))


def province_practices(repo: Repository) -> list[tuple[str, str, ListedPractice]]:
    """(province, year, practice) for each practice a province's summary holds as its own."""
    result = []
    for ps in sorted(repo.province_summaries, key=lambda s: (s.province, s.year)):
        province = repo.provinces.get(ps.province)
        name = province.department if province else ps.province
        publication = Publication(
            "province_summary", f"{ps.year} 年省级汇总报告", name, year=ps.year, owner=ps.province
        )
        for i, p in enumerate(ps.doc.data.get("own_practices", ())):
            result.append((ps.province, ps.year, listed_practice(p, publication, i)))
    return result
