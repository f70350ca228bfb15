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
