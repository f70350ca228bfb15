"""Validation of a change: exactly the problems a full validation reports for the files the
change touches and the files whose problems it can change, reading only what the rules need
for those files.

A change's *scope* is the changed files plus the files that depend on them (the rules in
``crossrules``, ``quality`` and ``unfilled`` read these documents together):

* a pilot's ledger, report or summary: the pilot's whole folder (reports are checked against
  the ledger, the ledger against ``pilot.yaml``, a report against the one before it);
* a pilot's ``pilot.yaml`` also: its province's recommendation lists and summary reports (they
  name the province's pilots and their types), the published lists of practices (they name
  registered pilots) and every other pilot folder of the same name (ids are unique nationwide);
* a pilot's summary report also: its province's summary reports (they pick practices from it);
* a province's ``province.yaml``: the whole province folder and the lists of practices;
* a province's recommendation list or summary report, a list of practices, a misplaced file: itself.

What is read: the scope, the calendar, every ``province.yaml``, the pilots of the same name,
for a provincial document its province's pilots (and their summaries), for a list of practices
every ``pilot.yaml`` (from the registry index, :mod:`generator.rules.index`), and a whole
province folder when the province is not registered (the finding goes to its first document).
A change to the calendar or to anything outside ``submissions/`` (schemas, code) can change any
finding: then the whole repository is validated and every problem reported.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.load.layout import SUBMISSIONS, Location, classify, document_path, pilot_folder, province_folder
from generator.load.loader import Document
from generator.load.problems import Problem
from generator.load.schemas import SchemaSet
from generator.model.provincial import province_summary_from
from generator.model.repository import build_repository, programme_from
from generator.rules.index import folders, load_schemas, pilot_files, read_registry
from generator.rules.validate import (
    ValidationResult,
    check_model,
    load_documents,
    submission_files,
    validate_repository,
)

log = logging.getLogger(__name__)

PILOT_KINDS = frozenset({"pilot", "ledger", "report", "summary"})
LISTS_FOLDER = f"{SUBMISSIONS}/lists"
CALENDARS_FOLDER = f"{SUBMISSIONS}/programmes"
"""Later programmes' calendars: like the main calendar, every finding may depend on them."""


@dataclass
class ChangeResult:
    result: ValidationResult
    scope: list[str] | None
    """The files whose problems are reported; None: the whole repository."""
    read: int
    """How many files were parsed (those found in the index by their content aside)."""


def validate_changes(
    root: Path, changed: list[str], schemas: SchemaSet | None = None, cache: Path | None = None
) -> ChangeResult:
    """The problems of a full validation in the scope of ``changed`` (repository-relative
    paths, added, modified or deleted), reading only what they depend on."""
    schemas = schemas or load_schemas(root, cache)
    programme = document_path("programme")
    if any(
        not p.startswith(SUBMISSIONS + "/") or p == programme or p.startswith(CALENDARS_FOLDER + "/") for p in changed
    ):
        full = validate_repository(root, schemas)
        return ChangeResult(full, None, full.files)
    scope = change_scope(root, changed)
    if not _exists(root, programme):  # the finding goes to the repository's first document
        full = validate_repository(root, schemas)
        return ChangeResult(full.only(sorted(scope)), sorted(scope), full.files)
    needed, registry = dependencies(root, scope, _central(root, schemas))
    files = sorted(p for p in needed if p in scope)
    loaded = load_documents(root, files, schemas)  # in full: the problems are reported at them
    facts = sorted(p for p in needed if p not in scope) + _picked(root, loaded.valid, scope | needed)
    if registry:
        facts += [p for p in pilot_files(root) if p not in needed]
    index = read_registry(root, facts, schemas, cache)  # only what they say: from the index
    extra = [(location, doc) for path, doc in index.valid.items() if (location := classify(path)) is not None]
    repository = build_repository(sorted([*loaded.valid, *extra], key=_path), loaded.invalid | index.invalid)
    problems = [p for p in [*loaded.problems, *check_model(repository, schemas, scope)] if p.file in scope]
    problems.sort(key=Problem.sort_key)
    shown = sorted(scope)
    log.debug("a change: %d files in scope, %d read, %d from the index", len(shown), len(files), len(facts))
    return ChangeResult(ValidationResult(problems, repository, len(files)), shown, len(files) + index.read)


def _picked(root: Path, valid: list[tuple[Location, Document]], known: set[str]) -> list[str]:
    """The pilots' summary reports a province's summary report picks practices from."""
    found: set[str] = set()
    for location, doc in valid:
        if location.kind == "province_summary" and location.province is not None:
            summary = province_summary_from(doc)
            for pick in summary.practices:
                path = document_path("summary", location.province, pick.pilot, summary.year)
                if path not in known and _exists(root, path):
                    found.add(path)
    return sorted(found)


def _central(root: Path, schemas: SchemaSet) -> str | None:
    loaded = load_documents(root, [document_path("programme")], schemas)
    return programme_from(loaded.valid[0][1]).central_folder if loaded.valid else None


def _path(item: tuple[Location, Document]) -> str:
    return item[1].path


def change_scope(root: Path, changed: list[str]) -> set[str]:
    """The changed files and the files whose problems they can change (see the module's text)."""
    scope: set[str] = set()
    seen: set[tuple[str, str | None, str]] = set()  # each folder listed once
    for path in changed:
        if _hidden(path):
            continue  # never a submission (a full validation does not list it)
        scope.add(path)
        location = classify(path)
        if location is None or location.province is None:
            continue
        province = location.province
        group = (province, location.pilot, location.kind if location.kind in ("pilot", "summary", "province") else "")
        if group in seen:
            continue
        seen.add(group)
        if location.kind in PILOT_KINDS and location.pilot is not None:
            scope.update(_under(root, pilot_folder(province, location.pilot)))
            if location.kind == "pilot":
                scope.update(_provincial(root, province))
                scope.update(_under(root, LISTS_FOLDER))
                scope.update(_under(root, CALENDARS_FOLDER))  # batches name registered pilots
                scope.update(_same_name(root, location.pilot))
            elif location.kind == "summary":
                scope.update(_under(root, province_folder(province) + "summaries"))
        elif location.kind == "province":
            scope.update(_under(root, province_folder(province)))
            scope.update(_under(root, LISTS_FOLDER))
    return scope


def dependencies(root: Path, scope: set[str], central: str | None) -> tuple[set[str], bool]:
    """The files to read for the problems in ``scope``, and whether every ``pilot.yaml`` is
    needed too (a list of practices names registered pilots). ``central`` is the calendar's
    folder of central SOEs (it has no ``province.yaml``), None when the calendar is invalid."""
    needed = {p for p in scope if _exists(root, p)}
    needed.add(document_path("programme"))
    needed.update(_under(root, CALENDARS_FOLDER))
    for folder in folders(root / SUBMISSIONS):
        registration = document_path("province", folder.name)
        if _exists(root, registration):
            needed.add(registration)
    registry = False
    seen: set[tuple[str, str | None, str]] = set()  # a folder's files share their dependencies
    for path in sorted(scope):
        location = classify(path)
        if path.startswith(CALENDARS_FOLDER + "/"):
            registry = True  # a calendar's batches name registered pilots
            continue
        if location is None:
            continue
        if location.kind == "practice_list":
            registry = True
            continue
        province = location.province
        if province is None:
            continue
        group = (province, location.pilot, "pilot" if location.kind in PILOT_KINDS else location.kind)
        if group in seen:
            continue
        seen.add(group)
        if province != central and not _exists(root, document_path("province", province)):
            needed.update(_under(root, province_folder(province)))  # E009 names the folder's first document
        if location.kind in PILOT_KINDS and location.pilot is not None:
            needed.update(_same_name(root, location.pilot))
        elif location.kind in ("recommendations", "province_summary"):
            for pilot in folders(root / province_folder(province)):
                if _exists(root, document_path("pilot", province, pilot.name)):
                    needed.add(document_path("pilot", province, pilot.name))
    return needed, registry


def _exists(root: Path, rel: str) -> bool:
    path = root / rel
    return path.is_file() or path.is_symlink()


def _hidden(path: str) -> bool:
    return any(part.startswith(".") for part in PurePosixPath(path).parts)


def _under(root: Path, folder: str) -> list[str]:
    """The files a full validation lists under ``folder`` (a linked folder is one entry)."""
    folder = folder.rstrip("/")
    path = root / folder
    if path.is_symlink():
        return [folder]
    if not path.is_dir():
        return []
    return submission_files(root, folder)


def _provincial(root: Path, province: str) -> list[str]:
    base = province_folder(province)
    return _under(root, base + "recommendations") + _under(root, base + "summaries")


def _same_name(root: Path, slug: str) -> list[str]:
    """Every ``<folder>/<slug>/pilot.yaml`` (pilot ids are unique nationwide)."""
    found = []
    for folder in folders(root / SUBMISSIONS):
        if (root / SUBMISSIONS / folder.name / slug).is_symlink():
            continue
        candidate = document_path("pilot", folder.name, slug)
        if _exists(root, candidate):
            found.append(candidate)
    return found
