"""Argument types and options shared by every scpilot subcommand module."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path


def day(text: str) -> date:
    """An argparse type for YYYY-MM-DD dates, with a Chinese error."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"「{text}」不是 YYYY-MM-DD 格式的日期") from None


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
