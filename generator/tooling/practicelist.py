"""``scpilot import practices`` and ``scpilot export practices``: a published list of
practices as the publisher printed it (序号, 经验名称, 所属试点或单位, 省份, 类别, 方面,
主要做法, 成效, 来源网址), in and out of ``submissions/lists/<id>.yaml``.

Owners are matched to registered pilots and provinces by full or short name; an unknown
owner is reported with the closest registered names and nothing is written. An empty
主要做法 or 成效 becomes 未公开: nothing is invented.
"""

from __future__ import annotations

import argparse
import difflib
import io
import re
import sys
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from generator.load.layout import document_path
from generator.load.loader import load_file
from generator.model.repository import Repository
from generator.model.summary import NOT_DISCLOSED
from generator.tooling.cells import CellValueError, is_blank, key, number, text
from generator.tooling.common import ToolError, repository, schema_line, validate_overlay, write_files
from generator.tooling.excel import Grid, SheetError, find_table, open_workbook, style_body, style_header
from generator.tooling.yamlout import dump

COLUMNS = (
    ("number", "序号"),
    ("title", "经验名称"),
    ("owners", "所属试点或单位"),
    ("province", "省份"),
    ("category", "类别"),
    ("area", "方面"),
    ("summary", "主要做法"),
    ("effect", "成效"),
    ("url", "来源网址"),
)
ALIASES = {
    **{heading: name for name, heading in COLUMNS},
    "编号": "number",
    "名称": "title",
    "经验做法名称": "title",
    "典型经验名称": "title",
    "所属试点": "owners",
    "所属单位": "owners",
    "试点或单位": "owners",
    "省(区、市)": "province",
    "地区": "province",
    "具体做法": "summary",
    "实际成效": "effect",
    "取得成效": "effect",
    "网址": "url",
    "链接": "url",
}
_SEPARATORS = re.compile(r"[、，,；;/\n]+")


def owner_names(repo: Repository) -> dict[str, dict[str, str]]:
    """Comparison key of every registered name → the owner it names."""
    names: dict[str, dict[str, str]] = {}
    for p in repo.pilots.values():
        for name in (p.id, p.name, p.short_name):
            names.setdefault(key(name), {"kind": "pilot", "id": p.id})
    for v in repo.provinces.values():
        short = re.sub(r"(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$", "", v.name)
        for name in (v.id, v.name, v.department, short):
            names.setdefault(key(name), {"kind": "province", "id": v.id})
    for name in ("商务部", "中华人民共和国商务部"):
        names[key(name)] = {"kind": "ministry"}
    return names


def _owners(repo: Repository, cell: str, names: dict[str, dict[str, str]]) -> tuple[list[dict[str, str]], str]:
    owners: list[dict[str, str]] = []
    for part in (p for p in _SEPARATORS.split(cell) if p.strip()):
        found = names.get(key(part))
        if found is None:
            shown = sorted(
                {n for p in repo.pilots.values() for n in (p.name, p.short_name)}
                | {v.name for v in repo.provinces.values()}
            )
            close = difflib.get_close_matches(part.strip(), shown, n=3, cutoff=0.3)
            hint = (
                "最接近的已登记名称：" + "、".join(close) + "。"
                if close
                else "请先用 scpilot new pilot 或 new province 登记。"
            )
            return [], f"「{part.strip()}」不是已登记的试点或省份。\n    提示：{hint}"
        if found not in owners:
            owners.append(found)
    return owners, "" if owners else "没有填写所属试点或单位。"


def read_practices(repo: Repository, path: Path) -> tuple[list[dict[str, Any]], list[SheetError]]:
    """The practices of the first sheet whose header names 经验名称 and 所属试点或单位."""
    book, errors = open_workbook(path)
    if book is None:
        return [], errors
    names = owner_names(repo)
    for sheet in book.worksheets:
        table = find_table(Grid(sheet), path.name, ALIASES, {}, {"title", "owners"})
        if table is None:
            continue
        practices: list[dict[str, Any]] = []
        for row, cells in table.rows:
            get = {name: text(cell.value, multiline=name in ("summary", "effect")) for name, cell in cells.items()}
            if not get.get("title"):
                continue
            owners, problem = _owners(repo, get.get("owners", ""), names)
            if problem:
                errors.append(table.error(row, "owners", problem))
                continue
            item: dict[str, Any] = {"id": f"P{len(practices) + 1}"}
            if "number" in cells and not is_blank(cells["number"].value):
                try:
                    item["number"] = int(number(cells["number"].value, integer=True))
                except CellValueError as exc:
                    errors.append(table.error(row, "number", exc.message, exc.hint))
            item["title"] = get["title"]
            item["owners"] = owners
            item["owner_text"] = get["owners"]
            for name, field in (("province", "province_text"), ("category", "category"), ("area", "area")):
                if get.get(name):
                    item[field] = get[name]
            item["summary"] = get.get("summary") or NOT_DISCLOSED
            item["effect"] = {"text": get.get("effect") or NOT_DISCLOSED}
            if get.get("url"):
                item["url"] = get["url"]
            practices.append(item)
        if len(practices) > 99:
            errors.append(table.error(0, None, "一份名单最多导入 99 条经验。", "请分成几份名单导入。"))
        return practices, errors
    return [], [*errors, SheetError(path.name, "", 0, 0, "", "没有找到有「经验名称」和「所属试点或单位」两列的表格。")]


def list_id(args: argparse.Namespace) -> str:
    if args.id:
        return str(args.id)
    return f"list-{args.date}" + (f"-batch{args.batch}" if args.batch else "")


def run_import(args: argparse.Namespace, root: Path) -> int:
    repo = repository(root)
    ident = list_id(args)
    rel = document_path("practice_list", period=ident)
    if (root / rel).exists() and not args.force:
        raise ToolError(f"{rel} 已经存在，不会覆盖。\n提示：确实要替换它，请加 --force；或用 --id 换一个名单标识。")
    practices, errors = read_practices(repo, args.file)
    if errors:
        for error in errors:
            sys.stderr.write(error.render() + "\n")
        sys.stderr.write(f"共 {len(errors)} 个问题，没有写入任何文件。\n")
        return 1
    data: dict[str, Any] = {"id": ident, "name": args.list, "publisher": args.publisher}
    if args.batch:
        data["batch"] = args.batch
    if args.document:
        data["document"] = args.document
    data["date"] = args.date
    if args.url:
        data["url"] = args.url
    data["practices"] = practices
    header = [
        schema_line(rel, "practice_list"),
        f"公布的经验名单：由 scpilot import practices 从 {args.file.name} 导入。",
    ]
    body = dump(data, None, header)
    problems = [p for p in validate_overlay(root, {rel: body}) if p.is_error]
    if problems:
        for p in problems:
            sys.stderr.write(f"{p.file}:{p.line}:{p.column}: {p.rule} {p.message}\n")
        sys.stderr.write("没有写入任何文件。\n")
        return 1
    write_files(root, {rel: body})
    sys.stdout.write(f"已写入 {rel}（{len(practices)} 条经验）。请运行 scpilot validate {rel} 确认。\n")
    return 0


def workbook(repo: Repository, data: dict[str, Any]) -> bytes:
    """The list as published: a title row, then one row per practice in the import layout."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "经验名单"
    sheet.cell(row=1, column=1, value=data["name"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    for column, (_, heading) in enumerate(COLUMNS, start=1):
        sheet.cell(row=2, column=column, value=heading)
    names = {p.id: p.name for p in repo.pilots.values()} | {v.id: v.name for v in repo.provinces.values()}
    for row, p in enumerate(data["practices"], start=3):
        owners = p.get("owner_text") or "、".join(names.get(o.get("id", ""), "商务部") for o in p["owners"])
        effect = p["effect"]["text"]
        values = [
            p.get("number", ""),
            p["title"],
            owners,
            p.get("province_text", ""),
            p.get("category", ""),
            p.get("area", ""),
            "" if p["summary"] == NOT_DISCLOSED else p["summary"],
            "" if effect == NOT_DISCLOSED else effect,
            p.get("url", ""),
        ]
        for column, value in enumerate(values, start=1):
            sheet.cell(row=row, column=column, value=value)
    last = 2 + len(data["practices"])
    style_header(sheet, 2, 2, len(COLUMNS))
    style_body(sheet, 3, last, len(COLUMNS), set(range(1, len(COLUMNS) + 1)))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run_export(args: argparse.Namespace, root: Path) -> int:
    repo = repository(root)
    rel = document_path("practice_list", period=args.list)
    if not (root / rel).exists():
        raise ToolError(f"没有名单 {rel}。")
    loaded = load_file(root / rel, rel).document
    if loaded is None or not isinstance(loaded.data, dict):
        raise ToolError(f"{rel} 读不出来。\n提示：先运行 scpilot validate {rel}。")
    data = loaded.data
    out = args.out or Path(f"{args.list}.xlsx")
    if out.exists() and not args.force:
        raise ToolError(f"{out} 已经存在，不会覆盖。\n提示：加 --force 覆盖。")
    out.write_bytes(workbook(repo, data))
    sys.stdout.write(f"已写入 {out}（{len(data['practices'])} 条经验）。\n")
    return 0
