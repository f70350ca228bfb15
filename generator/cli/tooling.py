"""The tooling subcommands, registered through ``generator.cli.main.EXTENSIONS``:

    scpilot new pilot|ledger|report|summary|recommendations …
    scpilot import recommendations FILE.xlsx … --province P --year Y
    scpilot import indicators FILE.xlsx --pilot ID [--period YYYYQn]
    scpilot import practices FILE.xlsx --list NAME --publisher NAME --date YYYY-MM-DD
    scpilot export practices --list ID [--out FILE.xlsx]
    scpilot export template recommendations|indicators …
    scpilot due [--within N] [--at DATE] [--format text|json|markdown]
    scpilot merge-check --pull … --reviews … --files … --checks …
    scpilot local-date DATETIME

The parsers and the small commands live here (``import`` and ``export`` run in
``transfer``); the decisions are in the sibling modules, which never print.
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from generator.cli import tooling_parsers as parsers
from generator.cli.args import add_root, add_target
from generator.load.schemas import load_schema_set
from generator.rules import reporters
from generator.rules.unfilled import PLACEHOLDER_RULE
from generator.tooling import due, scaffold
from generator.tooling.common import (
    ToolError,
    programme_of,
    refuse_existing,
    repository,
    today,
    validate_overlay,
    write_files,
)

log = logging.getLogger(__name__)
COMMANDS = ("new", "import", "export", "due", "merge-check", "local-date")


def register(sub: argparse._SubParsersAction[Any]) -> None:
    parsers.register_new(sub)
    parsers.register_import(sub)
    parsers.register_export(sub)
    due_parser = sub.add_parser(
        "due",
        help="列出每个试点（和省份）已逾期或即将到期的材料，供提醒使用。",
        description="按工作日历列出已逾期（尚未确认）和 N 天内到期的材料，每个报送单位一组。"
        "reminders 工作流据此为每个试点打开或更新一条提醒。",
    )
    due_parser.add_argument("--within", type=int, default=7, metavar="N", help="列出 N 天内到期的材料，默认 7。")
    parsers.at_option(due_parser)
    due_parser.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="输出格式：text 给人看，json 给工作流用（每个单位一条，含提醒正文），markdown 用于工作流摘要。",
    )
    add_target(due_parser)
    add_root(due_parser)
    check = sub.add_parser(
        "merge-check",
        help="合并工作流用：判断合并请求能否确认合并，并生成带确认记录的合并提交说明。",
        description="读取代码托管平台记录的合并请求、审核、改动文件和检查结果（REST API 的 JSON），"
        "按 main 的 CODEOWNERS 和登记信息判断：确认部门的审核人是否批准了当前提交、检查是否全部通过。"
        "可以合并时退出码为 0，并输出合并提交说明（含 Confirmed-by、Submitted-at、Reviewed-on）；否则为 1 并说明原因。",
    )
    check.add_argument("--pull", type=Path, required=True, metavar="FILE", help="合并请求（GET /pulls/N 的 JSON）。")
    check.add_argument("--reviews", type=Path, required=True, metavar="FILE", help="审核（GET /pulls/N/reviews）。")
    check.add_argument("--files", type=Path, required=True, metavar="FILE", help="改动的文件（GET /pulls/N/files）。")
    check.add_argument(
        "--checks", type=Path, required=True, metavar="FILE", help="检查结果（GET /commits/SHA/check-runs）。"
    )
    check.add_argument(
        "--ignore-check",
        action="append",
        default=[],
        metavar="NAME",
        help="不计入的检查（例如合并工作流自己），可重复。",
    )
    check.add_argument(
        "--require-check", action="append", default=[], metavar="NAME", help="必须有结果并通过的检查，可重复。"
    )
    check.add_argument("--format", choices=("text", "json"), default="text", help="输出格式，默认 text。")
    add_root(check)
    local = sub.add_parser(
        "local-date",
        help="把带时区的时间换算成工作日历时区（中国标准时间）的日期。",
        description="例如把合并请求的创建时间 2019-10-12T17:20:00Z 换算成 2019-10-13，供 scpilot changes --submitted-at 使用。",
    )
    local.add_argument("moment", metavar="DATETIME", help="ISO 8601 时间，例如 2019-10-12T17:20:00Z。")
    add_root(local)


def run(args: argparse.Namespace, root: Path) -> int | None:
    if args.command not in COMMANDS:
        return None
    from generator.tooling import practicelist, transfer  # openpyxl: imported when one of these runs

    try:
        if args.command == "new":
            return _new(args, root)
        if args.command == "import":
            if args.import_kind == "practices":
                return practicelist.run_import(args, root)
            return transfer.run_import(args, root)
        if args.command == "export":
            if args.export_what == "practices":
                return practicelist.run_export(args, root)
            return transfer.run_export(args, root)
        if args.command == "due":
            return _due(args, root)
        if args.command == "merge-check":
            return _merge_check(args, root)
        return _local_date(args, root)
    except ToolError as exc:
        sys.stderr.write(f"scpilot：{exc}\n")
        return 1


def _new(args: argparse.Namespace, root: Path) -> int:
    repo = repository(root)
    programme = programme_of(repo)
    when = today(programme, args.at)
    kind = args.new_kind
    if kind == "pilot":
        built = scaffold.new_pilot(
            repo,
            pilot_id=args.pilot_id,
            name=args.name,
            pilot_type=args.pilot_type,
            province=args.province,
            short_name=args.short_name,
            category=args.category,
            central_soe=args.central_soe,
            division_code=args.division_code,
            industries=args.industry,
        )
    elif kind == "province":
        built = scaffold.new_province(
            repo, province_id=args.province_id, name=args.name, code=args.code, reviewer=args.reviewer
        )
    elif kind == "ledger":
        built = scaffold.new_ledger(repo, pilot_id=args.pilot, revised_on=args.revised_on or when)
    elif kind == "report":
        built = scaffold.new_report(repo, pilot_id=args.pilot, period=args.period, when=when)
    elif kind == "summary":
        built = scaffold.new_summary(
            repo, load_schema_set(root / "schemas"), pilot_id=args.pilot, year=args.year, when=when
        )
    else:
        built = scaffold.new_recommendations(repo, province=args.province, year=args.year, when=when)
    refuse_existing(root, [built.path])
    _check_and_write(root, {built.path: built.text}, "生成的模板")
    if built.note:
        sys.stdout.write(f"注意：{built.note}\n")
    sys.stdout.write(
        f"已生成 {built.path}：{built.summary}。\n"
        f"下一步：把文件中所有「【请填写】」改为实际内容，然后运行 scpilot validate {built.path}\n"
    )
    return 0


def _check_and_write(root: Path, files: dict[str, str], what: str) -> None:
    found = validate_overlay(root, files)
    unfilled = [p for p in found if p.rule == PLACEHOLDER_RULE]  # the template's purpose: not a fault
    problems = [p for p in found if p.is_error and p.rule != PLACEHOLDER_RULE]
    if problems:
        raise ToolError(
            f"{what}没有通过校验，没有写入任何文件（这是 scpilot 的问题，请联系系统维护人）：\n"
            + reporters.text(problems, len(files)).rstrip("\n")
        )
    write_files(root, files)
    warnings = [p for p in found if not p.is_error]
    if warnings:
        sys.stdout.write("校验提示（警告，不影响提交）：\n" + reporters.text(warnings, len(files)))
    if unfilled:
        sys.stdout.write(
            f"还有 {len(unfilled)} 处「【请填写】」要填写：全部填好之前，scpilot validate 会报错（{PLACEHOLDER_RULE}），"
            "不能提交。\n"
        )


def _due(args: argparse.Namespace, root: Path) -> int:
    from generator.assess.timeliness import assess
    from generator.history.versions import read_history

    if args.within < 0:
        raise ToolError("--within 不能是负数。")
    repo = repository(root)
    programme = programme_of(repo)
    when = today(programme, args.at)
    history = read_history(root, target=args.target)
    if not history.available:
        log.warning("%s 不是 git 仓库：没有提交和确认记录，无法判断是否已确认，所有材料都按未确认提醒。", root)
    elif history.shallow:
        log.warning("这是浅克隆：边界之前的确认记录不可见。请用完整历史（fetch-depth: 0）。")
    owners = due.due_items(repo, assess(repo, history, when), when, args.within)
    if args.format == "json":
        sys.stdout.write(due.as_json(owners, when, args.within))
    elif args.format == "markdown":
        sys.stdout.write(due.as_markdown(owners, when, args.within))
    else:
        sys.stdout.write(due.as_text(owners, when, args.within))
    return 0


def _read_stream(path: Path) -> list[Any]:
    from generator.tooling import merge  # GitPython: imported when merge-check runs

    try:
        return merge.load_json_stream(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ToolError(f"无法读取 {path}：{exc.strerror}。") from None
    except merge.MergeInputError as exc:
        raise ToolError(f"{path}：{exc}") from None


def _merge_check(args: argparse.Namespace, root: Path) -> int:
    from generator.tooling import merge

    repo = repository(root)
    pulls = merge.flatten(_read_stream(args.pull))
    if len(pulls) != 1:
        raise ToolError(f"{args.pull} 应只包含一个合并请求。")
    codeowners_path = root / ".github" / "CODEOWNERS"
    if not codeowners_path.is_file():
        raise ToolError("找不到 .github/CODEOWNERS：请先运行 scpilot codeowners 生成。")
    try:
        decision = merge.decide(
            repo,
            codeowners_path.read_text(encoding="utf-8"),
            pulls[0],
            merge.flatten(_read_stream(args.reviews)),
            merge.flatten(_read_stream(args.files)),
            merge.flatten(_read_stream(args.checks), "check_runs"),
            ignore_checks=tuple(args.ignore_check),
            require_checks=tuple(args.require_check),
        )
    except merge.MergeInputError as exc:
        raise ToolError(str(exc)) from None
    if args.format == "json":
        sys.stdout.write(decision.as_json())
    elif decision.merge:
        sys.stdout.write(f"可以合并 #{decision.number}（{decision.sha}）。\n\n{decision.title}\n\n{decision.message}\n")
    else:
        sys.stdout.write(f"暂不合并 #{decision.number}：\n" + "".join(f"- {r}\n" for r in decision.reasons))
    return 0 if decision.merge else 1


def _local_date(args: argparse.Namespace, root: Path) -> int:
    repo = repository(root)
    programme = programme_of(repo)
    try:
        moment = datetime.fromisoformat(args.moment.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ToolError(f"「{args.moment}」不是 ISO 8601 时间，例如 2019-10-12T17:20:00Z。") from None
    if moment.tzinfo is None:
        raise ToolError(f"「{args.moment}」没有时区，无法换算。")
    sys.stdout.write(programme.local_date(moment).isoformat() + "\n")
    return 0
