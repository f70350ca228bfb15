"""``scpilot new province``: register a confirming unit (its folder and province.yaml): a
province-level unit, or a separately planned city that programme.yaml lists; the code checked
against GB/T 2260 and the kind derived from it."""

from __future__ import annotations

import json

from generator.load.layout import document_path
from generator.model.repository import Repository
from generator.reference.divisions import all_divisions, division, is_municipality
from generator.tooling.common import PLACEHOLDER, ToolError
from generator.tooling.scaffold.common import Scaffold, header


def _kind(code: str, name: str) -> str:
    if code == "660000" or "兵团" in name:
        return "xpcc"
    if is_municipality(code):
        return "municipality"
    return "autonomous_region" if name.endswith("自治区") else "province"


def new_province(repo: Repository, *, province_id: str, name: str, code: str, reviewer: str | None = None) -> Scaffold:
    if province_id in repo.provinces:
        raise ToolError(f"省份 {province_id} 已经登记（{repo.provinces[province_id].name}）。")
    entry = division(code)
    provinces = "、".join(f"{d.name} {d.code}" for d in all_divisions() if d.level == "province")
    planned = repo.programme.mofcom_cities if repo.programme else {}
    separately_planned = planned.get(code) == "separately_planned"
    if entry is None or (entry.level != "province" and not separately_planned):
        what = "不在 GB/T 2260 中" if entry is None else f"是{entry.name}，不是省级行政区"
        raise ToolError(f"行政区划代码 {code} {what}。\n提示：省级行政区的代码：{provinces}。")
    if entry.name != name:
        raise ToolError(f"代码 {code} 是「{entry.name}」，不是「{name}」。\n提示：用 --name {entry.name}，或改正代码。")
    taken = next((p for p in repo.provinces.values() if p.code == code), None)
    if taken is not None:
        raise ToolError(f"代码 {code} 已由 {taken.id}（{taken.name}）登记。")
    rel = document_path("province", province_id)
    kind = "separately_planned" if separately_planned else _kind(code, name)
    lines = header(rel, "province", "scpilot new province", "审核人写本部门在代码托管平台上的账号或团队。")
    body = [
        *(f"# {line}" for line in lines),
        f"id: {province_id}",
        f"name: {name}",
        f'code: "{code}"',
        f"kind: {kind}",
        f"department: {json.dumps(PLACEHOLDER + '（例如 ' + name + ('商务局' if separately_planned else '商务厅') + '）', ensure_ascii=False)}",
        f"reviewers: [{json.dumps(reviewer or '@' + province_id + '-commerce')}]",
        "# contacts:",
        "#   - name: 姓名",
        "#     position: 职务",
        '#     phone: "010-00000000"',
        "#     email: name@example.com",
    ]
    note = None if reviewer else f"审核人暂写 @{province_id}-commerce，请改为本部门的实际账号或团队。"
    return Scaffold(rel, "\n".join(body) + "\n", f"{name}（{code}，{kind}）", note)
