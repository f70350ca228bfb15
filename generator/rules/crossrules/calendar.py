"""The calendar itself: quarters have their dates, deadlines are not repeated, KPI sets name real KPIs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta

from generator.load.layout import KIND_TITLES, document_path
from generator.load.loader import Document
from generator.load.problems import Problem
from generator.model.repository import Deadline, Repository
from generator.rules.crossrules.common import Context, at, fmt


def programme_calendar(repo: Repository, ctx: Context) -> Iterator[Problem]:
    """E021: the calendar is coherent: quarters have their dates, KPI sets name real KPIs."""
    programme = repo.programme
    if programme is None:
        if document_path("programme") not in repo.invalid and repo.documents:
            doc = repo.documents[0][1]
            yield Problem(
                "SCP-E021",
                doc.path,
                0,
                0,
                "缺少工作日历 submissions/programme.yaml。",
                "工作日历规定试点期、报送期限和确认部门，其他检查都依赖它；请从模板恢复。",
            )
        return
    doc = programme.doc
    if programme.pilot_start >= programme.pilot_end:
        yield at("SCP-E021", doc, ("pilot_period", "end"), "试点期的结束日期不晚于开始日期。", "请核对 pilot_period。")
    keys: Counter[tuple[str, str | None]] = Counter()
    for d in programme.deadlines:
        base = ("deadlines", d.index)
        keys[(d.document, d.period)] += 1
        if keys[(d.document, d.period)] == 2:
            yield at(
                "SCP-E021",
                doc,
                base,
                f"{KIND_TITLES[d.document]} {d.period or ''} 的期限重复规定。",
                "每类材料每一期只规定一个截止日期。",
            )
        if d.document == "report":
            yield from _quarter(doc, d)
        elif d.document in ("summary", "recommendations", "province_summary") and not d.period:
            yield at(
                "SCP-E021", doc, base, f"{KIND_TITLES[d.document]}的期限须写明年度 period。", '例如 period: "2019"。'
            )
    kpi_props = ctx.schemas.common_def("kpis")["properties"]
    for set_name, members in programme.kpi_sets.items():
        for j, key in enumerate(members):
            if key not in kpi_props:
                yield at(
                    "SCP-E021",
                    doc,
                    ("kpi_sets", set_name, j),
                    f"指标「{key}」没有在 schemas/common.schema.json 中定义。",
                    "可用的指标：" + "、".join(kpi_props) + "。",
                )


def _quarter(doc: Document, d: Deadline) -> Iterator[Problem]:
    """A quarterly report's deadline names its quarter and the quarter's dates."""
    base = ("deadlines", d.index)
    if not (d.period and "Q" in d.period and d.starts and d.ends):
        yield at(
            "SCP-E021",
            doc,
            base,
            "季报的期限须写明季度 period、starts 和 ends。",
            "例如 {document: report, period: 2019Q3, starts: 2019-07-01, ends: 2019-09-30, due: 2019-10-15}。",
        )
        return
    year, quarter = int(d.period[:4]), int(d.period[5])
    first = date(year, 3 * quarter - 2, 1)
    last = (date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)) - timedelta(days=1)
    if (d.starts, d.ends) != (first, last):
        yield at(
            "SCP-E021",
            doc,
            (*base, "starts"),
            f"{d.period} 的起止日期应为 {fmt(first)} 至 {fmt(last)}。",
            "请核对季度的起止日期。",
        )
    if d.due < d.ends:
        yield at(
            "SCP-E021",
            doc,
            (*base, "due"),
            f"{d.period} 季报的截止日期早于季度结束。",
            "季报在季后报送，截止日期应在季度结束之后。",
        )
