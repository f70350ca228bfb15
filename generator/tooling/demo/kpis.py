"""Performance indicators (attachment 3) for synthetic reports and summaries: a plausible
level per pilot and a small drift per quarter, integers where the schema wants integers."""

from __future__ import annotations

import random

# key: (low, high, decimals, quarterly drift as a share of the level)
RANGES: dict[str, tuple[float, float, int, float]] = {
    "industry_output_growth": (4, 14, 1, 0.05),
    "leading_enterprise_revenue_growth": (5, 20, 1, 0.05),
    "supply_chain_cost_reduction": (1, 6, 1, 0.2),
    "finance_volume": (50, 1500, 0, 0.06),
    "finance_growth": (6, 28, 1, 0.05),
    "finance_smes_served": (500, 15000, 0, 0.08),
    "finance_cost": (4.6, 6.4, 2, -0.01),
    "bad_debt_ratio": (0.3, 1.4, 2, -0.02),
    "green_procurement": (1, 30, 1, 0.05),
    "import_export": (100, 15000, 0, 0.03),
    "outbound_investment": (1, 40, 1, 0.04),
    "foreign_investment": (1, 60, 1, 0.04),
    "revenue_growth": (-3, 28, 1, 0.03),
    "cost_profit_ratio": (2, 15, 1, 0.01),
    "inventory_turnover": (2, 12, 1, 0.03),
    "total_asset_turnover": (0.5, 2.5, 2, 0.01),
    "cash_conversion_cycle": (20, 120, 0, -0.03),
    "return_on_assets": (1, 12, 1, 0.01),
    "quality_rate": (96, 99.5, 2, 0.0005),
    "on_time_delivery_rate": (80, 97, 1, 0.004),
    "partners_driven": (50, 3000, 0, 0.06),
    "enterprises_served": (300, 6000, 0, 0.07),
}
INTEGER = frozenset({"finance_smes_served", "partners_driven", "enterprises_served"})
CAPPED = {"quality_rate": 99.9, "on_time_delivery_rate": 99.5, "bad_debt_ratio": 100, "finance_cost": 100}


def levels(keys: tuple[str, ...], rng: random.Random) -> dict[str, float]:
    return {k: rng.uniform(RANGES[k][0], RANGES[k][1]) for k in keys}


def at_quarter(base: dict[str, float], quarter: int, rng: random.Random) -> dict[str, float | int]:
    """The indicators ``quarter`` quarters after the first report."""
    found: dict[str, float | int] = {}
    for key, level in base.items():
        _, _, digits, drift = RANGES[key]
        value = level * (1 + drift * quarter) * rng.uniform(0.98, 1.02)
        value = min(value, CAPPED.get(key, value))
        found[key] = round(value) if key in INTEGER or digits == 0 else round(value, digits)
    return found


TITLES = {
    "revenue_growth": ("营业收入增长率", "%"),
    "cost_profit_ratio": ("成本费用利润率", "%"),
    "inventory_turnover": ("库存周转率", "次/年"),
    "total_asset_turnover": ("总资产周转率", "次/年"),
    "cash_conversion_cycle": ("现金周转期", "天"),
    "return_on_assets": ("资产回报率", "%"),
    "quality_rate": ("产品和服务质量合格率", "%"),
    "on_time_delivery_rate": ("及时交付率", "%"),
    "partners_driven": ("带动上下游伙伴企业", "家"),
    "import_export": ("进出口额", "亿元"),
    "finance_volume": ("供应链金融融资规模", "亿元"),
    "finance_growth": ("融资规模增速", "%"),
    "enterprises_served": ("服务企业", "家"),
    "finance_cost": ("平均融资成本", "%"),
    "bad_debt_ratio": ("坏账率", "%"),
}


def describe(values: dict[str, float | int], limit: int = 5) -> str:
    """``营业收入增长率12.3%，库存周转率5.6次/年，…`` for the first ``limit`` indicators."""
    parts = []
    for key, value in list(values.items())[:limit]:
        title, unit = TITLES.get(key, (key, ""))
        parts.append(f"{title}{value:g}{unit}")
    return "，".join(parts)
