"""One synthetic pilot's documents: basic information, the ledger (and its first version
when it was revised) and quarterly reports, as plain data that validates against the schemas
and the cross-document rules (the summary reports are in ``summarydocs``). Pure: a pilot model
in, dicts out."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from generator.tooling.demo import kpis as kpi_values
from generator.tooling.demo.pilotmodel import (
    BASE_DATE,
    QUARTER_END,
    QUARTERS,
    MeasurePlan,
    PilotModel,
    TargetPlan,
    model,
    round_to,
)
from generator.tooling.demo.plan import REVOKED_ON, PilotSpec
from generator.tooling.demo.vocabulary import (
    CITY_INDUSTRIES,
    QUALITATIVE_CITY,
    REPORT_NEXT,
    REPORT_PROBLEMS,
)

__all__ = ["QUARTERS", "QUARTER_END", "PilotModel", "ledger_doc", "model", "pilot_doc", "report_doc", "target_name"]


def pilot_doc(m: PilotModel) -> dict[str, Any]:
    s, rng = m.spec, m.rng
    items = [{"id": "G1", "kind": "goal", "text": _goal_text(m)}]
    for measure in m.measures:
        target = next(t for t in m.targets if t.id == measure.targets[0])
        goal = f"，{target_name(target)}" if target.kind else ""
        items.append({"id": measure.plan_item, "kind": "task", "text": f"{measure.name}{goal}。"[:500]})
    doc: dict[str, Any] = {"id": s.id, "name": s.name, "short_name": s.short_name, "type": s.type}
    if s.type == "city":
        picks = rng.sample(CITY_INDUSTRIES, 2)
        doc["division_code"] = s.division_code
        doc["industries"] = [code for _, code in picks]
        doc["pilot_industries"] = [name for name, _ in picks]
        doc["introduction"] = (
            f"{s.name}以{picks[0][0]}和{picks[1][0]}两大产业为重点开展试点，依托供应链公共服务平台、"
            f"供应链金融和标准化建设，推动龙头企业与上下游协同，降低产业链整体成本。"
            + ("本市为直辖市或计划单列市，台账、季报和总结报告由商务部市场建设司确认。" if _mofcom_city(s) else "")
        )
    else:
        doc["category"] = s.category
        doc["central_soe"] = s.central_soe
        doc["credit_code"] = f"91{s.division_code}MA{rng.randint(0, 99999999):08d}"
        doc["division_code"] = s.division_code
        doc["industries"] = list(s.industries)
        revenue = rng.randint(8, 900)
        doc["introduction"] = (
            f"{s.name}主营{s.sector}相关业务，2018年营业收入{revenue}亿元。"
            f"申报试点时提出以{m.measures[0].name}、{m.measures[1].name}为重点，提高供应链协同水平和运行效率。"
            + ("企业为中央企业，材料由商务部市场建设司确认。" if s.central_soe else "")
        )
    doc["website"] = f"https://{s.id}.example.com"
    doc["application_plan"] = {
        "submitted_on": f"2018-{rng.randint(5, 6):02d}-{rng.randint(1, 28):02d}",
        "summary": (
            f"申报方案提出{_goal_text(m)[:-1]}，并围绕" + "、".join(x.name for x in m.measures[:3]) + "等方面开展试点。"
        ),
        "items": items,
    }
    if s.revoked:
        doc["status"] = {
            "state": "revoked",
            "revoked_on": REVOKED_ON,
            "reason": "slow_progress",
            "decision": "商务部等8部门关于取消部分供应链创新与应用试点企业资格的通知（示例）",
            "note": "经2019年10月第三方中期评估，该企业台账多数目标进展明显滞后于计划，按动态调整机制取消其试点企业资格。"
            "取消后不再报送2020年季报和总结报告，已报送的材料继续保留。",
        }
    else:
        doc["status"] = {"state": "active"}
    doc["contacts"] = m.contacts
    return doc


def _mofcom_city(s: PilotSpec) -> bool:
    return s.division_code in {"110000", "120000", "310000", "500000", "210200", "370200", "330200", "350200", "440300"}


def target_name(t: TargetPlan) -> str:
    if t.kind is None:
        return QUALITATIVE_CITY[0]
    return t.kind.name.format(t=t.text(t.goal))


def _goal_text(m: PilotModel) -> str:
    return "到2020年，" + "，".join(target_name(t) for t in m.targets[:2]) + "。"


def ledger_doc(m: PilotModel, *, first: bool = False) -> dict[str, Any]:
    revised = m.revised and not first
    targets = []
    for t in m.targets:
        goal = t.goal
        if first and m.revised and t.id == "T1" and t.kind and t.kind.direction == "increase" and goal > t.baseline:
            lower = round_to(t.baseline + (goal - t.baseline) * 0.8, t.kind.digits)
            goal = lower if lower > t.baseline else goal
        if t.kind is None:
            targets.append(
                {
                    "id": t.id,
                    "name": QUALITATIVE_CITY[0],
                    "indicator": QUALITATIVE_CITY[1],
                    "kind": "qualitative",
                    "direction": "increase",
                    "unit": "无",
                    "baseline": {"date": BASE_DATE.isoformat(), "text": QUALITATIVE_CITY[2]},
                    "target": {"date": t.due.isoformat(), "text": QUALITATIVE_CITY[3]},
                    "theme": "organisation",
                    "plan_item": t.plan_item,
                }
            )
            continue
        k = t.kind
        targets.append(
            {
                "id": t.id,
                "name": k.name.format(t=t.text(goal))[:100],
                "indicator": k.indicator,
                "kind": "quantitative",
                "direction": k.direction,
                "unit": k.unit,
                "baseline": {"date": BASE_DATE.isoformat(), "value": t.baseline},
                "target": {"date": t.due.isoformat(), "value": goal},
                "theme": k.theme,
                "plan_item": t.plan_item,
            }
        )
    measures = [
        {
            "id": x.id,
            "name": x.name,
            "targets": x.targets,
            "responsible": x.responsible[:100],
            "start": x.start.isoformat(),
            "end": x.end.isoformat(),
            "milestones": [{"date": d.isoformat(), "name": n} for d, n in x.milestones],
            "deliverable": x.deliverable,
            "plan_item": x.plan_item,
        }
        for x in m.measures
    ]
    doc: dict[str, Any] = {"pilot": m.spec.id, "revised_on": "2019-12-10" if revised else "2019-06-20"}
    if revised:
        doc["revision_note"] = (
            f"按{'商务部市场建设司' if m.spec.central_soe or _mofcom_city(m.spec) else '省商务厅'}反馈意见修订："
            "目标 T1 的目标值按申报方案调高，补充里程碑的时间节点。"
        )
    doc["targets"] = targets
    doc["measures"] = measures
    return doc


def measure_progress(m: PilotModel, x: MeasurePlan, when: date, first: bool) -> tuple[str, int]:
    span = max(1, (x.end - x.start).days)
    expected = min(1.0, max(0.0, (when - x.start).days / span))
    percent = round(expected * m.spec.pace * 20) * 5
    percent = min(percent, 95 if first else 100)
    if when < x.start:
        return "not_started", 0
    if percent >= 100:
        return "completed", 100
    if percent == 0:
        return "in_progress", 5
    if m.spec.pace < 0.75 and expected > 0.3:
        return "delayed", percent
    return "in_progress", percent


def report_doc(m: PilotModel, period: str) -> dict[str, Any]:
    rng = random.Random(f"{m.rng.random()}:{period}")
    when = QUARTER_END[period]
    index = QUARTERS.index(period)
    targets: list[dict[str, Any]] = []
    for t in m.targets:
        if t.kind is None:
            targets.append({"id": t.id, "text": "监测企业名单和指标已确定，按季度采集数据并形成分析报告。"})
        else:
            targets.append({"id": t.id, "value": t.value_at(when, m.spec.pace), "unit": t.unit})
    measures = []
    for x in m.measures:
        status, percent = measure_progress(m, x, when, index == 0)
        due = [n for d, n in x.milestones if d <= when]
        if status == "not_started":
            narrative = "尚未开始，已完成前期调研和方案准备。"
        elif due and status != "delayed":
            narrative = f"已完成“{due[-1]}”，按计划推进后续工作，完成{percent}%。"
        elif status == "delayed":
            narrative = f"进度慢于计划，完成{percent}%，{REPORT_PROBLEMS[rng.randrange(len(REPORT_PROBLEMS))]}"
        else:
            narrative = f"{x.name}已启动，完成{percent}%，下一步“{x.milestones[0][1]}”。"
        measures.append({"id": x.id, "status": status, "percent": percent, "narrative": narrative})
    done = [x for x in measures if x["status"] == "completed"]
    lead = m.targets[0]
    overview = (
        f"本季度{m.spec.short_name}按台账推进{len(m.measures)}项举措，"
        + (f"{len(done)}项已完成，" if done else "")
        + (
            f"{target_name(lead).split('到')[0]}达到{lead.text(lead.value_at(when, m.spec.pace))}。"
            if lead.kind
            else ""
        )
    )
    doc: dict[str, Any] = {
        "pilot": m.spec.id,
        "period": period,
        "overview": overview,
        "targets": targets,
        "measures": measures,
        "problems": rng.sample(REPORT_PROBLEMS, rng.randint(1, 2)),
        "next_steps": rng.sample(REPORT_NEXT, rng.randint(2, 3)),
        "kpis": kpi_values.at_quarter(m.kpi_base, index, rng),
        "contacts": m.contacts,
    }
    return doc
