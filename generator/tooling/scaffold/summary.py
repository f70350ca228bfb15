"""``scpilot new summary`` and ``scpilot new recommendations``."""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.assess.timeliness import owed_by
from generator.load.layout import document_path
from generator.load.schemas import SchemaSet
from generator.model.repository import Pilot, Repository, Target
from generator.tooling.common import (
    PLACEHOLDER,
    ToolError,
    check_period,
    find_pilot,
    pick_period,
    programme_of,
)
from generator.tooling.scaffold.common import Scaffold, header
from generator.tooling.scaffold.report import latest_report
from generator.tooling.yamlout import Notes, dump

# -- summary report -------------------------------------------------------------------------------


def new_summary(repo: Repository, schemas: SchemaSet, *, pilot_id: str, year: str | None, when: date) -> Scaffold:
    programme = programme_of(repo)
    pilot = find_pilot(repo, pilot_id)
    note = None
    owed = owed_by(repo, pilot.id)
    if year is None:
        year, note = pick_period(programme, "summary", lambda p: p in pilot.summaries, when, owed)
    check_period(programme, "summary", year, owed)
    rel = document_path("summary", pilot.folder, pilot.id, year)
    notes = Notes()
    sections = _sections(schemas, pilot, year, notes)
    data: dict[str, Any] = {
        "pilot": pilot.id,
        "year": year,
        "pilot_type": pilot.type,
        "abstract": f"{PLACEHOLDER}一段话概括本年度试点工作和成效",
        "sections": sections,
        "practices": [
            {
                "id": "P1",
                "title": f"{PLACEHOLDER}一句话概括经验",
                "theme": "innovation",
                "area": "management",
                "summary": f"{PLACEHOLDER}具体做了什么、怎么做的",
                "effect": {"text": f"{PLACEHOLDER}带来了什么可衡量的变化，尽量用数字"},
                "conditions": f"{PLACEHOLDER}别人照做需要什么条件",
                "tags": [PLACEHOLDER],
            }
        ],
    }
    notes.add_above(
        ("sections",),
        f"报告正文：按附件3{'试点城市八个' if pilot.type == 'city' else '试点企业七个'}部分撰写；必填项已列出，选填项在每部分末尾。",
    )
    notes.add_above(
        ("practices",),
        "可复制推广经验：做了什么（summary）、可衡量的变化（effect，可加 figures 列出数字）、复制条件和检索标签。",
    )
    notes.inline[("practices", 0, "theme")] = "附件3的部分，须适用于本试点类型"
    notes.inline[("practices", 0, "area")] = (
        "governance 政府公共服务和治理；management 供应链管理与协同；innovation 技术与模式创新"
    )
    text = dump(data, notes, header(rel, "summary", "scpilot new summary"))
    return Scaffold(
        rel, text, f"{year} 年试点总结报告模板（{'试点城市' if pilot.type == 'city' else '试点企业'}）", note
    )


def _sections(schemas: SchemaSet, pilot: Pilot, year: str, notes: Notes) -> dict[str, Any]:
    """The report body for the pilot's type: every required field with a placeholder, the
    optional ones as comments, the target completion prefilled from the latest report."""
    summary_schema = schemas.schemas["summary.schema.json"]
    section_def = summary_schema["$defs"]["city_sections" if pilot.type == "city" else "enterprise_sections"]
    sections: dict[str, Any] = {}
    for name, spec in section_def["properties"].items():
        node = _resolved(schemas, spec)
        body: dict[str, Any] = {}
        notes.add_above(("sections", name), f"{node.get('title', name)}：{node.get('description', '')}")
        required = node.get("required") or node.get("else", {}).get("required", [])
        for field_name in required:
            child = _resolved(schemas, node["properties"][field_name])
            body[field_name] = f"{PLACEHOLDER}{child.get('title', field_name)}"
            notes.add_above(("sections", name, field_name), str(child.get("description", "")))
        optional = [k for k in node.get("properties", {}) if k not in body]
        for field_name in optional:
            child = _resolved(schemas, node["properties"][field_name])
            if field_name == "targets" and pilot.ledger is not None:
                body["targets"] = _completion(pilot, year)
                notes.add_above(
                    ("sections", name, "targets"),
                    "每个台账目标的年末数值和是否完成（已按仓库中最近的季报预填，请核对）",
                )
            elif field_name == "not_reported":
                notes.add_tail(
                    ("sections", name), "# not_reported: 未报告（这一部分确实没有内容时，删去上面各项，只写这一行）"
                )
            elif field_name == "kpis":
                notes.add_tail(("sections", name), f"# kpis: {child.get('description', '附件3绩效指标')}（选填）")
            else:
                notes.add_tail(("sections", name), f"# {field_name}: {child.get('title', field_name)}（选填）")
        sections[name] = body
    return sections


def _resolved(schemas: SchemaSet, node: dict[str, Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for part, _ in schemas.expand(node, "summary.schema.json"):
        for key, value in part.items():
            merged.setdefault(key, value)
    return merged


def _completion(pilot: Pilot, year: str) -> list[dict[str, Any]]:
    ledger = pilot.ledger
    assert ledger is not None
    last = latest_report(pilot, f"{int(year) + 1}Q1")
    values = {t.id: t.value for t in last.targets} if last else {}
    rows: list[dict[str, Any]] = []
    for target in ledger.targets:
        row: dict[str, Any] = {"id": target.id}
        value = values.get(target.id)
        if value is not None and target.kind == "quantitative":
            row["value"] = value
        row["achieved"] = _achieved(target, value)
        rows.append(row)
    return rows


def _achieved(target: Target, value: float | None) -> bool:
    if value is None or target.target_value is None:
        return False
    return value >= target.target_value if target.direction == "increase" else value <= target.target_value


# -- recommendations ------------------------------------------------------------------------------


def new_recommendations(repo: Repository, *, province: str, year: str | None, when: date) -> Scaffold:
    programme = programme_of(repo)
    if province not in repo.provinces:
        known = "、".join(sorted(repo.provinces)) or "（无）"
        raise ToolError(f"省份「{province}」没有登记。\n提示：已登记的省份：{known}。")
    owned = {r.year for r in repo.recommendations if r.province == province}
    note = None
    if year is None:
        year, note = pick_period(programme, "recommendations", lambda p: p in owned, when)
    check_period(programme, "recommendations", year)
    rel = document_path("recommendations", province, None, year)
    enterprises = [p for p in repo.pilots_in(province) if p.type == "enterprise"]
    listing = "、".join(f"{p.id}（{p.name}）" for p in enterprises) or "（本省暂无试点企业）"
    notes = Notes()
    notes.add_above(
        ("service_enterprises",), "附件1 重点培育的供应链服务企业：从本省试点企业中推荐，没有推荐时保留 []。"
    )
    notes.add_tail(
        ("service_enterprises",),
        "# - pilot: 试点企业标识",
        "#   name: 企业名称",
        '#   industries: ["7224"]',
        "#   services: 一体化供应链服务的主要内容（选填）",
        "#   contact:",
        "#     name: 联系人",
        "#     position: 职务",
        '#     phone: "010-00000000"',
        "#     email: name@example.com",
    )
    notes.add_above(("platforms",), "附件2 重点培育的供应链协同平台：没有推荐时保留 []。")
    notes.add_tail(
        ("platforms",),
        "# - pilot: 平台运营企业的试点标识",
        "#   name: 平台（企业）名称",
        "#   operation:",
        '#     industries: ["3670"]',
        "#     registered_enterprises: 0",
        "#     active_enterprises: 0",
        "#     description: 平台运营情况说明",
        '#   contact: {name: 联系人, phone: "010-00000000"}',
    )
    data: dict[str, Any] = {"province": province, "year": year, "service_enterprises": [], "platforms": []}
    text = dump(
        data,
        notes,
        header(
            rel,
            "recommendations",
            "scpilot new recommendations",
            f"本省试点企业：{listing}",
            f"也可以填 Excel 后导入：scpilot export template recommendations --province {province} --year {year}",
            f"然后 scpilot import recommendations 表格.xlsx --province {province} --year {year} --force",
        ),
    )
    return Scaffold(rel, text, f"{year} 年推荐名单模板（附件1、附件2）", note)
