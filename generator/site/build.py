"""The I/O edge of the site build: validate the repository, read its history and the old
ledger versions, apply the publication profile, and hand everything to the pure renderer.
Shared by the MkDocs plugin and ``scpilot pages``."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

from generator.history.versions import History, Version, read_history
from generator.load.layout import Location, document_path
from generator.load.loader import Document, load_bytes
from generator.load.problems import Problem
from generator.load.schemas import SchemaSet, load_schema_set
from generator.model.repository import Programme, build_repository
from generator.rules.index import blob_id
from generator.rules.validate import validate_repository
from generator.site.labels import load_labels
from generator.site.pages import SiteConfig, SiteInputs, build_pages
from generator.site.profile import PROFILES, redact

log = logging.getLogger(__name__)


class SiteError(Exception):
    """The submissions do not validate: the build stops and lists every problem."""

    def __init__(self, problems: list[Problem], files: int = 0) -> None:
        self.problems = problems
        self.files = files
        """How many files were validated (the report's 检查了 N 个文件)."""
        super().__init__(f"{len(problems)} problems")


def _ledger_texts(
    root: Path, history: History, paths: list[str], schemas: SchemaSet, validated: dict[str, Any]
) -> dict[str, list[tuple[Version, dict[str, Any]]]]:
    """Every confirmed version of each ledger that is a valid ledger; one that is not (it
    was confirmed before a rule tightened, or by mistake) is left out of the revision list
    and said so in the build log (info, not a warning: history cannot be corrected). The
    version the working tree holds is the ``validated`` document itself, not read again."""
    import git

    found: dict[str, list[tuple[Version, dict[str, Any]]]] = {}
    repo = git.Repo(root)  # one repository (one object reader) for every blob, not one per blob
    try:
        for path in paths:
            versions = []
            current = blob_id((root / path).read_bytes()) if path in validated else None
            for version in history.versions.get(path, []):
                if version.blob == current:
                    versions.append((version, validated[path]))
                    continue
                loaded = load_bytes(repo.odb.stream(bytes.fromhex(version.blob)).read(), path)
                data = loaded.document.data if loaded.document is not None else None
                quick = schemas.is_valid("ledger", data) if isinstance(data, dict) else False
                if quick is None:
                    quick = bool(schemas.validators["ledger"].is_valid(data))
                if quick and isinstance(data, dict):
                    versions.append((version, data))
                else:
                    log.info(
                        "%s 在提交 %s（%s 确认）的版本无法读取或没有通过校验，台账修订记录中略去这一版。",
                        path,
                        version.commit[:8],
                        version.confirmed_at.date().isoformat(),
                    )
            found[path] = versions
    finally:
        repo.close()
    return found


def published(
    schemas: SchemaSet, config: SiteConfig, documents: list[tuple[Location, Document]]
) -> list[tuple[Location, Document]]:
    """The documents as the site may show them: without the fields the schemas mark internal
    in the public profile (the one place the site reads documents before the model)."""
    if config.profile != "public":
        return list(documents)
    return [(loc, Document(doc.path, redact(schemas, loc.kind, doc.data))) for loc, doc in documents]


def prepare(root: Path, config: SiteConfig, at: date | None = None, target: str | None = None) -> SiteInputs:
    if config.profile not in PROFILES:
        raise ValueError(f"unknown profile {config.profile!r}; use one of {PROFILES}")
    schemas = load_schema_set(root / "schemas")
    result = validate_repository(root, schemas)
    if result.errors:
        raise SiteError(result.errors, result.files)
    for warning in result.warnings:
        log.debug("%s:%s: %s %s", warning.file, warning.line, warning.rule, warning.message)
    # Pages never point into a file's lines: the site's documents leave the positions behind,
    # so that the validated repository (about half of it positions) is freed once prepared.
    documents = published(schemas, config, result.repository.documents)
    repo = build_repository(documents, set())
    programme = repo.programme
    assert programme is not None
    history = read_history(root, target=target)
    if history.shallow:
        log.warning("浅克隆：更早的确认记录不可见，报送情况可能不准确（请用完整历史构建）。")
    if not history.available:
        # info, not a warning: a build from an exported copy is legitimate and must pass --strict
        log.info("没有 git 历史（%s 不是 git 仓库）：网站照常生成，报送情况显示为“无法判断”。", root)
    elif history.pending:
        log.info(
            "当前分支有 %d 份材料尚未合并到 %s：网站上显示为“已提交，待确认”。", len(history.pending), history.target
        )
    ledgers = [document_path("ledger", p.folder, p.id) for p in repo.all_pilots if p.ledger]
    validated = {doc.path: doc.data for _, doc in result.repository.documents if isinstance(doc.data, dict)}
    texts = _ledger_texts(root, history, ledgers, schemas, validated) if history.available and history.head else {}
    if at is None:
        at = _as_of(history, programme)
    return SiteInputs(repo, history, load_labels(schemas), at, config, texts, schemas, result.warnings)


def _as_of(history: History, programme: Programme) -> date:
    """The day the site describes: the latest confirmation in the history or the latest
    programme's own ``as_of`` (a programme that has ended is judged on its closing day, see
    ``Calendar.judged_on``), so that the same commit always builds the same site (never the
    wall clock). With no confirmation and no ``as_of``, the end of the last programme: every
    assessment then says what it knows (``unknown`` without history), never a silent "not yet due"."""
    fixed = [c.as_of for c in programme.calendars if c.as_of]
    if fixed and len(fixed) == len(programme.calendars):
        return max(fixed)  # every programme is over: the last closing day (later commits change nothing)
    latest = [programme.local_date(v.confirmed_at) for versions in history.versions.values() for v in versions]
    if latest or fixed:
        return max(latest + fixed)
    return max(c.end for c in programme.calendars)


def generate(
    root: Path, config: SiteConfig, at: date | None = None, target: str | None = None
) -> dict[str, str | bytes]:
    return build_pages(prepare(root, config, at, target))
