"""The parsers of ``scpilot new``, ``scpilot import`` and ``scpilot export`` (their help texts
are the user's documentation, so they are long); ``generator.cli.tooling`` runs them."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from generator.cli.args import add_root, day
from generator.tooling import scaffold


def at_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--at", type=day, default=None, metavar="YYYY-MM-DD", help="按哪一天判断“现在”，默认今天（中国标准时间）。"
    )


def register_new(sub: argparse._SubParsersAction[Any]) -> None:
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
        at_option(parser)
        add_root(parser)


def register_import(sub: argparse._SubParsersAction[Any]) -> None:
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
        at_option(parser)
        add_root(parser)


def register_export(sub: argparse._SubParsersAction[Any]) -> None:
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
        at_option(parser)
        add_root(parser)


# -- running ---------------------------------------------------------------------------------------
