"""``scpilot print``: a pilot's progress page, one of its quarterly reports or one of its summary
reports as a PDF a department can file, printed from the built site by Debian's chromium
(``chromium --headless --print-to-pdf``) with the site's own print stylesheet: A4, the page's
address, the data's as-of date and the sheet's number on every sheet.

The site is not rebuilt here: the command prints what ``make site`` (``mkdocs build``) wrote."""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.cli.args import add_root

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
"""Looked up on PATH when SCPILOT_CHROMIUM is not set (the variable tests/test_browser.py reads too)."""
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",  # the page's own margin boxes, not chromium's date and file:// address
    "--print-to-pdf-no-header",  # the same, as older chromium spells it
)
TIMEOUT = 120
_REPORT = re.compile(r"\d{4}Q[1-4]")
_YEAR = re.compile(r"\d{4}")
BUILD_HINT = "在仓库根目录运行 make site 生成网站（或 NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict）"


class PrintError(Exception):
    """Why nothing was printed, in Chinese, with what to do."""


@dataclass(frozen=True)
class Target:
    html: Path
    """The built page (an ``index.html`` of the site)."""
    what: str
    """The page named for the clerk: 「深圳市 2020Q3 季报」."""


def register(sub: argparse._SubParsersAction[Any]) -> None:
    printing = sub.add_parser(
        "print",
        help="把试点进展页、季报或总结报告打印成 PDF（A4，每页有网址和数据截至日期）。",
        description="用 Debian 的 chromium 把已生成网站中的一个页面打印成 PDF：不写 --period 时是试点的进展页"
        "（进展概要、目标、举措和材料报送），--period YYYYQn 是该期季报，--period YYYY 是该年的试点总结报告。"
        "每页页眉有页面的网址和数据截至日期，页脚有页码。先用 make site（或 mkdocs build）生成网站。",
    )
    printing.add_argument(
        "--pilot", required=True, metavar="ID", help="试点标识（submissions/ 中的文件夹名），如 shenzhen。"
    )
    printing.add_argument(
        "--period",
        default=None,
        metavar="P",
        help="期别：YYYYQn 打印该期季报，YYYY 打印该年总结报告；不写时打印试点进展页。",
    )
    printing.add_argument(
        "--site", type=Path, default=None, metavar="DIR", help="已生成的网站文件夹，默认为仓库根目录下的 site/。"
    )
    printing.add_argument(
        "-o",
        "--out",
        type=Path,
        default=None,
        metavar="FILE.pdf",
        help="输出的 PDF 文件，默认为当前目录下的 <试点>[-<期别>].pdf。",
    )
    add_root(printing)


def run(args: argparse.Namespace, root: Path) -> int | None:
    if args.command != "print":
        return None
    site: Path = args.site if args.site is not None else root / "site"
    out: Path = (
        args.out if args.out is not None else Path(f"{args.pilot}{'-' + args.period if args.period else ''}.pdf")
    )
    try:
        target = locate(site, args.pilot, args.period)
        pages = print_pdf(chromium(), target.html, out)
    except PrintError as exc:
        sys.stderr.write(f"scpilot：{exc}\n")
        return 1
    sys.stdout.write(f"已打印{target.what}：{out}（A4，{pages} 页）。\n")
    return 0


def chromium() -> str:
    """The chromium program: SCPILOT_CHROMIUM, else the first of CHROMIUM_NAMES on PATH."""
    configured = os.environ.get("SCPILOT_CHROMIUM")
    if configured:
        found = shutil.which(configured)
        if found is None:
            raise PrintError(
                f"环境变量 SCPILOT_CHROMIUM 指定的浏览器 {configured} 不存在或不能运行。"
                "\n提示：改为 chromium 的完整路径（如 /usr/bin/chromium），或删除这个环境变量。"
            )
        return found
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found is not None:
            return found
    raise PrintError(
        "找不到 chromium，无法打印 PDF。\n提示：安装 Debian 的 chromium（sudo apt-get install chromium，"
        "或运行 make system-deps），或用环境变量 SCPILOT_CHROMIUM 指定浏览器程序的路径。"
    )


def locate(site: Path, pilot: str, period: str | None) -> Target:
    """The built page to print, or a PrintError saying what is missing and how to get it."""
    if not (site / "index.html").is_file():
        raise PrintError(
            f"{site} 中没有生成好的网站（找不到 index.html）。\n提示：{BUILD_HINT}；或用 --site 指定网站文件夹。"
        )
    pilots = site / "pilots"
    folder = pilots / pilot
    name = _page(folder)
    if name is None:
        known = sorted(p.name for p in pilots.iterdir() if _page(p) is not None) if pilots.is_dir() else []
        close = difflib.get_close_matches(pilot, known, n=3)
        hint = f"是不是：{'、'.join(close)}？" if close else "试点标识是 submissions/ 中试点的文件夹名，如 shenzhen。"
        raise PrintError(f"网站中没有试点「{pilot}」的页面。\n提示：{hint}新登记的试点要重新生成网站：{BUILD_HINT}。")
    if period is None:
        return Target(name, f"试点 {pilot} 的进展页")
    if _REPORT.fullmatch(period):
        title, noun, sub = f"{period} 季报", "季报", folder / "reports"
    elif _YEAR.fullmatch(period):
        title, noun, sub = f"{period} 年试点总结报告", "总结报告", folder / "summaries"
    else:
        raise PrintError(f"期别「{period}」的格式不对。\n提示：季报写 YYYYQn（如 2020Q3），总结报告写年份（如 2020）。")
    page = _page(sub / period)
    if page is None:
        have = sorted(p.stem if p.suffix == ".html" else p.name for p in sub.iterdir()) if sub.is_dir() else []
        listed = "、".join(dict.fromkeys(have)) or "（没有）"
        raise PrintError(
            f"网站中没有试点「{pilot}」的 {title}；网站中这个试点的{noun}有：{listed}。"
            f"\n提示：材料刚提交的要重新生成网站：{BUILD_HINT}。"
        )
    return Target(page, f"试点 {pilot} 的 {title}")


def _page(base: Path) -> Path | None:
    """A page's HTML with directory URLs (``base/index.html``) or without (``base.html``)."""
    for candidate in (base / "index.html", base.with_name(base.name + ".html")):
        if candidate.is_file():
            return candidate
    return None


def print_command(program: str, html: Path, pdf: Path) -> list[str]:
    return [program, *FLAGS, f"--print-to-pdf={pdf}", html.resolve().as_uri()]


def print_pdf(program: str, html: Path, out: Path) -> int:
    """Print ``html`` to ``out`` with chromium; the number of pages written. An existing ``out`` is
    replaced only by a whole PDF."""
    out = out.resolve()
    if not out.parent.is_dir():
        raise PrintError(f"输出文件夹 {out.parent} 不存在。\n提示：先建好这个文件夹，或用 -o 指定另一个位置。")
    with tempfile.TemporaryDirectory(prefix="scpilot-print-") as work:
        pdf = Path(work) / "page.pdf"
        # chromium keeps its profile under HOME: a private one, so that a running browser is not disturbed.
        env = {**os.environ, "HOME": work}
        try:
            done = subprocess.run(
                [*print_command(program, html, pdf), f"--user-data-dir={work}/profile"],
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                env=env,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise PrintError(
                f"chromium 在 {TIMEOUT} 秒内没有打印完 {html}。\n提示：关闭其他占用机器的程序后重试。"
            ) from None
        except OSError as exc:
            raise PrintError(f"无法运行 chromium（{program}）：{exc}。\n提示：检查 chromium 是否安装完整。") from None
        if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["（没有输出）"]
            raise PrintError(f"chromium 没有生成 PDF（退出码 {done.returncode}）：{detail[0]}")
        data = pdf.read_bytes()
    part = out.with_name(out.name + ".part")
    part.write_bytes(data)
    part.replace(out)
    return count_pages(data)


def count_pages(pdf: bytes) -> int:
    """The page objects of a PDF chromium wrote (``/Type /Page``, not the ``/Type /Pages`` tree)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
