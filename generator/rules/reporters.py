"""Printing a validation result: plain text for people, JSON for tools, GitHub workflow
commands for annotations. Pure functions from problems to text."""

from __future__ import annotations

import json
import re

from generator.load.problems import RULES, Problem

# Line breaks and other control characters a submitted value (or file name) can carry into a
# message: shown escaped, so that one problem stays one line and no value can forge a line of
# output (a verdict, or a workflow command that a CI host would obey).
_CONTROL = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")


def _one_line(value: str) -> str:
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], value)


def text(problems: list[Problem], files: int, what: str = "个文件") -> str:
    """The problems, then one line: how many files (``what``) were checked, errors, warnings."""
    lines = []
    for p in problems:
        where = _one_line(p.file if p.line == 0 else f"{p.file}:{p.line}:{p.column}")
        lines.append(f"{where}: {p.severity.label} {p.rule} {_one_line(p.message)}")
        if p.hint:
            lines.append(f"    提示：{_one_line(p.hint)}")
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if problems:
        lines.append("")
    verdict = "未通过" if errors else "通过"
    lines.append(f"检查了 {files} {what}：{errors} 个错误，{warnings} 个警告。{verdict}。")
    return "\n".join(lines) + "\n"


def as_json(problems: list[Problem]) -> str:
    return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(problems: list[Problem], limit: int | None = None) -> str:
    """GitHub workflow commands (``::error file=…,line=…,col=…,title=…::…``).

    ``limit`` keeps the first N (errors first): the host shows only 10 annotations per
    step and drops the rest silently.
    """
    ordered = sorted(problems, key=lambda p: (not p.is_error, *p.sort_key()))
    if limit is not None:
        ordered = ordered[:limit]
    lines = []
    for p in ordered:
        level = "error" if p.is_error else "warning"
        props = [f"file={_escape_property(p.file)}"]
        if p.line:
            props += [f"line={p.line}", f"col={p.column}"]
        props.append(f"title={_escape_property(p.rule + ' ' + RULES[p.rule].title)}")
        body = p.message + (f"\n提示：{p.hint}" if p.hint else "")
        lines.append(f"::{level} {','.join(props)}::{_escape_data(body)}")
    return "\n".join(lines) + ("\n" if lines else "")
