"""``scpilot demo``: write a synthetic programme repository (an extension of generator.cli.main)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from generator.cli.args import add_root


def register(sub: argparse._SubParsersAction[Any]) -> None:
    demo = sub.add_parser(
        "demo",
        help="生成一个虚构的试点报送仓库（含 git 历史），用于演示和性能测试。",
        description="按真实试点的构成（约六分之一为试点城市，其余为各类试点企业，含中央企业和取消资格的试点）"
        "生成 N 个虚构试点及其全部材料，分布在 31 个省级行政区，并生成 2019—2020 年逐个合并请求报送和确认的 git 历史"
        "（有逾期、有缺报）。同样的 N 和 --seed 总是生成同样的仓库。schemas/、docs/、mkdocs.yml 和工作日历取自当前仓库。",
    )
    demo.add_argument("--pilots", type=_positive, default=321, metavar="N", help="试点数量，默认 321（真实规模）。")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="随机种子，默认 1。")
    demo.add_argument("--out", type=Path, required=True, metavar="DIR", help="输出文件夹（不存在或为空）。")
    add_root(demo)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"「{text}」不是整数") from None
    if value < 1:
        raise argparse.ArgumentTypeError("试点数量至少为 1")
    return value


def run(args: argparse.Namespace, root: Path) -> int | None:
    if args.command != "demo":
        return None
    from generator.tooling.demo.build import generate_demo

    out: Path = args.out if args.out.is_absolute() else Path.cwd() / args.out
    started = time.monotonic()
    try:
        result = generate_demo(root, out, args.pilots, args.seed)
    except FileExistsError:
        sys.stderr.write(f"scpilot：{args.out} 已存在且不为空；请指定一个新的文件夹。\n")
        return 2
    except RuntimeError as exc:
        sys.stderr.write(f"scpilot：生成 git 历史失败：{exc}\n")
        return 1
    sys.stdout.write(
        f"已生成 {out}：{result.pilots} 个试点，{result.files} 个文件，"
        f"{result.pull_requests} 个合并请求（{result.commits} 个提交），用时 {time.monotonic() - started:.1f} 秒。\n"
        f"校验：scpilot validate --root {out}；生成网站：cd {out} && mkdocs build\n"
    )
    return 0
