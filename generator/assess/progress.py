"""Progress toward targets and measures on schedule, by a documented method.

Targets — the ratio of observed to required progress (the idea Statistics Canada and
Open SDG use for SDG indicators), with a straight line from baseline to target:

    required(t) = (target − baseline) × (t − baseline date) / (target date − baseline date)
    observed(t) = latest − baseline
    ratio       = observed / required

``achieved`` when the latest value has reached the target in the target's direction;
``on_track`` when ratio ≥ on_track; ``moderate`` when ratio ≥ moderate; ``off_track``
below; ``not_assessable`` without a quantitative baseline, target and later observation.
Because both differences carry the target's sign, the same formula serves targets that
should increase and those that should decrease.

Measures — judged at the end of the quarter the latest confirmed report covers: ``behind``
when that report says ``delayed``, when the measure's end had passed by then without
completion, or when its percent is more than ``measure_tolerance`` points below the share
of its milestones already due by then. (The day of judgement does not move the goalposts:
a measure ending after the last report's quarter is judged on its milestones.)
Thresholds come from ``submissions/programme.yaml`` (``progress``). Pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.model.repository import Measure, MeasureProgress, Target, Thresholds

TARGET_LABELS = {
    "achieved": "已实现",
    "on_track": "进展顺利",
    "moderate": "进展一般",
    "off_track": "进展滞后",
    "not_assessable": "无法评估",
}
MEASURE_LABELS = {
    "completed": "已完成",
    "on_schedule": "按计划推进",
    "behind": "进度滞后",
    "not_assessable": "无法评估",
}


@dataclass(frozen=True)
class TargetProgress:
    status: str
    ratio: float | None
    observed: float | None
    required: float | None
    as_of: date | None

    @property
    def label(self) -> str:
        return TARGET_LABELS[self.status]


@dataclass(frozen=True)
class MeasureSchedule:
    status: str
    expected: float | None
    """Percent the measure should have reached: the share of its milestones already due."""
    reason: str

    @property
    def label(self) -> str:
        return MEASURE_LABELS[self.status]


def target_progress(
    target: Target, latest: float | None, observed_on: date | None, limits: Thresholds
) -> TargetProgress:
    none = TargetProgress("not_assessable", None, None, None, observed_on)
    if (
        target.kind != "quantitative"
        or latest is None
        or observed_on is None
        or target.baseline_value is None
        or target.target_value is None
        or observed_on <= target.baseline_date
        or target.target_value == target.baseline_value
    ):
        return none
    span = target.target_value - target.baseline_value
    observed = latest - target.baseline_value
    if observed / span >= 1:
        return TargetProgress("achieved", observed / span, observed, span, observed_on)
    total_days = (target.target_date - target.baseline_date).days
    elapsed = min((observed_on - target.baseline_date).days, total_days)
    required = span * elapsed / total_days
    ratio = observed / required
    if ratio >= limits.on_track:
        status = "on_track"
    elif ratio >= limits.moderate:
        status = "moderate"
    else:
        status = "off_track"
    return TargetProgress(status, ratio, observed, required, observed_on)


def measure_schedule(
    measure: Measure, entry: MeasureProgress | None, reported_on: date | None, as_of: date, limits: Thresholds
) -> MeasureSchedule:
    if entry is not None and entry.status == "completed":
        return MeasureSchedule("completed", 100.0, "已报告完成")
    if entry is None or reported_on is None:
        if any(s.date < as_of for s in measure.milestones):
            return MeasureSchedule("not_assessable", None, "已有里程碑到期，但尚无季报")
        return MeasureSchedule("not_assessable", None, "尚无季报")
    if reported_on >= measure.end:
        return MeasureSchedule(
            "behind", 100.0, f"完成日期 {measure.end.isoformat()} 已过，{_quarter(reported_on)}季报仍未完成"
        )
    due = [s for s in measure.milestones if s.date <= reported_on]
    expected = 100.0 * len(due) / len(measure.milestones) if measure.milestones else 0.0
    if entry.status == "delayed":
        return MeasureSchedule("behind", expected, "季报自报滞后")
    if entry.percent + limits.measure_tolerance < expected:
        return MeasureSchedule("behind", expected, f"已到期里程碑占 {expected:.0f}%，完成百分比只有 {entry.percent:g}%")
    return MeasureSchedule("on_schedule", expected, "")


def _quarter(day: date) -> str:
    return f"{day.year} 年第 {(day.month - 1) // 3 + 1} 季度"
