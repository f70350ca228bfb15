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

from generator.assess.timeliness import assess
from generator.cli.args import add_root, add_target, day
from generator.history.versions import read_history
from generator.load.schemas import load_schema_set
from generator.rules import reporters
from generator.rules.unfilled import PLACEHOLDER_RULE
from generator.tooling import due, merge, practicelist, scaffold, transfer
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


def _at_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--at", type=day, default=None, metavar="YYYY-MM-DD", help="按哪一天判断“现在”，默认今天（中国标准时间）。"
    )


def register(sub: argparse._SubParsersAction[Any]) -> None:
    _register_new(sub)
    _register_import(sub)
    _register_export(sub)
    due_parser = sub.add_parser(
        "due",
        help="列出每个试点（和省份）已逾期或即将到期的材料，供提醒使用。",
        description="按工作日历列出已逾期（尚未确认）和 N 天内到期的材料，每个报送单位一组。"
        "reminders 工作流据此为每个试点打开或更新一条提醒。",
    )
    due_parser.add_argument("--within", type=int, default=7, metavar="N", help="列出 N 天内到期的材料，默认 7。")
    _at_option(due_parser)
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


def _register_new(sub: argparse._SubParsersAction[Any]) -> None:
    new = sub.add_parser(
        "new",
        help="生成带中文说明的模板文件（填好「【请填写】」后即能通过校验）：pilot、province、ledger、report、summary、recommendations。",
        description="在正确的文件夹中生成模板。季报预填台账的全部目标和举措及最近一期的数值；"
        "期别默认为按工作日历现在应报的一期。已有文件不会被覆盖。",
    )
    kinds = new.add_subparsers(dest="new_kind", metavar="<材料>", parser_class=type(new))
    kinds.required = True
    pilot = kinds.add_parser(
        "pilot", help="基本信息 pilot.yaml（新试点）。", description="生成新试点的基本信息 pilot.yaml。"
    )
    pilot.add_argument(
        "--id", dest="pilot_id", required=True, metavar="ID", help="试点标识（文件夹名），例如 fs-example-home。"
    )
    pilot.add_argument("--name", required=True, help="试点城市名称或试点企业全称。")
    pilot.add_argument(
        "--type",
        dest="pilot_type",
        choices=("city", "enterprise"),
        required=True,
        help="city 试点城市，enterprise 试点企业。",
    )
    pilot.add_argument("--province", metavar="P", help="省份文件夹，例如 guangdong。")
    pilot.add_argument("--short-name", help="简称（选填）。")
    pilot.add_argument("--category", choices=tuple(scaffold.CATEGORIES), help="企业类别，默认 entity（实体企业）。")
    pilot.add_argument("--central-soe", action="store_true", help="中央企业（放在 central 文件夹，由商务部确认）。")
    pilot.add_argument("--division-code", metavar="CODE", help="行政区划代码（6 位）。")
    pilot.add_argument(
        "--industry", action="append", default=None, metavar="CODE", help="行业代码（GB/T 4754-2017），可重复。"
    )
    ledger = kinds.add_parser(
        "ledger", help="工作台账 ledger.yaml。", description="按基本信息中的申报方案条目生成工作台账模板。"
    )
    ledger.add_argument("--pilot", required=True, metavar="ID", help="试点标识。")
    ledger.add_argument("--revised-on", type=day, default=None, metavar="YYYY-MM-DD", help="台账日期，默认今天。")
    report = kinds.add_parser(
        "report", help="季报 reports/YYYYQn.yaml。", description="生成季报模板，预填台账的目标、举措和最近一期的数值。"
    )
    report.add_argument("--pilot", required=True, metavar="ID", help="试点标识。")
    report.add_argument("--period", metavar="YYYYQn", help="季度，例如 2019Q3；默认为现在应报的一期。")
    summary = kinds.add_parser(
        "summary", help="试点总结报告 summaries/YYYY.yaml。", description="按附件3的结构生成试点总结报告模板。"
    )
    summary.add_argument("--pilot", required=True, metavar="ID", help="试点标识。")
    summary.add_argument("--year", metavar="YYYY", help="年度；默认为现在应报的一年。")
    province = kinds.add_parser(
        "province",
        help="登记一个省级商务主管部门（province.yaml）。",
        description="生成 submissions/<ID>/province.yaml；代码须是 GB/T 2260 中的省级行政区，类别由代码得出。",
    )
    province.add_argument("--id", dest="province_id", required=True, metavar="ID", help="省份文件夹，例如 hainan。")
    province.add_argument("--name", required=True, help="省级行政区名称，与 GB/T 2260 相同，例如 海南省。")
    province.add_argument("--code", required=True, metavar="CODE", help="行政区划代码（6 位），例如 460000。")
    province.add_argument("--reviewer", metavar="@ACCOUNT", help="审核人账号或团队（选填）。")
    recommendations = kinds.add_parser(
        "recommendations",
        help="推荐名单 recommendations/YYYY.yaml（省级）。",
        description="生成附件1、附件2推荐名单模板。",
    )
    recommendations.add_argument("--province", required=True, metavar="P", help="省份文件夹，例如 guangdong。")
    recommendations.add_argument("--year", metavar="YYYY", help="年度；默认为现在应报的一年。")
    for parser in (pilot, province, ledger, report, summary, recommendations):
        _at_option(parser)
        add_root(parser)


def _register_import(sub: argparse._SubParsersAction[Any]) -> None:
    imp = sub.add_parser(
        "import",
        help="从 Excel 导入：推荐名单（附件1、2）或季报目标数值表。",
        description="读取省里按通知格式填写的 Excel 表格，写成能通过校验的 YAML；有问题时指出工作表、行和列，什么也不写。",
    )
    kinds = imp.add_subparsers(dest="import_kind", metavar="<表格>", parser_class=type(imp))
    kinds.required = True
    rec = kinds.add_parser(
        "recommendations",
        help="附件1、附件2推荐名单 → recommendations/YYYY.yaml。",
        description="读取一个或多个工作簿中的附件1（供应链服务企业）和附件2（供应链协同平台）表格。",
    )
    rec.add_argument("files", nargs="+", type=Path, metavar="FILE.xlsx", help="Excel 工作簿（.xlsx）。")
    rec.add_argument("--province", required=True, metavar="P", help="省份文件夹，例如 guangdong。")
    rec.add_argument("--year", required=True, metavar="YYYY", help="推荐年度，例如 2019。")
    rec.add_argument("--force", action="store_true", help="覆盖已有的推荐名单（保留其中的填报人和审核意见）。")
    ind = kinds.add_parser(
        "indicators",
        help="季报目标数值表 → reports/YYYYQn.yaml 的目标数值。",
        description="读取季报目标数值表，写入季报的 targets：季报已存在时只更新目标数值，不存在时生成预填的季报。",
    )
    ind.add_argument("file", type=Path, metavar="FILE.xlsx", help="Excel 工作簿（.xlsx）。")
    ind.add_argument("--pilot", required=True, metavar="ID", help="试点标识。")
    ind.add_argument("--period", metavar="YYYYQn", help="季度；默认取表中的「报告期」。")
    lst = kinds.add_parser(
        "practices",
        help="公布的经验名单 → lists/<标识>.yaml。",
        description="照公布的原样读取一份经验名单（序号、经验名称、所属试点或单位、省份、类别、方面、主要做法、成效、来源网址）。",
    )
    lst.add_argument("file", type=Path, metavar="FILE.xlsx", help="Excel 工作簿（.xlsx）。")
    lst.add_argument("--list", required=True, metavar="NAME", help="名单名称，照公布原文。")
    lst.add_argument("--publisher", required=True, metavar="NAME", help="发布单位，例如 商务部等8部门。")
    lst.add_argument(
        "--date", required=True, type=lambda v: day(v).isoformat(), metavar="YYYY-MM-DD", help="公布日期。"
    )
    lst.add_argument("--batch", type=int, metavar="N", help="第几批（选填）。")
    lst.add_argument("--document", metavar="NO", help="文号（选填）。")
    lst.add_argument("--url", metavar="URL", help="公布名单的网址（选填）。")
    lst.add_argument("--id", metavar="ID", help="名单标识（文件名），默认 list-<日期>[-batch<批次>]。")
    lst.add_argument("--force", action="store_true", help="覆盖已有的同名名单。")
    for parser in (rec, ind, lst):
        _at_option(parser)
        add_root(parser)


def _register_export(sub: argparse._SubParsersAction[Any]) -> None:
    exp = sub.add_parser(
        "export",
        help="导出 Excel 模板：export template recommendations|indicators。",
        description="导出按通知格式排好的 Excel 模板，预填仓库中已有的内容；填好后用 scpilot import 导入。",
    )
    what = exp.add_subparsers(dest="export_what", metavar="template", parser_class=type(exp))
    what.required = True
    template = what.add_parser("template", help="Excel 模板。", description="导出 Excel 模板。")
    kinds = template.add_subparsers(dest="template_kind", metavar="<表格>", parser_class=type(exp))
    kinds.required = True
    rec = kinds.add_parser(
        "recommendations", help="附件1、附件2推荐名单。", description="附件1、附件2推荐名单，表头与通知相同。"
    )
    rec.add_argument("--province", required=True, metavar="P", help="省份文件夹。")
    rec.add_argument("--year", required=True, metavar="YYYY", help="推荐年度。")
    ind = kinds.add_parser(
        "indicators", help="季报目标数值表。", description="试点台账的全部目标，以及上期和本期的数值。"
    )
    ind.add_argument("--pilot", required=True, metavar="ID", help="试点标识。")
    ind.add_argument("--period", metavar="YYYYQn", help="季度；默认为现在应报的一期。")
    practices = what.add_parser(
        "practices",
        help="公布的经验名单（与 import practices 的格式相同）。",
        description="把一份经验名单导出为 Excel。",
    )
    practices.add_argument("--list", required=True, metavar="ID", help="名单标识（submissions/lists/<标识>.yaml）。")
    for parser in (rec, ind, practices):
        parser.add_argument("--out", type=Path, default=None, metavar="FILE.xlsx", help="输出文件，默认在当前目录。")
        parser.add_argument("--force", action="store_true", help="覆盖已有的输出文件。")
        _at_option(parser)
        add_root(parser)


# -- running ---------------------------------------------------------------------------------------


def run(args: argparse.Namespace, root: Path) -> int | None:
    if args.command not in COMMANDS:
        return None
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
    try:
        return merge.load_json_stream(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ToolError(f"无法读取 {path}：{exc.strerror}。") from None
    except merge.MergeInputError as exc:
        raise ToolError(f"{path}：{exc}") from None


def _merge_check(args: argparse.Namespace, root: Path) -> int:
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
