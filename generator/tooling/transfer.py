"""``scpilot import`` and ``scpilot export template``: the attachment workbooks and the
quarterly indicator table in and out of the repository. Nothing is written unless the
result passes ``scpilot validate``; problems found by the validator are traced back to
the workbook's sheet, row and column."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.load.layout import document_path
from generator.load.loader import load_bytes, load_file
from generator.load.problems import Problem
from generator.model.repository import Pilot, Programme
from generator.rules.unfilled import PLACEHOLDER_RULE
from generator.tooling import attachments, indicators, scaffold
from generator.tooling.common import (
    ToolError,
    check_period,
    find_pilot,
    path_of,
    pick_period,
    problem_paths,
    programme_of,
    repository,
    schema_line,
    today,
    validate_overlay,
    write_files,
)
from generator.tooling.excel import Origin, SheetError, open_workbook
from generator.tooling.indicators import IndicatorTable
from generator.tooling.yamlout import Notes, dump


def _progress(message: str) -> None:
    """Progress of long imports, for a person watching a terminal (not in logs or pipes)."""
    if sys.stderr.isatty():
        sys.stderr.write(f"{message}\n")
        sys.stderr.flush()


def _report_sheet_errors(errors: list[SheetError]) -> int:
    for error in errors:
        sys.stderr.write(error.render() + "\n")
    sys.stderr.write(f"共 {len(errors)} 个问题，没有写入任何文件。请改正表格后重新导入。\n")
    return 1


def _mapped(
    rel: str, text: str, problems: list[Problem], origins: dict[tuple[str | int, ...], Origin], fallback: Origin
) -> list[SheetError]:
    spots = problem_paths(rel, text)
    errors = []
    for problem in problems:
        path = path_of(spots, problem)
        origin = None
        probe = path
        while origin is None:
            origin = origins.get(probe)
            if not probe:
                break
            probe = probe[:-1]
        where = origin or fallback
        errors.append(where.error(f"{problem.message}（{problem.rule}）", problem.hint))
    return errors


def run_import(args: argparse.Namespace, root: Path) -> int:
    if args.import_kind == "indicators":
        return _import_indicators(args, root)
    repo = repository(root)
    programme = programme_of(repo)
    if args.import_kind == "recommendations":
        check_period(programme, "recommendations", args.year)
        rel = document_path("recommendations", args.province, None, args.year)
        if (root / rel).exists() and not args.force:
            raise ToolError(f"{rel} 已经存在，不会覆盖。\n提示：确实要用表格中的名单替换它，请加 --force。")
        imported = attachments.read_recommendations(repo, args.files, args.province, args.year, _progress)
        if imported.errors:
            return _report_sheet_errors(imported.errors)
        data = imported.data
        previous = load_file(root / rel, rel).document if (root / rel).exists() else None
        for keep in ("contacts", "reviewer_notes"):
            if previous is not None and isinstance(previous.data, dict) and keep in previous.data:
                data[keep] = previous.data[keep]
        notes = Notes()
        for path, source in imported.sources.items():
            notes.add_above(path, f"来自 {source}")
        names = "、".join(p.name for p in args.files)
        text = dump(
            data,
            notes,
            [schema_line(rel, "recommendations"), f"推荐名单：由 scpilot import recommendations 从 {names} 导入。"],
        )
        fallback = Origin(names, "")
        problems = [p for p in validate_overlay(root, {rel: text}) if p.is_error]
        if problems:
            return _report_sheet_errors(_mapped(rel, text, problems, imported.origins, fallback))
        write_files(root, {rel: text})
        count = f"附件1 {len(data['service_enterprises'])} 家企业，附件2 {len(data['platforms'])} 个平台"
        sys.stdout.write(f"已写入 {rel}（{count}）。请运行 scpilot validate {rel} 确认。\n")
        return 0
    raise ToolError(f"不认识的表格 {args.import_kind}。")


def _import_indicators(args: argparse.Namespace, root: Path) -> int:
    repo = repository(root)
    programme = programme_of(repo)
    pilot = find_pilot(repo, args.pilot)
    ledger = pilot.ledger
    if ledger is None:
        raise ToolError(f"试点「{pilot.id}」还没有通过校验的工作台账，无法导入目标数值。")
    workbook, errors = open_workbook(args.file)
    if workbook is None:
        return _report_sheet_errors(errors)
    table = indicators.read_indicators(workbook, args.file.name, {t.id: t for t in ledger.targets}, _progress)
    if table.pilot and table.pilot != pilot.id:
        table.errors.insert(
            0,
            Origin(args.file.name, table.sheet, 2).error(
                f"表中的试点标识是「{table.pilot}」，导入的却是「{pilot.id}」。", "请核对 --pilot。"
            ),
        )
    period = _period_of(args, programme, pilot, table)
    check_period(programme, "report", period)
    if table.errors:
        return _report_sheet_errors(table.errors)
    rel = document_path("report", pilot.folder, pilot.id, period)
    order = [t.id for t in ledger.targets]
    origins = dict(table.origins)
    if (root / rel).exists():
        updated = _updated_report(root, rel, table.entries, order)
        if updated is None:
            sys.stdout.write(f"{rel} 的目标数值与表格相同，没有改动。\n")
            return 0
        text, action = updated, f"已更新 {rel} 的 {len(table.entries)} 个目标数值"
    else:
        data, notes = scaffold.report_body(programme, pilot, ledger, period, scaffold.latest_report(pilot, period))
        data["targets"] = indicators.merge_targets(data["targets"], table.entries, order)
        lines = [
            schema_line(rel, "report"),
            f"季报：目标数值由 scpilot import indicators 从 {args.file.name} 导入。",
            "请把所有「【请填写】」改为实际内容。",
        ]
        text = dump(data, notes, lines)
        action = f"已生成 {rel}（目标数值来自表格，其余内容请按「【请填写】」补全）"
    remapped = _origins_by_id(text, rel, table.entries, origins)
    # the report's 【请填写】 (SCP-E024) are left for the submitter, as the message above says
    problems = [p for p in validate_overlay(root, {rel: text}) if p.is_error and p.rule != PLACEHOLDER_RULE]
    if problems:
        return _report_sheet_errors(_mapped(rel, text, problems, remapped, Origin(args.file.name, "")))
    write_files(root, {rel: text})
    sys.stdout.write(f"{action}。请运行 scpilot validate {rel} 确认。\n")
    return 0


def _period_of(args: argparse.Namespace, programme: Programme, pilot: Pilot, table: IndicatorTable) -> str:
    """The report period: --period, else the table's, else the one due now; a mismatch is an error."""
    period = args.period or table.period
    if period is None:
        period, _ = pick_period(programme, "report", lambda p: p in pilot.reports, today(programme, args.at))
    if table.period and table.period != period:
        table.errors.insert(
            0,
            Origin(args.file.name, table.sheet, 2).error(
                f"表中的报告期是 {table.period}，导入的却是 {period}。", "请核对 --period。"
            ),
        )
    return period


def _updated_report(root: Path, rel: str, entries: list[dict[str, Any]], order: list[str]) -> str | None:
    """The existing report with only its targets block rewritten, or None when nothing changes."""
    loaded = load_file(root / rel, rel)
    document = loaded.document
    if document is None or not isinstance(document.data, dict) or not isinstance(document.data.get("targets"), list):
        raise ToolError(f"现有的 {rel} 无法读取或没有 targets：请先运行 scpilot validate {rel} 并改正。")
    merged = indicators.merge_targets(document.data["targets"], entries, order)
    if merged == document.data["targets"]:
        return None
    block = dump({"targets": merged})  # no comments: the reviewer's diff shows only the values
    text_now = (root / rel).read_text(encoding="utf-8")
    start = document.key_positions[("targets",)][0]
    following = [line for (key, *rest), (line, _) in document.key_positions.items() if not rest and line > start]
    end = min(following, default=len(text_now.splitlines()) + 1)
    return indicators.splice_targets(text_now, start, end, block)


def _origins_by_id(
    text: str, rel: str, entries: list[dict[str, Any]], origins: dict[tuple[str | int, ...], Origin]
) -> dict[tuple[str | int, ...], Origin]:
    """The table's origins re-keyed to where each target ended up in the written report."""
    document = load_bytes(text.encode("utf-8"), rel).document
    if document is None:
        return {}
    written = document.data.get("targets", []) if isinstance(document.data, dict) else []
    index_of = {entry.get("id"): i for i, entry in enumerate(written) if isinstance(entry, dict)}
    remapped: dict[tuple[str | int, ...], Origin] = {}
    for i, entry in enumerate(entries):
        j = index_of.get(entry["id"])
        if j is None:
            continue
        for path, origin in origins.items():
            if path[:2] == ("targets", i):
                remapped[("targets", j, *path[2:])] = origin
    return remapped


def run_export(args: argparse.Namespace, root: Path) -> int:
    repo = repository(root)
    programme = programme_of(repo)
    if args.template_kind == "recommendations":
        if args.province not in repo.provinces:
            raise ToolError(f"省份「{args.province}」没有登记。")
        check_period(programme, "recommendations", args.year)
        workbook = attachments.recommendations_workbook(repo, args.province, args.year)
        out = args.out or Path(f"推荐名单-{args.province}-{args.year}.xlsx")
        what = f"{repo.provinces[args.province].name} {args.year} 年推荐名单（附件1、附件2）"
    else:
        pilot = find_pilot(repo, args.pilot)
        if pilot.ledger is None:
            raise ToolError(f"试点「{pilot.id}」还没有通过校验的工作台账。")
        period = args.period
        if period is None:
            period, _ = pick_period(programme, "report", lambda p: p in pilot.reports, today(programme, args.at))
        check_period(programme, "report", period)
        workbook = indicators.indicators_workbook(programme, pilot, period)
        out = args.out or Path(f"季报目标数值-{pilot.id}-{period}.xlsx")
        what = f"{pilot.short_name} {period} 季报目标数值表"
    if out.exists() and not args.force:
        raise ToolError(f"{out} 已经存在，不会覆盖。\n提示：换一个 --out，或加 --force。")
    out.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(out)
    sys.stdout.write(f"已导出 {out}：{what}。\n")
    return 0
