"""Static SVG charts rendered at build time: no JavaScript, no request, readable by a
screen reader through their title, and always shown beside a table of the same numbers.

Written here rather than with a charting library: the site needs one small chart type
(a value over the reporting quarters, with its target line), and a Jinja template gives
byte-for-byte stable output, autoescaped labels, and no runtime dependency."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 20, 40


@dataclass(frozen=True)
class Point:
    label: str
    value: float
    x: float
    y: float


@dataclass(frozen=True)
class ChartGeometry:
    title: str
    unit: str
    points: tuple[Point, ...]
    ticks: tuple[tuple[float, str], ...]
    goal_y: float | None
    goal_label: str
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


def geometry(title: str, unit: str, series: list[tuple[str, float]], goal: float | None = None) -> ChartGeometry:
    values = [v for _, v in series] + ([goal] if goal is not None else [])
    low, high = min([*values, 0.0]), max(values)
    if high == low:
        high = low + 1
    span = high - low
    plot_h = HEIGHT - TOP - BOTTOM
    plot_w = WIDTH - LEFT - RIGHT

    def y_of(v: float) -> float:
        return TOP + plot_h - (v - low) / span * plot_h

    step = plot_w / max(len(series) - 1, 1)
    points = tuple(
        Point(label, value, LEFT + (i * step if len(series) > 1 else plot_w / 2), y_of(value))
        for i, (label, value) in enumerate(series)
    )
    ticks = tuple((y_of(low + span * k / 4), fmt_number(low + span * k / 4)) for k in range(5))
    return ChartGeometry(
        title,
        unit,
        points,
        ticks,
        y_of(goal) if goal is not None else None,
        fmt_number(goal) if goal is not None else "",
    )
