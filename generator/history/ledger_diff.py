"""What changed between two versions of a ledger, in words a reviewer reads:
``目标 T2 目标值 30% → 25%``. Pure: compares two schema-valid ledger documents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LedgerChange:
    kind: str  # e.g. target_added, target_value_changed, measure_moved, milestone_added
    subject: str  # T2, M3
    before: Any
    after: Any
    text: str


def _amount(value: Any, unit: str) -> str:
    if value is None:
        return "（空）"
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    if unit in ("", "无"):
        return shown
    return f"{shown}{unit}" if unit in ("%", "‰") else f"{shown} {unit}"


_TARGET_FIELDS = (
    ("name", "名称", "target_renamed"),
    ("indicator", "衡量指标", "target_indicator_changed"),
    ("unit", "计量单位", "target_unit_changed"),
    ("direction", "变化方向", "target_direction_changed"),
    ("theme", "所属主题", "target_theme_changed"),
)
_MEASURE_FIELDS = (
    ("name", "名称", "measure_renamed"),
    ("responsible", "责任单位", "measure_responsible_changed"),
    ("deliverable", "预期成果", "measure_deliverable_changed"),
)


def diff_ledgers(old: dict[str, Any], new: dict[str, Any]) -> list[LedgerChange]:
    changes: list[LedgerChange] = []
    old_targets = {t["id"]: t for t in old.get("targets", [])}
    new_targets = {t["id"]: t for t in new.get("targets", [])}
    for tid, t in new_targets.items():
        if tid not in old_targets:
            changes.append(LedgerChange("target_added", tid, None, t["name"], f"新增目标 {tid}「{t['name']}」"))
    for tid, t in old_targets.items():
        if tid not in new_targets:
            changes.append(LedgerChange("target_removed", tid, t["name"], None, f"删除目标 {tid}「{t['name']}」"))
    for tid, before in old_targets.items():
        after = new_targets.get(tid)
        if after is not None:
            changes.extend(_target_changes(tid, before, after))
    old_measures = {m["id"]: m for m in old.get("measures", [])}
    new_measures = {m["id"]: m for m in new.get("measures", [])}
    for mid, m in new_measures.items():
        if mid not in old_measures:
            changes.append(LedgerChange("measure_added", mid, None, m["name"], f"新增举措 {mid}「{m['name']}」"))
    for mid, m in old_measures.items():
        if mid not in new_measures:
            changes.append(LedgerChange("measure_removed", mid, m["name"], None, f"删除举措 {mid}「{m['name']}」"))
    for mid, before in old_measures.items():
        after = new_measures.get(mid)
        if after is not None:
            changes.extend(_measure_changes(mid, before, after))
    return changes


def _target_changes(tid: str, before: dict[str, Any], after: dict[str, Any]) -> list[LedgerChange]:
    found = []
    for key, label, kind in _TARGET_FIELDS:
        if before.get(key) != after.get(key):
            found.append(
                LedgerChange(
                    kind,
                    tid,
                    before.get(key),
                    after.get(key),
                    f"目标 {tid} {label}「{before.get(key)}」→「{after.get(key)}」",
                )
            )
    for point, label in (("baseline", "基期"), ("target", "目标")):
        b, a = before.get(point, {}), after.get(point, {})
        for key, what in (("value", "值"), ("text", "描述")):
            if b.get(key) != a.get(key):
                if key == "value":
                    text = (
                        f"目标 {tid} {label}{what} {_amount(b.get(key), before.get('unit', ''))} → "
                        f"{_amount(a.get(key), after.get('unit', ''))}"
                    )
                else:
                    text = f"目标 {tid} {label}{what}「{b.get(key)}」→「{a.get(key)}」"
                found.append(LedgerChange(f"{point}_{key}_changed", tid, b.get(key), a.get(key), text))
        if b.get("date") != a.get("date"):
            found.append(
                LedgerChange(
                    f"{point}_date_changed",
                    tid,
                    b.get("date"),
                    a.get("date"),
                    f"目标 {tid} {label}日期 {b.get('date')} → {a.get('date')}",
                )
            )
    return found


def _measure_changes(mid: str, before: dict[str, Any], after: dict[str, Any]) -> list[LedgerChange]:
    found = []
    for key, label, kind in _MEASURE_FIELDS:
        if before.get(key) != after.get(key):
            found.append(
                LedgerChange(
                    kind,
                    mid,
                    before.get(key),
                    after.get(key),
                    f"举措 {mid} {label}「{before.get(key)}」→「{after.get(key)}」",
                )
            )
    for key, label in (("start", "开始日期"), ("end", "完成日期")):
        if before.get(key) != after.get(key):
            found.append(
                LedgerChange(
                    "measure_moved",
                    mid,
                    before.get(key),
                    after.get(key),
                    f"举措 {mid} {label} {before.get(key)} → {after.get(key)}",
                )
            )
    if before.get("targets") != after.get("targets"):
        found.append(
            LedgerChange(
                "measure_targets_changed",
                mid,
                before.get("targets"),
                after.get("targets"),
                f"举措 {mid} 服务的目标 {'、'.join(before.get('targets', []))} → {'、'.join(after.get('targets', []))}",
            )
        )
    old_stones = {(s["date"], s["name"]) for s in before.get("milestones", [])}
    new_stones = {(s["date"], s["name"]) for s in after.get("milestones", [])}
    old_by_name = {name: when for when, name in old_stones}
    for when, name in sorted(new_stones - old_stones):
        if name in old_by_name and (old_by_name[name], name) not in new_stones:
            found.append(
                LedgerChange(
                    "milestone_moved",
                    mid,
                    old_by_name[name],
                    when,
                    f"举措 {mid} 里程碑「{name}」{old_by_name[name]} → {when}",
                )
            )
        else:
            found.append(LedgerChange("milestone_added", mid, None, when, f"举措 {mid} 新增里程碑 {when}「{name}」"))
    new_names = {name for _, name in new_stones}
    for when, name in sorted(old_stones - new_stones):
        if name not in new_names:
            found.append(LedgerChange("milestone_removed", mid, when, None, f"举措 {mid} 删除里程碑 {when}「{name}」"))
    return found
