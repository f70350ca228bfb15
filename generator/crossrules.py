"""Rules across documents: identities, references, units, calendar and pilot-type fit.

Each rule is a small function ``(repo, ctx) -> Iterator[Problem]`` over the model; they
never read files. A rule that needs a document which exists but is invalid stays quiet
(the document's own errors already explain it), so one mistake gives one message.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from generator.industries import industry_names
from generator.layout import KIND_TITLES
from generator.loader import Document, PathKey
from generator.model import Pilot, Programme, Repository
from generator.problems import Problem
from generator.schemas import SchemaSet


@dataclass(frozen=True)
class Context:
    schemas: SchemaSet

    def theme_labels(self, pilot_type: str) -> dict[str, str]:
        return self.schemas.labels("theme_city" if pilot_type == "city" else "theme_enterprise")

    def kpi_title(self, key: str) -> str:
        prop = self.schemas.common_def("kpis")["properties"].get(key, {})
        return str(prop.get("title", key))


def at(rule: str, doc: Document, path: PathKey, message: str, hint: str, *, key: bool = False) -> Problem:
    line, column = doc.locate(path, key=key)
    return Problem(rule, doc.path, line, column, message, hint)


def fmt(when: date) -> str:
    return when.isoformat()


# -- identities ------------------------------------------------------------------------------


def identities(repo: Repository, ctx: Context) -> Iterator[Problem]:
    """E001/E002: ids match folders, periods match file names."""
    for location, doc in repo.documents:
        data = doc.data
        expected = {
            "province": location.province,
            "recommendations": location.province,
            "province_summary": location.province,
            "pilot": location.pilot,
            "ledger": location.pilot,
            "report": location.pilot,
            "summary": location.pilot,
        }.get(location.kind)
        field = {"province": "id", "pilot": "id", "recommendations": "province", "province_summary": "province"}.get(
            location.kind, "pilot"
        )
        if expected is not None and data.get(field) != expected:
            yield at(
                "SCP-E001",
                doc,
                (field,),
                f"「{field}」写的是「{data.get(field)}」，但文件在文件夹「{expected}」中。",
                f"标识必须与所在文件夹名相同：请改成 {field}: {expected}，或把文件移到正确的文件夹。",
            )
        period_field = {
            "report": "period",
            "summary": "year",
            "recommendations": "year",
            "province_summary": "year",
        }.get(location.kind)
        if period_field and data.get(period_field) != location.period:
            yield at(
                "SCP-E002",
                doc,
                (period_field,),
                f"「{period_field}」写的是「{data.get(period_field)}」，但文件名是 {location.period}.yaml。",
                f'期别必须与文件名相同：请改成 {period_field}: "{location.period}"，或重命名文件。',
            )


def calendar(repo: Repository, ctx: Context) -> Iterator[Problem]:
    """E003: every dated document belongs to a period of the programme's calendar."""
    programme = repo.programme
    if programme is None:
        return
    field = {"report": "period", "summary": "year", "recommendations": "year", "province_summary": "year"}
    for location, doc in repo.documents:
        if location.kind in field and location.period is not None:
            periods = programme.periods(location.kind)
            if location.period not in periods:
                yield at(
                    "SCP-E003",
                    doc,
                    (field[location.kind],),
                    f"{KIND_TITLES[location.kind]}的期别 {location.period} 不在工作日历中。",
                    f"工作日历（submissions/programme.yaml）规定的期别：{'、'.join(periods)}。",
                )


def registry(repo: Repository, ctx: Context) -> Iterator[Problem]:
    """E009/E010/E011/E016: provinces registered, ids unique, documents have their pilot."""
    programme = repo.programme
    central = programme.central_folder if programme else None
    folders_with_province = {location.province for location, _ in repo.documents if location.kind == "province"}
    reported: set[str] = set()
    for location, doc in repo.documents:
        folder = location.province
        if folder is None or folder == central or folder in folders_with_province or folder in reported:
            continue
        if f"submissions/{folder}/province.yaml" in repo.invalid:
            continue
        reported.add(folder)
        yield at(
            "SCP-E009",
            doc,
            (),
            f"文件夹「{folder}」没有登记省份（缺少 submissions/{folder}/province.yaml）。",
            f"请先由省级商务主管部门提交 submissions/{folder}/province.yaml，或把文件放到已登记省份的文件夹中。",
        )
    if central is not None:
        for location, doc in repo.documents:
            if location.province == central and location.kind in ("province", "recommendations", "province_summary"):
                yield at(
                    "SCP-E016",
                    doc,
                    (),
                    f"中央企业文件夹「{central}」下不放省级材料。",
                    "中央企业由商务部确认，没有省级登记、推荐名单和汇总报告；请移到相应省份的文件夹。",
                )
    seen: dict[str, Pilot] = {}
    for pilot in sorted(repo.all_pilots, key=lambda p: p.doc.path):
        if pilot.id in seen:
            yield at(
                "SCP-E010",
                pilot.doc,
                ("id",),
                f"试点标识「{pilot.id}」已被 {seen[pilot.id].doc.path} 使用。",
                "试点标识全国唯一：请换一个标识，并相应重命名文件夹。",
            )
        seen.setdefault(pilot.id, pilot)
    with_pilot = {(p.folder, p.id) for p in repo.all_pilots}
    for location, doc in repo.documents:
        if location.kind in ("ledger", "report", "summary") and (location.province, location.pilot) not in with_pilot:
            pilot_file = f"submissions/{location.province}/{location.pilot}/pilot.yaml"
            if pilot_file not in repo.invalid:
                yield at(
                    "SCP-E011",
                    doc,
                    (),
                    f"文件夹「{location.pilot}」没有基本信息（缺少 {pilot_file}）。",
                    "请先提交试点的 pilot.yaml（基本信息），台账、季报和总结报告放在同一个文件夹中。",
                )


# -- the pilot ----------------------------------------------------------------------------------


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
                    _industry_hint(code),
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
        if pilot.type == "city" and province and pilot.division_code and pilot.division_code[:2] != province.code[:2]:
            yield at(
                "SCP-E017",
                pilot.doc,
                ("division_code",),
                f"行政区划代码「{pilot.division_code}」不属于{province.name}（{province.code}）。",
                f"试点城市的代码前两位应与省份代码相同（{province.code[:2]}）；请核对 GB/T 2260 代码。",
            )
        if pilot.status.revoked_on is not None:
            yield from _after_revocation(pilot, programme)


def _industry_hint(code: str) -> str:
    names = industry_names()
    near = [c for c in names if c.startswith(code[:2]) and len(c) == len(code)][:5]
    suggestion = "、".join(f"{c}（{names[c]}）" for c in near)
    return "请查《国民经济行业分类》（GB/T 4754-2017）。" + (f"同一大类下的代码有：{suggestion}。" if near else "")


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


# -- the ledger ----------------------------------------------------------------------------------


def ledgers(repo: Repository, ctx: Context) -> Iterator[Problem]:
    """E004/E007/E008/E010/E014/E022: the ledger is coherent in itself and with the calendar."""
    programme = repo.programme
    for pilot in repo.all_pilots:
        ledger = pilot.ledger
        if ledger is None:
            continue
        doc = ledger.doc
        yield from _duplicates(doc, "targets", [t.id for t in ledger.targets], "目标")
        yield from _duplicates(doc, "measures", [m.id for m in ledger.measures], "举措")
        target_ids = {t.id for t in ledger.targets}
        themes = ctx.theme_labels(pilot.type)
        for t in ledger.targets:
            base = ("targets", t.index)
            if t.theme not in themes:
                yield at(
                    "SCP-E014",
                    doc,
                    (*base, "theme"),
                    f"目标 {t.id} 的主题「{t.theme}」不适用于{_type_name(pilot)}。",
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
            if programme and not programme.in_pilot_period(t.target_date):
                yield at(
                    "SCP-E007",
                    doc,
                    (*base, "target", "date"),
                    _outside(f"目标 {t.id} 的目标日期", t.target_date, programme),
                    _period_hint(programme),
                )
            if t.plan_item and t.plan_item not in pilot.plan_items:
                yield _plan_problem(doc, (*base, "plan_item"), f"目标 {t.id}", t.plan_item, pilot)
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
            if programme:
                for label, when, path in (("开始日期", m.start, "start"), ("完成日期", m.end, "end")):
                    if not programme.in_pilot_period(when):
                        yield at(
                            "SCP-E007",
                            doc,
                            (*base, path),
                            _outside(f"举措 {m.id} 的{label}", when, programme),
                            _period_hint(programme),
                        )
            for j, stone in enumerate(m.milestones):
                spot = (*base, "milestones", j, "date")
                if programme and not programme.in_pilot_period(stone.date):
                    yield at(
                        "SCP-E007",
                        doc,
                        spot,
                        _outside(f"举措 {m.id} 的里程碑", stone.date, programme),
                        _period_hint(programme),
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


def _outside(what: str, when: date, programme: Programme) -> str:
    return f"{what} {fmt(when)} 不在试点期（{fmt(programme.pilot_start)} 至 {fmt(programme.pilot_end)}）内。"


def _period_hint(programme: Programme) -> str:
    return (
        f"试点期为 {fmt(programme.pilot_start)} 至 {fmt(programme.pilot_end)}（见 submissions/programme.yaml），"
        "台账的目标和举措须在试点期内完成。"
    )


def _duplicates(doc: Document, list_field: str, ids: list[str], noun: str) -> Iterator[Problem]:
    counts = Counter(ids)
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if counts[ident] > 1 and ident in seen:
            yield at(
                "SCP-E010",
                doc,
                (list_field, i, "id"),
                f"{noun}编号 {ident} 重复。",
                f"每个{noun}的编号只能用一次：请给这一项换一个新编号。",
            )
        seen.add(ident)


def _type_name(pilot: Pilot) -> str:
    return "试点城市" if pilot.type == "city" else "试点企业"


# -- reports and summaries -------------------------------------------------------------------------


def reports(repo: Repository, ctx: Context) -> Iterator[Problem]:
    """E004/E005/E006/E010/E013/E020/W001: a quarterly report against its pilot's ledger."""
    for pilot in repo.all_pilots:
        ledger = pilot.ledger
        for report in pilot.reports.values():
            doc = report.doc
            yield from _duplicates(doc, "targets", [t.id for t in report.targets], "目标")
            yield from _duplicates(doc, "measures", [m.id for m in report.measures], "举措")
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
            yield from _duplicates(doc, "practices", [p.id for p in summary.practices], "经验")
            themes = ctx.theme_labels(pilot.type)
            for practice in summary.practices:
                if practice.theme not in themes:
                    yield at(
                        "SCP-E014",
                        doc,
                        ("practices", practice.index, "theme"),
                        f"经验 {practice.id} 的主题「{practice.theme}」不适用于{_type_name(pilot)}。",
                        "可选主题：" + "、".join(f"{k}（{v}）" for k, v in themes.items()) + "。",
                    )
            completion = summary.sections.get("target_completion", {})
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


# -- provincial documents ----------------------------------------------------------------------------


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
                            _industry_hint(code),
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


# -- the programme itself --------------------------------------------------------------------------


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


RULES: tuple[Callable[[Repository, Context], Iterator[Problem]], ...] = (
    programme_calendar,
    identities,
    calendar,
    registry,
    pilots,
    ledgers,
    reports,
    summaries,
    provincial,
)


def check(repo: Repository, schemas: SchemaSet) -> list[Problem]:
    ctx = Context(schemas)
    return [problem for rule in RULES for problem in rule(repo, ctx)]
