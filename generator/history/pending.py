"""What the current branch holds that the target branch has not confirmed.

Confirmation is a merge into the target branch (``main`` unless configured): only its
first-parent chain confirms. Commits that are only on the current branch (a pull request,
a clerk's local work) are *submitted, awaiting confirmation*: they show what was sent and
when, never who confirmed it. Pure: the I/O is in :func:`generator.history.versions.read_history`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.history.gitlog import Commit

DEFAULT_TARGET = "main"
TARGET_ENV = "SCPILOT_TARGET_BRANCH"


@dataclass(frozen=True)
class Pending:
    """One document as the current branch has it, not (yet) on the target branch."""

    path: str
    blob: str
    commit: str
    """The newest commit of the branch that changed the document."""
    submitted_at: datetime
    """The earliest author date among the branch's commits that changed it: a claim of the
    submitter's machine, as for an unconfirmed version there is nothing better."""


def target_branch(explicit: str | None = None) -> str:
    """The branch whose first-parent chain confirms: ``explicit``, else the environment
    variable ``SCPILOT_TARGET_BRANCH``, else ``main``."""
    return explicit or os.environ.get(TARGET_ENV) or DEFAULT_TARGET


def candidate_refs(target: str) -> tuple[str, ...]:
    """Where to find the target branch: the local branch, then ``origin``'s copy (a CI
    checkout of a pull request has no local ``main``), then the name as a revision."""
    if target.startswith("refs/") or "/" in target:
        return (target,)
    return (f"refs/heads/{target}", f"refs/remotes/origin/{target}", target)


def pending_changes(branch_commits: list[Commit], confirmed_blobs: dict[str, str]) -> dict[str, Pending]:
    """The documents the branch's own commits (``git log target..HEAD``, newest first)
    leave different from the target branch. ``confirmed_blobs`` maps each path to its
    blob on the target branch: a file that a merge of ``main`` into the branch brought is
    the same blob as on main and is not pending."""
    final: dict[str, tuple[str, str]] = {}
    dates: dict[str, datetime] = {}
    for commit in reversed(branch_commits):  # oldest first
        for change in commit.changes:
            if change.old_path:
                final.pop(change.old_path, None)
            if change.status == "D":
                final.pop(change.path, None)
                continue
            final[change.path] = (change.blob, commit.sha)
            if change.path not in dates or commit.author_date < dates[change.path]:
                dates[change.path] = commit.author_date
    return {
        path: Pending(path, blob, sha, dates[path])
        for path, (blob, sha) in sorted(final.items())
        if confirmed_blobs.get(path) != blob
    }
