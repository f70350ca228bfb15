"""The download tables: one function per table, each a list of public columns (with their
descriptions, shown on the data page) and the rows, read from the model and the views."""

from __future__ import annotations

from typing import Any

from generator.assess.timeliness import Assessment
from generator.model.repository import Pilot, Programme, Repository
from generator.site.export import Table
from generator.site.labels import Labels
from generator.site.practiceview import practice_figures
from generator.site.views import PilotView, PracticeView

PILOT_COLUMNS = [
    ("id", "试点标识"),
    ("name", "试点名称"),
    ("type", "试点类型：city 城市，enterprise 企业"),
    ("category", "企业类别：entity 实体企业，financial 金融机构，service 供应链服务企业，platform 平台企业"),
    ("central_soe", "是否中央企业"),
    ("province", "省份标识（中央企业为 central）"),
    ("province_name", "省份名称"),
    ("division_code", "行政区划代码"),
    ("industries", "行业代码（GB/T 4754-2017），以分号分隔"),
    ("status", "active 试点中，revoked 已取消资格"),
    ("revoked_on", "取消日期"),
    ("reason", "取消原因"),
]
TARGET_COLUMNS = [
    ("pilot", "试点标识"),
    ("id", "目标编号"),
    ("name", "目标名称"),
    ("indicator", "衡量指标"),
    ("unit", "计量单位"),
    ("kind", "quantitative 定量，qualitative 定性"),
    ("direction", "increase 越大越好，decrease 越小越好"),
    ("baseline_value", "基期值"),
    ("baseline_date", "基期日期"),
    ("target_value", "目标值"),
    ("target_date", "目标日期"),
    ("theme", "附件3主题"),
    ("latest_period", "最近报告的季度"),
    ("progress", "完成度：从基期值到目标值已走过的百分比（0–100）"),
]
MEASURE_COLUMNS = [
    ("pilot", "试点标识"),
    ("id", "举措编号"),
    ("name", "举措名称"),
    ("responsible", "责任单位"),
    ("start", "开始日期"),
    ("end", "完成日期"),
    ("targets", "服务的目标编号，以分号分隔"),
    ("latest_status", "最近一期季报中的状态"),
    ("latest_percent", "最近一期季报中的完成百分比"),
    ("latest_period", "最近一期季报的季度"),
]
REPORT_VALUE_COLUMNS = [
    ("pilot", "试点标识"),
    ("period", "季度"),
    ("kind", "target 台账目标，kpi 附件3绩效指标"),
    ("key", "目标编号或指标标识"),
    ("value", "数值"),
    ("unit", "单位"),
    ("text", "定性目标的进展描述"),
]
PRACTICE_COLUMNS = [
    ("pilot", "试点标识（试点总结报告中的经验；名单和省级汇总报告中的经验为空，见 owner_ids）"),
    ("year", "年度"),
    ("id", "经验编号"),
    ("title", "标题"),
    ("theme", "附件3主题"),
    ("area", "经验领域"),
    ("summary", "主要做法"),
    ("effect", "实际成效"),
    ("conditions", "复制推广条件"),
    ("tags", "标签，以分号分隔"),
    ("owners", "所属，以顿号分隔"),
    ("owner_ids", "所属试点的标识，以分号分隔"),
    ("provenance", "出处（照公布的原样：发布单位、名单、批次、文号和日期，或所属的报告）"),
    ("category", "名单所用的类别"),
]
PRACTICE_FIGURE_COLUMNS = [
    ("practice", "经验（网页 practices/<经验>.html）"),
    ("owners", "所属的试点或省份标识，以分号分隔；ministry 为商务部"),
    ("source", "出处文件"),
    ("indicator", "指标"),
    ("value", "数值"),
    ("qualifier", "数值限定：exact 确数，at_least 不少于（300+），about 约，rank 第几名，top 前几名，share 占比"),
    ("unit", "计量单位"),
    ("baseline", "实施前的数值"),
    ("as_of", "截至日期"),
    ("claimed_by", "说法来自"),
]
STATUS_COLUMNS = [
    ("owner", "试点或省份标识"),
    ("document", "材料类型"),
    ("period", "期别"),
    ("due", "截止日期"),
    ("submitted_at", "提交日期（中国标准时间）"),
    ("confirmed_at", "确认日期"),
    ("commit", "确认提交"),
    ("state", "on_time 按期，late 逾期，missing 未报，not_due 未到期，exempt 免报"),
    ("days_late", "逾期天数"),
]
RECOMMENDATION_COLUMNS = [
    ("province", "省份标识"),
    ("year", "年度"),
    ("list", "service 附件1，platform 附件2"),
    ("pilot", "试点标识"),
    ("name", "名称"),
    ("industries", "行业代码，以分号分隔"),
    ("registered", "注册企业数"),
    ("active", "活跃企业数"),
    ("transaction_amount", "成交额（亿元）"),
]


def tables(
    repo: Repository,
    views: dict[str, PilotView],
    practices: list[PracticeView],
    assessments: list[Assessment],
    labels: Labels,
    names: dict[str, str],
    programme: Programme,
) -> list[Table]:
    pilots = sorted(repo.all_pilots, key=lambda p: p.id)
    return [
        ("pilots", "试点", PILOT_COLUMNS, [_pilot(p, names) for p in pilots]),
        ("targets", "台账目标", TARGET_COLUMNS, _targets(pilots, views)),
        ("measures", "台账举措", MEASURE_COLUMNS, _measures(pilots, views)),
        ("report_values", "季报数值", REPORT_VALUE_COLUMNS, _report_values(pilots, labels)),
        ("practices", "可复制推广经验", PRACTICE_COLUMNS, [_practice(x) for x in practices]),
        ("practice_figures", "经验的成效数据", PRACTICE_FIGURE_COLUMNS, _figures(repo)),
        ("status", "报送情况", STATUS_COLUMNS, [_status(a, programme) for a in assessments]),
        ("recommendations", "推荐名单", RECOMMENDATION_COLUMNS, _recommendations(repo)),
    ]


def _pilot(p: Pilot, names: dict[str, str]) -> list[Any]:
    return [
        p.id,
        p.name,
        p.type,
        p.category or "",
        p.central_soe,
        p.folder,
        names.get(p.folder, p.folder),
        p.division_code or "",
        ";".join(p.industries),
        p.status.state,
        p.status.revoked_on.isoformat() if p.status.revoked_on else "",
        p.status.reason or "",
    ]


def _targets(pilots: list[Pilot], views: dict[str, PilotView]) -> list[list[Any]]:
    rows = []
    for p in pilots:
        for t in views[p.id].targets:
            source = p.ledger.target(t.id) if p.ledger else None
            rows.append(
                [
                    p.id,
                    t.id,
                    t.name,
                    t.indicator,
                    t.unit,
                    "qualitative" if t.qualitative else "quantitative",
                    source.direction if source else "",
                    source.baseline_value if source else "",
                    t.baseline_date,
                    source.target_value if source else "",
                    t.goal_date,
                    source.theme if source else "",
                    t.latest_period or "",
                    t.progress if t.progress is not None else "",
                ]
            )
    return rows


def _measures(pilots: list[Pilot], views: dict[str, PilotView]) -> list[list[Any]]:
    return [
        [
            p.id,
            m.id,
            m.name,
            m.responsible,
            m.start,
            m.end,
            m.targets.replace("、", ";"),
            m.status or "",
            m.percent if m.percent is not None else "",
            m.period or "",
        ]
        for p in pilots
        for m in views[p.id].measures
    ]


def _report_values(pilots: list[Pilot], labels: Labels) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for p in pilots:
        for period, report in sorted(p.reports.items()):
            for entry in report.targets:
                value = entry.value if entry.value is not None else ""
                rows.append([p.id, period, "target", entry.id, value, entry.unit or "", entry.text or ""])
            for key, kpi in report.kpis.items():
                rows.append([p.id, period, "kpi", key, kpi, labels.kpi_unit.get(key, ""), ""])
    return rows


def _practice(x: PracticeView) -> list[Any]:
    return [
        x.pilot_id,
        x.year,
        x.id,
        x.title,
        x.theme,
        x.area_label,
        x.summary,
        x.effect,
        x.conditions,
        ";".join(x.tags),
        "、".join(name for name, _ in x.owners),
        ";".join(x.pilots),
        "；".join(text for text, _ in x.provenance),
        x.category,
    ]


def _figures(repo: Repository) -> list[list[Any]]:
    return [
        [slug, owners, path, f.indicator, f.value, f.qualifier, f.unit, f.baseline, f.as_of or "", f.claimed_by or ""]
        for slug, owners, path, f in practice_figures(repo)
    ]


def _status(a: Assessment, programme: Programme) -> list[Any]:
    return [
        a.requirement.owner,
        a.document,
        a.period or "",
        a.requirement.deadline.due.isoformat(),
        a.submitted_on.isoformat() if a.submitted_on else "",
        programme.local_date(a.version.confirmed_at).isoformat() if a.version else "",
        a.version.commit if a.version else "",
        a.state,
        a.days_late if a.days_late is not None else "",
    ]


def _recommendations(repo: Repository) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for rec in sorted(repo.recommendations, key=lambda r: (r.province, r.year)):
        for s in rec.service_enterprises:
            rows.append([rec.province, rec.year, "service", s.pilot, s.name, ";".join(s.industries), "", "", ""])
        for x in rec.platforms:
            amount = x.amount if x.amount is not None else ""
            rows.append(
                [
                    rec.province,
                    rec.year,
                    "platform",
                    x.pilot,
                    x.name,
                    ";".join(x.industries),
                    x.registered,
                    x.active,
                    amount,
                ]
            )
    return rows
