"""The filing desk's page and data files: what the browser needs and nothing more.

``file/desk.json`` is small and loaded first (the provinces, calendar, host, document kinds);
``file/groups/<folder>.json`` lists one province's units (its pilots and the province itself),
fetched when the clerk picks the province; ``file/units/<kind>-<id>.json`` holds one unit and
its confirmed documents, fetched when the clerk picks it. No file grows with the programme.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator.assess.timeliness import requirements
from generator.load.layout import KIND_TITLES, PATTERNS, Location
from generator.load.loader import Document
from generator.model.repository import Deadline, Pilot, Programme, Repository
from generator.site.filing.vendor import vendored

HOST_KINDS = ("github", "gitlab", "gitea")
PILOT_DOCS = ("report", "summary", "ledger", "pilot")
PROVINCE_DOCS = ("recommendations", "province_summary")
STATIC = ("checks.js", "form.js", "yamlfile.js", "hosts.js", "desk.js", "filing.css")
"""Loaded in this order (each script adds to window.scpilotFiling); the stylesheet last."""


@dataclass(frozen=True)
class HostConfig:
    """Where submissions go: ``host: {kind: github|gitlab|gitea, url, repo: owner/name, branch}``
    in the plugin's options. ``api`` overrides the API address derived from ``url``."""

    kind: str
    url: str
    repo: str
    branch: str = "main"
    api: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in HOST_KINDS:
            raise ValueError(f"host.kind 应为 {'、'.join(HOST_KINDS)} 之一，这里是「{self.kind}」。")
        if self.repo.count("/") != 1 or not all(self.repo.split("/")):
            raise ValueError(f"host.repo 应写成「所有者/仓库名」，例如 mofcom/scpilot，这里是「{self.repo}」。")

    @property
    def api_base(self) -> str:
        if self.api:
            return self.api.rstrip("/")
        web = self.url.rstrip("/")
        if self.kind == "github":
            return "https://api.github.com" if web in ("https://github.com", "http://github.com") else web + "/api/v3"
        return web + ("/api/v4" if self.kind == "gitlab" else "/api/v1")

    def as_json(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "url": self.url.rstrip("/"),
            "repo": self.repo,
            "branch": self.branch,
            "api": self.api_base,
        }


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _deadline(d: Deadline) -> dict[str, Any]:
    return {
        "document": d.document,
        "period": d.period,
        "due": d.due.isoformat(),
        "starts": _day(d.starts),
        "ends": _day(d.ends),
    }


def _calendar(programme: Programme) -> dict[str, Any]:
    offset = programme.tz.utcoffset(None)
    return {
        "pilot_start": programme.pilot_start.isoformat(),
        "pilot_end": programme.pilot_end.isoformat(),
        "utc_offset_hours": offset.total_seconds() / 3600 if offset is not None else 8,
        "deadlines": [_deadline(d) for d in programme.deadlines],
        "kpi_sets": {name: list(keys) for name, keys in programme.kpi_sets.items()},
    }


def _own_calendars(repo: Repository) -> dict[str, dict[str, Any]]:
    """Each pilot's own calendar for the desk: the span of the programmes it is enrolled in and
    the deadlines it owes (a later batch's own due dates), overriding the desk's whole calendar."""
    owed: dict[str, list[Deadline]] = {}
    for r in requirements(repo):
        if r.owner_kind == "pilot":
            owed.setdefault(r.owner, []).append(r.deadline)
    found = {}
    for pilot in repo.pilots:
        span = repo.span(pilot)
        if span is not None:
            found[pilot] = {
                "pilot_start": span[0].isoformat(),
                "pilot_end": span[1].isoformat(),
                "deadlines": [_deadline(d) for d in owed.get(pilot, [])],
            }
    return found


def _pilot_unit(pilot: Pilot, programme: Programme, repo: Repository) -> dict[str, Any]:
    province = repo.provinces.get(pilot.folder)
    return {
        "id": pilot.id,
        "kind": "pilot",
        "name": pilot.name,
        "short_name": pilot.short_name,
        "type": pilot.type,
        "province": pilot.folder,
        "province_name": province.name if province else programme.central_name,
        "kpi_set": programme.pilot_kpi_set.get(pilot.kind_key, ""),
        "revoked": pilot.status.state == "revoked",
        "docs": list(PILOT_DOCS),
    }


def _units(repo: Repository, programme: Programme) -> list[dict[str, Any]]:
    units = [_pilot_unit(p, programme, repo) for p in sorted(repo.all_pilots, key=lambda p: (p.folder, p.id))]
    units += [
        {
            "id": pv.id,
            "kind": "province",
            "name": pv.department or pv.name,
            "short_name": pv.name,
            "province": pv.id,
            "province_name": pv.name,
            "docs": list(PROVINCE_DOCS),
        }
        for pv in sorted(repo.provinces.values(), key=lambda pv: pv.id)
    ]
    return units


def _owner(loc: Location) -> str | None:
    """``pilot:<id>`` or ``province:<id>``: a municipality is both a province and a pilot (beijing)."""
    if loc.pilot:
        return f"pilot:{loc.pilot}"
    return f"province:{loc.province}" if loc.kind in (*PROVINCE_DOCS, "province") else None


def _documents(documents: Iterable[tuple[Location, Document]], confirmed: set[str]) -> dict[str, dict[str, Any]]:
    """Per unit, its documents by ``kind`` or ``kind:period``, with their data and whether confirmed."""
    found: dict[str, dict[str, Any]] = {}
    for loc, doc in documents:
        owner = _owner(loc)
        if owner is None:
            continue
        key = f"{loc.kind}:{loc.period}" if loc.period else loc.kind
        found.setdefault(owner, {})[key] = {"path": doc.path, "data": doc.data, "confirmed": doc.path in confirmed}
    return found


def _page(host: HostConfig | None) -> str:
    env = Environment(
        loader=PackageLoader("generator.site.filing", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    return env.get_template("filing.md.j2").render(host=host.as_json() if host else None, scripts=STATIC[:-1])


def filing_files(
    repo: Repository, schemas: dict[str, Any], confirmed: set[str], host: HostConfig | None, title: str
) -> dict[str, str | bytes]:
    """Every file of the filing desk, keyed by its path in the site."""
    programme = repo.programme
    assert programme is not None
    units = _units(repo, programme)
    documents = _documents(repo.documents, confirmed)
    groups: dict[str, dict[str, Any]] = {}
    for unit in units:
        group = groups.setdefault(
            unit["province"], {"id": unit["province"], "name": unit["province_name"], "units": []}
        )
        group["units"].append(unit)
    desk = {
        "title": title,
        "host": host.as_json() if host else None,
        "calendar": _calendar(programme),
        "patterns": PATTERNS,
        "kinds": {
            kind: {"title": KIND_TITLES[kind], "schema": f"{kind}.schema.json"} for kind in PILOT_DOCS + PROVINCE_DOCS
        },
        "placeholder": "【请填写】",
        "groups": [{"id": g["id"], "name": g["name"]} for g in sorted(groups.values(), key=lambda g: g["id"])],
    }
    files: dict[str, str | bytes] = {"file/index.md": _page(host), "file/desk.json": _json(desk)}
    for group in groups.values():
        files[f"file/groups/{group['id']}.json"] = _json({"id": group["id"], "units": group["units"]})
    own = _own_calendars(repo)
    for unit in units:
        key = f"{unit['kind']}:{unit['id']}"
        data = {"id": unit["id"], "unit": unit, "documents": documents.get(key, {})}
        if unit["kind"] == "pilot" and unit["id"] in own:
            data["calendar"] = own[unit["id"]]
        files[f"file/units/{unit['kind']}-{unit['id']}.json"] = _json(data)
    for name, schema in sorted(schemas.items()):
        files[f"file/schemas/{name}"] = _json(schema)
    static = resources.files("generator.site.filing").joinpath("static")
    for name in STATIC:
        files[f"assets/filing/{name}"] = static.joinpath(name).read_bytes()
    files.update(vendored())
    return files
