"""Attachments 1 and 2 of the notice as Excel: the recommendation lists provinces fill in.

Import reads the tables as provinces fill them (the notice's headings, title and province
lines, merged headers, full-width digits, numbers typed as numbers, 「平台运营情况」 either
as one free-text column or split into the template's sub-columns) and returns the
``recommendations/<year>.yaml`` data with the origin of every value; export
(``attachment_export``) writes the same workbooks, prefilled with what the repository
already holds, which import reads back unchanged. The headings live in ``attachment_spec``,
the reading of one row in ``attachment_rows``.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.model.repository import Repository
from generator.tooling import cells
from generator.tooling.attachment_export import recommendations_workbook
from generator.tooling.attachment_rows import enterprise, match_pilot, parse_operation, platform
from generator.tooling.attachment_spec import ATT1, ATT2, ATT2_SUB, Imported
from generator.tooling.excel import Grid, Origin, Progress, SheetError, Table, find_table, open_workbook

__all__ = ["Imported", "match_pilot", "parse_operation", "read_recommendations", "recommendations_workbook"]


def read_recommendations(
    repo: Repository, files: list[Path], province: str, year: str, progress: Progress | None = None
) -> Imported:
    result = Imported({"province": province, "year": year, "service_enterprises": [], "platforms": []})
    region = repo.provinces.get(province)
    if region is None:
        known = "、".join(sorted(repo.provinces)) or "（无）"
        result.errors.append(SheetError("", "", 0, 0, "", f"省份「{province}」没有登记。", f"已登记的省份：{known}。"))
        return result
    candidates = [p for p in repo.pilots_in(province) if p.type == "enterprise"]
    found = 0
    for path in files:
        workbook, errors = open_workbook(path)
        result.errors.extend(errors)
        if workbook is None:
            continue
        for sheet in workbook.worksheets:
            if progress is not None:
                progress(f"正在读取 {path.name} 工作表「{sheet.title}」……")
            grid = Grid(sheet)
            table = find_table(grid, path.name, ATT2, ATT2_SUB, {"name"}, progress)
            if table is not None and any(k == "operation" or k in ATT2_SUB.values() for k in table.columns):
                _check_province(table, region.name, result)
                for row, values in table.rows:
                    platform(table, row, values, candidates, result)
                found += 1
                continue
            table = find_table(grid, path.name, ATT1, {}, {"name", "industries"}, progress)
            if table is not None:
                _check_province(table, region.name, result)
                for row, values in table.rows:
                    enterprise(table, row, values, candidates, result)
                found += 1
    if not found and not result.errors:
        names = "、".join(p.name for p in files)
        result.errors.append(
            SheetError(
                names,
                "",
                0,
                0,
                "",
                "没有找到附件1或附件2的表格。",
                "附件1的表头应有「序号 企业名称 主要服务行业 联系人 职务 联系电话 联系邮箱」，附件2的表头应有"
                "「序号 平台（企业）名称 平台运营情况 联系人 职务 联系电话 联系邮箱」；"
                "可以用 scpilot export template recommendations 生成模板。",
            )
        )
    _duplicates(result)
    return result


_PROVINCE_LINE = re.compile(r"省\(区、市\)[:]?(.*)")
_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市")


def _short_region(name: str) -> str:
    name = cells.key(name)
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _check_province(table: Table, name: str, result: Imported) -> None:
    for row, column, raw in table.above:
        match = _PROVINCE_LINE.search(cells.key(raw))
        if not match:
            continue
        written = match.group(1).strip("_＿ ")
        if written and _short_region(written) != _short_region(name):
            result.errors.append(
                Origin(table.file, table.sheet, row, column, "省（区、市）").error(
                    f"表中写的省份是「{raw.split('：')[-1].split(':')[-1].strip()}」，导入的却是{name}。",
                    "请核对 --province 参数，或改正表中的省（区、市）。",
                )
            )


def _duplicates(result: Imported) -> None:
    for list_name in ("service_enterprises", "platforms"):
        seen: dict[str, int] = {}
        for i, item in enumerate(result.data[list_name]):
            pilot = item.get("pilot")
            if pilot in seen:
                origin = result.origins.get((list_name, i), Origin("", ""))
                result.errors.append(
                    origin.error(
                        f"试点企业「{pilot}」在名单中出现了两次（另一次见第 {seen[pilot]} 行）。",
                        "每家企业在同一张名单中只列一次。",
                    )
                )
            elif pilot:
                seen[pilot] = result.origins.get((list_name, i), Origin("", "")).row
