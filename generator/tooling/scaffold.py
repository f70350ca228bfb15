"""``scpilot new``: commented Chinese templates that already pass ``scpilot validate``.

Each builder reads the model (the registry, the pilot's ledger, its latest report) and
returns the file's repository-relative path and text; the command checks the text
against the whole repository before writing it. Values a person must supply are
written as 「【请填写】…」 so that a search finds every one of them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from generator.load.layout import KIND_TITLES, document_path
from generator.load.schemas import SchemaSet
from generator.model.repository import Ledger, Pilot, Programme, Report, Repository, Target
from generator.reference.industries import industry_names
from generator.tooling.common import (
    PLACEHOLDER,
    ToolError,
    check_period,
    find_pilot,
    pick_period,
    programme_of,
    schema_line,
)
from generator.tooling.yamlout import Notes, dump

_SLUG = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")
_DIVISION = re.compile(r"[1-8][0-9]{5}\Z")
CATEGORIES = {"entity": "实体企业", "financial": "金融机构", "service": "供应链服务企业", "platform": "平台企业"}
STATUS_TITLES = {
    "not_started": "未开始",
    "in_progress": "推进中",
    "completed": "已完成",
    "delayed": "滞后",
    "suspended": "暂停",
}


@dataclass(frozen=True)
class Scaffold:
    path: str
    text: str
    summary: str
    note: str | None = None


def _header(rel: str, kind: str, command: str, *extra: str) -> list[str]:
    return [
        schema_line(rel, kind),
        f"{KIND_TITLES[kind]}模板：由 {command} 生成。",
        f"请把所有「{PLACEHOLDER}」改为实际内容；以 # 开头的行是说明，可以保留或删除。",
        *extra,
        f"填好后检查：scpilot validate {rel}",
    ]


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _clamp(when: date, programme: Programme) -> date:
    return min(max(when, programme.pilot_start), programme.pilot_end)


# -- pilot --------------------------------------------------------------------------------------


def new_pilot(
    repo: Repository,
    *,
    pilot_id: str,
    name: str,
    pilot_type: str,
    province: str | None,
    short_name: str | None = None,
    category: str | None = None,
    central_soe: bool = False,
    division_code: str | None = None,
    industries: list[str] | None = None,
) -> Scaffold:
    programme = programme_of(repo)
    if not _SLUG.match(pilot_id) or len(pilot_id) > 48:
        raise ToolError(
            f"试点标识「{pilot_id}」不合格式。\n提示：用小写英文字母、数字和连字符，以字母开头，例如 foshan、fs-example-home。"
        )
    if pilot_id in repo.pilots or any(p.id == pilot_id for p in repo.all_pilots):
        raise ToolError(f"试点标识「{pilot_id}」已被使用。\n提示：试点标识全国唯一，请换一个。")
    if pilot_type == "city" and (central_soe or category):
        raise ToolError("试点城市没有企业类别，也不是中央企业：请去掉 --category 和 --central-soe。")
    if central_soe:
        folder = programme.central_folder
    elif province is None:
        raise ToolError("请用 --province 指定省份文件夹（中央企业用 --central-soe）。")
    elif province not in repo.provinces:
        known = "、".join(sorted(repo.provinces)) or "（无）"
        raise ToolError(
            f"省份「{province}」没有登记（缺少 {document_path('province', province)}）。\n提示：已登记的省份：{known}。"
        )
    else:
        folder = province
    codes = industries or ["7224"]
    unknown = [c for c in codes if c not in industry_names()]
    if unknown:
        raise ToolError(f"行业代码 {'、'.join(unknown)} 不在 GB/T 4754-2017 中。\n提示：例如 7224（供应链管理服务）。")
    rel = document_path("pilot", folder, pilot_id)
    notes = Notes()
    data: dict[str, Any] = {"id": pilot_id, "name": name}
    notes.inline[("id",)] = "试点标识，与文件夹名相同"
    if short_name:
        data["short_name"] = short_name
    else:
        notes.add_above(("type",), "# short_name: 简称（选填，不超过 20 字，用在列表和图表中）")
    data["type"] = pilot_type
    notes.inline[("type",)] = "city 试点城市，enterprise 试点企业"
    if pilot_type == "enterprise":
        data["category"] = category or "entity"
        notes.inline[("category",)] = "；".join(f"{k} {v}" for k, v in CATEGORIES.items())
        data["central_soe"] = central_soe
        notes.inline[("central_soe",)] = "是否为中央企业（中央企业放在 central 文件夹，由商务部确认）"
        notes.add_above(("industries",), "# credit_code: 统一社会信用代码（18 位，选填）")
    else:
        data["division_code"] = division_code or repo.provinces[folder].code
        notes.inline[("division_code",)] = f"{PLACEHOLDER}本市 GB/T 2260 行政区划代码（6 位，带引号）"
    if division_code and not _DIVISION.match(division_code):
        raise ToolError(f"行政区划代码「{division_code}」应为 6 位数字，例如 440300。")
    if pilot_type == "enterprise" and division_code:
        data["division_code"] = division_code
    data["industries"] = codes
    notes.inline[("industries",)] = "GB/T 4754-2017 行业代码，主要行业写在第一位；" + "、".join(
        f"{c} {industry_names()[c]}" for c in codes
    )
    if pilot_type == "city":
        data["pilot_industries"] = [f"{PLACEHOLDER}重点试点产业名称"]
    data["application_plan"] = {
        "submitted_on": programme.pilot_start.isoformat(),
        "summary": f"{PLACEHOLDER}2018 年申报方案的主要思路和内容",
        "items": [
            {"id": "G1", "kind": "goal", "text": f"{PLACEHOLDER}申报方案中的主要目标，一条一项"},
            {"id": "G2", "kind": "task", "text": f"{PLACEHOLDER}申报方案中的重点任务，一条一项"},
        ],
    }
    notes.inline[("application_plan", "submitted_on")] = f"{PLACEHOLDER}申报方案报送的日期"
    notes.add_above(
        ("application_plan",),
        "# introduction: 一段话介绍试点的基本情况和试点方向（选填）",
        "# website: https://…（选填）",
        "申报方案：目标和任务逐条编号（G1、G2……），台账的目标和举措用 plan_item 引用它们。",
    )
    data["status"] = {"state": "active"}
    notes.add_tail(
        (),
        "联系人（个人信息，只在内部版本中出现）：",
        "# contacts:",
        "#   - name: 姓名",
        "#     position: 职务",
        '#     phone: "010-00000000"',
        "#     email: name@example.com",
    )
    text = dump(data, notes, _header(rel, "pilot", "scpilot new pilot"))
    return Scaffold(rel, text, f"基本信息模板（{'试点城市' if pilot_type == 'city' else '试点企业'}）")


# -- ledger -------------------------------------------------------------------------------------


def _milestones(start: date, end: date, limit: int) -> list[date]:
    """Evenly spaced milestone dates, the last on ``end``, no gap longer than ``limit`` days."""
    total = (end - start).days
    steps = max(1, math.ceil(total / max(limit, 1)))
    found = [start + timedelta(days=total * k // steps) for k in range(1, steps + 1)]
    return sorted(set(found)) or [end]


def new_ledger(repo: Repository, *, pilot_id: str, revised_on: date) -> Scaffold:
    programme = programme_of(repo)
    pilot = find_pilot(repo, pilot_id)
    rel = document_path("ledger", pilot.folder, pilot.id)
    revised = _clamp(revised_on, programme)
    notes = Notes()
    targets: list[dict[str, Any]] = []
    plan = list(pilot.plan_items.items())
    goal_items = [item for item in plan if _kind_of(pilot, item[0]) == "goal"] or plan[:1]
    task_items = [item for item in plan if _kind_of(pilot, item[0]) == "task"] or goal_items
    for i, (item_id, item_text) in enumerate(goal_items, start=1):
        targets.append(
            {
                "id": f"T{i}",
                "name": f"{PLACEHOLDER}目标名称",
                "indicator": f"{PLACEHOLDER}衡量指标",
                "kind": "quantitative",
                "direction": "increase",
                "unit": PLACEHOLDER,
                "baseline": {"date": programme.pilot_start.isoformat(), "value": 0},
                "target": {"date": programme.pilot_end.isoformat(), "value": 1},
                "theme": "target_completion",
                "plan_item": item_id,
            }
        )
        spot = ("targets", i - 1)
        notes.add_above(spot, f"申报方案 {item_id}：{item_text}")
        notes.inline[(*spot, "kind")] = "quantitative 定量；qualitative 定性（基期和目标用 text 描述）"
        notes.inline[(*spot, "direction")] = "increase 越大越好；decrease 越小越好"
        notes.inline[(*spot, "unit")] = "计量单位，例如 家、亿元、%、天；季报须用同一单位"
        notes.inline[(*spot, "theme")] = "附件3工作推进要点，例如 finance、green、innovation"
    notes.add_above(
        ("targets", 0, "baseline"), "基期值和目标值：请改为实际数字（不带单位），日期改为基期和目标达成的日期"
    )
    target_ids = [t["id"] for t in targets]
    end = programme.pilot_end
    stones = _milestones(revised, end, programme.thresholds.max_milestone_gap_days)
    measures: list[dict[str, Any]] = []
    for i, (item_id, item_text) in enumerate(task_items, start=1):
        measures.append(
            {
                "id": f"M{i}",
                "name": f"{PLACEHOLDER}举措内容：写清要做什么",
                "targets": target_ids,
                "responsible": f"{PLACEHOLDER}责任单位",
                "start": revised.isoformat(),
                "end": end.isoformat(),
                "milestones": [
                    {"date": d.isoformat(), "name": f"{PLACEHOLDER}这个日期要完成的阶段性事项"} for d in stones
                ],
                "deliverable": f"{PLACEHOLDER}可检验的预期成果，例如 平台上线并接入 500 家企业",
                "plan_item": item_id,
            }
        )
        spot = ("measures", i - 1)
        notes.add_above(spot, f"申报方案 {item_id}：{item_text}")
        notes.inline[(*spot, "targets")] = "只保留本举措服务的目标"
    notes.add_above(
        ("measures", 0, "milestones"),
        f"里程碑：每个节点写日期和要完成的事项，相邻节点最多相隔 {programme.thresholds.max_milestone_gap_days} 天",
    )
    data: dict[str, Any] = {"pilot": pilot.id, "revised_on": revised.isoformat(), "targets": targets}
    data["measures"] = measures
    notes.add_above(
        ("targets",),
        "# revision_note: 修订台账时写明改了什么、为什么改（首次报送可不填）",
        "目标：每个目标有衡量指标、单位、基期值和目标值（通知：台账目标明确）。",
    )
    notes.add_above(
        ("measures",), "举措：今后要做的工作，有责任单位、起止日期和里程碑（通知：措施能落地、有时间进度安排）。"
    )
    text = dump(
        data,
        notes,
        _header(rel, "ledger", "scpilot new ledger", "已按基本信息中的申报方案条目各列一个目标或举措（plan_item）。"),
    )
    return Scaffold(rel, text, f"工作台账模板（{len(targets)} 个目标、{len(measures)} 项举措）")


def _kind_of(pilot: Pilot, item_id: str) -> str:
    for item in pilot.doc.data.get("application_plan", {}).get("items", []):
        if item.get("id") == item_id:
            return str(item.get("kind", "goal"))
    return "goal"


# -- quarterly report -----------------------------------------------------------------------------


def latest_report(pilot: Pilot, before: str) -> Report | None:
    """The latest report in the repository for a period before ``before``: the last confirmed values."""
    earlier = sorted(p for p in pilot.reports if p < before)
    return pilot.reports[earlier[-1]] if earlier else None


def target_line(target: Target, last: Report | None) -> str:
    unit = "" if target.kind == "qualitative" else (target.unit if target.unit == "%" else f" {target.unit}")
    base = target.baseline_text if target.kind == "qualitative" else _num(target.baseline_value) + unit
    goal = target.target_text if target.kind == "qualitative" else _num(target.target_value) + unit
    text = f"{target.id} {target.name}｜基期 {base}（{target.baseline_date}）→ 目标 {goal}（{target.target_date}）"
    if last is not None:
        entry = next((t for t in last.targets if t.id == target.id), None)
        if entry is not None:
            shown = entry.text if entry.value is None else f"{_num(entry.value)}{unit}"
            text += f"｜上期（{last.period}）{shown}"
    return text


def new_report(repo: Repository, *, pilot_id: str, period: str | None, when: date) -> Scaffold:
    programme = programme_of(repo)
    pilot = find_pilot(repo, pilot_id)
    ledger = pilot.ledger
    if ledger is None:
        raise ToolError(
            f"试点「{pilot_id}」还没有通过校验的工作台账（ledger.yaml）。\n"
            f"提示：季报按台账的目标和举措填写，请先提交台账（scpilot new ledger --pilot {pilot_id}）。"
        )
    note = None
    if period is None:
        period, note = pick_period(programme, "report", lambda p: p in pilot.reports, when)
    check_period(programme, "report", period)
    rel = document_path("report", pilot.folder, pilot.id, period)
    last = latest_report(pilot, period)
    data, notes = report_body(programme, pilot, ledger, period, last)
    source = f"数值预填自 {last.period} 季报（仓库中最近的一期）" if last else "首份季报：数值预填为台账的基期值"
    deadline = programme.deadline("report", period)
    extra = [
        f"报告期 {period}" + (f"（{deadline.starts} 至 {deadline.ends}），{deadline.due} 前报送" if deadline else "")
    ]
    text = dump(
        data, notes, _header(rel, "report", "scpilot new report", *extra, f"{source}：请改为本季度末的实际数值。")
    )
    summary = f"{period} 季报模板（台账的 {len(ledger.targets)} 个目标、{len(ledger.measures)} 项举措；{source}）"
    return Scaffold(rel, text, summary, note)


def report_body(
    programme: Programme, pilot: Pilot, ledger: Ledger, period: str, last: Report | None
) -> tuple[dict[str, Any], Notes]:
    """A report for ``period`` with every ledger target and measure, prefilled from ``last``."""
    notes = Notes()
    previous_targets = {t.id: t for t in last.targets} if last else {}
    previous_measures = {m.id: m for m in last.measures} if last else {}
    targets: list[dict[str, Any]] = []
    for i, target in enumerate(ledger.targets):
        before = previous_targets.get(target.id)
        entry: dict[str, Any] = {"id": target.id}
        if target.kind == "qualitative":
            entry["text"] = (before.text if before and before.text else None) or f"{PLACEHOLDER}季末进展"
        else:
            value = before.value if before and before.value is not None else target.baseline_value
            entry["value"] = value if value is not None else 0
            entry["unit"] = target.unit
        targets.append(entry)
        notes.add_above(("targets", i), target_line(target, last))
    notes.add_above(
        ("targets",), "目标进展：台账中每个目标在季末的数值，单位与台账相同；需要说明口径或变化原因时加 note: …"
    )
    deadline = programme.deadline("report", period)
    measures: list[dict[str, Any]] = []
    for i, measure in enumerate(ledger.measures):
        before_m = previous_measures.get(measure.id)
        measures.append(
            {
                "id": measure.id,
                "status": before_m.status if before_m else "not_started",
                "percent": before_m.percent if before_m else 0,
                "narrative": f"{PLACEHOLDER}本季度做了什么、完成了哪些里程碑",
            }
        )
        due = [
            f"{s.date} {s.name}"
            for s in measure.milestones
            if deadline and deadline.starts and deadline.ends and deadline.starts <= s.date <= deadline.ends
        ]
        line = f"{measure.id} {measure.name}｜{measure.start} 至 {measure.end}"
        if due:
            line += "｜本季度里程碑：" + "；".join(due)
        notes.add_above(("measures", i), line)
    notes.add_above(
        ("measures",),
        "举措进展：状态 " + "、".join(f"{k} {v}" for k, v in STATUS_TITLES.items()) + "；已完成的填 100。",
    )
    data: dict[str, Any] = {
        "pilot": pilot.id,
        "period": period,
        "overview": f"{PLACEHOLDER}本季度试点工作的总体进展",
        "targets": targets,
        "measures": measures,
    }
    tail = [
        "存在问题和下一步工作（选填，一条一项）：",
        "# problems:",
        "#   - 问题一",
        "# next_steps:",
        "#   - 下季度计划一",
    ]
    kpi_keys = programme.kpi_sets.get(programme.pilot_kpi_set.get(pilot.kind_key, ""), ())
    if kpi_keys:
        tail.append("附件3绩效指标（选填，填年初至季末的累计值，只填本类试点适用的指标）：")
        tail.append("# kpis:")
        previous = last.kpis if last else {}
        tail += [f"#   {key}: {_num(previous.get(key)) if key in previous else ''}".rstrip() for key in kpi_keys]
    contacts = last.doc.data.get("contacts") if last else None
    if contacts:
        data["contacts"] = contacts
        notes.add_above(
            ("contacts",), f"填报人（个人信息，只在内部版本中出现；沿用 {last.period if last else ''} 季报）"
        )
    else:
        tail += [
            "填报人（个人信息，只在内部版本中出现）：",
            "# contacts:",
            "#   - name: 姓名",
            '#     phone: "010-00000000"',
        ]
    notes.add_tail((), *tail)
    return data, notes


# -- summary report -------------------------------------------------------------------------------


def new_summary(repo: Repository, schemas: SchemaSet, *, pilot_id: str, year: str | None, when: date) -> Scaffold:
    programme = programme_of(repo)
    pilot = find_pilot(repo, pilot_id)
    note = None
    if year is None:
        year, note = pick_period(programme, "summary", lambda p: p in pilot.summaries, when)
    check_period(programme, "summary", year)
    rel = document_path("summary", pilot.folder, pilot.id, year)
    summary_schema = schemas.schemas["summary.schema.json"]
    section_def = summary_schema["$defs"]["city_sections" if pilot.type == "city" else "enterprise_sections"]
    notes = Notes()
    sections: dict[str, Any] = {}
    for name, spec in section_def["properties"].items():
        node = _resolved(schemas, spec)
        body: dict[str, Any] = {}
        notes.add_above(("sections", name), f"{node.get('title', name)}：{node.get('description', '')}")
        for field_name in node.get("required", []):
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
            elif field_name == "kpis":
                notes.add_tail(("sections", name), f"# kpis: {child.get('description', '附件3绩效指标')}（选填）")
            else:
                notes.add_tail(("sections", name), f"# {field_name}: {child.get('title', field_name)}（选填）")
        sections[name] = body
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
    text = dump(data, notes, _header(rel, "summary", "scpilot new summary"))
    return Scaffold(
        rel, text, f"{year} 年试点总结报告模板（{'试点城市' if pilot.type == 'city' else '试点企业'}）", note
    )


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
        _header(
            rel,
            "recommendations",
            "scpilot new recommendations",
            f"本省试点企业：{listing}",
            f"也可以填 Excel 后导入：scpilot export template recommendations --province {province} --year {year}",
            f"然后 scpilot import recommendations 表格.xlsx --province {province} --year {year} --force",
        ),
    )
    return Scaffold(rel, text, f"{year} 年推荐名单模板（附件1、附件2）", note)
