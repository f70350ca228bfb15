"""Argument types and options shared by every scpilot subcommand module."""

from __future__ import annotations

import argparse
import calendar
import re
from datetime import date
from pathlib import Path

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def day(text: str) -> date:
    """An argparse type for YYYY-MM-DD dates, with a Chinese error that tells a wrong format
    from a day that does not exist (2020-02-30)."""
    match = _DAY.fullmatch(text.strip())
    if match is None:
        raise argparse.ArgumentTypeError(f"「{text}」不是 YYYY-MM-DD 格式的日期，例如 2019-10-15")
    year, month, number = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        raise argparse.ArgumentTypeError(f"「{text}」的月份 {month} 不存在：月份是 01 到 12")
    last = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= number <= last:
        raise argparse.ArgumentTypeError(f"{year} 年 {month} 月没有 {number} 日：这个月只有 {last} 天")
    try:
        return date(year, month, number)
    except ValueError:  # year 0
        raise argparse.ArgumentTypeError(f"「{text}」不是有效的日期") from None


def add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root",
        type=Path,
        default=argparse.SUPPRESS,
        help="仓库根目录（含 submissions/ 和 schemas/）；默认从当前目录向上查找。",
    )


def add_target(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--target",
        default=None,
        metavar="BRANCH",
        help="确认分支：只有合并到这个分支（沿第一父提交）的材料才算已确认，只在当前分支上的算“已提交，待确认”。"
        "默认取环境变量 SCPILOT_TARGET_BRANCH，再默认 main；本地没有该分支时用 origin/main。",
    )
