"""One synthetic pilot's summary reports (附件3) and the practices they contain. Pure."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from generator.tooling.demo import kpis as kpi_values
from generator.tooling.demo.pilotdocs import target_name
from generator.tooling.demo.pilotmodel import QUARTER_END, QUARTERS, PilotModel
from generator.tooling.demo.vocabulary import (
    TAGS,
)


def summary_doc(m: PilotModel, year: str) -> dict[str, Any]:
    rng = random.Random(f"{m.rng.random()}:summary:{year}")
    s = m.spec
    period = "2019Q3" if year == "2019" else "2020Q3"
    when = QUARTER_END[period]
    kpis = kpi_values.at_quarter(m.kpi_base, QUARTERS.index(period), rng)
    completion = _completion(m, year, when)
    progress = _progress(m, when, completion)
    members = rng.randint(6, 18)
    if s.type == "city":
        sections = _city_sections(m, year, when, kpis, completion, progress, members, rng)
    else:
        sections = _enterprise_sections(m, year, when, kpis, completion, progress, members, rng)
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


def _completion(m: PilotModel, year: str, when: date) -> list[dict[str, Any]]:
    s = m.spec
    completion: list[dict[str, Any]] = []
    for t in m.targets:
        if t.kind is None:
            completion.append({"id": t.id, "achieved": year == "2020", "note": "统计监测制度已建立。"})
            continue
        value = t.value_at(when, s.pace)
        achieved = value >= t.goal if t.kind.direction == "increase" else value <= t.goal
        completion.append({"id": t.id, "value": value, "achieved": achieved})
    return completion


def _progress(m: PilotModel, when: date, completion: list[dict[str, Any]]) -> str:
    s = m.spec
    reached = sum(1 for c in completion if c["achieved"])
    return (
        f"截至{when.month}月末，{len(m.targets)}项目标中{reached}项已实现，"
        + "、".join(
            f"{target_name(t).split('到')[0]}{t.text(t.value_at(when, s.pace))}" for t in m.targets[:3] if t.kind
        )
        + f"；{len(m.measures)}项举措按台账推进。"
    )


def _city_sections(
    m: PilotModel,
    year: str,
    when: date,
    kpis: dict[str, Any],
    completion: list[dict[str, Any]],
    progress: str,
    members: int,
    rng: random.Random,
) -> dict[str, Any]:
    return {
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
        "green": {"narrative": f"政府绿色采购金额{kpis['green_procurement']}亿元，重点企业开展绿色采购和信息披露。"},
        "global": {
            "narrative": f"试点产业进出口额{kpis['import_export']}亿元，实际利用外资{kpis['foreign_investment']}亿美元。"
        },
    }


def _enterprise_sections(
    m: PilotModel,
    year: str,
    when: date,
    kpis: dict[str, Any],
    completion: list[dict[str, Any]],
    progress: str,
    members: int,
    rng: random.Random,
) -> dict[str, Any]:
    return {
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
