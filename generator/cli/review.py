"""Commands that make git the system of record: ``status``, ``codeowners``,
``check-scope`` and ``changes``. Each reads git and disk here, then calls pure functions."""

from __future__ import annotations

import csv
import io
import json
import logging
import tempfile
from datetime import date, datetime
from pathlib import Path

from generator.assess import changes as change_summary
from generator.assess.timeliness import FLAG_LABELS, STATE_LABELS, Assessment, assess
from generator.history.codeowners import render_codeowners
from generator.history.gitio import changed_files, export_tree, resolve, show
from generator.history.ledger_diff import LedgerChange, diff_ledgers
from generator.history.scope import check_scope
from generator.history.versions import History, read_history
from generator.load.layout import KIND_TITLES, classify
from generator.load.loader import Document, load_bytes
from generator.load.problems import Problem
from generator.load.schemas import SchemaSet, load_schema_set
from generator.model.repository import Programme
from generator.rules.validate import ValidationResult, validate_repository

log = logging.getLogger(__name__)

STATUS_KEYS = (
    "programme",
    "pilot",
    "document",
    "period",
    "due",
    "submitted_at",
    "confirmed_at",
    "confirmed_by",
    "commit",
    "state",
    "days_late",
)


def _validated(root: Path) -> ValidationResult:
    result = validate_repository(root)
    if result.errors:
        log.warning("有 %d 个错误：未通过校验的文件不计入结果，请先运行 scpilot validate。", len(result.errors))
    return result


def status_rows(assessments: list[Assessment], programme: Programme) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for a in assessments:
        v = a.version
        rows.append(
            {
                "programme": a.requirement.programme,
                "pilot": a.requirement.owner,
                "document": a.document,
                "period": a.period,
                "due": a.requirement.deadline.due.isoformat(),
                "submitted_at": a.submitted_on.isoformat() if a.submitted_on else None,
                "confirmed_at": programme.local_date(v.confirmed_at).isoformat() if v else None,
                "confirmed_by": v.confirmed_by if v else None,
                "commit": v.commit if v else (a.pending.commit if a.pending else None),
                "state": a.state,
                "days_late": a.days_late,
            }
        )
    return rows


def cmd_status(root: Path, at: date | None, fmt: str, target: str | None = None) -> str:
    result = _validated(root)
    programme = result.repository.programme
    if programme is None:
        raise ValueError("工作日历 submissions/programme.yaml 缺失或无效。")
    when = at or datetime.now(programme.tz).date()
    history = read_history(root, target=target)
    if history.shallow:
        log.warning(
            "这是浅克隆：边界之前的历史不可见，标有“浅克隆”的提交日期可能不准。请用完整历史（fetch-depth: 0）。"
        )
    if not history.available:
        log.warning("%s 不是 git 仓库：没有提交和确认记录，报送情况一律“无法判断”。", root)
    assessments = assess(result.repository, history, when)
    rows = status_rows(assessments, programme)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=STATUS_KEYS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue()
    lines = [f"截至 {when.isoformat()}（中国标准时间）的报送情况：" + _basis(history)]
    for a, row in zip(assessments, rows, strict=True):
        title = KIND_TITLES[a.document] + (f" {a.period}" if a.period else "")
        state = STATE_LABELS[a.state] + (f" {a.days_late} 天" if a.state in ("late", "missing") and a.days_late else "")
        extra = f"  提交 {row['submitted_at']}，{row['confirmed_by']} 确认于 {row['confirmed_at']}" if a.version else ""
        if a.pending is not None:
            extra = f"  提交 {row['submitted_at']}（{a.pending.commit[:8]}），尚未合并到 {history.target or '确认分支'}"
        flags = "".join(f"  ⚠ {FLAG_LABELS[f]}" for f in a.flags)
        lines.append(f"{a.requirement.owner:<24} {title:<14} 截止 {row['due']}  {state}{extra}{flags}")
    counts = {s: sum(a.state == s for a in assessments) for s in STATE_LABELS}
    lines.append("合计：" + "，".join(f"{STATE_LABELS[s]} {n}" for s, n in counts.items()))
    return "\n".join(lines) + "\n"


def _basis(history: History) -> str:
    if not history.available:
        return "（没有 git 历史，无法判断）"
    if history.target is None:
        return "（找不到确认分支，没有已确认的材料）"
    return f"（确认以 {history.target} 分支为准）"


def cmd_codeowners(root: Path, check: bool) -> tuple[int, str]:
    result = _validated(root)
    text = render_codeowners(result.repository)
    target = root / ".github" / "CODEOWNERS"
    if check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            return 1, "CODEOWNERS 与登记信息不一致：请运行 scpilot codeowners 重新生成并提交 .github/CODEOWNERS。\n"
        return 0, "CODEOWNERS 与登记信息一致。\n"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return 0, f"已写入 {target.relative_to(root)}。\n"


def cmd_changes(root: Path, base: str, head: str, fmt: str, submitted_on: date | None) -> tuple[int, str]:
    base_sha, head_sha = resolve(root, base), resolve(root, head)
    files = changed_files(root, base_sha, head_sha)
    with tempfile.TemporaryDirectory(prefix="scpilot-head-") as tmp:
        tree = export_tree(root, head_sha, Path(tmp))
        schemas = load_schema_set(tree / "schemas")
        result = validate_repository(tree, schemas)
    repo = result.repository
    programme = repo.programme
    today = datetime.now(programme.tz).date() if programme else date.today()
    history = read_history(root, base_sha)
    first = {}
    for change in files:
        version = history.first(change.old_path or change.path)
        if version is not None and programme is not None:
            first[change.path] = programme.local_date(version.submitted_at)
    ledgers: dict[str, list[LedgerChange]] = {}
    for change in files:
        location = classify(change.path)
        if location is None or location.kind != "ledger" or change.status == "D":
            continue
        old = show(root, base_sha, change.old_path or change.path)
        new = show(root, head_sha, change.path)
        if old is not None and new is not None:
            ledgers[change.path] = _ledger_diff(schemas, change.path, old, new)
    scope = check_scope(files)
    touched = [c.path for c in files]
    problems = result.only(touched).problems if touched else []
    folders = sorted(
        {"/".join(p.split("/")[:3]) for p in touched if p.startswith("submissions/") and p.count("/") >= 3}
    )
    elsewhere = [
        p for p in result.only(folders).warnings if p.file not in touched
    ]  # the same folder's other files: what the watch list also counts
    summary = change_summary.summarize(
        files, repo, submitted_on or today, problems, scope, first, ledgers, len(elsewhere)
    )
    text = change_summary.as_json(summary) if fmt == "json" else change_summary.render_markdown(summary)
    failed = bool(scope) or any(p.is_error for p in problems)
    return (1 if failed else 0), text


def _ledger_diff(schemas: SchemaSet, path: str, old: bytes, new: bytes) -> list[LedgerChange]:
    """The ledger's changes in words, or one line saying why they cannot be listed: a
    version that does not load or validate is not compared (it would not be a ledger)."""
    before, after = load_bytes(old, path).document, load_bytes(new, path).document
    unreadable = [
        label for label, doc in (("合并前的版本", before), ("这次提交的版本", after)) if not _valid_ledger(schemas, doc)
    ]
    if unreadable or before is None or after is None:
        text = (
            f"台账{'和'.join(unreadable)}没有通过校验，无法逐项列出修改内容："
            "请先按下方“校验问题”修正，修正后这里会列出目标和举措的变化。"
        )
        return [LedgerChange("unreadable", "", None, None, text)]
    return diff_ledgers(before.data, after.data)


def _valid_ledger(schemas: SchemaSet, doc: Document | None) -> bool:
    if doc is None:
        return False
    quick = schemas.is_valid("ledger", doc.data)
    return bool(quick) if quick is not None else bool(schemas.validators["ledger"].is_valid(doc.data))


def cmd_check_scope(root: Path, base: str, head: str) -> tuple[list[Problem], int]:
    """The scope problems of BASE...HEAD and how many files the change touched."""
    files = changed_files(root, resolve(root, base), resolve(root, head))
    return check_scope(files), len(files)
