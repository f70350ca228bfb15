"""A pilot's reports and summaries against its ledger and its type."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.load.layout import document_path
from generator.load.loader import Document, PathKey
from generator.load.problems import Problem
from generator.load.schemas import labelled
from generator.model.repository import Ledger, Pilot, Report, Repository
from generator.rules.crossrules.common import Context, at, duplicates, type_name


def reports(repo: Repository, ctx: Context) -> Iterator[Problem]:
    """E004/E005/E006/E010/E013/E020/W001: a quarterly report against its pilot's ledger."""
    for pilot in repo.all_pilots:
        ledger = pilot.ledger
        for report in pilot.reports.values():
            doc = report.doc
            yield from duplicates(doc, "targets", [t.id for t in report.targets], "目标")
            yield from duplicates(doc, "measures", [m.id for m in report.measures], "举措")
            yield from _kpis(repo, ctx, pilot, doc, ("kpis",), report.kpis)
            yield from _measure_states(ctx, doc, report)
            if ledger is None:
                # a ledger that exists but is invalid: its own errors explain it
                if document_path("ledger", pilot.folder, pilot.id) not in repo.invalid:
                    yield from _without_ledger(pilot, doc, report.targets, report.measures)
                continue
            yield from _against_ledger(doc, report, ledger)


def _measure_states(ctx: Context, doc: Document, report: Report) -> Iterator[Problem]:
    """E020: a measure's status and its percent agree."""
    for m in report.measures:
        spot = ("measures", m.index)
        if (m.status == "completed") != (m.percent == 100):
            yield at(
                "SCP-E020",
                doc,
                (*spot, "percent"),
                f"举措 {m.id} 的状态是「{_status_name(ctx, m.status)}」，完成百分比却是 {m.percent:g}。",
                "已完成的举措填 100；完成百分比为 100 的举措状态填 completed。",
            )
        elif m.status == "not_started" and m.percent > 0:
            yield at(
                "SCP-E020",
                doc,
                (*spot, "percent"),
                f"举措 {m.id} 的状态是「未开始」，完成百分比却是 {m.percent:g}。",
                "未开始的举措完成百分比填 0；已经开始的请把状态改为 in_progress。",
            )


def _against_ledger(doc: Document, report: Report, ledger: Ledger) -> Iterator[Problem]:
    """E004/E005/E006/W001/W003: the report names the ledger's targets and measures, in its units."""
    for t in report.targets:
        target = ledger.target(t.id)
        spot = ("targets", t.index)
        if target is None:
            yield at(
                "SCP-E004",
                doc,
                (*spot, "id"),
                f"目标 {t.id} 在台账中不存在。",
                "季报只报台账中的目标：" + "、".join(x.id for x in ledger.targets) + "。",
            )
        elif target.kind == "quantitative" and t.value is None:
            yield at(
                "SCP-W003",
                doc,
                spot,
                f"目标 {t.id} 是定量目标，季报只写了文字，没有季末数值。",
                f"请填写 value 和 unit（{target.unit}）；暂时没有数据的，在 note 中说明原因。",
            )
        elif target.kind == "qualitative" and t.value is not None:
            yield at(
                "SCP-W003",
                doc,
                (*spot, "value"),
                f"目标 {t.id} 是定性目标，季报却填了数值 {t.value:g}。",
                "定性目标用 text 描述进展；如果它其实可以量化，请先修订台账，把它改为定量目标。",
            )
        elif t.unit is not None and t.unit != target.unit:
            yield at(
                "SCP-E006",
                doc,
                (*spot, "unit"),
                f"目标 {t.id} 的单位「{t.unit}」与台账的单位「{target.unit}」不一致。",
                f"请换算成台账规定的单位「{target.unit}」后填写；如果台账的单位需要修改，请先修订台账。",
            )
    for m in report.measures:
        if ledger.measure(m.id) is None:
            yield at(
                "SCP-E005",
                doc,
                ("measures", m.index, "id"),
                f"举措 {m.id} 在台账中不存在。",
                "季报只报台账中的举措：" + "、".join(x.id for x in ledger.measures) + "。",
            )
    missing = [t.id for t in ledger.targets if t.id not in {v.id for v in report.targets}]
    missing += [m.id for m in ledger.measures if m.id not in {p.id for p in report.measures}]
    if missing:
        yield at(
            "SCP-W001",
            doc,
            (),
            f"季报没有报告台账中的 {'、'.join(missing)}。",
            "季报应报告台账中每个目标的季末数值和每项举措的进展；尚无数据的请在 note 中说明。",
        )


def _without_ledger(pilot: Pilot, doc: Document, targets: Any, measures: Any) -> Iterator[Problem]:
    """E004/E005 when the pilot has no ledger.yaml at all: nothing the report names exists."""
    hint = f"试点 {pilot.id} 还没有工作台账（ledger.yaml）：请先提交台账，季报和总结报告只报台账中的目标和举措。"
    for t in targets:
        yield at("SCP-E004", doc, ("targets", t.index, "id"), f"目标 {t.id} 在台账中不存在（没有台账）。", hint)
    for m in measures:
        yield at("SCP-E005", doc, ("measures", m.index, "id"), f"举措 {m.id} 在台账中不存在（没有台账）。", hint)


def _status_name(ctx: Context, status: str) -> str:
    spec = ctx.schemas.schemas["report.schema.json"]["properties"]["measures"]["items"]["properties"]["status"]
    return next((label for value, label in labelled(spec) if value == status), status)


def _kpis(
    repo: Repository, ctx: Context, pilot: Pilot, doc: Document, path: PathKey, kpis: dict[str, Any]
) -> Iterator[Problem]:
    programme = repo.programme
    if programme is None:
        return
    set_name = programme.pilot_kpi_set.get(pilot.kind_key, "")
    allowed = programme.kpi_sets.get(set_name, ())
    for key in kpis:
        if key not in allowed:
            yield at(
                "SCP-E013",
                doc,
                (*path, key),
                f"指标「{ctx.kpi_title(key)}」（{key}）不适用于这类试点。",
                "这类试点填报的指标：" + "、".join(f"{k}（{ctx.kpi_title(k)}）" for k in allowed) + "。",
                key=True,
            )


def summaries(repo: Repository, ctx: Context) -> Iterator[Problem]:
    """E004/E010/E013/E014/E015: a summary report against its pilot."""
    for pilot in repo.all_pilots:
        for summary in pilot.summaries.values():
            doc = summary.doc
            if summary.pilot_type != pilot.type:
                yield at(
                    "SCP-E015",
                    doc,
                    ("pilot_type",),
                    f"报告的试点类型是「{summary.pilot_type}」，基本信息中是「{pilot.type}」。",
                    "试点城市按八个部分、试点企业按七个部分撰写：请改正 pilot_type 并按相应结构撰写。",
                )
                continue
            for path, kpis in summary.kpis():
                yield from _kpis(repo, ctx, pilot, doc, path, kpis)
            yield from duplicates(doc, "practices", [p.id for p in summary.practices], "经验")
            themes = ctx.theme_labels(pilot.type)
            for practice in summary.practices:
                if practice.theme is not None and practice.theme not in themes:
                    yield at(
                        "SCP-E014",
                        doc,
                        ("practices", practice.index, "theme"),
                        f"经验 {practice.id} 的主题「{practice.theme}」不适用于{type_name(pilot)}。",
                        "可选主题：" + "、".join(f"{k}（{v}）" for k, v in themes.items()) + "。",
                    )
            if pilot.ledger is None and document_path("ledger", pilot.folder, pilot.id) not in repo.invalid:
                for item in summary.target_completion:
                    yield at(
                        "SCP-E004",
                        doc,
                        ("sections", "target_completion", "targets", item.index, "id"),
                        f"目标 {item.id} 在台账中不存在（没有台账）。",
                        f"试点 {pilot.id} 还没有工作台账（ledger.yaml）：请先提交台账。",
                    )
            if pilot.ledger is not None:
                for item in summary.target_completion:
                    if pilot.ledger.target(item.id) is None:
                        yield at(
                            "SCP-E004",
                            doc,
                            ("sections", "target_completion", "targets", item.index, "id"),
                            f"目标 {item.id} 在台账中不存在。",
                            "台账中的目标：" + "、".join(t.id for t in pilot.ledger.targets) + "。",
                        )
