"""The calendar itself: quarters have their dates, deadlines are not repeated, KPI sets name real KPIs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta

from generator.load.layout import KIND_TITLES, document_path
from generator.load.loader import Document
from generator.load.problems import Problem
from generator.model.repository import Calendar, Deadline, Repository
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
    keys: Counter[tuple[str, str | None]] = Counter()
    for cal in programme.calendars:
        yield from _one_calendar(cal, keys)
    doc = programme.doc
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


def _one_calendar(cal: Calendar, keys: Counter[tuple[str, str | None]]) -> Iterator[Problem]:
    """One programme's calendar: its period, and each deadline once across all programmes
    (a periodic document answers one programme; a one-off one may be asked by several)."""
    doc = cal.doc
    span = ("pilot_period" if cal.main else "period", "end")
    if cal.start >= cal.end:
        yield at("SCP-E021", doc, span, "工作期的结束日期不晚于开始日期。", f"请核对 {span[0]}。")
    for d in cal.deadlines:
        base = ("deadlines", d.index)
        key = (d.document, d.period or f"@{cal.id}")
        keys[key] += 1
        if keys[key] == 2:
            yield at(
                "SCP-E021",
                doc,
                base,
                f"{KIND_TITLES[d.document]} {d.period or ''} 的期限重复规定。",
                "每类材料每一期只规定一个截止日期（在一项工作中）。",
            )
        yield from _due(doc, d, base)
        if d.document == "report":
            yield from _quarter(doc, d)
        elif d.document in ("summary", "recommendations", "province_summary") and not d.period:
            yield at(
                "SCP-E021", doc, base, f"{KIND_TITLES[d.document]}的期限须写明年度 period。", '例如 period: "2019"。'
            )


def _due(doc: Document, d: Deadline, base: tuple[str, int]) -> Iterator[Problem]:
    """A deadline has a due date or a number of days after enrolment, not both; counting from
    enrolment suits one-off documents (basic information, the ledger), not a period's."""
    fixed = "due" in doc.data["deadlines"][d.index]
    if fixed == (d.within_days is not None):
        yield at(
            "SCP-E021",
            doc,
            base,
            "报送期限须写 due（截止日期）或 within_days（入选后天数）之一，且只写一个。",
            "例如 due: 2019-06-30，或后续批次的台账 within_days: 60。",
        )
    elif d.within_days is not None and (d.period or d.by != "pilot"):
        yield at(
            "SCP-E021",
            doc,
            (*base, "within_days"),
            "within_days 只用于试点报送的一次性材料（基本信息、台账）。",
            "有期别的材料（季报、总结报告）和省级材料请写 due。",
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
