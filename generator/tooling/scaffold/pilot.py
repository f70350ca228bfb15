"""``scpilot new pilot`` and ``scpilot new ledger``: basic information and the ledger."""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

from generator.load.layout import document_path
from generator.model.repository import Programme, Repository
from generator.reference.divisions import EDITION, children, division, is_municipality
from generator.reference.industries import industry_names
from generator.tooling.common import (
    PLACEHOLDER,
    ToolError,
    find_pilot,
    programme_of,
)
from generator.tooling.scaffold.common import CATEGORIES, DIVISION, SLUG, Scaffold, header
from generator.tooling.yamlout import Notes, dump

# -- pilot --------------------------------------------------------------------------------------


def city_code(name: str, province_code: str, given: str | None) -> str:
    """A pilot city's GB/T 2260 code: the one given, if it is a prefecture-level city or a
    municipality, else the city of this name in the province (深圳 or 深圳市 → 440300)."""
    if given:
        found = division(given)
        if found is None or not (found.level == "prefecture" or is_municipality(given)):
            what = f"是{found.name}的代码" if found else f"不在 GB/T 2260（{EDITION} 年版）中"
            raise ToolError(
                f"行政区划代码「{given}」{what}，试点城市应填写地级市或直辖市的代码。\n提示：例如 440300（深圳市）。"
            )
        return given
    if is_municipality(province_code):
        return province_code
    cities = [d for d in children(province_code) if d.level == "prefecture"]
    for city in cities:
        if name in (city.name, city.name.removesuffix("市")):
            return city.code
    listing = "、".join(f"{c.code} {c.name}" for c in cities[:30])
    raise ToolError(
        f"在 GB/T 2260（{EDITION} 年版）中找不到这个省的地级市「{name}」。\n"
        f"提示：请检查名称，或用 --division-code 指定代码。这个省的地级市：{listing}。"
    )


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
    folder = _pilot_folder(repo, programme, pilot_id, pilot_type, province, category, central_soe)
    codes = industries or ["7224"]
    unknown = [c for c in codes if c not in industry_names()]
    if unknown:
        raise ToolError(f"行业代码 {'、'.join(unknown)} 不在 GB/T 4754-2017 中。\n提示：例如 7224（供应链管理服务）。")
    if division_code and not DIVISION.match(division_code):
        raise ToolError(f"行政区划代码「{division_code}」应为 6 位数字，例如 440300。")
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
        if division_code:
            data["division_code"] = division_code
    else:
        data["division_code"] = city_code(name, repo.provinces[folder].code, division_code)
        found = division(data["division_code"])
        notes.inline[("division_code",)] = f"GB/T 2260（{EDITION} 年版）行政区划代码：{found.name if found else ''}"
    data["industries"] = codes
    notes.inline[("industries",)] = "GB/T 4754-2017 行业代码，主要行业写在第一位；" + "、".join(
        f"{c} {industry_names()[c]}" for c in codes
    )
    if pilot_type == "city":
        data["pilot_industries"] = [f"{PLACEHOLDER}重点试点产业名称"]
    _plan_and_status(data, notes, programme)
    text = dump(data, notes, header(rel, "pilot", "scpilot new pilot"))
    return Scaffold(rel, text, f"基本信息模板（{'试点城市' if pilot_type == 'city' else '试点企业'}）")


def _pilot_folder(
    repo: Repository,
    programme: Programme,
    pilot_id: str,
    pilot_type: str,
    province: str | None,
    category: str | None,
    central_soe: bool,
) -> str:
    """The folder a new pilot goes in, after checking its identity is free and well formed."""
    if not SLUG.match(pilot_id) or len(pilot_id) > 48:
        raise ToolError(
            f"试点标识「{pilot_id}」不合格式。\n提示：用小写英文字母、数字和连字符，以字母开头，例如 foshan、fs-example-home。"
        )
    if pilot_id in repo.pilots or any(p.id == pilot_id for p in repo.all_pilots):
        raise ToolError(f"试点标识「{pilot_id}」已被使用。\n提示：试点标识全国唯一，请换一个。")
    if pilot_type == "city" and (central_soe or category):
        raise ToolError("试点城市没有企业类别，也不是中央企业：请去掉 --category 和 --central-soe。")
    if central_soe:
        return programme.central_folder
    if province is None:
        raise ToolError("请用 --province 指定省份文件夹（中央企业用 --central-soe）。")
    if province not in repo.provinces:
        known = "、".join(sorted(repo.provinces)) or "（无）"
        raise ToolError(
            f"省份「{province}」没有登记（缺少 {document_path('province', province)}）。\n提示：已登记的省份：{known}。"
        )
    return province


def _plan_and_status(data: dict[str, Any], notes: Notes, programme: Programme) -> None:
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
    # the programmes the pilot is enrolled in bound its ledger (a later round's participant has its own)
    start, end = repo.span(pilot.id) or (programme.pilot_start, programme.pilot_end)
    revised = min(max(revised_on, start), end)
    notes = Notes()
    plan = list(pilot.plan_items.items())
    goal_items = [item for item in plan if pilot.plan_kinds.get(item[0], "goal") == "goal"] or plan[:1]
    task_items = [item for item in plan if pilot.plan_kinds.get(item[0], "goal") == "task"] or goal_items
    targets = _ledger_targets(goal_items, (start, end), notes)
    target_ids = [t["id"] for t in targets]
    measures = _ledger_measures(task_items, target_ids, revised, end, programme, notes)
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
        header(rel, "ledger", "scpilot new ledger", "已按基本信息中的申报方案条目各列一个目标或举措（plan_item）。"),
    )
    return Scaffold(rel, text, f"工作台账模板（{len(targets)} 个目标、{len(measures)} 项举措）")


def _ledger_targets(goal_items: list[tuple[str, str]], span: tuple[date, date], notes: Notes) -> list[dict[str, Any]]:
    """One quantitative target per goal of the application plan."""
    targets: list[dict[str, Any]] = []
    for i, (item_id, item_text) in enumerate(goal_items, start=1):
        targets.append(
            {
                "id": f"T{i}",
                "name": f"{PLACEHOLDER}目标名称",
                "indicator": f"{PLACEHOLDER}衡量指标",
                "kind": "quantitative",
                "direction": "increase",
                "unit": PLACEHOLDER,
                "baseline": {"date": span[0].isoformat(), "value": 0},
                "target": {"date": span[1].isoformat(), "value": 1},
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
    return targets


def _ledger_measures(
    task_items: list[tuple[str, str]],
    target_ids: list[str],
    revised: date,
    end: date,
    programme: Programme,
    notes: Notes,
) -> list[dict[str, Any]]:
    """One measure per task of the application plan, with milestones no further apart than the rules allow."""
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
    return measures
