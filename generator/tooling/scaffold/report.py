"""``scpilot new report``: a quarterly report with every ledger target and measure."""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.assess.timeliness import deadline_for, owed_by
from generator.load.layout import document_path
from generator.model.repository import Ledger, Pilot, Programme, Report, Repository, Target
from generator.tooling.common import (
    PLACEHOLDER,
    ToolError,
    check_period,
    find_pilot,
    pick_period,
    programme_of,
)
from generator.tooling.scaffold.common import STATUS_TITLES, Scaffold, header, num
from generator.tooling.yamlout import Notes, dump

# -- quarterly report -----------------------------------------------------------------------------


def latest_report(pilot: Pilot, before: str) -> Report | None:
    """The latest report in the repository for a period before ``before``: the last confirmed values."""
    earlier = sorted(p for p in pilot.reports if p < before)
    return pilot.reports[earlier[-1]] if earlier else None


def target_line(target: Target, last: Report | None) -> str:
    unit = "" if target.kind == "qualitative" else (target.unit if target.unit == "%" else f" {target.unit}")
    base = target.baseline_text if target.kind == "qualitative" else num(target.baseline_value) + unit
    goal = target.target_text if target.kind == "qualitative" else num(target.target_value) + unit
    text = f"{target.id} {target.name}｜基期 {base}（{target.baseline_date}）→ 目标 {goal}（{target.target_date}）"
    if last is not None:
        entry = next((t for t in last.targets if t.id == target.id), None)
        if entry is not None:
            shown = entry.text if entry.value is None else f"{num(entry.value)}{unit}"
            text += f"｜上期（{last.period}）{shown}"
    return text


def new_report(repo: Repository, *, pilot_id: str, period: str | None, when: date) -> Scaffold:
    programme = programme_of(repo)
    pilot = find_pilot(repo, pilot_id)
    ledger = pilot.ledger
    if ledger is None:
        raise ToolError(
            f"试点「{pilot_id}」还没有通过校验的工作台账（ledger.yaml）。\n"
            f"提示：季报按台账的目标和举措填写，请先提交台账（scpilot new ledger --pilot {pilot_id}）。"
        )
    note = None
    owed = owed_by(repo, pilot.id)
    if period is None:
        period, note = pick_period(programme, "report", lambda p: p in pilot.reports, when, owed)
    check_period(programme, "report", period, owed)
    rel = document_path("report", pilot.folder, pilot.id, period)
    last = latest_report(pilot, period)
    data, notes = report_body(programme, pilot, ledger, period, last)
    source = f"数值预填自 {last.period} 季报（仓库中最近的一期）" if last else "首份季报：数值预填为台账的基期值"
    deadline = deadline_for(repo, pilot.id, "report", period)
    extra = [
        f"报告期 {period}" + (f"（{deadline.starts} 至 {deadline.ends}），{deadline.due} 前报送" if deadline else "")
    ]
    text = dump(
        data, notes, header(rel, "report", "scpilot new report", *extra, f"{source}：请改为本季度末的实际数值。")
    )
    summary = f"{period} 季报模板（台账的 {len(ledger.targets)} 个目标、{len(ledger.measures)} 项举措；{source}）"
    return Scaffold(rel, text, summary, note)


def report_body(
    programme: Programme, pilot: Pilot, ledger: Ledger, period: str, last: Report | None
) -> tuple[dict[str, Any], Notes]:
    """A report for ``period`` with every ledger target and measure, prefilled from ``last``."""
    notes = Notes()
    targets = _report_targets(ledger, last, notes)
    measures = _report_measures(programme, ledger, period, last, notes)
    data: dict[str, Any] = {
        "pilot": pilot.id,
        "period": period,
        "overview": f"{PLACEHOLDER}本季度试点工作的总体进展",
        "targets": targets,
        "measures": measures,
    }
    tail = [
        "存在问题和下一步工作（选填，一条一项）：",
        "# problems:",
        "#   - 问题一",
        "# next_steps:",
        "#   - 下季度计划一",
    ]
    kpi_keys = programme.kpi_sets.get(programme.pilot_kpi_set.get(pilot.kind_key, ""), ())
    if kpi_keys:
        tail.append("附件3绩效指标（选填，填年初至季末的累计值，只填本类试点适用的指标）：")
        tail.append("# kpis:")
        previous = last.kpis if last else {}
        tail += [f"#   {key}: {num(previous.get(key)) if key in previous else ''}".rstrip() for key in kpi_keys]
    contacts = last.doc.data.get("contacts") if last else None
    if contacts:
        data["contacts"] = contacts
        notes.add_above(
            ("contacts",), f"填报人（个人信息，只在内部版本中出现；沿用 {last.period if last else ''} 季报）"
        )
    else:
        tail += [
            "填报人（个人信息，只在内部版本中出现）：",
            "# contacts:",
            "#   - name: 姓名",
            '#     phone: "010-00000000"',
        ]
    notes.add_tail((), *tail)
    return data, notes


def _report_targets(ledger: Ledger, last: Report | None, notes: Notes) -> list[dict[str, Any]]:
    """Every ledger target, prefilled with last quarter's value (or the baseline)."""
    previous_targets = {t.id: t for t in last.targets} if last else {}
    targets: list[dict[str, Any]] = []
    for i, target in enumerate(ledger.targets):
        before = previous_targets.get(target.id)
        entry: dict[str, Any] = {"id": target.id}
        if target.kind == "qualitative":
            entry["text"] = (before.text if before and before.text else None) or f"{PLACEHOLDER}季末进展"
        else:
            value = before.value if before and before.value is not None else target.baseline_value
            entry["value"] = value if value is not None else 0
            entry["unit"] = target.unit
        targets.append(entry)
        notes.add_above(("targets", i), target_line(target, last))
    notes.add_above(
        ("targets",), "目标进展：台账中每个目标在季末的数值，单位与台账相同；需要说明口径或变化原因时加 note: …"
    )
    return targets


def _report_measures(
    programme: Programme, ledger: Ledger, period: str, last: Report | None, notes: Notes
) -> list[dict[str, Any]]:
    """Every ledger measure with last quarter's status, and the milestones due this quarter as a note."""
    previous_measures = {m.id: m for m in last.measures} if last else {}
    deadline = programme.deadline("report", period)
    measures: list[dict[str, Any]] = []
    for i, measure in enumerate(ledger.measures):
        before_m = previous_measures.get(measure.id)
        measures.append(
            {
                "id": measure.id,
                "status": before_m.status if before_m else "not_started",
                "percent": before_m.percent if before_m else 0,
                "narrative": f"{PLACEHOLDER}本季度做了什么、完成了哪些里程碑",
            }
        )
        due = [
            f"{s.date} {s.name}"
            for s in measure.milestones
            if deadline and deadline.starts and deadline.ends and deadline.starts <= s.date <= deadline.ends
        ]
        line = f"{measure.id} {measure.name}｜{measure.start} 至 {measure.end}"
        if due:
            line += "｜本季度里程碑：" + "；".join(due)
        notes.add_above(("measures", i), line)
    notes.add_above(
        ("measures",),
        "举措进展：状态 " + "、".join(f"{k} {v}" for k, v in STATUS_TITLES.items()) + "；已完成的填 100。",
    )
    return measures
