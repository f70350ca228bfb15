"""``scpilot watchlist`` and ``scpilot draft province-summary``: the programme's rules as
commands (an extension of generator.cli.main). What they run is imported when they run
(the history pass, openpyxl): every ``scpilot`` command imports this module to register them."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from generator.cli.args import add_root, add_target, day

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction[Any]) -> None:
    watch = sub.add_parser(
        "watchlist",
        help="动态调整关注名单：缺报、逾期、举措滞后、目标滞后、未处理警告，按分数排序。",
        description="按 programme.yaml 中 watchlist 的权重给每个试点打分，列出分数不低于阈值的试点和原因。"
        "只计算截至 --at 当天已确认的材料。",
    )
    watch.add_argument("--at", type=day, default=None, metavar="YYYY-MM-DD", help="按哪一天判断，默认今天。")
    watch.add_argument("--format", choices=("text", "json"), default="text", help="输出格式，默认 text。")
    watch.add_argument("--all", action="store_true", help="列出全部试点，包括低于阈值的。")
    add_target(watch)
    add_root(watch)
    draft = sub.add_parser(
        "draft",
        help="生成省级汇总报告草稿（统计部分已填好）。",
        description="生成省级汇总报告草稿：Markdown 一份、统计表格 XLSX 一份。",
    )
    draft.add_argument("what", choices=("province-summary",), help="草稿类型。")
    draft.add_argument("--province", required=True, help="省份标识，例如 guangdong。")
    draft.add_argument("--year", required=True, help="年度，例如 2019。")
    draft.add_argument(
        "--at", type=day, default=None, metavar="YYYY-MM-DD", help="统计截至哪一天，默认为该年汇总报告的截止日期。"
    )
    draft.add_argument(
        "--out", type=Path, default=Path("build/drafts"), metavar="DIR", help="输出文件夹，默认 build/drafts。"
    )
    add_target(draft)
    add_root(draft)


def run(args: argparse.Namespace, root: Path) -> int | None:
    if args.command == "watchlist":
        return _watchlist(root, args.at, args.format, args.all, args.target)
    if args.command == "draft":
        return _draft(root, args.province, args.year, args.at, args.out, args.target)
    return None


def _watchlist(root: Path, at: date | None, fmt: str, everyone: bool, target: str | None = None) -> int:
    from generator.assess.timeliness import assess
    from generator.assess.watchlist import watchlist
    from generator.history.versions import read_history
    from generator.rules.validate import validate_repository

    result = validate_repository(root)
    programme = result.repository.programme
    if programme is None:
        sys.stderr.write("scpilot：工作日历 submissions/programme.yaml 缺失或无效。\n")
        return 1
    when = at or datetime.now(programme.tz).date()
    history = read_history(root, target=target)
    entries = watchlist(result.repository, history, assess(result.repository, history, when), result.warnings, when)
    threshold = programme.thresholds.watch_threshold
    listed = entries if everyone else [e for e in entries if e.score >= threshold]
    if fmt == "json":
        rows = [
            {
                "pilot": e.pilot,
                "name": e.name,
                "province": e.province,
                "score": e.score,
                "reasons": e.reasons,
                "counts": e.counts,
            }
            for e in listed
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 0
    lines = [f"截至 {when.isoformat()} 的动态调整关注名单（分数不低于 {threshold:g}，共 {len(listed)} 个试点）："]
    for rank, e in enumerate(listed, start=1):
        lines.append(f"{rank}. {e.name}（{e.pilot}，{e.province}）  {e.score:g} 分")
        lines += [f"   - {reason}" for reason in e.reasons]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _draft(root: Path, province: str, year: str, at: date | None, out: Path, branch: str | None = None) -> int:
    from generator.history.versions import read_history
    from generator.load.schemas import load_schema_set
    from generator.rules.validate import validate_repository
    from generator.site import drafts
    from generator.site.labels import load_labels

    result = validate_repository(root)
    repo = result.repository
    if province not in repo.provinces:
        sys.stderr.write(f"scpilot：没有登记省份「{province}」。已登记：{'、'.join(sorted(repo.provinces))}。\n")
        return 2
    if repo.programme is None or repo.programme.deadline("province_summary", year) is None:
        sys.stderr.write(f"scpilot：工作日历中没有 {year} 年的省级汇总报告。\n")
        return 2
    labels = load_labels(load_schema_set(root / "schemas"))
    stats = drafts.province_stats(repo, read_history(root, target=branch), labels, province, year, at)
    target = out if out.is_absolute() else Path.cwd() / out
    target.mkdir(parents=True, exist_ok=True)
    (target / f"{province}-{year}.md").write_text(drafts.render_markdown(stats), encoding="utf-8")
    (target / f"{province}-{year}.xlsx").write_bytes(drafts.render_xlsx(stats))
    sys.stdout.write(f"已写入 {target / f'{province}-{year}.md'} 和 {province}-{year}.xlsx。\n")
    return 0
