"""What every tooling command shares: a user-facing error type, the repository model,
the calendar's "now", and the rule that nothing is written unless it validates."""

from __future__ import annotations

import logging
import os
import posixpath
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

from generator.load.problems import Problem
from generator.model.repository import Deadline, Pilot, Programme, Repository
from generator.rules.validate import validate_repository

log = logging.getLogger(__name__)

PLACEHOLDER = "【请填写】"


class ToolError(Exception):
    """A refusal or a mistake the user can fix (exit 1); the message is Chinese and complete."""


def repository(root: Path) -> Repository:
    """The model of the repository as it is on disk (documents that fail validation are left out)."""
    result = validate_repository(root)
    if result.repository.programme is None:
        raise ToolError("工作日历 submissions/programme.yaml 缺失或无效：请先运行 scpilot validate 并改正。")
    if result.errors:
        log.warning("仓库中有 %d 个错误：未通过校验的文件不计入，请运行 scpilot validate 查看。", len(result.errors))
    return result.repository


def programme_of(repo: Repository) -> Programme:
    if repo.programme is None:
        raise ToolError("工作日历 submissions/programme.yaml 缺失或无效：请先运行 scpilot validate 并改正。")
    return repo.programme


def today(programme: Programme, at: date | None = None) -> date:
    """``at``, or today in the programme's time zone (China Standard Time)."""
    return at or datetime.now(programme.tz).date()


def find_pilot(repo: Repository, pilot_id: str) -> Pilot:
    pilot = repo.pilots.get(pilot_id)
    if pilot is None:
        known = "、".join(sorted(repo.pilots)) or "（无）"
        raise ToolError(
            f"找不到试点「{pilot_id}」（或它的 pilot.yaml 未通过校验）。\n"
            f"提示：试点标识就是试点文件夹名；已有的试点：{known}。新试点请先运行 scpilot new pilot。"
        )
    return pilot


def schema_line(rel: str, kind: str) -> str:
    """The first line of every file: the editor finds the schema through it."""
    target = posixpath.relpath(f"schemas/{kind}.schema.json", posixpath.dirname(rel))
    return f"yaml-language-server: $schema={target}"


def pick_period(
    programme: Programme,
    document: str,
    exists: Callable[[str], bool],
    when: date,
    owed: Sequence[Deadline] | None = None,
) -> tuple[str, str | None]:
    """The period of ``document`` now due: the first in the calendar whose deadline is today
    or later and that is not there yet; once the calendar is over, the latest one missing.
    ``owed`` narrows the calendar to what one pilot owes (the programmes it is enrolled in).
    Returns the period and, for an overdue one, a note."""
    source = programme.deadlines if owed is None else owed
    deadlines = sorted((d for d in source if d.document == document and d.period), key=lambda d: d.due)
    for deadline in deadlines:
        if deadline.due >= when and deadline.period and not exists(deadline.period):
            return deadline.period, None
    for deadline in reversed(deadlines):
        if deadline.period and not exists(deadline.period):
            late = (when - deadline.due).days
            return deadline.period, f"{deadline.period} 已于 {deadline.due.isoformat()} 截止，已逾期 {late} 天。"
    periods = "、".join(d.period for d in deadlines if d.period) or "（无）"
    raise ToolError(
        f"工作日历中的期别都已经有文件了（{periods}）。\n提示：要生成哪一期，请用 --period（或 --year）指定。"
    )


def check_period(programme: Programme, document: str, period: str, owed: Sequence[Deadline] | None = None) -> None:
    periods = programme.periods(document)
    if period not in periods:
        raise ToolError(f"期别 {period} 不在工作日历中。\n提示：工作日历规定的期别：{'、'.join(periods) or '（无）'}。")
    if owed is not None:
        mine = [d.period for d in owed if d.document == document and d.period]
        if period not in mine:
            raise ToolError(
                f"期别 {period} 不是这个试点应报的一期：它参加的工作（从入选之日起）没有要求这一期。\n"
                f"提示：它应报的期别：{'、'.join(mine) or '（无）'}；各项工作和名单见 scpilot programmes。"
            )


def validate_overlay(root: Path, files: Mapping[str, str]) -> list[Problem]:
    """Problems in ``files`` (repository-relative path → text) if they were written into the
    repository at ``root``: a copy of ``submissions/`` and ``schemas/`` is validated, the
    repository itself is not touched."""
    with tempfile.TemporaryDirectory(prefix="scpilot-check-") as tmp:
        copy = Path(tmp)
        for folder in ("submissions", "schemas"):
            shutil.copytree(root / folder, copy / folder, copy_function=_link_or_copy)
        for rel, text in files.items():
            target = copy / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                target.unlink()
            target.write_text(text, encoding="utf-8")
        result = validate_repository(copy)
    return [p for p in result.problems if p.file in files]


def _link_or_copy(src: str, dst: str) -> object:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
    return dst


def refuse_existing(root: Path, rels: list[str]) -> None:
    present = [rel for rel in rels if (root / rel).exists()]
    if present:
        raise ToolError(
            f"{'、'.join(present)} 已经存在，不会覆盖。\n提示：请直接编辑已有文件；确实要重新生成时，先把它改名或删除。"
        )


def write_files(root: Path, files: Mapping[str, str]) -> None:
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def problem_paths(rel: str, text: str) -> dict[tuple[int, int], tuple[str | int, ...]]:
    """(line, column) → the longest data path written there, for mapping problems back."""
    from generator.load.loader import load_bytes

    document = load_bytes(text.encode("utf-8"), rel).document
    spots: dict[tuple[int, int], tuple[str | int, ...]] = {}
    if document is None:
        return spots
    for table in (document.positions, document.key_positions):
        for path, spot in table.items():
            if len(path) >= len(spots.get(spot, ())):
                spots[spot] = path
    return spots


def path_of(spots: dict[tuple[int, int], tuple[str | int, ...]], problem: Problem) -> tuple[str | int, ...]:
    exact = spots.get((problem.line, problem.column))
    if exact is not None:
        return exact
    same_line = [path for (line, _), path in spots.items() if line == problem.line]
    return max(same_line, key=len, default=())
