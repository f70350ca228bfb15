"""Bar charts for the statistics page, drawn as static SVG like the pilots' line charts
(``charts``: the same nice ticks and number format, no JavaScript, no request, a title for screen
readers, the table of the same numbers beside it). Horizontal bars, one row per table row, with up
to two stacked parts (试点城市 and 试点企业); and a small strip for a KPI's spread across pilots
(least to greatest, a dot at the median), each on its own scale. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from generator.site.charts import fmt_number, nice_step

WIDTH = 420
"""Narrower than the line charts' viewBox: on a phone the chart is drawn near its own size, so its
labels stay legible (the stylesheet draws them at 15 units there, 12 on a desktop)."""
LABEL_W = 140
"""Room for the row labels (省份, 类型), in viewBox units: LABEL_CHARS characters at 15 units."""
LABEL_CHARS = 9
RIGHT = 40
"""Room after the longest bar for its number."""
ROW, BAR, TOP, AXIS = 26, 16, 30, 22


@dataclass(frozen=True)
class Part:
    x: float
    width: float
    css: str


@dataclass(frozen=True)
class Row:
    label: str
    y: float
    parts: tuple[Part, ...]
    short: str
    """The label as drawn, cut to LABEL_CHARS (the table beside the chart has it whole)."""
    total: str
    end: float


@dataclass(frozen=True)
class BarChart:
    title: str
    unit: str
    legend: tuple[tuple[str, str], ...]
    """(name, css class) of each part, when there are two."""
    rows: tuple[Row, ...]
    ticks: tuple[tuple[float, str], ...]
    height: int
    left: int = LABEL_W
    right: int = WIDTH - RIGHT
    width: int = WIDTH
    bar: int = BAR

    @property
    def axis_y(self) -> float:
        return TOP + ROW * len(self.rows)


def bar_chart(
    title: str, unit: str, rows: list[tuple[str, tuple[float, ...]]], parts: tuple[str, ...] = ()
) -> BarChart:
    """``rows``: (label, values of the stacked parts). The axis starts at zero: a bar's length is its count."""
    totals = [sum(values) for _, values in rows]
    high = max(totals, default=0) or 1
    step = nice_step(high)
    top = -(-high // step) * step
    plot = WIDTH - RIGHT - LABEL_W

    def x_of(v: float) -> float:
        return LABEL_W + v / top * plot

    drawn = []
    for i, (label, values) in enumerate(rows):
        y = TOP + i * ROW + (ROW - BAR) / 2
        at, pieces = 0.0, []
        for k, v in enumerate(values):
            if v:
                pieces.append(
                    Part(round(x_of(at), 1), round(x_of(at + v) - x_of(at), 1), f"scp-bar{'-2' if k else ''}")
                )
            at += v
        short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
        drawn.append(Row(label, y, tuple(pieces), short, fmt_number(at), round(x_of(at), 1)))
    ticks = tuple((round(x_of(step * k), 1), fmt_number(step * k)) for k in range(round(top / step) + 1))
    legend = tuple((name, f"scp-bar{'-2' if k else ''}") for k, name in enumerate(parts)) if len(parts) > 1 else ()
    return BarChart(title, unit, legend, tuple(drawn), ticks, TOP + ROW * len(rows) + AXIS)


@dataclass(frozen=True)
class Strip:
    """A KPI's spread across the pilots that report it, on a 100-unit scale of its own."""

    low: str
    high: str
    mid_x: float
    label: str


def strip(values: list[float], median_text: str) -> Strip | None:
    if len(values) < 2 or max(values) == min(values):
        return None
    low, high = min(values), max(values)
    mid = (
        sorted(values)[len(values) // 2]
        if len(values) % 2
        else (sorted(values)[len(values) // 2 - 1] + sorted(values)[len(values) // 2]) / 2
    )
    return Strip(
        fmt_number(round(low, 2)),
        fmt_number(round(high, 2)),
        round(5 + (mid - low) / (high - low) * 90, 1),
        median_text,
    )
