"""Validation of a whole repository: load every file, check it against its schema, build
the model from what is valid, run the cross-document rules. Every problem at once."""

from __future__ import annotations

import logging
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path

from generator.load.layout import LAYOUT_HINT, SUBMISSIONS, Location, classify
from generator.load.loader import Document, load_file
from generator.load.problems import Problem
from generator.load.schemas import SchemaSet, load_schema_set
from generator.model.repository import Repository, build_repository
from generator.rules import crossrules, quality, unfilled
from generator.rules.messages import Translator

log = logging.getLogger(__name__)


@dataclass
class ValidationResult:
    problems: list[Problem]
    repository: Repository
    files: int

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors

    def only(self, paths: list[str]) -> ValidationResult:
        """The same result, reporting only problems in files under ``paths`` (repository-relative)."""
        prefixes = [p.rstrip("/") for p in paths]
        kept = [p for p in self.problems if any(p.file == x or p.file.startswith(x + "/") for x in prefixes)]
        return ValidationResult(kept, self.repository, self.files)


def submission_files(root: Path, under: str = SUBMISSIONS) -> list[str]:
    """Every file under ``submissions/`` (or one of its folders), as sorted repository-relative
    POSIX paths. Hidden files (``.gitkeep``) are not submissions."""
    base = root / under
    found = []
    for path in base.rglob("*"):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file() or path.is_symlink():
            found.append(rel.as_posix())
    return sorted(found)


def check_document(schemas: SchemaSet, location: Location, doc: Document) -> list[Problem]:
    if schemas.is_valid(location.kind, doc.data):
        return []  # the quick exact check is sure: nothing for jsonschema to locate
    validator = schemas.validators[location.kind]
    errors = sorted(validator.iter_errors(doc.data), key=lambda e: [str(s) for s in e.absolute_path])
    return Translator(schemas, location.kind, doc).problems(errors)


@dataclass
class Loaded:
    """Files read and checked one by one: their own problems, the schema-valid documents in
    path order and the paths that exist but did not load or validate."""

    problems: list[Problem]
    valid: list[tuple[Location, Document]]
    invalid: set[str]


def load_documents(root: Path, files: list[str], schemas: SchemaSet) -> Loaded:
    """Read, parse and schema-check each of ``files`` (sorted repository-relative paths)."""
    found = Loaded([], [], set())
    for rel in files:
        location = classify(rel)
        path = root / rel
        if path.is_symlink():  # before the layout: a linked folder would otherwise read as an unknown file
            found.problems.append(
                Problem(
                    "SCP-S010",
                    rel,
                    0,
                    0,
                    "报送文件和文件夹不能是符号链接（链接可能指向仓库之外）。",
                    "请提交文件本身，删除这个链接。",
                )
            )
            found.invalid.add(rel)
            continue
        if location is None:
            found.problems.append(Problem("SCP-S010", rel, 0, 0, f"不认识这个位置的文件：{rel}。", LAYOUT_HINT))
            continue
        loaded = load_file(path, rel)
        found.problems.extend(loaded.problems)
        if loaded.document is None:
            found.invalid.add(rel)
            continue
        problems = check_document(schemas, location, loaded.document)
        found.problems.extend(problems)
        if problems:
            found.invalid.add(rel)
        else:
            found.valid.append((location, loaded.document))
    return found


def check_model(repository: Repository, schemas: SchemaSet, scope: Container[str] | None = None) -> list[Problem]:
    """The rules over the model: across documents, ledger quality, unfilled templates. With
    ``scope``, the caller keeps only the problems of those files, and the rules that look at
    one document at a time skip the others."""
    return [
        *crossrules.check(repository, schemas),
        *quality.check(repository),
        *unfilled.check(repository, scope),
    ]


def validate_repository(root: Path, schemas: SchemaSet | None = None) -> ValidationResult:
    schemas = schemas or load_schema_set(root / "schemas")
    files = submission_files(root)
    loaded = load_documents(root, files, schemas)
    repository = build_repository(loaded.valid, loaded.invalid)
    problems = loaded.problems + check_model(repository, schemas)
    problems.sort(key=Problem.sort_key)
    log.debug("validated %d files: %d problems", len(files), len(problems))
    return ValidationResult(problems, repository, len(files))
