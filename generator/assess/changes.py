"""The reviewer's summary of a pull request, in Chinese: whose documents, which are new
or changed, each against the calendar, the ledger's differences in words, and the
validation result. Sized for a pull-request comment and a workflow job summary."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from generator.assess.timeliness import STATE_LABELS, deadline_for
from generator.history.gitio import FileChange
from generator.history.ledger_diff import LedgerChange
from generator.history.scope import describe_owner, owner_of
from generator.load.layout import KIND_TITLES, classify
from generator.load.problems import Problem
from generator.model.repository import Repository

MAX_PROBLEMS = 20
MAX_LEDGER_LINES = 40
_STATUS = {"A": "新增", "M": "修改", "R": "改名", "D": "删除"}


@dataclass
class DocumentChange:
    path: str
    status: str
    kind: str | None
    period: str | None
    due: date | None = None
    state: str | None = None
    days_late: int | None = None
    first_confirmed: date | None = None
    ledger: list[LedgerChange] = field(default_factory=list)


@dataclass
class ChangeSummary:
    owners: list[str]
    confirmer: str
    submitted_on: date
    documents: list[DocumentChange]
    problems: list[Problem]
    scope: list[Problem]
    warnings_elsewhere: int = 0
    """Warnings in the owners' files this change did not touch (the watch list counts them)."""


def summarize(
    changes: list[FileChange],
    repo: Repository,
    submitted_on: date,
    problems: list[Problem],
    scope: list[Problem],
    first_confirmed: dict[str, date],
    ledger_changes: dict[str, list[LedgerChange]],
    warnings_elsewhere: int = 0,
) -> ChangeSummary:
    """Pure: everything read from git and disk is passed in."""
    programme = repo.programme
    documents = []
    for change in changes:
        location = classify(change.path)
        doc = DocumentChange(
            change.path, change.status, location.kind if location else None, location.period if location else None
        )
        doc.ledger = ledger_changes.get(change.path, [])
        doc.first_confirmed = first_confirmed.get(change.path)
        deadline = (
            deadline_for(repo, location.pilot, location.kind, location.period) if programme and location else None
        )
        if deadline is not None and change.status != "D":
            doc.due = deadline.due
            pilot = repo.pilots.get(location.pilot or "") if location else None
            revoked = pilot.status.revoked_on if pilot else None
            when = doc.first_confirmed or submitted_on
            if revoked is not None and revoked < deadline.due:
                doc.state = "exempt"
            else:
                doc.days_late = max((when - deadline.due).days, 0)
                doc.state = "late" if doc.days_late else "on_time"
        documents.append(doc)
    owners = sorted({owner_of(c.path) for c in changes})
    return ChangeSummary(owners, _confirmer(repo, owners), submitted_on, documents, problems, scope, warnings_elsewhere)


def _confirmer(repo: Repository, owners: list[str]) -> str:
    programme = repo.programme
    if programme is None:
        return "（工作日历无效，无法判断）"
    names = []
    for owner in owners:
        kind, _, name = owner.partition(":")
        if kind == "pilot":
            folder, _, slug = name.partition("/")
            pilot = repo.pilots.get(slug)
            province = repo.provinces.get(folder)
            if pilot is not None and pilot.confirmer(programme) != "mofcom" and province is not None:
                names.append(f"{province.department}（{' '.join(province.reviewers)}）")
            else:
                names.append(f"{programme.mofcom_name}（{' '.join(programme.mofcom_reviewers)}）")
        elif kind in ("province", "programme"):
            names.append(f"{programme.mofcom_name}（{' '.join(programme.mofcom_reviewers)}）")
        else:
            names.append(f"系统维护人（{' '.join(programme.maintainers)}）")
    return "；".join(dict.fromkeys(names))


def _state_text(doc: DocumentChange) -> str:
    if doc.state is None:
        return "—"
    label = STATE_LABELS[doc.state]
    if doc.first_confirmed:
        label += f"（首次确认于 {doc.first_confirmed.isoformat()}，本次为修订）"
    elif doc.state == "late":
        label += f" {doc.days_late} 天"
    return label


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(summary: ChangeSummary) -> str:
    errors = [p for p in summary.problems if p.is_error]
    warnings = [p for p in summary.problems if not p.is_error]
    lines = [
        f"## 变更摘要：{'、'.join(describe_owner(o) for o in summary.owners) or '（没有改动）'}",
        "",
        f"- 确认部门：{summary.confirmer}",
        f"- 按期判断所用的提交日期：{summary.submitted_on.isoformat()}（中国标准时间）",
        f"- 校验结果：{'未通过' if errors or summary.scope else '通过'}，{len(errors)} 个错误，{len(warnings)} 个警告"
        + (
            f"（另有 {summary.warnings_elsewhere} 个警告在这次没有改动的文件中，动态调整关注名单计入它们；"
            "运行 `scpilot validate` 查看）"
            if summary.warnings_elsewhere
            else ""
        ),
        "",
        "| 文件 | 材料 | 期别 | 变更 | 截止日期 | 按期情况 |",
        "|---|---|---|---|---|---|",
    ]
    for doc in summary.documents:
        lines.append(
            f"| `{_cell(doc.path)}` | {KIND_TITLES.get(doc.kind or '', '其他文件')} | {doc.period or '—'} | "
            f"{_STATUS.get(doc.status, doc.status)} | {doc.due.isoformat() if doc.due else '—'} | {_state_text(doc)} |"
        )
    ledger = [(doc.path, c.text) for doc in summary.documents for c in doc.ledger]
    if ledger:
        lines += ["", "### 台账变化", ""]
        lines += [f"- {_cell(text)}" for _, text in ledger[:MAX_LEDGER_LINES]]
        if len(ledger) > MAX_LEDGER_LINES:
            lines.append(f"- ……另有 {len(ledger) - MAX_LEDGER_LINES} 处变化")
    if summary.scope:
        lines += ["", "### 变更范围", ""] + [
            f"- **{p.rule}** {_cell(p.message)} {_cell(p.hint)}" for p in summary.scope
        ]
    if summary.problems:
        lines += ["", "### 校验问题", "", "| 位置 | 级别 | 规则 | 说明 |", "|---|---|---|---|"]
        for p in summary.problems[:MAX_PROBLEMS]:
            where = p.file if p.line == 0 else f"{p.file}:{p.line}:{p.column}"
            lines.append(
                f"| `{_cell(where)}` | {p.severity.label} | {p.rule} | {_cell(p.message)} 提示：{_cell(p.hint)} |"
            )
        if len(summary.problems) > MAX_PROBLEMS:
            lines.append(f"\n另有 {len(summary.problems) - MAX_PROBLEMS} 个问题，请运行 `scpilot validate` 查看全部。")
    return "\n".join(lines) + "\n"


def as_json(summary: ChangeSummary) -> str:
    def doc_row(doc: DocumentChange) -> dict[str, Any]:
        return {
            "file": doc.path,
            "document": doc.kind,
            "period": doc.period,
            "change": {"A": "added", "M": "modified", "R": "renamed", "D": "deleted"}.get(doc.status, doc.status),
            "due": doc.due.isoformat() if doc.due else None,
            "state": doc.state,
            "days_late": doc.days_late,
            "first_confirmed": doc.first_confirmed.isoformat() if doc.first_confirmed else None,
            "ledger_changes": [{"kind": c.kind, "subject": c.subject, "text": c.text} for c in doc.ledger],
        }

    payload = {
        "owners": summary.owners,
        "confirmer": summary.confirmer,
        "submitted_on": summary.submitted_on.isoformat(),
        "documents": [doc_row(d) for d in summary.documents],
        "problems": [p.as_dict() for p in summary.problems],
        "scope": [p.as_dict() for p in summary.scope],
        "warnings_elsewhere": summary.warnings_elsewhere,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
