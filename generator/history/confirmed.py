"""Which files on disk are exactly as the target branch confirmed them.

A ledger's quality warnings (SCP-Q…) were in front of the confirming department when it
merged that ledger; repeating them on every later validation of the folder, quarter after
quarter, teaches clerks to skip warnings. The CLI asks this module which of the files it
reports on are unchanged since confirmation and passes the answer to
:func:`generator.rules.quality.split_confirmed`. I/O at the edge: one ``git ls-tree`` of
those files in the target branch's tip and a hash of each of them read from disk.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from generator.history.gitcmd import git_text
from generator.history.pending import candidate_refs, target_branch
from generator.load.problems import Problem
from generator.rules.index import blob_id
from generator.rules.quality import folded_note, split_confirmed

log = logging.getLogger(__name__)


def parse_ls_tree(text: str) -> dict[str, str]:
    """``git ls-tree -r -z`` output → path → blob id."""
    found: dict[str, str] = {}
    for record in text.split("\0"):
        meta, _, path = record.partition("\t")
        fields = meta.split()
        if len(fields) == 3 and fields[1] == "blob":
            found[path] = fields[2]
    return found


LISTED = 200
"""Up to this many files are looked up by name in the target branch's tree; more (a whole
repository's quality warnings) and the folders holding them are listed whole instead."""


def unchanged_since_confirmed(root: Path, paths: Iterable[str], target: str | None = None) -> frozenset[str]:
    """The ``paths`` (relative to ``root``) whose bytes on disk are the target branch's version.
    Outside git, or without the target branch, nothing is (every warning is shown). The work
    grows with the number of ``paths``, not with the repository: a pull request's check lists
    only its own files of the target branch's tree and hashes only them."""
    wanted = sorted(set(paths))
    if not wanted:
        return frozenset()
    tip = next(
        (
            sha.strip()
            for ref in candidate_refs(target_branch(target))
            if (sha := git_text(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"))
        ),
        None,
    )
    if tip is None:
        return frozenset()
    names = wanted if len(wanted) <= LISTED else sorted({p.split("/")[0] for p in wanted})
    listing = git_text(root, "ls-tree", "-r", "-z", tip, "--", *names)
    if listing is None:
        return frozenset()
    confirmed = parse_ls_tree(listing)
    same = set()
    for path in wanted:
        file = root / path
        if path in confirmed and file.is_file() and blob_id(file.read_bytes()) == confirmed[path]:
            same.add(path)
    return frozenset(same)


def fold_confirmed(root: Path, problems: list[Problem], target: str | None = None) -> tuple[list[Problem], str]:
    """The problems to list one by one, and the line that stands for the quality warnings of
    files unchanged since their confirmation (empty when there are none)."""
    quality = {p.file for p in problems if p.rule.startswith("SCP-Q")}
    shown, folded = split_confirmed(problems, unchanged_since_confirmed(root, quality, target))
    return shown, folded_note(folded)
