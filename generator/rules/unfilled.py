"""Templates handed in unfilled: a ``scpilot new`` placeholder left in the data (an error),
and a quarterly report whose every value is last quarter's (a warning: the template was
prefilled from it). Pure functions over the model."""

from __future__ import annotations

import itertools
from collections.abc import Container, Iterator
from typing import Any

from generator.load.loader import Document, PathKey
from generator.load.problems import Problem
from generator.model.repository import Pilot, Report, Repository
from generator.rules.crossrules import at

PLACEHOLDER = "【请填写】"
"""What ``scpilot new`` writes where the submitter must fill in (generator.tooling.common)."""
PLACEHOLDER_RULE = "SCP-E024"


def check(repo: Repository, scope: Container[str] | None = None) -> list[Problem]:
    """Both rules; the placeholders only of the documents in ``scope`` when given (each is
    reported at its own document: the others' would be thrown away, and reading every string
    of a national registry takes a second)."""
    found: list[Problem] = []
    for _, doc in repo.documents:
        if scope is None or doc.path in scope:
            found.extend(placeholders(doc))
    for pilot in repo.all_pilots:
        found.extend(_unchanged(pilot))
    return found


def placeholders(doc: Document) -> Iterator[Problem]:
    """E024: every string of the document that still holds the placeholder, in file order."""
    if not _holds(doc.data):  # the usual case, told without building every string's path
        return
    for path, text in _strings(doc.data, ()):
        if PLACEHOLDER in text:
            rest = text.replace(PLACEHOLDER, "").strip()
            what = f"（「{rest}」）" if rest else ""
            yield at(
                PLACEHOLDER_RULE,
                doc,
                path,
                f"这里还是模板的占位符「{PLACEHOLDER}」{what}，没有填写。",
                f"把「{PLACEHOLDER}」连同后面的说明换成实际内容；用编辑器搜索「{PLACEHOLDER}」可以找到每一处。",
            )


def _holds(data: Any) -> bool:
    if isinstance(data, str):
        return PLACEHOLDER in data
    if isinstance(data, dict):
        return any(_holds(v) for v in data.values())
    return isinstance(data, list) and any(_holds(v) for v in data)


def _strings(data: Any, path: PathKey) -> Iterator[tuple[PathKey, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))


def _values(report: Report) -> tuple[frozenset[Any], ...]:
    return (
        frozenset((t.id, t.value, t.text) for t in report.targets),
        frozenset((m.id, m.status, m.percent) for m in report.measures),
        frozenset(report.kpis.items()),
    )


def _unchanged(pilot: Pilot) -> Iterator[Problem]:
    """W004: a report whose targets, measures and indicators are all exactly the previous one's."""
    periods = sorted(pilot.reports)
    for before, period in itertools.pairwise(periods):
        report, previous = pilot.reports[period], pilot.reports[before]
        if not (report.targets or report.measures) or _values(report) != _values(previous):
            continue
        yield at(
            "SCP-W004",
            report.doc,
            ("targets",) if report.targets else ("measures",),
            f"季报 {period} 的全部数值与上一期（{before}）完全相同：每个目标的季末数值、每项举措的状态和完成百分比"
            + ("、每个绩效指标" if report.kpis else "")
            + "都没有变化。",
            "这通常是用模板生成后没有更新（模板预填了上一期的数值）：请填写本季度末的实际数值；"
            "确实没有变化的，请在目标的 note 中说明原因。",
        )
