"""``scpilot validate``: the whole repository, or (``--base BASE``) a change by its scope.

It runs on every pull request, so this module and what it imports stay light: what only
other commands need (openpyxl, Jinja2, GitPython, the history and assessment passes) is
imported by those commands when they run, never on this path (tests/test_incremental.py
checks the modules a ``validate --base`` loads)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from generator.history.confirmed import fold_confirmed
from generator.history.worktree import changed_since
from generator.rules import reporters
from generator.rules.incremental import validate_changes
from generator.rules.index import cache_folder
from generator.rules.validate import ValidationResult, validate_repository

log = logging.getLogger(__name__)


def cmd_validate(args: argparse.Namespace, root: Path, scope: list[str]) -> int:
    """Print the problems (of the files under ``scope`` when given) and return the exit code."""
    result = validate_repository(root) if args.base is None else validate_since(root, args.base)
    if scope and "." not in scope:
        result = result.only(scope)
    if args.format == "json":
        sys.stdout.write(reporters.as_json(result.problems))
    elif args.format == "github":  # quality warnings of files unchanged since confirmation: not again
        sys.stdout.write(reporters.github(fold_confirmed(root, result.problems)[0], args.max_annotations))
    else:
        shown, note = fold_confirmed(root, result.problems)
        sys.stdout.write(reporters.text(shown, result.files) + (f"{note}\n" if note else ""))
    return 0 if result.ok else 1


def validate_since(root: Path, base: str) -> ValidationResult:
    """``scpilot validate --base BASE``: the problems of the files changed since BASE and of the
    files that depend on them, as a full validation reports them (generator.rules.incremental)."""
    changed = changed_since(root, base)
    checked = validate_changes(root, changed, cache=cache_folder(root))
    if checked.scope is None:
        log.info("改动涉及工作日历或 submissions/ 以外的文件：校验了整个仓库。")
    else:
        log.info(
            "相对 %s 改动了 %d 个文件；校验了它们和依赖它们的共 %d 个文件。", base, len(changed), len(checked.scope)
        )
    return checked.result
