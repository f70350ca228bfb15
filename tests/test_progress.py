"""Hand-checked progress statuses for targets that should increase and decrease, and
measures against their milestones."""

from __future__ import annotations

from datetime import date

import pytest

from generator.assess.progress import measure_schedule, target_progress
from generator.model.repository import Measure, MeasureProgress, Milestone, Target, Thresholds

LIMITS = Thresholds(on_track=0.95, moderate=0.5, measure_tolerance=15)


def _target(baseline: float, goal: float, direction: str, kind: str = "quantitative") -> Target:
    # baseline 2019-01-01, target 2021-01-01: 731 days, so 2020-01-01 (365 days) is 365/731 of the way
    return Target(
        "T1",
        "名称",
        "指标",
        kind,
        direction,
        "家",
        baseline,
        None,
        date(2019, 1, 1),
        goal,
        None,
        date(2021, 1, 1),
        "innovation",
        None,
        0,
    )


@pytest.mark.parametrize(
    ("baseline", "goal", "direction", "latest", "status", "ratio"),
    [
        # increase 100 → 200; by 2020-01-01 the straight line asks for 100 × 365/731 = 49.93
        (100, 200, "increase", 150, "on_track", 50 / 49.93),
        (100, 200, "increase", 148, "on_track", 48 / 49.93),  # 0.961 ≥ 0.95
        (100, 200, "increase", 146, "moderate", 46 / 49.93),  # 0.921
        (100, 200, "increase", 125, "moderate", 25 / 49.93),  # 0.5007
        (100, 200, "increase", 124, "off_track", 24 / 49.93),  # 0.481
        (100, 200, "increase", 90, "off_track", -10 / 49.93),  # went the wrong way
        (100, 200, "increase", 200, "achieved", 1.0),
        # decrease 60 → 30 days; required −15 × 365/731 = −14.98
        (60, 30, "decrease", 45, "on_track", -15 / -14.98),
        (60, 30, "decrease", 50, "moderate", -10 / -14.98),  # 0.668
        (60, 30, "decrease", 55, "off_track", -5 / -14.98),  # 0.334
        (60, 30, "decrease", 66, "off_track", 6 / -14.98),  # worse than baseline
        (60, 30, "decrease", 28, "achieved", 32 / 30),
    ],
)
def test_target_status(baseline: float, goal: float, direction: str, latest: float, status: str, ratio: float) -> None:
    result = target_progress(_target(baseline, goal, direction), latest, date(2020, 1, 1), LIMITS)
    assert result.status == status
    assert result.ratio == pytest.approx(ratio, abs=0.002)


def test_not_assessable() -> None:
    assert target_progress(_target(100, 200, "increase"), None, None, LIMITS).status == "not_assessable"
    assert target_progress(_target(100, 100, "increase"), 120, date(2020, 1, 1), LIMITS).status == "not_assessable"
    assert target_progress(_target(1, 2, "increase", "qualitative"), 2, date(2020, 1, 1), LIMITS).label == "无法评估"
    assert target_progress(_target(100, 200, "increase"), 150, date(2018, 12, 1), LIMITS).status == "not_assessable"


def test_after_the_target_date_the_whole_change_is_required() -> None:
    result = target_progress(_target(100, 200, "increase"), 180, date(2021, 6, 30), LIMITS)
    assert (result.status, result.required) == ("moderate", 100)


def _measure() -> Measure:
    stones = (
        Milestone(date(2019, 9, 30), "一期"),
        Milestone(date(2019, 12, 31), "二期"),
        Milestone(date(2020, 6, 30), "三期"),
        Milestone(date(2020, 9, 30), "验收"),
    )
    return Measure("M1", "平台", ("T1",), "市商务局", date(2019, 7, 1), date(2020, 9, 30), stones, "上线", None, 0)


@pytest.mark.parametrize(
    ("status", "percent", "reported_on", "as_of", "expected"),
    [
        ("in_progress", 40, date(2019, 12, 31), date(2020, 1, 15), "on_schedule"),  # 2 of 4 due: 50%, 40 + 15 ≥ 50
        ("in_progress", 30, date(2019, 12, 31), date(2020, 1, 15), "behind"),  # 30 + 15 < 50
        ("delayed", 60, date(2019, 12, 31), date(2020, 1, 15), "behind"),  # self-reported
        ("completed", 100, date(2019, 12, 31), date(2020, 1, 15), "completed"),
        ("in_progress", 95, date(2020, 9, 30), date(2020, 11, 30), "behind"),  # end passed by the report's quarter
        ("in_progress", 80, date(2020, 6, 30), date(2020, 11, 30), "on_schedule"),  # 3 of 4 due: 75%; no later report
    ],
)
def test_measure_schedule(status: str, percent: float, reported_on: date, as_of: date, expected: str) -> None:
    entry = MeasureProgress("M1", status, percent, "说明", 0)
    assert measure_schedule(_measure(), entry, reported_on, as_of, LIMITS).status == expected


def test_measure_without_report() -> None:
    assert measure_schedule(_measure(), None, None, date(2019, 8, 1), LIMITS).status == "not_assessable"
