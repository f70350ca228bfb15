"""One synthetic pilot as a model: its spec, targets with their trajectories, measures,
contacts and KPI baseline, drawn from a seed. The documents (``pilotdocs``,
``summarydocs``) are views of it. Pure."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from generator.tooling.demo import kpis as kpi_values
from generator.tooling.demo.plan import PilotSpec
from generator.tooling.demo.vocabulary import (
    CITY_POSITIONS,
    ENTERPRISE_POSITIONS,
    PROFILES,
    SURNAME_PINYIN,
    SURNAMES,
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
        return f"{num(value)}{self.unit}"


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


def num(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e6 else f"{value:.0f}"


def round_to(value: float, digits: int) -> float:
    return round(value, digits) if digits else float(round(value))


def model(spec: PilotSpec, seed: int) -> PilotModel:
    rng = random.Random(f"scpilot-demo:{seed}:{spec.id}")
    m = PilotModel(spec, rng)
    kinds = list(PROFILES[spec.profile])
    rng.shuffle(kinds)
    chosen = kinds[: rng.randint(5, min(8, len(kinds)))]
    for i, kind in enumerate(chosen):
        base = round_to(rng.uniform(*kind.base), kind.digits)
        if kind.mode == "mul":
            goal = round_to(base * rng.uniform(*kind.goal), kind.digits)
        else:
            goal = round_to(rng.uniform(*kind.goal), kind.digits)
        if goal == base or (kind.direction == "increase") != (goal > base):
            goal = round_to(
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
