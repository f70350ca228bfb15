"""Downloads: every confirmed fact as CSV, one JSON file and one XLSX workbook, with
stable URLs and byte-for-byte stable content. Only public columns are ever written."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from openpyxl import Workbook

from generator.model.repository import Programme, Repository
from generator.site.labels import Labels
from generator.site.views import PilotView, PracticeView
from generator.assess.timeliness import Assessment

Table = tuple[str, str, list[tuple[str, str]], list[list[Any]]]
FIXED_TIME = datetime(2020, 1, 1)
_MODIFIED = re.compile(
    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)"
)  # zip entries and workbook properties carry no build time


def _cols(*pairs: tuple[str, str]) -> list[tuple[str, str]]:
    return list(pairs)


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
    result: list[Table] = []
    result.append(
        (
            "pilots",
            "试点",
            _cols(
                ("id", "试点标识"),
                ("name", "试点名称"),
                ("type", "试点类型：city 城市，enterprise 企业"),
                (
                    "category",
                    "企业类别：entity 实体企业，financial 金融机构，service 供应链服务企业，platform 平台企业",
                ),
                ("central_soe", "是否中央企业"),
                ("province", "省份标识（中央企业为 central）"),
                ("province_name", "省份名称"),
                ("division_code", "行政区划代码"),
                ("industries", "行业代码（GB/T 4754-2017），以分号分隔"),
                ("status", "active 试点中，revoked 已取消资格"),
                ("revoked_on", "取消日期"),
                ("reason", "取消原因"),
            ),
            [
                [
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
                for p in pilots
            ],
        )
    )
    rows = []
    for p in pilots:
        for t in views[p.id].targets:
            source = next(x for x in p.ledger.targets if x.id == t.id) if p.ledger else None
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
    result.append(
        (
            "targets",
            "台账目标",
            _cols(
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
                ("progress", "从基期到目标已完成的百分比（0–100）"),
            ),
            rows,
        )
    )
    rows = []
    for p in pilots:
        for m in views[p.id].measures:
            rows.append(
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
            )
    result.append(
        (
            "measures",
            "台账举措",
            _cols(
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
            ),
            rows,
        )
    )
    rows = []
    for p in pilots:
        for period, report in sorted(p.reports.items()):
            for entry in report.targets:
                value = entry.value if entry.value is not None else ""
                rows.append([p.id, period, "target", entry.id, value, entry.unit or "", entry.text or ""])
            for key, value in report.kpis.items():
                rows.append([p.id, period, "kpi", key, value, labels.kpi_unit.get(key, ""), ""])
    result.append(
        (
            "report_values",
            "季报数值",
            _cols(
                ("pilot", "试点标识"),
                ("period", "季度"),
                ("kind", "target 台账目标，kpi 附件3绩效指标"),
                ("key", "目标编号或指标标识"),
                ("value", "数值"),
                ("unit", "单位"),
                ("text", "定性目标的进展描述"),
            ),
            rows,
        )
    )
    result.append(
        (
            "practices",
            "可复制推广经验",
            _cols(
                ("pilot", "试点标识"),
                ("year", "年度"),
                ("id", "经验编号"),
                ("title", "标题"),
                ("theme", "附件3主题"),
                ("area", "经验领域"),
                ("summary", "主要做法"),
                ("effect", "实际成效"),
                ("conditions", "复制推广条件"),
                ("tags", "标签，以分号分隔"),
            ),
            [
                [
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
                ]
                for x in practices
            ],
        )
    )
    result.append(
        (
            "status",
            "报送情况",
            _cols(
                ("owner", "试点或省份标识"),
                ("document", "材料类型"),
                ("period", "期别"),
                ("due", "截止日期"),
                ("submitted_at", "提交日期（中国标准时间）"),
                ("confirmed_at", "确认日期"),
                ("commit", "确认提交"),
                ("state", "on_time 按期，late 逾期，missing 未报，not_due 未到期，exempt 免报"),
                ("days_late", "逾期天数"),
            ),
            [
                [
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
                for a in assessments
            ],
        )
    )
    rows = []
    for rec in sorted(repo.recommendations, key=lambda r: (r.province, r.year)):
        for s in rec.service_enterprises:
            rows.append(
                [rec.province, rec.year, "service", s["pilot"], s["name"], ";".join(s["industries"]), "", "", ""]
            )
        for s in rec.platforms:
            op = s["operation"]
            rows.append(
                [
                    rec.province,
                    rec.year,
                    "platform",
                    s["pilot"],
                    s["name"],
                    ";".join(op["industries"]),
                    op["registered_enterprises"],
                    op["active_enterprises"],
                    op.get("transaction_amount", ""),
                ]
            )
    result.append(
        (
            "recommendations",
            "推荐名单",
            _cols(
                ("province", "省份标识"),
                ("year", "年度"),
                ("list", "service 附件1，platform 附件2"),
                ("pilot", "试点标识"),
                ("name", "名称"),
                ("industries", "行业代码，以分号分隔"),
                ("registered", "注册企业数"),
                ("active", "活跃企业数"),
                ("transaction_amount", "成交额（亿元）"),
            ),
            rows,
        )
    )
    return result


# A spreadsheet reads a cell that starts with one of these as a formula (=HYPERLINK(...) and the
# like). Submitted text is never a formula: in CSV it gets a leading apostrophe (the usual
# defence: Excel shows the text, without the apostrophe); in XLSX it is stored as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> Any:
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def _csv(columns: Sequence[tuple[str, str]], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c for c, _ in columns])
    writer.writerows([_csv_cell(v) for v in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(all_tables: list[Table]) -> bytes:
    book = Workbook()
    for default in list(book.worksheets):
        book.remove(default)
    for name, _title, columns, rows in all_tables:
        sheet = book.create_sheet(name)
        sheet.append([c for c, _ in columns])
        for number, row in enumerate(rows, start=2):
            sheet.append(row)
            # openpyxl makes any text starting with "=" a formula. Cells are reached by their
            # address: sheet.max_row scans every cell, which made large tables quadratic.
            for column, value in enumerate(row, start=1):
                if isinstance(value, str) and value.startswith("="):
                    cell = sheet.cell(row=number, column=column)
                    if cell.data_type == "f":
                        cell.data_type = "s"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    book.properties.creator = "scpilot"
    raw = io.BytesIO()
    book.save(raw)
    return stable_zip(raw.getvalue())


def stable_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry times so the same data gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in sorted(source.infolist(), key=lambda i: i.filename):
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                content = _MODIFIED.sub(rb"\g<1>2020-01-01T00:00:00Z\g<2>", content)
            stable = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            stable.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(stable, content)
    return out.getvalue()


def files(all_tables: list[Table]) -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {}
    for name, _, columns, rows in all_tables:
        out[f"data/{name}.csv"] = _csv(columns, rows)
    payload = {
        name: [dict(zip([c for c, _ in columns], row, strict=True)) for row in rows]
        for name, _, columns, rows in all_tables
    }
    out["data/scpilot.json"] = json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    out["data/scpilot.xlsx"] = _xlsx(all_tables)
    return out
