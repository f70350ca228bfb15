"""Ledger quality: the problems part 二 of the notice found in the first ledgers, as rules.

The notice: ledgers departed from the application plan, targets were too vague or too
fragmented, and "measures" were work already finished; a good ledger has clear targets,
measures that can be carried out, and a time schedule. Thresholds come from
``submissions/programme.yaml`` (``quality``). Pure functions over the model.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date

from generator.load.problems import Problem
from generator.model.repository import Ledger, Pilot, Programme, Repository
from generator.rules.crossrules import at, fmt


def check(repo: Repository) -> list[Problem]:
    programme = repo.programme
    if programme is None:
        return []
    found: list[Problem] = []
    for pilot in repo.all_pilots:
        if pilot.ledger is not None:
            found.extend(_vague(pilot.ledger))
            found.extend(_fragmented(pilot.ledger, programme))
            found.extend(_finished(pilot, pilot.ledger, programme))
            found.extend(_schedule(pilot.ledger, programme))
            found.extend(_plan(pilot, pilot.ledger))
    return found


def split_confirmed(problems: list[Problem], unchanged: frozenset[str]) -> tuple[list[Problem], list[Problem]]:
    """(shown, folded): the quality warnings (SCP-Q…) of files exactly as the target branch
    confirmed them are folded into one line; they were in front of the confirming department
    when it merged the file and are not repeated on every later validation. Everything else,
    and any quality warning of a new or edited file, is shown."""
    shown: list[Problem] = []
    folded: list[Problem] = []
    for p in problems:
        (folded if p.rule.startswith("SCP-Q") and not p.is_error and p.file in unchanged else shown).append(p)
    return shown, folded


def folded_note(folded: list[Problem]) -> str:
    """The line that stands for the folded warnings, naming each file and how many it has."""
    if not folded:
        return ""
    files: dict[str, int] = {}
    for p in folded:
        files[p.file] = files.get(p.file, 0) + 1
    rules = "、".join(sorted({p.rule for p in folded}))
    where = "；".join(f"{file} {n} 条" for file, n in list(files.items())[:3])
    where += f"等 {len(files)} 个文件" if len(files) > 3 else ""
    return (
        f"另有 {len(folded)} 条质量提示（{rules}）在确认后没有改动的材料中（{where}），确认时已经审阅过，这里不再逐条列出；"
        "修改这些材料后会重新逐条检查（--format json 列出全部）。动态调整关注名单计入它们。"
    )


def _vague(ledger: Ledger) -> Iterator[Problem]:
    """Q001–Q003: a target must say what changes, by how much, in which direction."""
    doc = ledger.doc
    for t in ledger.targets:
        spot = ("targets", t.index)
        if t.kind == "qualitative":
            yield at(
                "SCP-Q001",
                doc,
                (*spot, "kind"),
                f"目标 {t.id}「{t.name}」只有定性描述，无法用数字衡量进展。",
                "尽量找一个可以计数或计量的指标（例如 平台上线并接入 500 家企业 → 接入企业数 500 家），"
                "确实无法量化的，在 target.text 中写清可检验的完成标志。",
            )
        elif t.baseline_value is not None and t.target_value is not None:
            if t.baseline_value == t.target_value:
                yield at(
                    "SCP-Q002",
                    doc,
                    (*spot, "target", "value"),
                    f"目标 {t.id} 的目标值与基期值相同（{t.target_value:g} {t.unit}），目标没有提出任何变化。",
                    "写明试点期末要达到的数值；如果是保持现有水平，请说明为什么把它列为试点目标。",
                )
            elif (t.direction == "increase") != (t.target_value > t.baseline_value):
                word = "越大越好" if t.direction == "increase" else "越小越好"
                yield at(
                    "SCP-Q003",
                    doc,
                    (*spot, "direction"),
                    f"目标 {t.id} 标为“{word}”，但目标值 {t.target_value:g} 与基期值 {t.baseline_value:g} 的方向相反。",
                    "检查 direction（increase 越大越好，decrease 越小越好）和基期值、目标值是否填反了。",
                )


def _fragmented(ledger: Ledger, programme: Programme) -> Iterator[Problem]:
    """Q004–Q005: too many micro-targets or measures, or targets no measure serves."""
    limits = programme.thresholds
    doc = ledger.doc
    if len(ledger.targets) > limits.max_targets:
        yield at(
            "SCP-Q004",
            doc,
            ("targets",),
            f"台账有 {len(ledger.targets)} 个目标，超过 {limits.max_targets} 个，过于碎片化。",
            "把同一方向的小目标合并成少数几个关键目标，细节放到举措和里程碑中。",
        )
    if len(ledger.measures) > limits.max_measures:
        yield at(
            "SCP-Q004",
            doc,
            ("measures",),
            f"台账有 {len(ledger.measures)} 项举措，超过 {limits.max_measures} 项，过于碎片化。",
            "把相关的具体工作合并为一项举措，用里程碑列出各个步骤。",
        )
    served = {ref for m in ledger.measures for ref in m.targets}
    for t in ledger.targets:
        if t.id not in served:
            yield at(
                "SCP-Q005",
                doc,
                ("targets", t.index, "id"),
                f"目标 {t.id}「{t.name}」没有任何举措服务。",
                "每个目标至少要有一项举措去实现它：添加举措，或在已有举措的 targets 中加上这个目标。",
            )


def _finished(pilot: Pilot, ledger: Ledger, programme: Programme) -> Iterator[Problem]:
    """Q006–Q007: a measure that was already done is not a measure."""
    doc = ledger.doc
    for m in ledger.measures:
        spot = ("measures", m.index, "end")
        if m.end < ledger.revised_on or m.end < programme.pilot_start:
            before = "台账日期" if m.end < ledger.revised_on else "试点开始"
            yield at(
                "SCP-Q006",
                doc,
                spot,
                f"举措 {m.id}「{m.name}」在{before}之前（{fmt(m.end)}）就已结束，是已完成的工作。",
                "通知要求台账举措是试点期内要做的工作：把已完成的工作写进基本信息或总结报告，台账只列今后的举措。",
            )
    if not pilot.reports:
        return
    first = pilot.reports[min(pilot.reports)]
    for entry in first.measures:
        measure = ledger.measure(entry.id)
        if measure is not None and entry.status == "completed":
            yield at(
                "SCP-Q007",
                first.doc,
                ("measures", entry.index, "status"),
                f"举措 {entry.id} 在第一份季报（{first.period}）中就已完成，很可能是台账编制前已完成的工作。",
                "如果这项工作在台账编制前已经完成，请从台账中移除；如果确实是新做的，请在进展说明中写明开始和完成的时间。",
            )


def _schedule(ledger: Ledger, programme: Programme) -> Iterator[Problem]:
    """Q008: long stretches without a milestone mean there is no real time schedule."""
    limit = programme.thresholds.max_milestone_gap_days
    for m in ledger.measures:
        points: list[date] = sorted({m.start, *(s.date for s in m.milestones), m.end})
        gaps = [(b - a).days for a, b in itertools.pairwise(points)]
        if gaps and max(gaps) > limit:
            i = gaps.index(max(gaps))
            yield at(
                "SCP-Q008",
                ledger.doc,
                ("measures", m.index, "milestones"),
                f"举措 {m.id} 从 {fmt(points[i])} 到 {fmt(points[i + 1])} 有 {max(gaps)} 天没有里程碑（上限 {limit} 天）。",
                "在这段时间内加上可检验的阶段性节点（例如 完成招标、一期上线），让进度可以按季度检查。",
            )


def _plan(pilot: Pilot, ledger: Ledger) -> Iterator[Problem]:
    """Q009–Q010: the ledger must follow the application plan, and the plan must not vanish."""
    doc = ledger.doc
    for t in ledger.targets:
        if not t.plan_item:
            yield at(
                "SCP-Q009",
                doc,
                ("targets", t.index, "id"),
                f"目标 {t.id} 没有注明对应申报方案的哪一条。",
                "用 plan_item 写明本目标落实申报方案中的哪一条（G 编号）；申报方案中没有的目标，请在修订说明中解释来由。",
            )
    for m in ledger.measures:
        if not m.plan_item:
            yield at(
                "SCP-Q009",
                doc,
                ("measures", m.index, "id"),
                f"举措 {m.id} 没有注明对应申报方案的哪一条。",
                "用 plan_item 写明本举措落实申报方案中的哪一条（G 编号）。",
            )
    used = {t.plan_item for t in ledger.targets} | {m.plan_item for m in ledger.measures}
    vanished = [f"{k}「{v}」" for k, v in pilot.plan_items.items() if k not in used]
    if vanished:
        yield at(
            "SCP-Q010",
            doc,
            (),
            f"申报方案中的 {'、'.join(vanished)} 在台账中没有落实。",
            "台账应与申报方案一致：为这些条目设定目标或举措；如果已调整，请在 revision_note 中说明原因。",
        )
