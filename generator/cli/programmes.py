"""``scpilot programmes`` (the programmes, their batches and participants) and ``scpilot
migrate`` (a one-programme repository to the several-programme layout): an extension of
generator.cli.main."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from generator.cli.args import add_root
from generator.load.layout import document_path
from generator.model.repository import Repository
from generator.rules.validate import validate_repository
from generator.tooling.migrate import migrate

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction[Any]) -> None:
    listing = sub.add_parser(
        "programmes",
        help="列出仓库中的各项工作（首轮试点、示范创建等）及其批次和参加者。",
        description="列出 submissions/programme.yaml 和 submissions/programmes/ 中的每项工作：起止日期、判断日、"
        "各批次名单和每个参加者的入选日期；取消资格的试点注明取消日期（义务到此为止）。",
    )
    listing.add_argument("--format", choices=("text", "json"), default="text", help="输出格式，默认 text。")
    add_root(listing)
    mig = sub.add_parser(
        "migrate",
        help="把只有一项工作的仓库转换为多项工作的写法（写出首轮名单，as_of 移入工作日历）。",
        description="机械的转换：programme.yaml 没有 batches 时，按已登记的试点写出第 1 批名单（试点期第一天起）；"
        "mkdocs.yml 中 scpilot 插件的 as_of 移到 programme.yaml。保留全部注释。已转换过的仓库不变。",
    )
    mig.add_argument("--check", action="store_true", help="只检查是否需要转换，需要时退出码为 1，不改文件。")
    add_root(mig)


def run(args: argparse.Namespace, root: Path) -> int | None:
    if args.command == "programmes":
        return _programmes(root, args.format)
    if args.command == "migrate":
        return _migrate(root, args.check)
    return None


def listing(repo: Repository) -> list[dict[str, object]]:
    """Each programme with its participants: ``{id, name, starts, ends, as_of, batches,
    participants: [{pilot, batch, enrolled_on, left_on}]}``. Pure."""
    programme = repo.programme
    if programme is None:
        return []
    found: list[dict[str, object]] = []
    for cal in programme.calendars:
        members = [e for p in sorted(repo.enrolments) for e in repo.enrolments[p] if e.programme == cal.id]
        members.sort(key=lambda e: (e.enrolled_on, e.batch or 0, e.pilot))
        found.append(
            {
                "id": cal.id,
                "name": cal.name,
                "short_name": cal.short_name,
                "starts": cal.start.isoformat(),
                "ends": cal.end.isoformat(),
                "as_of": cal.as_of.isoformat() if cal.as_of else None,
                "file": cal.doc.path,
                "batches": [
                    {"batch": b.number, "name": b.name, "announced": b.announced.isoformat(), "notice": b.notice}
                    for b in cal.batches
                ],
                "participants": [
                    {
                        "pilot": e.pilot,
                        "batch": e.batch,
                        "enrolled_on": e.enrolled_on.isoformat(),
                        "left_on": e.left_on.isoformat() if e.left_on else None,
                    }
                    for e in members
                ],
            }
        )
    return found


def _programmes(root: Path, fmt: str) -> int:
    result = validate_repository(root)
    if result.repository.programme is None:
        log.error("工作日历 %s 缺失或无效，请先运行 scpilot validate。", document_path("programme"))
        return 1
    rows = listing(result.repository)
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 0
    names = {p.id: p.name for p in result.repository.all_pilots}
    lines: list[str] = []
    for row in rows:
        lines.append(f"{row['name']}（{row['id']}）：{row['starts']} 至 {row['ends']}" + _as_of(row))
        participants: list[dict[str, Any]] = row["participants"]  # type: ignore[assignment]
        for p in participants:
            batch = f"第 {p['batch']} 批" if p["batch"] else "登记即参加"
            left = f"，{p['left_on']} 取消资格" if p["left_on"] else ""
            lines.append(f"  {p['pilot']:<28} {names.get(p['pilot'], '')}  {batch}，{p['enrolled_on']} 入选{left}")
        lines.append(f"  共 {len(participants)} 个参加者。")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _as_of(row: dict[str, object]) -> str:
    return f"，报送情况按 {row['as_of']} 判断" if row["as_of"] else ""


def _migrate(root: Path, check: bool) -> int:
    result = validate_repository(root)
    programme = result.repository.programme
    if programme is None:
        log.error("工作日历 %s 缺失或无效，请先运行 scpilot validate。", document_path("programme"))
        return 1
    calendar_path, mkdocs_path = root / document_path("programme"), root / "mkdocs.yml"
    mkdocs = mkdocs_path.read_text(encoding="utf-8") if mkdocs_path.is_file() else ""
    pilots = sorted(p.id for p in result.repository.all_pilots)
    done = migrate(calendar_path.read_text(encoding="utf-8"), mkdocs, pilots, programme.pilot_start.isoformat())
    if not done.changes:
        sys.stdout.write("已经是多项工作的写法，不需要转换。\n")
        return 0
    if check:
        sys.stdout.write("需要转换：\n" + "".join(f"- {c}\n" for c in done.changes) + "运行 scpilot migrate 转换。\n")
        return 1
    calendar_path.write_text(done.programme, encoding="utf-8")
    if mkdocs:
        mkdocs_path.write_text(done.mkdocs, encoding="utf-8")
    sys.stdout.write(
        "已转换：\n"
        + "".join(f"- {c}\n" for c in done.changes)
        + "请核对批次名单、公布日期和文号，再运行 scpilot validate。\n"
    )
    return 0
