"""The provincial commerce departments' documents: registration, the 2019 recommendation
lists (attachments 1 and 2) and the provincial summary reports, built from the province's
own synthetic pilots so that every reference resolves."""

from __future__ import annotations

import random
from typing import Any

from generator.tooling.demo.geography import Province
from generator.tooling.demo.pilotmodel import PilotModel
from generator.tooling.demo.vocabulary import SURNAME_PINYIN, SURNAMES

MAX_ASSESSMENTS = 100
MAX_LISTED = 50


def _contact(rng: random.Random, province: Province, position: str) -> dict[str, str]:
    s = rng.randrange(len(SURNAMES))
    return {
        "name": f"{SURNAMES[s]}示例",
        "position": f"{province.department}{position}"[:50],
        "phone": f"{province.area_code}-{rng.randint(0, 99999999):08d}",
        "email": f"{SURNAME_PINYIN[s]}.shili{rng.randint(1, 99)}@example.com",
    }


def province_doc(province: Province, seed: int) -> dict[str, Any]:
    rng = random.Random(f"scpilot-demo:{seed}:province:{province.folder}")
    return {
        "id": province.folder,
        "name": province.name,
        "code": province.code,
        "kind": province.kind,
        "department": province.department,
        "reviewers": [f"@{province.folder}-commerce"],
        "contacts": [
            _contact(rng, province, "市场体系建设处处长"),
            _contact(rng, province, "市场体系建设处一级主任科员"),
        ],
    }


def recommendations_doc(province: Province, pilots: list[PilotModel], seed: int) -> dict[str, Any]:
    rng = random.Random(f"scpilot-demo:{seed}:recommendations:{province.folder}")
    services = [m for m in pilots if m.spec.category == "service"][:MAX_LISTED]
    platforms = [m for m in pilots if m.spec.category == "platform"][:MAX_LISTED]
    doc: dict[str, Any] = {"province": province.folder, "year": "2019"}
    doc["service_enterprises"] = [
        {
            "pilot": m.spec.id,
            "name": m.spec.name,
            "industries": list(m.spec.industries),
            "services": f"为{m.spec.sector}上下游企业提供采购执行、分销执行、库存管理和物流配送一体化服务。",
            "contact": m.contacts[0],
        }
        for m in services
    ]
    rows = []
    for m in platforms:
        registered = rng.randint(800, 20000)
        volume = round(rng.uniform(5, 300), 1)
        rows.append(
            {
                "pilot": m.spec.id,
                "name": f"{m.spec.short_name}供应链协同平台"[:100],
                "operation": {
                    "industries": list(m.spec.industries),
                    "registered_enterprises": registered,
                    "active_enterprises": int(registered * rng.uniform(0.2, 0.6)),
                    "transaction_amount": volume,
                    "business_volume": {"value": round(volume * rng.uniform(0.5, 3), 1), "unit": "万单"},
                    "description": f"平台面向{m.spec.sector}产业链企业提供订单协同、库存共享、在线对账和结算服务，"
                    f"2018年平台交易额{volume:g}亿元。",
                },
                "contact": m.contacts[0],
            }
        )
    doc["platforms"] = rows
    doc["contacts"] = [_contact(rng, province, "市场体系建设处一级主任科员")]
    return doc


def province_summary_doc(
    province: Province, year: str, pilots: list[PilotModel], practices: list[tuple[str, str, str]], seed: int
) -> dict[str, Any]:
    """``practices``: (pilot id, practice id, title) from the province's confirmed summaries of ``year``."""
    rng = random.Random(f"scpilot-demo:{seed}:province-summary:{province.folder}:{year}")
    cities = [m for m in pilots if m.spec.type == "city"]
    enterprises = [m for m in pilots if m.spec.type == "enterprise"]
    targets = sum(len(m.targets) for m in pilots)
    measures = sum(len(m.measures) for m in pilots)
    assessments = []
    for m in pilots[:MAX_ASSESSMENTS]:
        behind = m.spec.pace < 0.8
        verdict = "进展滞后，需加快进度" if behind else ("进展良好" if m.spec.pace >= 0.95 else "进展一般")
        assessments.append(
            {
                "pilot": m.spec.id,
                "assessment": f"台账{len(m.targets)}项目标、{len(m.measures)}项举措，"
                + ("部分举措未按期完成。" if behind else "到期里程碑基本按期完成。")
                + f"总体评价：{verdict}。",
            }
        )
    picked = rng.sample(practices, min(len(practices), 5))
    return {
        "province": province.folder,
        "year": year,
        "overview": f"本省有试点城市{len(cities)}个、试点企业{len(enterprises)}家。{year}年各试点共确定目标{targets}项、"
        f"举措{measures}项，按季度报送进展。",
        "progress": f"{province.department}牵头建立试点联席会议机制，按商办建函〔2019〕185号要求指导试点完善台账、"
        f"细化量化目标，组织第三方评估和经验总结。",
        "pilot_assessments": assessments,
        "practices": [
            {"pilot": pilot, "practice": pid, "reason": f"“{title}”投入小、见效快，适合同类地区和企业借鉴。"[:500]}
            for pilot, pid, title in picked
        ],
        "problems": "部分试点数据统计口径不统一，中小企业参与供应链协同的能力不足。",
        "suggestions": "建议国家层面加强供应链公共数据共享，完善供应链金融风险监测。",
        "contacts": [_contact(rng, province, "市场体系建设处一级主任科员")],
    }
