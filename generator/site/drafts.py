"""Provincial summary drafts: the statistics part of a province's summary report, filled
from confirmed data (pilots, timeliness, KPI aggregates, progress status counts, practices
found); the province writes the narrative. The same statistics appear on the province
page. ``province_stats`` is pure; the renderers turn it into Markdown and XLSX."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from openpyxl import Workbook

from generator.assess.latest import counted_reports, pilot_progress
from generator.assess.progress import TARGET_LABELS
from generator.assess.timeliness import STATE_LABELS, assess
from generator.history.versions import History
from generator.load.layout import KIND_TITLES
from generator.model.repository import Repository
from generator.site.labels import Labels, pilot_name
from generator.site.stats import kpi_groups, kpi_rows


@dataclass
class ProvinceStats:
    province: str
    name: str
    year: str
    at: date
    pilots: list[list[str]] = field(default_factory=list)
    timeliness: list[list[str | int]] = field(default_factory=list)
    kpis: list[list[Any]] = field(default_factory=list)
    progress: list[list[str | int]] = field(default_factory=list)
    practices: list[list[str]] = field(default_factory=list)

    def tables(self) -> list[tuple[str, list[str], list[list[str | int]]]]:
        return [
            ("试点", ["试点标识", "试点名称", "类型", "状态"], [list(r) for r in self.pilots]),
            ("按期报送", ["材料", "期别", "截止日期", *STATE_LABELS.values()], self.timeliness),
            ("绩效指标", ["组别", "指标", "单位", "填报试点", "平均值", "中位数"], self.kpis),
            ("目标进展", ["进展状态", "目标数"], self.progress),
            ("可复制推广经验", ["试点", "经验", "主题"], [list(r) for r in self.practices]),
        ]


def province_stats(
    repo: Repository, history: History, labels: Labels, province: str, year: str, at: date | None = None
) -> ProvinceStats:
    programme = repo.programme
    assert programme is not None
    deadline = programme.deadline("province_summary", year)
    when = at or (deadline.due if deadline else programme.pilot_end)
    name = repo.provinces[province].name if province in repo.provinces else programme.central_name
    stats = ProvinceStats(province, name, year, when)
    pilots = sorted(repo.pilots_in(province), key=lambda p: (p.type != "city", p.id))
    ids = {p.id for p in pilots} | {province}
    for p in pilots:
        revoked = p.status.revoked_on is not None and p.status.revoked_on <= when
        stats.pilots.append(
            [
                p.id,
                p.name,
                labels.pilot_type.get(p.type, p.type)
                if p.type == "city"
                else labels.category.get(p.category or "", ""),
                "已取消资格" if revoked else "试点中",
            ]
        )
    rows: dict[tuple[str, str | None], Counter[str]] = {}
    dues: dict[tuple[str, str | None], date] = {}
    for a in assess(repo, history, when):
        if a.requirement.owner not in ids or a.requirement.deadline.due.year != int(year):
            continue
        slot = (a.document, a.period)
        rows.setdefault(slot, Counter())[a.state] += 1
        dues[slot] = a.requirement.deadline.due
    for (document, period), counts in sorted(rows.items(), key=lambda item: dues[item[0]]):
        stats.timeliness.append(
            [
                KIND_TITLES[document],
                period or "—",
                dues[(document, period)].isoformat(),
                *(counts[s] for s in STATE_LABELS),
            ]
        )
    samples: list[tuple[str, dict[str, float]]] = []
    status_counts: Counter[str] = Counter()
    for p in pilots:
        reports = [r for r in counted_reports(p, history, programme, when, False) if r.period.startswith(year)]
        if reports:
            samples.append((programme.pilot_kpi_set.get(p.kind_key, ""), reports[-1].kpis))
        for progress, _ in pilot_progress(p, programme, history, when, drafts=False).targets.values():
            status_counts[progress.status] += 1
    stats.kpis = kpi_rows(samples, labels, kpi_groups(programme, labels))
    stats.progress = [[label, status_counts[code]] for code, label in TARGET_LABELS.items()]
    for p in pilots:
        summary = p.summaries.get(year)
        for practice in summary.practices if summary else ():
            stats.practices.append(
                [
                    pilot_name(p),
                    practice.title,
                    labels.theme.get(practice.theme, practice.theme) if practice.theme else "未公开",
                ]
            )
    return stats


def render_markdown(stats: ProvinceStats) -> str:
    env = Environment(
        loader=PackageLoader("generator.site", "templates"),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["cell"] = lambda v: str(v).replace("|", "\\|").replace("\n", " ")
    return env.get_template("province_draft.md.j2").render(s=stats)


def render_xlsx(stats: ProvinceStats) -> bytes:
    from generator.site.export import stable_zip

    book = Workbook()
    for default in list(book.worksheets):
        book.remove(default)
    for title, headers, rows in stats.tables():
        sheet = book.create_sheet(title)
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
    raw = io.BytesIO()
    book.save(raw)
    return stable_zip(raw.getvalue())
