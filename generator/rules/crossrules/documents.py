"""Reports, summaries and provincial documents against the ledger and the registry; the calendar itself."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from generator.load.layout import KIND_TITLES
from generator.load.loader import Document, PathKey
from generator.load.problems import Problem
from generator.model.repository import Pilot, Repository
from generator.reference.industries import industry_names
from generator.rules.crossrules.common import Context, at, duplicates, fmt, industry_hint, type_name


def reports(repo: Repository, ctx: Context) -> Iterator[Problem]:
    """E004/E005/E006/E010/E013/E020/W001: a quarterly report against its pilot's ledger."""
    for pilot in repo.all_pilots:
        ledger = pilot.ledger
        for report in pilot.reports.values():
            doc = report.doc
            yield from duplicates(doc, "targets", [t.id for t in report.targets], "目标")
            yield from duplicates(doc, "measures", [m.id for m in report.measures], "举措")
            yield from _kpis(repo, ctx, pilot, doc, ("kpis",), report.kpis)
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
            if ledger is None:
                # a ledger that exists but is invalid: its own errors explain it
                if f"submissions/{pilot.folder}/{pilot.id}/ledger.yaml" not in repo.invalid:
                    yield from _without_ledger(pilot, doc, report.targets, report.measures)
                continue
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
    return next((o["title"] for o in spec["oneOf"] if o["const"] == status), status)


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
                if practice.theme not in themes:
                    yield at(
                        "SCP-E014",
                        doc,
                        ("practices", practice.index, "theme"),
                        f"经验 {practice.id} 的主题「{practice.theme}」不适用于{type_name(pilot)}。",
                        "可选主题：" + "、".join(f"{k}（{v}）" for k, v in themes.items()) + "。",
                    )
            completion = summary.sections.get("target_completion", {})
            if pilot.ledger is None and f"submissions/{pilot.folder}/{pilot.id}/ledger.yaml" not in repo.invalid:
                for i, item in enumerate(completion.get("targets", [])):
                    yield at(
                        "SCP-E004",
                        doc,
                        ("sections", "target_completion", "targets", i, "id"),
                        f"目标 {item['id']} 在台账中不存在（没有台账）。",
                        f"试点 {pilot.id} 还没有工作台账（ledger.yaml）：请先提交台账。",
                    )
            if pilot.ledger is not None:
                for i, item in enumerate(completion.get("targets", [])):
                    if pilot.ledger.target(item["id"]) is None:
                        yield at(
                            "SCP-E004",
                            doc,
                            ("sections", "target_completion", "targets", i, "id"),
                            f"目标 {item['id']} 在台账中不存在。",
                            "台账中的目标：" + "、".join(t.id for t in pilot.ledger.targets) + "。",
                        )


def provincial(repo: Repository, ctx: Context) -> Iterator[Problem]:
    """E010/E012/E018/E019/E023: recommendations and provincial summaries refer to real pilots."""
    names = industry_names()
    for rec in repo.recommendations:
        doc = rec.doc
        for list_field, rows in (("service_enterprises", rec.service_enterprises), ("platforms", rec.platforms)):
            seen: set[str] = set()
            for i, row in enumerate(rows):
                pilot = {p.id: p for p in repo.pilots_in(rec.province)}.get(row["pilot"])
                if pilot is None and repo.broken(rec.province, row["pilot"]):
                    continue
                if pilot is None or pilot.folder != rec.province or pilot.type != "enterprise":
                    yield at(
                        "SCP-E018",
                        doc,
                        (list_field, i, "pilot"),
                        f"「{row['pilot']}」不是本省的试点企业。",
                        "通知要求从本地的试点企业中推荐：本省试点企业有 "
                        + ("、".join(p.id for p in repo.pilots_in(rec.province) if p.type == "enterprise") or "（无）")
                        + "。",
                    )
                if row["pilot"] in seen:
                    yield at(
                        "SCP-E010",
                        doc,
                        (list_field, i, "pilot"),
                        f"「{row['pilot']}」在名单中重复出现。",
                        "每家企业在同一张名单中只列一次。",
                    )
                seen.add(row["pilot"])
                codes = row.get("industries") or row.get("operation", {}).get("industries", [])
                where = (
                    (list_field, i, "industries") if "industries" in row else (list_field, i, "operation", "industries")
                )
                for j, code in enumerate(codes):
                    if code not in names:
                        yield at(
                            "SCP-E012",
                            doc,
                            (*where, j),
                            f"行业代码「{code}」不在 GB/T 4754-2017 中。",
                            industry_hint(code),
                        )
                operation = row.get("operation")
                if operation and operation["active_enterprises"] > operation["registered_enterprises"]:
                    yield at(
                        "SCP-E023",
                        doc,
                        (list_field, i, "operation", "active_enterprises"),
                        f"活跃企业数 {operation['active_enterprises']} 大于注册企业数 {operation['registered_enterprises']}。",
                        "活跃企业是注册企业中有交易的部分，不能多于注册企业数。",
                    )
    for summary in repo.province_summaries:
        doc = summary.doc
        own = {p.id for p in repo.pilots_in(summary.province)}
        for i, item in enumerate(summary.data.get("pilot_assessments", [])):
            if item["pilot"] not in own and not repo.broken(summary.province, item["pilot"]):
                yield at(
                    "SCP-E019",
                    doc,
                    ("pilot_assessments", i, "pilot"),
                    f"「{item['pilot']}」不是本省的试点。",
                    "本省试点有：" + ("、".join(sorted(own)) or "（无）") + "。",
                )
        for i, item in enumerate(summary.data.get("practices", [])):
            pilot = {p.id: p for p in repo.pilots_in(summary.province)}.get(item["pilot"])
            if repo.broken(summary.province, item["pilot"]):
                continue
            if pilot is None or pilot.id not in own:
                yield at(
                    "SCP-E019",
                    doc,
                    ("practices", i, "pilot"),
                    f"「{item['pilot']}」不是本省的试点。",
                    "本省试点有：" + ("、".join(sorted(own)) or "（无）") + "。",
                )
                continue
            source = pilot.summaries.get(summary.year)
            if source is None or not any(p.id == item["practice"] for p in source.practices):
                path = f"submissions/{pilot.folder}/{pilot.id}/summaries/{summary.year}.yaml"
                if path in repo.invalid:
                    continue
                yield at(
                    "SCP-E019",
                    doc,
                    ("practices", i, "practice"),
                    f"{pilot.short_name} {summary.year} 年总结报告中没有经验 {item['practice']}。",
                    f"请引用 {path} 中已有的经验编号"
                    + ("：" + "、".join(p.id for p in source.practices) if source else "（该报告尚未提交）")
                    + "。",
                )


def programme_calendar(repo: Repository, ctx: Context) -> Iterator[Problem]:
    """E021: the calendar is coherent: quarters have their dates, KPI sets name real KPIs."""
    programme = repo.programme
    if programme is None:
        if "submissions/programme.yaml" not in repo.invalid and repo.documents:
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
            if not (d.period and "Q" in d.period and d.starts and d.ends):
                yield at(
                    "SCP-E021",
                    doc,
                    base,
                    "季报的期限须写明季度 period、starts 和 ends。",
                    "例如 {document: report, period: 2019Q3, starts: 2019-07-01, ends: 2019-09-30, due: 2019-10-15}。",
                )
                continue
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
