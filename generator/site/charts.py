"""Static SVG charts rendered at build time: no JavaScript, no request, readable by a
screen reader through their title, and always shown beside a table of the same numbers.

Written here rather than with a charting library: the site needs one small chart type
(a value over the reporting quarters, with its target line), and a Jinja template gives
byte-for-byte stable output, autoescaped labels, and no runtime dependency.

Every chart has the same viewBox, and the stylesheet draws it at the full width of the content
column, so the charts of a section are one size. The y-axis runs between nice ticks
(1, 2, 2.5 or 5 × 10ⁿ) around the data, from zero only when the data come near zero (a
non-zero start is marked); the goal is named in the legend above the plot, never on the line;
a year-to-date indicator is drawn as one line per year."""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH, HEIGHT = 560, 240
LEFT, RIGHT, TOP, BOTTOM = 70, 30, 34, 34
LABEL_GAP = 64
"""Least distance, in viewBox units, between two x labels shown on a wide screen."""
PHONE_GAP = 100
"""The same on a phone, where the labels are drawn larger: the others get the class ``minor``."""


@dataclass(frozen=True)
class Point:
    label: str
    value: float
    x: float
    y: float
    shown: bool = True
    minor: bool = False


@dataclass(frozen=True)
class ChartGeometry:
    title: str
    unit: str
    points: tuple[Point, ...]
    ticks: tuple[tuple[float, str], ...]
    goal_y: float | None
    goal_label: str
    segments: tuple[str, ...] = ()
    from_zero: bool = True
    low_label: str = "0"
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    right: int = WIDTH - RIGHT

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def fmt_number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def nice_step(span: float, intervals: int = 4) -> float:
    """The least of 1, 2, 2.5, 5 × 10ⁿ that covers ``span`` in ``intervals`` steps."""
    raw = span / intervals
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if m * magnitude >= raw * (1 - 1e-9):
            return m * magnitude
    return 10 * magnitude


def axis(values: list[float]) -> tuple[float, float, float]:
    """(low, high, step) of the y-axis. Zero is on the axis when the data span comes near it
    (the smallest value is within a third of the largest, same sign), else the axis starts at the
    tick below the data."""
    low, high = min(values), max(values)
    if low >= 0 and low <= high / 3:
        low = 0.0
    elif high <= 0 and high >= low / 3:
        high = 0.0
    if high == low:
        pad = abs(high) / 10 or 1.0
        low, high = (low - pad, high + pad) if low != 0 else (0.0, pad)
    step = nice_step(high - low)
    bottom, top = math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step
    if bottom < 0 <= low:
        bottom = 0.0
    return bottom, max(top, bottom + step), step


def _shown(count: int, step: float, gap: float) -> set[int]:
    every = max(1, math.ceil(gap / step)) if count > 1 else 1
    return {i for i in range(count) if (count - 1 - i) % every == 0}


def geometry(
    title: str, unit: str, series: list[tuple[str, float]], goal: float | None = None, ytd: bool = False
) -> ChartGeometry:
    values = [v for _, v in series] + ([goal] if goal is not None else [])
    low, high, tick = axis(values)
    span = high - low
    plot_h = HEIGHT - TOP - BOTTOM
    plot_w = WIDTH - LEFT - RIGHT

    def y_of(v: float) -> float:
        return TOP + plot_h - (v - low) / span * plot_h

    step = plot_w / max(len(series) - 1, 1)
    wide, phone = _shown(len(series), step, LABEL_GAP), _shown(len(series), step, PHONE_GAP)
    points = tuple(
        Point(
            label, value, LEFT + (i * step if len(series) > 1 else plot_w / 2), y_of(value), i in wide, i not in phone
        )
        for i, (label, value) in enumerate(series)
    )
    count = round(span / tick)
    ticks = tuple((y_of(low + tick * k), fmt_number(round(low + tick * k, 10))) for k in range(count + 1))
    return ChartGeometry(
        title,
        unit,
        points,
        ticks,
        y_of(goal) if goal is not None else None,
        fmt_number(goal) if goal is not None else "",
        segments=_segments(points, ytd),
        from_zero=low == 0 or high == 0,
        low_label=fmt_number(round(low, 10)),
    )


def _segments(points: tuple[Point, ...], ytd: bool) -> tuple[str, ...]:
    """Polylines: one through all the points, or for a year-to-date value one per year."""
    groups: list[list[Point]] = []
    for p in points:
        if groups and (not ytd or groups[-1][-1].label[:4] == p.label[:4]):
            groups[-1].append(p)
        else:
            groups.append([p])
    return tuple(" ".join(f"{p.x:.1f},{p.y:.1f}" for p in g) for g in groups if len(g) > 1)
