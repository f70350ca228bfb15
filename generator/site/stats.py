"""The statistics page (``statistics/``) and the one definition of every count on it.

Each count is defined once, here, and the methods page (``methods.md.j2``, 统计口径) says the same:

- a **pilot** is a registered pilot, revoked or not; its **kind** is ``Pilot.kind_key``: 试点城市, or
  the enterprise's registered category (实体企业, 供应链服务企业, 平台企业, 金融机构), so 实体企业 means
  the same pilots in every table;
- a **KPI group** is the set of 附件3 KPIs a kind reports (``programme.pilot_kpi_set``), named by the
  kinds in it (实体企业、供应链服务企业、平台企业 share one set);
- a **practice** is counted once in each row it belongs to: under the province it is placed in, and
  under each kind that has a pilot among its owners;
- a KPI that is a count (schema type integer, 家) is summed as a whole number, and its average and
  median are rounded to whole numbers (said in the column's header).

``kpi_rows`` feeds the province pages and summary drafts, so they count the same way. Pure."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.assess.latest import counted_reports
from generator.assess.timeliness import Assessment
from generator.history.versions import History
from generator.model.repository import Pilot, Programme, Repository
from generator.reference.industries import industry_section
from generator.site.barchart import BarChart, Strip, bar_chart, strip
from generator.site.charts import fmt_number
from generator.site.labels import Labels
from generator.site.views import PracticeView

ON_TIME_STATES = ("on_time", "late", "missing")
"""The documents whose deadline has passed: the denominator of 按期率."""


def kind_labels(labels: Labels) -> dict[str, str]:
    """Kind (``Pilot.kind_key``) → its name, in the order the tables list them."""
    return {"city": "试点城市", **labels.category}


def kind_of(pilot: Pilot) -> str:
    """The one kind a pilot is counted under."""
    return pilot.kind_key


def kpi_groups(programme: Programme, labels: Labels) -> dict[str, str]:
    """KPI set → its name: the kinds that report it (试点城市; 实体企业、供应链服务企业、平台企业; 金融机构)."""
    names = kind_labels(labels)
    groups: dict[str, list[str]] = {}
    for kind, name in names.items():
        if kind in programme.pilot_kpi_set:
            groups.setdefault(programme.pilot_kpi_set[kind], []).append(name)
    return {key: "、".join(kinds) for key, kinds in groups.items()}


def whole(value: float) -> str:
    return f"{round(value):,}"


@dataclass(frozen=True)
class KpiRow:
    group: str
    group_label: str
    key: str
    title: str
    unit: str
    count: bool
    """A count of companies (integer): summed, and averaged to a whole number."""
    reporting: int
    mean: str
    median: str
    total: str
    spread: Strip | None


def kpi_summary(samples: list[tuple[str, dict[str, float]]], labels: Labels, groups: dict[str, str]) -> list[KpiRow]:
    """Per KPI set and KPI: how many pilots report it, mean, median, and for a count the total.
    A key (import and export, say) is a city's industry total in one set and one enterprise's
    figure in another, so the sets are never pooled."""
    values: dict[tuple[str, str], list[float]] = {}
    for set_name, kpis in samples:
        for key, value in kpis.items():
            values.setdefault((set_name, key), []).append(value)
    order = list(groups)
    rows = []
    for (set_name, key), found in sorted(
        values.items(), key=lambda item: (order.index(item[0][0]) if item[0][0] in order else 99, item[0])
    ):
        count = key in labels.kpi_integer
        show = whole if count else (lambda v: fmt_number(round(v, 2)))
        median = statistics.median(found)
        rows.append(
            KpiRow(
                set_name,
                groups.get(set_name, set_name),
                key,
                labels.kpi_title.get(key, key),
                labels.kpi_unit.get(key, ""),
                count,
                len(found),
                show(statistics.fmean(found)),
                show(median),
                whole(sum(found)) if count else "",
                strip(found, show(median)),
            )
        )
    return rows


def kpi_rows(samples: list[tuple[str, dict[str, float]]], labels: Labels, groups: dict[str, str]) -> list[list[Any]]:
    """The province pages' and drafts' table: 组别, 指标, 单位, 填报试点, 平均值, 中位数."""
    return [
        [r.group_label, r.title, r.unit, r.reporting, r.mean, r.median] for r in kpi_summary(samples, labels, groups)
    ]


def on_time_rate(items: list[Assessment]) -> str:
    """按期率: documents submitted on time among those whose deadline has passed, in whole percent
    (rounded down, so 99.6% is never shown as 100%); — when none is due yet."""
    due = [a for a in items if a.state in ON_TIME_STATES]
    return str(sum(a.state == "on_time" for a in due) * 100 // len(due)) if due else "—"


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    note: str
    headers: tuple[tuple[str, bool], ...]
    """(header with its unit, right-aligned number column)."""
    rows: list[list[Any]]
    chart: BarChart | None = None


def tables(
    repo: Repository,
    labels: Labels,
    province_names: dict[str, str],
    practices: list[PracticeView],
    by_owner: dict[str, list[Assessment]],
    samples: list[tuple[str, dict[str, float]]],
) -> tuple[list[Table], list[KpiRow]]:
    assert repo.programme is not None
    pilots = sorted(repo.all_pilots, key=lambda p: (p.folder, p.id))
    kinds = kind_labels(labels)
    result = []
    rows: list[list[Any]] = []
    for folder in sorted({p.folder for p in pilots}):
        mine = [p for p in pilots if p.folder == folder]
        cities = sum(p.type == "city" for p in mine)
        rows.append(
            [
                province_names.get(folder, folder),
                len(mine),
                cities,
                len(mine) - cities,
                sum(p.status.revoked_on is not None for p in mine),
                on_time_rate([a for p in mine for a in by_owner.get(p.id, [])]),
                sum(x.province_id == folder for x in practices),
            ]
        )
    result.append(
        Table(
            "province",
            "按省份",
            "试点数含已取消资格的试点；经验按所在省份计，一条计一次。",
            (
                ("省份", False),
                ("试点（个）", True),
                ("试点城市（个）", True),
                ("试点企业（家）", True),
                ("已取消资格（个）", True),
                ("按期率（%）", True),
                ("经验（条）", True),
            ),
            rows,
            bar_chart("各省份的试点数", "个", [(r[0], (r[2], r[3])) for r in rows], ("试点城市", "试点企业")),
        )
    )
    rows = []
    for kind, name in kinds.items():
        mine = [p for p in pilots if kind_of(p) == kind]
        if mine:
            ids = {p.id for p in mine}
            rows.append(
                [
                    name,
                    len(mine),
                    sum(p.status.revoked_on is not None for p in mine),
                    on_time_rate([a for p in mine for a in by_owner.get(p.id, [])]),
                    sum(1 for x in practices if ids & set(x.pilots)),
                ]
            )
    result.append(
        Table(
            "kind",
            "按试点类型",
            "每个试点只计入一种类型：试点城市，或试点企业登记的企业类别。经验计入所属试点的类型，一条在每种类型中计一次。",
            (
                ("类型", False),
                ("试点（个）", True),
                ("已取消资格（个）", True),
                ("按期率（%）", True),
                ("经验（条）", True),
            ),
            rows,
            bar_chart("各类型的试点数", "个", [(r[0], (r[1],)) for r in rows]),
        )
    )
    sections = Counter(s for p in pilots if (s := _section(p)))
    rows = [[f"{k} {labels.industry(k)}", n] for k, n in sorted(sections.items())]
    result.append(
        Table(
            "industry",
            "按行业门类",
            "按试点登记的第一个行业代码所属的门类（GB/T 4754-2017）计，每个试点计一次。",
            (("门类", False), ("试点（个）", True)),
            rows,
            bar_chart("各行业门类的试点数", "个", [(r[0], (r[1],)) for r in rows]),
        )
    )
    return result, kpi_summary(samples, labels, kpi_groups(repo.programme, labels))


def _section(p: Pilot) -> str:
    return industry_section(p.industries[0]) if p.industries else ""


def kpi_samples(repo: Repository, history: History, at: date, drafts: bool) -> list[tuple[str, dict[str, float]]]:
    """The KPIs of each pilot's latest counted report, with the pilot's KPI set."""
    programme = repo.programme
    assert programme is not None
    samples = []
    for p in repo.all_pilots:
        reports = counted_reports(p, history, programme, at, drafts)
        if reports:
            samples.append((programme.pilot_kpi_set.get(p.kind_key, ""), reports[-1].kpis))
    return samples


def by_group(rows: list[KpiRow]) -> list[tuple[str, list[KpiRow]]]:
    """The KPI rows of each group, groups in the order of ``kpi_groups``."""
    found: dict[str, list[KpiRow]] = {}
    for r in rows:
        found.setdefault(r.group_label, []).append(r)
    return list(found.items())
