"""The registry index: documents read once and remembered by their content.

Validating a change to a published list of practices (or to a pilot's registration) needs to
know which pilots are registered, that is which ``pilot.yaml`` files load and pass their schema,
and what they say. Reading and checking 3,210 of them takes seconds; this index keeps, for each
file content (its SHA-1, the id git gives the blob), whether it is valid and its data, in one
JSON file under the git directory (``.git/scpilot-cache/``). An entry is found again only for
the very same bytes, with the same schemas and the same scpilot version, so a stale entry is
never used: a changed file has a new digest and is read again.

The same folder remembers which schemas passed the metaschema check (``load_schemas``): that
check is most of the time of loading ``schemas/``, and the schemas rarely change.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import __version__
from generator.load.layout import SUBMISSIONS, classify, document_path
from generator.load.loader import Document, load_bytes
from generator.load.schemas import Schema, SchemaSet, load_schema_set
from generator.rules.validate import check_document

log = logging.getLogger(__name__)

CACHE_ENV = "SCPILOT_CACHE"
"""A folder for the index instead of ``.git/scpilot-cache`` (e.g. one that CI keeps between runs)."""


def cache_folder(root: Path) -> Path:
    """Where the index lives: ``$SCPILOT_CACHE``, else ``.git/scpilot-cache``, else a temporary folder."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    git_dir = root / ".git"
    if git_dir.is_dir():
        return git_dir / "scpilot-cache"
    digest = hashlib.sha1(str(root.resolve()).encode("utf-8")).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"scpilot-cache-{digest}"


def load_schemas(root: Path, cache: Path | None) -> SchemaSet:
    """``schemas/`` loaded, the metaschema check (most of the time of loading them) skipped for
    the schemas the cache folder remembers passing it: the very same JSON, checked by the same
    jsonschema release. A schema that fails is never remembered, so it fails every time."""
    if cache is None:
        return load_schema_set(root / "schemas")
    memo = cache / "metaschema-checked.txt"
    try:
        known = set(memo.read_text(encoding="utf-8").split())
    except OSError:
        known = set()
    release = _jsonschema_release()
    schemas = load_schema_set(root / "schemas", lambda schema: _checked_key(schema, release) in known)
    passed = {_checked_key(schema, release) for schema in schemas.schemas.values()}
    if not passed <= known:  # another branch's schemas stay known too, up to a few hundred
        kept = passed | known if len(known) < 400 else passed
        _write_atomically(cache, memo, "".join(f"{key}\n" for key in sorted(kept)))
    return schemas


def _checked_key(schema: Schema, release: str) -> str:
    text = json.dumps(schema, sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(f"{release}\n{text}".encode(), usedforsecurity=False).hexdigest()


def _jsonschema_release() -> str:
    from importlib import metadata  # 20 ms of imports (email, zipfile): only here

    try:
        return metadata.version("jsonschema")
    except metadata.PackageNotFoundError:
        return "unknown"


def blob_id(raw: bytes) -> str:
    """The id git gives a file with these bytes (``git hash-object``)."""
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw, usedforsecurity=False).hexdigest()


def schema_digest(schemas: SchemaSet) -> str:
    text = json.dumps(schemas.schemas, sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(f"{__version__}\n{text}".encode()).hexdigest()


def pilot_files(root: Path) -> list[str]:
    """``submissions/<folder>/<pilot>/pilot.yaml`` of every pilot folder, as a full validation
    lists them: hidden and linked folders are not entered (a link is one finding of its own)."""
    found = []
    base = root / SUBMISSIONS
    for province in folders(base):
        for pilot in folders(province):
            if _file_or_link(os.path.join(pilot.path, "pilot.yaml")):
                found.append(document_path("pilot", province.name, pilot.name))
    return sorted(found)


def _file_or_link(path: str) -> bool:
    """``Path.is_file() or Path.is_symlink()`` in one system call."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) or stat.S_ISLNK(mode)


def folders(path: Path | os.DirEntry[str]) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(path) as entries:
            return [e for e in entries if not e.name.startswith(".") and e.is_dir(follow_symlinks=False)]
    except OSError:
        return []


@dataclass
class RegistryIndex:
    """Valid documents by path, read from the index where their bytes are known."""

    valid: dict[str, Document] = field(default_factory=dict)
    invalid: set[str] = field(default_factory=set)
    read: int = 0
    """How many files were parsed and checked (not found in the index)."""


LIMIT = 60_000
"""Entries kept per kind: the oldest go first (a national programme has about 31,000 files)."""


def read_registry(root: Path, paths: list[str], schemas: SchemaSet, cache: Path | None) -> RegistryIndex:
    """Whether each of ``paths`` is valid, and its data: from the index when its bytes are known.
    The documents carry no positions (nothing is reported at them, only their facts are used)."""
    digest = schema_digest(schemas)
    stored: dict[str, dict[str, list[Any]]] = {}
    fresh: dict[str, dict[str, list[Any]]] = {}
    result = RegistryIndex()
    for rel in paths:
        location = classify(rel)
        path = root / rel
        if location is None or path.is_symlink():
            result.invalid.add(rel)
            continue
        try:
            raw = path.read_bytes()
        except OSError:
            result.invalid.add(rel)
            continue
        if location.kind not in stored:
            stored[location.kind] = _open(cache, digest, location.kind) if cache else {}
        key = blob_id(raw)
        entry = stored[location.kind].get(key)
        if entry is None:
            loaded = load_bytes(raw, rel).document
            ok = loaded is not None and not check_document(schemas, location, loaded)
            entry = [ok, loaded.data if ok and loaded is not None else None]
            fresh.setdefault(location.kind, {})[key] = entry
            result.read += 1
        if entry[0]:
            result.valid[rel] = Document(rel, entry[1])
        else:
            result.invalid.add(rel)
    if cache is not None:
        for kind, entries in fresh.items():
            kept = {k: v for k, v in stored[kind].items() if k not in entries}
            kept.update(entries)
            _save(cache, digest, kind, dict(list(kept.items())[-LIMIT:]))
    return result


def _file(cache: Path, digest: str, kind: str) -> Path:
    return cache / f"index-{digest[:16]}-{kind}.json"


def _open(cache: Path, digest: str, kind: str) -> dict[str, list[Any]]:
    try:
        data = json.loads(_file(cache, digest, kind).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(cache: Path, digest: str, kind: str, entries: dict[str, list[Any]]) -> None:
    target = _file(cache, digest, kind)
    try:
        for old in cache.glob(f"index-{'?' * 16}-{kind}.json"):
            if old != target:
                old.unlink(missing_ok=True)  # another schema or version: never read again
    except OSError as exc:
        log.info("无法清理校验缓存 %s：%s", cache, exc)
    _write_atomically(cache, target, json.dumps(entries, ensure_ascii=False, separators=(",", ":")))


def _write_atomically(cache: Path, target: Path, text: str) -> None:
    """Written whole to a temporary file and renamed, so that a reader never sees half of it."""
    try:
        cache.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, target)
    except OSError as exc:
        log.info("无法写入校验缓存 %s：%s（下次仍会重新读取）", cache, exc)
