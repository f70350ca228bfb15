"""The reviewers' pages (``status/``): what is late and missing now, by province and confirmer,
each line linked to the pilot and the document; and per province the matrix of pilots × required
documents, each cell linked to its document, with row and column totals. The index counts; a
province's pages (numbered, at most PILOTS_PER_PAGE pilots each) list."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from generator.assess.timeliness import STATE_LABELS, Assessment
from generator.load.layout import KIND_TITLES
from generator.site.builder import Builder
from generator.site.paging import split
from generator.site.urls import url
from generator.site.views import PilotView

DUE_STATES = ("on_time", "late", "missing")
PILOTS_PER_PAGE = 40
"""Pilots on one page of a province's status (a matrix row and its late documents each)."""


@dataclass(frozen=True)
class Cell:
    state: str
    label: str
    days: int | None
    link: str | None


@dataclass(frozen=True)
class Overdue:
    """One line of the late list: a required document missing or submitted late."""

    province: str
    confirmer: str
    pilot_id: str
    pilot: str
    document: str
    due: str
    state: str
    label: str
    days: int | None
    link: str


def document_link(a: Assessment, pilot_id: str) -> str | None:
    """The page of a submitted report or summary; the pilot's page for its ledger and information."""
    if a.version is None:
        return None
    if a.document in ("report", "summary") and a.period:
        return url(a.document, pilot_id, a.period)
    return url("pilot", pilot_id) if a.document in ("ledger", "pilot") else None


def _title(a: Assessment) -> str:
    return (f"{a.period} " if a.period else "") + KIND_TITLES[a.document]


def tally(items: list[Assessment]) -> str:
    """「按期 x / 已到期 y」 of a row or a column."""
    due = [a for a in items if a.state in DUE_STATES]
    return f"{sum(a.state == 'on_time' for a in due)}/{len(due)}"


def overdue(views: list[PilotView], by_owner: dict[str, list[Assessment]], names: dict[str, str]) -> list[Overdue]:
    found = []
    for v in views:
        for a in by_owner[v.id]:
            if a.state not in ("late", "missing"):
                continue
            found.append(
                Overdue(
                    province=names.get(v.province_id, v.province_id),
                    confirmer=v.confirmer,
                    pilot_id=v.id,
                    pilot=v.name,
                    document=_title(a),
                    due=a.requirement.deadline.due.isoformat(),
                    state=a.state,
                    label=STATE_LABELS[a.state],
                    days=a.days_late,
                    link=document_link(a, v.id) or url("pilot", v.id),
                )
            )
    return sorted(found, key=lambda x: (x.province, x.confirmer, x.state != "missing", -(x.days or 0), x.pilot))


def _matrix(pilots: list[PilotView], by_owner: dict[str, list[Assessment]]) -> dict[str, Any]:
    columns: list[tuple[str, str | None]] = []
    for a in (a for v in pilots for a in by_owner[v.id]):
        if (a.document, a.period) not in columns:
            columns.append((a.document, a.period))
    rows = []
    for v in pilots:
        lookup = {(a.document, a.period): a for a in by_owner[v.id]}
        cells = [lookup.get(key) for key in columns]
        row = [Cell(c.state, STATE_LABELS[c.state], c.days_late, document_link(c, v.id)) if c else None for c in cells]
        rows.append({"id": v.id, "name": v.short_name, "cells": row, "total": tally(by_owner[v.id])})
    totals = [tally([a for v in pilots for a in by_owner[v.id] if (a.document, a.period) == key]) for key in columns]
    every = tally([a for v in pilots for a in by_owner[v.id]])
    headers = [KIND_TITLES[d] + (f" {p}" if p else "") for d, p in columns]
    return {"matrix": rows, "columns": headers, "totals": totals, "total": every}


def _confirmer_rows(folder: str, name: str, items: list[Overdue]) -> list[dict[str, Any]]:
    """The late list of the index: per confirmer of a province, how many documents are late and missing."""
    counts: dict[str, Counter[str]] = {}
    for x in items:
        counts.setdefault(x.confirmer, Counter())[x.state] += 1
    return [
        {"id": folder, "name": name, "confirmer": c, "late": n["late"], "missing": n["missing"]}
        for c, n in sorted(counts.items())
    ]


def status(
    b: Builder, views: dict[str, PilotView], by_owner: dict[str, list[Assessment]], names: dict[str, str]
) -> None:
    """The index sums up each province (and each of its confirmers); a province's own pages list its
    pilots in numbered pages (``paging``), so no page grows with the programme."""
    at = b.inputs.at.isoformat()
    states = list(STATE_LABELS.items())
    summary: list[dict[str, Any]] = []
    late: list[dict[str, Any]] = []
    for folder in sorted({v.province_id for v in views.values()} | set(b.repo.provinces)):
        name = names.get(folder, folder)
        # a confirmer's pilots together, so that its lines follow one another across the pages
        pilots = sorted((v for v in views.values() if v.province_id == folder), key=lambda v: v.confirmer)
        counts = Counter(a.state for a in [a for v in pilots for a in by_owner[v.id]] + by_owner.get(folder, []))
        summary.append({"id": folder, "name": name, "counts": {s: counts[s] for s, _ in states}})
        listed = overdue(pilots, by_owner, names)
        late += _confirmer_rows(folder, name, listed)
        matrix = _matrix(pilots, by_owner)
        for path, pager, chunk in split(pilots, "status", folder, size=PILOTS_PER_PAGE):
            ids = {v.id for v in chunk}
            b.render(
                "status.md.j2",
                path,
                title=f"{name}报送情况" + (f"（第 {pager.current} 页）" if pager.current > 1 else ""),
                at=at,
                provinces=[],
                late=[],
                states=states,
                overdue=[x for x in listed if x.pilot_id in ids],
                overdue_total=len(listed),
                totals_row={},
                pager=pager,
                **{**matrix, "matrix": [row for row in matrix["matrix"] if row["id"] in ids]},
            )
    column_totals = {s: sum(row["counts"][s] for row in summary) for s, _ in states}
    b.render(
        "status.md.j2",
        url("status_index"),
        title="报送情况",
        at=at,
        provinces=summary,
        late=late,
        totals_row=column_totals,
        matrix=[],
        columns=[],
        totals=[],
        total="",
        states=states,
        overdue=[],
        overdue_total=sum(row["late"] + row["missing"] for row in late),
        pager=None,
    )
