"""One synthetic pilot's documents: basic information, the ledger (and its first version
when it was revised), quarterly reports and summary reports, as plain data that validates
against the schemas and the cross-document rules. Pure: a pilot spec and a seed in, dicts out."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from generator.tooling.demo import kpis as kpi_values
from generator.tooling.demo.plan import REVOKED_ON, PilotSpec
from generator.tooling.demo.vocabulary import (
    CITY_INDUSTRIES,
    CITY_POSITIONS,
    ENTERPRISE_POSITIONS,
    PROFILES,
    QUALITATIVE_CITY,
    REPORT_NEXT,
    REPORT_PROBLEMS,
    SURNAME_PINYIN,
    SURNAMES,
    TAGS,
    TargetKind,
)

QUARTERS = ("2019Q2", "2019Q3", "2019Q4", "2020Q1", "2020Q2", "2020Q3")
QUARTER_END = {
    "2019Q2": date(2019, 6, 30),
    "2019Q3": date(2019, 9, 30),
    "2019Q4": date(2019, 12, 31),
    "2020Q1": date(2020, 3, 31),
    "2020Q2": date(2020, 6, 30),
    "2020Q3": date(2020, 9, 30),
}
BASE_DATE = date(2018, 12, 31)
KPI_SET = {"city": "city", "entity": "enterprise", "service": "enterprise", "platform": "enterprise"}
KPI_SETS = {
    "city": (
        "industry_output_growth",
        "leading_enterprise_revenue_growth",
        "supply_chain_cost_reduction",
        "finance_volume",
        "finance_growth",
        "finance_smes_served",
        "finance_cost",
        "bad_debt_ratio",
        "green_procurement",
        "import_export",
        "outbound_investment",
        "foreign_investment",
    ),
    "enterprise": (
        "revenue_growth",
        "cost_profit_ratio",
        "inventory_turnover",
        "total_asset_turnover",
        "cash_conversion_cycle",
        "return_on_assets",
        "quality_rate",
        "on_time_delivery_rate",
        "partners_driven",
        "import_export",
    ),
    "financial": ("finance_volume", "finance_growth", "enterprises_served", "finance_cost", "bad_debt_ratio"),
}


@dataclass
class TargetPlan:
    id: str
    kind: TargetKind | None  # None: the qualitative city target
    baseline: float
    goal: float
    due: date
    plan_item: str

    @property
    def unit(self) -> str:
        return self.kind.unit if self.kind else "无"

    def value_at(self, when: date, pace: float) -> float:
        span = (self.due - BASE_DATE).days
        share = min(1.0, max(0.0, (when - BASE_DATE).days / span)) * pace
        value = self.baseline + (self.goal - self.baseline) * min(share, 1.08)
        digits = self.kind.digits if self.kind else 0
        return round(value, digits) if digits else round(value)

    def text(self, value: float) -> str:
        return f"{_num(value)}{self.unit}"


@dataclass
class MeasurePlan:
    id: str
    name: str
    targets: list[str]
    responsible: str
    start: date
    end: date
    milestones: list[tuple[date, str]]
    deliverable: str
    plan_item: str


@dataclass
class PilotModel:
    spec: PilotSpec
    rng: random.Random
    targets: list[TargetPlan] = field(default_factory=list)
    measures: list[MeasurePlan] = field(default_factory=list)
    kpi_base: dict[str, float] = field(default_factory=dict)
    contacts: list[dict[str, str]] = field(default_factory=list)
    revised: bool = False

    @property
    def kpi_keys(self) -> tuple[str, ...]:
        return KPI_SETS[KPI_SET.get(self.spec.profile, "financial")]


def _num(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e6 else f"{value:.0f}"


def _round(value: float, digits: int) -> float:
    return round(value, digits) if digits else float(round(value))


def model(spec: PilotSpec, seed: int) -> PilotModel:
    rng = random.Random(f"scpilot-demo:{seed}:{spec.id}")
    m = PilotModel(spec, rng)
    kinds = list(PROFILES[spec.profile])
    rng.shuffle(kinds)
    chosen = kinds[: rng.randint(5, min(8, len(kinds)))]
    for i, kind in enumerate(chosen):
        base = _round(rng.uniform(*kind.base), kind.digits)
        if kind.mode == "mul":
            goal = _round(base * rng.uniform(*kind.goal), kind.digits)
        else:
            goal = _round(rng.uniform(*kind.goal), kind.digits)
        if goal == base or (kind.direction == "increase") != (goal > base):
            goal = _round(
                base * (1.5 if kind.direction == "increase" else 0.7) + (1 if kind.direction == "increase" else 0),
                kind.digits,
            )
        due = rng.choice((date(2020, 6, 30), date(2020, 9, 30), date(2020, 10, 31)))
        m.targets.append(TargetPlan(f"T{i + 1}", kind, base, goal, due, "G1" if i < 2 else f"G{i + 2}"))
    if spec.type == "city" and rng.random() < 0.3:
        m.targets.append(TargetPlan(f"T{len(m.targets) + 1}", None, 0, 0, date(2020, 6, 30), "G1"))
    for i, target in enumerate(m.targets):
        m.measures.append(_measure(rng, i, target, m.targets))
    m.kpi_base = kpi_values.levels(m.kpi_keys, rng)
    m.contacts = [_contact(rng, spec, k) for k in range(rng.randint(1, 2))]
    m.revised = rng.random() < 0.35
    return m


def _measure(rng: random.Random, i: int, target: TargetPlan, targets: list[TargetPlan]) -> MeasurePlan:
    start = date(2019, rng.randint(1, 7), 1)
    end = min(target.due, date(2020, rng.choice((3, 6, 9, 10)), 28))
    end = max(end, date(2020, 3, 31))
    span = (end - start).days
    kind = target.kind
    names = kind.milestones if kind else ("确定监测企业名单和指标", "完成首轮数据采集", "形成季度分析报告制度")
    stones = [(start + timedelta(days=span * k // 3), names[k - 1]) for k in (1, 2)] + [(end, names[2])]
    served = [target.id]
    if i > 0 and rng.random() < 0.3:
        served.append(targets[rng.randrange(i)].id)
    if kind is None:
        return MeasurePlan(
            f"M{i + 1}",
            "建立试点产业供应链统计监测和季度分析制度",
            served,
            "市商务局、市统计局",
            start,
            end,
            stones,
            "统计监测制度建立并按季度运行。",
            f"G{i + 2}",
        )
    return MeasurePlan(
        f"M{i + 1}", kind.measure, served, kind.responsible, start, end, stones, kind.deliverable, f"G{i + 2}"
    )


def _contact(rng: random.Random, spec: PilotSpec, k: int) -> dict[str, str]:
    s = rng.randrange(len(SURNAMES))
    positions = CITY_POSITIONS if spec.type == "city" else ENTERPRISE_POSITIONS
    area = spec.province.area_code
    return {
        "name": f"{SURNAMES[s]}示例",
        "position": positions[k % len(positions)],
        "phone": f"{area}-{rng.randint(0, 99999999):08d}",
        "email": f"{SURNAME_PINYIN[s]}.shili{rng.randint(1, 99)}@example.com",
    }


# -- documents ------------------------------------------------------------------------------------


def pilot_doc(m: PilotModel) -> dict[str, Any]:
    s, rng = m.spec, m.rng
    items = [{"id": "G1", "kind": "goal", "text": _goal_text(m)}]
    for measure in m.measures:
        target = next(t for t in m.targets if t.id == measure.targets[0])
        goal = f"，{_target_name(target)}" if target.kind else ""
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


def _target_name(t: TargetPlan) -> str:
    if t.kind is None:
        return QUALITATIVE_CITY[0]
    return t.kind.name.format(t=t.text(t.goal))


def _goal_text(m: PilotModel) -> str:
    return "到2020年，" + "，".join(_target_name(t) for t in m.targets[:2]) + "。"


def ledger_doc(m: PilotModel, *, first: bool = False) -> dict[str, Any]:
    revised = m.revised and not first
    targets = []
    for t in m.targets:
        goal = t.goal
        if first and m.revised and t.id == "T1" and t.kind and t.kind.direction == "increase" and goal > t.baseline:
            lower = _round(t.baseline + (goal - t.baseline) * 0.8, t.kind.digits)
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
            f"{_target_name(lead).split('到')[0]}达到{lead.text(lead.value_at(when, m.spec.pace))}。"
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


def summary_doc(m: PilotModel, year: str) -> dict[str, Any]:
    rng = random.Random(f"{m.rng.random()}:summary:{year}")
    s = m.spec
    period = "2019Q3" if year == "2019" else "2020Q3"
    when = QUARTER_END[period]
    kpis = kpi_values.at_quarter(m.kpi_base, QUARTERS.index(period), rng)
    completion = []
    for t in m.targets:
        if t.kind is None:
            completion.append({"id": t.id, "achieved": year == "2020", "note": "统计监测制度已建立。"})
            continue
        value = t.value_at(when, s.pace)
        achieved = value >= t.goal if t.kind.direction == "increase" else value <= t.goal
        completion.append({"id": t.id, "value": value, "achieved": achieved})
    reached = sum(1 for c in completion if c["achieved"])
    progress = (
        f"截至{when.month}月末，{len(m.targets)}项目标中{reached}项已实现，"
        + "、".join(
            f"{_target_name(t).split('到')[0]}{t.text(t.value_at(when, s.pace))}" for t in m.targets[:3] if t.kind
        )
        + f"；{len(m.measures)}项举措按台账推进。"
    )
    members = rng.randint(6, 18)
    if s.type == "city":
        sections: dict[str, Any] = {
            "organisation": {
                "coordination": f"成立由分管副市长任组长的试点工作领导小组，成员单位{members}个，办公室设在市商务局；"
                f"{year}年召开领导小组会议{rng.randint(1, 4)}次、专题协调会{rng.randint(3, 9)}次。",
                "overall": f"完善台账{len(m.targets)}项目标、{len(m.measures)}项举措，按季度调度试点进展。",
                "publicity": f"在本地媒体刊发报道{rng.randint(5, 30)}篇，举办供应链创新发展论坛{rng.randint(1, 3)}场。",
                "reporting": f"按期报送{year}年季报，经确认部门确认。",
            },
            "groundwork": {
                "infrastructure": f"支持建设智能仓储和冷链项目{rng.randint(2, 12)}个，{m.measures[0].name}。",
                "policy": f"出台供应链创新与应用支持政策{rng.randint(1, 5)}项，对示范企业给予资金奖励。",
                "public_service": "供应链公共服务平台向中小企业免费提供信用查询和物流信息服务。",
            },
            "target_completion": {"narrative": progress, "targets": completion},
            "industry_performance": {
                "industry": f"{year}年1-{when.month}月试点产业产值同比增长{kpis['industry_output_growth']}%。",
                "leading_enterprises": f"龙头企业营业收入同比增长{kpis['leading_enterprise_revenue_growth']}%。",
                "kpis": {k: kpis[k] for k in m.kpi_keys[:3]},
            },
            "innovation": {
                "model": f"推动龙头企业与上下游在{rng.choice(TAGS)}方面协同。",
                "replication": "总结形成的做法已在全市推广。",
            },
            "finance": {
                "narrative": f"供应链金融融资规模{kpis['finance_volume']}亿元，同比增长{kpis['finance_growth']}%，"
                f"服务中小企业{kpis['finance_smes_served']}家，平均融资成本{kpis['finance_cost']}%。",
                "kpis": {k: kpis[k] for k in m.kpi_keys[3:8]},
            },
            "green": {
                "narrative": f"政府绿色采购金额{kpis['green_procurement']}亿元，重点企业开展绿色采购和信息披露。"
            },
            "global": {
                "narrative": f"试点产业进出口额{kpis['import_export']}亿元，实际利用外资{kpis['foreign_investment']}亿美元。"
            },
        }
    else:
        sections = {
            "organisation": {
                "mechanism": f"成立由主要负责人任组长的试点工作领导小组，{members}个部门参加，每月召开试点推进会。",
                "department_talent": f"设立供应链管理部门，专职人员{rng.randint(8, 60)}人，开展供应链培训{rng.randint(2, 8)}期。",
                "reporting": f"按期报送{year}年季报，经确认部门确认。",
            },
            "groundwork": {
                "informatisation": f"{m.measures[0].name}，信息系统覆盖主要业务环节。",
                "collaboration": f"与上下游{rng.randint(30, 800)}家企业建立协同机制。",
            },
            "target_completion": {"narrative": progress, "targets": completion},
            "enterprise_performance": {
                "narrative": f"{year}年1-{when.month}月主要绩效指标：{kpi_values.describe(kpis)}。",
                "kpis": dict(kpis),
            },
            "innovation": {
                "technology": f"应用{rng.choice(('区块链', '物联网', '大数据', '人工智能'))}技术提升供应链可视化水平。",
                "replication": "相关做法已在集团内部和合作伙伴中推广。",
            },
            "green": {"narrative": "推广循环包装和绿色仓储，减少包装废弃物和能源消耗。"},
            "global": {"narrative": f"国际业务稳步推进，海外合作伙伴{rng.randint(3, 60)}家。"},
        }
    doc: dict[str, Any] = {
        "pilot": s.id,
        "year": year,
        "pilot_type": s.type,
        "abstract": f"{year}年{s.short_name}按台账推进试点。{progress}",
        "sections": sections,
        "practices": practices(m, year, when, rng),
        "contacts": m.contacts[:1],
    }
    if rng.random() < 0.2:
        doc["reviewer_notes"] = "已确认。建议下一阶段重点总结可复制推广的做法。"
    return doc


def practices(m: PilotModel, year: str, when: date, rng: random.Random) -> list[dict[str, Any]]:
    s = m.spec
    candidates = [t for t in m.targets if t.kind is not None and t.kind.practice]
    offset = 0 if year == "2019" else 1
    chosen = (candidates[offset:] + candidates[:offset])[: rng.randint(1, 3)] or [m.targets[0]]
    found = []
    for i, t in enumerate(chosen):
        k = t.kind
        assert k is not None
        value = t.value_at(when, s.pace)
        measure = next((x for x in m.measures if t.id in x.targets), m.measures[0])
        found.append(
            {
                "id": f"P{i + 1}",
                "title": f"{k.practice}（{s.short_name}）"[:100],
                "theme": k.theme,
                "area": ("governance" if s.type == "city" else "management") if i % 2 == 0 else "innovation",
                "summary": f"{s.short_name}{measure.name}，由{measure.responsible}牵头，按“{measure.milestones[0][1]}、"
                f"{measure.milestones[1][1]}”的节点推进，形成了可复制的工作流程。",
                "effect": {
                    "text": f"截至{when.year}年{when.month}月末，{k.indicator}由{t.text(t.baseline)}变为{t.text(value)}。",
                    "figures": [
                        {"indicator": k.indicator[:100], "value": value, "unit": k.unit, "baseline": t.baseline}
                    ],
                },
                "conditions": "需要主管部门支持和上下游企业参与；适合产业集聚度较高、龙头企业带动作用明显的地区和行业。",
                "tags": rng.sample(TAGS, rng.randint(2, 4)),
            }
        )
    return found
