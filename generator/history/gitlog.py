"""Reading ``git log`` text: the record format the history asks git for, and pure parsers
of its commits, trailers, raw changes and commit graph (tested without git)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

SEP_RECORD = "\x1e"
SEP_FIELD = "\x1f"
LOG_FORMAT = SEP_RECORD + SEP_FIELD.join(["%H", "%P", "%an", "%ae", "%aI", "%cn", "%ce", "%cI", "%B"]) + SEP_FIELD
TRAILERS = ("Confirmed-by", "Submitted-at", "Reviewed-on")
_TRAILER = re.compile(r"^([A-Za-z][A-Za-z0-9-]*):\s*(.+?)\s*$")


@dataclass(frozen=True)
class Change:
    status: str  # A, M, D, R (rename)
    path: str
    blob: str  # the new blob ("" when deleted)
    old_path: str | None = None


@dataclass(frozen=True)
class Commit:
    sha: str
    parents: tuple[str, ...]
    author: str
    author_email: str
    author_date: datetime
    committer: str
    committer_email: str
    committer_date: datetime
    message: str
    trailers: dict[str, str]
    changes: tuple[Change, ...] = ()


def parse_trailers(message: str) -> dict[str, str]:
    """Trailers of the message's last paragraph (``Key: value`` lines), last one wins."""
    paragraphs = [p for p in message.strip().split("\n\n") if p.strip()]
    if len(paragraphs) < 2:
        return {}
    found: dict[str, str] = {}
    for line in paragraphs[-1].splitlines():
        match = _TRAILER.match(line)
        if not match:
            return {}
        found[match.group(1)] = match.group(2)
    return found


def parse_log(text: str) -> list[Commit]:
    """Parse ``git log --raw -M --format=LOG_FORMAT`` output, newest first as git prints."""
    commits = []
    for record in text.split(SEP_RECORD)[1:]:
        fields = record.split(SEP_FIELD)
        sha, parents, an, ae, ad, cn, ce, cd, body = fields[:9]
        raw = fields[9] if len(fields) > 9 else ""
        commits.append(
            Commit(
                sha=sha,
                parents=tuple(parents.split()),
                author=an,
                author_email=ae,
                author_date=datetime.fromisoformat(ad),
                committer=cn,
                committer_email=ce,
                committer_date=datetime.fromisoformat(cd),
                message=body,
                trailers=parse_trailers(body),
                changes=tuple(_parse_raw(raw)),
            )
        )
    return commits


def _parse_raw(raw: str) -> Iterable[Change]:
    for line in raw.splitlines():
        if not line.startswith(":"):
            continue
        meta, _, paths = line.partition("\t")
        parts = meta.split()
        if len(parts) < 5:
            continue
        new_blob, status = parts[3], parts[4]
        names = paths.split("\t")
        if status.startswith("R") and len(names) == 2:
            yield Change("R", names[1], new_blob, names[0])
        elif status.startswith("C") and len(names) == 2:
            yield Change("A", names[1], new_blob)
        elif status[0] in "AMT":
            yield Change("M" if status[0] == "T" else status[0], names[0], new_blob)
        elif status[0] == "D":
            yield Change("D", names[0], "")


def parse_graph(text: str) -> dict[str, tuple[str, ...]]:
    """Parse ``git rev-list --parents`` output: commit → parents."""
    graph: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        shas = line.split()
        if shas:
            graph[shas[0]] = tuple(shas[1:])
    return graph


def first_parent_chain(graph: dict[str, tuple[str, ...]], head: str) -> list[str]:
    """Main's first-parent line, oldest first."""
    chain = []
    current: str | None = head
    while current is not None and current in graph:
        chain.append(current)
        parents = graph[current]
        current = parents[0] if parents else None
    chain.reverse()
    return chain


def ancestors(graph: dict[str, tuple[str, ...]], start: str, stop: set[str]) -> set[str]:
    seen: set[str] = set()
    stack = [start]
    while stack:
        sha = stack.pop()
        if sha in seen or sha in stop or sha not in graph:
            continue
        seen.add(sha)
        stack.extend(graph[sha])
    return seen
