"""The pilot and its ledger: industry codes, central SOEs, division codes, revocation, ledger coherence."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from generator.load.layout import KIND_TITLES
from generator.load.loader import Document, PathKey
from generator.load.problems import Problem
from generator.model.repository import Ledger, Pilot, Programme, Repository
from generator.reference.industries import industry_names
from generator.rules.crossrules.common import Context, at, duplicates, fmt, industry_hint, type_name


def pilots(repo: Repository, ctx: Context) -> Iterator[Problem]:
    """E012/E016/E017/W002: industry codes, central SOE placement, division codes, revocation."""
    programme = repo.programme
    names = industry_names()
    for pilot in repo.all_pilots:
        for i, code in enumerate(pilot.industries):
            if code not in names:
                yield at(
                    "SCP-E012",
                    pilot.doc,
                    ("industries", i),
                    f"行业代码「{code}」不在 GB/T 4754-2017 中。",
                    industry_hint(code),
                )
        if programme is None:
            continue
        in_central = pilot.folder == programme.central_folder
        if pilot.central_soe and not in_central:
            yield at(
                "SCP-E016",
                pilot.doc,
                ("central_soe",),
                "中央企业试点放在了省份文件夹中。",
                f"中央企业的材料由商务部确认，请把整个文件夹移到 submissions/{programme.central_folder}/ 下。",
            )
        if in_central and not pilot.central_soe:
            yield at(
                "SCP-E016",
                pilot.doc,
                ("type",),
                f"「{programme.central_name}」文件夹中只放中央企业试点，这里的试点不是中央企业。",
                "如果是中央企业，请写 central_soe: true；否则请把文件夹移到所在省份的文件夹下。",
            )
        province = repo.provinces.get(pilot.folder)
        # a separately planned city's unit confirms only what lies in that city (its first four digits)
        width = 4 if province and province.kind == "separately_planned" else 2
        checked = pilot.type == "city" or width == 4
        own = pilot.division_code
        if checked and province and own and own[:width] != province.code[:width]:
            yield at(
                "SCP-E017",
                pilot.doc,
                ("division_code",),
                f"行政区划代码「{own}」不属于{province.name}（{province.code}）。",
                f"代码前{'四' if width == 4 else '两'}位应与{province.name}的代码相同（{province.code[:width]}）；"
                "请核对 GB/T 2260 代码，或把试点放到所在地确认单位的文件夹中。",
            )
        if pilot.status.revoked_on is not None:
            yield from _after_revocation(pilot, programme)


def _after_revocation(pilot: Pilot, programme: Programme) -> Iterator[Problem]:
    revoked = pilot.status.revoked_on
    assert revoked is not None
    documents = [("report", r.period, r.doc) for r in pilot.reports.values()]
    documents += [("summary", s.year, s.doc) for s in pilot.summaries.values()]
    for kind, period, doc in documents:
        deadline = programme.deadline(kind, period)
        if deadline is not None and deadline.due > revoked:
            yield at(
                "SCP-W002",
                doc,
                (),
                f"试点已于 {fmt(revoked)} 取消资格，{period} {KIND_TITLES[kind]}的截止日期在其后。",
                "取消资格后不再要求报送材料；如确需保留这份材料，请在审核意见中说明。",
            )


def ledgers(repo: Repository, ctx: Context) -> Iterator[Problem]:
    """E004/E007/E008/E010/E014/E022: the ledger is coherent in itself and with the calendar."""
    for pilot in repo.all_pilots:
        ledger = pilot.ledger
        if ledger is None:
            continue
        doc = ledger.doc
        span = _span(repo, pilot)
        yield from duplicates(doc, "targets", [t.id for t in ledger.targets], "目标")
        yield from duplicates(doc, "measures", [m.id for m in ledger.measures], "举措")
        yield from _targets(pilot, ledger, span, ctx)
        yield from _measures(pilot, ledger, span)


@dataclass(frozen=True)
class Span:
    """The period a pilot's ledger must fall in: from the start of the first programme it is
    enrolled in to the end of the last (the pilot period, for a pilot of the first programme)."""

    start: date
    end: date
    names: str

    def __contains__(self, when: date) -> bool:
        return self.start <= when <= self.end


def _span(repo: Repository, pilot: Pilot) -> Span | None:
    programme = repo.programme
    if programme is None:
        return None
    found = repo.span(pilot.id)
    if found is None:
        return Span(programme.pilot_start, programme.pilot_end, "试点期")
    ids = [e.programme for e in repo.enrolments.get(pilot.id, ())]
    if ids == [programme.main.id]:
        return Span(*found, "试点期")
    names = "、".join(c.short_name for c in programme.calendars if c.id in ids)
    return Span(*found, f"所参加工作（{names}）的工作期")


def _targets(pilot: Pilot, ledger: Ledger, span: Span | None, ctx: Context) -> Iterator[Problem]:
    doc = ledger.doc
    themes = ctx.theme_labels(pilot.type)
    for t in ledger.targets:
        base = ("targets", t.index)
        if t.theme not in themes:
            yield at(
                "SCP-E014",
                doc,
                (*base, "theme"),
                f"目标 {t.id} 的主题「{t.theme}」不适用于{type_name(pilot)}。",
                "可选主题：" + "、".join(f"{k}（{v}）" for k, v in themes.items()) + "。",
            )
        if t.baseline_date >= t.target_date:
            yield at(
                "SCP-E008",
                doc,
                (*base, "target", "date"),
                f"目标 {t.id} 的目标日期 {fmt(t.target_date)} 不晚于基期日期 {fmt(t.baseline_date)}。",
                "基期是起点，目标日期是终点：目标日期必须在基期日期之后。",
            )
        if span and t.target_date not in span:
            yield at(
                "SCP-E007",
                doc,
                (*base, "target", "date"),
                _outside(f"目标 {t.id} 的目标日期", t.target_date, span),
                _period_hint(span),
            )
        if t.plan_item and t.plan_item not in pilot.plan_items:
            yield _plan_problem(doc, (*base, "plan_item"), f"目标 {t.id}", t.plan_item, pilot)


def _measures(pilot: Pilot, ledger: Ledger, span: Span | None) -> Iterator[Problem]:
    doc = ledger.doc
    target_ids = {t.id for t in ledger.targets}
    for m in ledger.measures:
        base = ("measures", m.index)
        for j, ref in enumerate(m.targets):
            if ref not in target_ids:
                yield at(
                    "SCP-E004",
                    doc,
                    (*base, "targets", j),
                    f"举措 {m.id} 引用的目标 {ref} 在台账中不存在。",
                    "已有的目标：" + "、".join(sorted(target_ids)) + "。",
                )
        if m.start > m.end:
            yield at(
                "SCP-E008",
                doc,
                (*base, "end"),
                f"举措 {m.id} 的完成日期 {fmt(m.end)} 早于开始日期 {fmt(m.start)}。",
                "请核对开始日期（start）和完成日期（end）。",
            )
        if span:
            for label, when, path in (("开始日期", m.start, "start"), ("完成日期", m.end, "end")):
                if when not in span:
                    yield at(
                        "SCP-E007",
                        doc,
                        (*base, path),
                        _outside(f"举措 {m.id} 的{label}", when, span),
                        _period_hint(span),
                    )
        for j, stone in enumerate(m.milestones):
            spot = (*base, "milestones", j, "date")
            if span and stone.date not in span:
                yield at(
                    "SCP-E007",
                    doc,
                    spot,
                    _outside(f"举措 {m.id} 的里程碑", stone.date, span),
                    _period_hint(span),
                )
            elif not m.start <= stone.date <= m.end:
                yield at(
                    "SCP-E008",
                    doc,
                    spot,
                    f"举措 {m.id} 的里程碑日期 {fmt(stone.date)} 不在举措起止日期（{fmt(m.start)} 至 {fmt(m.end)}）之内。",
                    "里程碑是举措实施过程中的节点：请调整里程碑日期或举措的起止日期。",
                )
        if m.plan_item and m.plan_item not in pilot.plan_items:
            yield _plan_problem(doc, (*base, "plan_item"), f"举措 {m.id}", m.plan_item, pilot)


def _plan_problem(doc: Document, path: PathKey, what: str, ref: str, pilot: Pilot) -> Problem:
    known = "、".join(pilot.plan_items) or "（无）"
    return at(
        "SCP-E022",
        doc,
        path,
        f"{what}引用的申报方案条目 {ref} 在基本信息中不存在。",
        f"pilot.yaml 的 application_plan.items 中已有：{known}。",
    )


def _outside(what: str, when: date, span: Span) -> str:
    return f"{what} {fmt(when)} 不在{span.names}（{fmt(span.start)} 至 {fmt(span.end)}）内。"


def _period_hint(span: Span) -> str:
    if span.names == "试点期":
        return (
            f"试点期为 {fmt(span.start)} 至 {fmt(span.end)}（见 submissions/programme.yaml），"
            "台账的目标和举措须在试点期内完成。"
        )
    return (
        f"{span.names}为 {fmt(span.start)} 至 {fmt(span.end)}（见 submissions/programme.yaml 和 submissions/programmes/），"
        "台账的目标和举措须在这段时间内完成。"
    )
