"""Write a synthetic repository: the project's schemas, site configuration and programme
calendar, every province, N pilots with all their documents, and the git history of how
they were submitted and confirmed. Files are written directly; the history is one
``git fast-import`` run."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from generator.tooling.demo import pilotdocs, provincial, summarydocs
from generator.tooling.demo.geography import PROVINCES, Province
from generator.tooling.demo.gitstream import write_history
from generator.tooling.demo.pilotdocs import QUARTERS, PilotModel
from generator.tooling.demo.plan import CENTRAL, REVOKED_ON, plan_pilots
from generator.tooling.demo.timeline import CST, Landing, Person, landing, submission_day
from generator.tooling.demo.yamltext import dump
from generator.tooling.migrate import without_batches

HEADER = "# yaml-language-server: $schema={schema}\n# 演示数据：由 scpilot demo 生成，内容纯属虚构。\n"
MAINTAINER = Person("scpilot 维护组", "maintainers@example.gov.cn")
MOFCOM = Person("商务部市场建设司", "scm@mofcom.example.gov.cn")
STARTED = datetime(2019, 6, 10, 10, 0, tzinfo=CST)
REPORT_DUE = {
    "2019Q2": date(2019, 7, 15),
    "2019Q3": date(2019, 10, 15),
    "2019Q4": date(2020, 1, 15),
    "2020Q1": date(2020, 4, 15),
    "2020Q2": date(2020, 7, 15),
    "2020Q3": date(2020, 10, 15),
}
SUMMARY_DUE = {"2019": date(2019, 10, 31), "2020": date(2020, 10, 31)}
MOFCOM_CITIES = frozenset({"110000", "120000", "310000", "500000", "210200", "370200", "330200", "350200", "440300"})
COPIED = ("schemas", "docs")


@dataclass(frozen=True)
class DemoResult:
    pilots: int
    files: int
    commits: int
    pull_requests: int


def render(path: str, kind: str, data: dict[str, Any]) -> bytes:
    depth = path.count("/")
    return dump(data, HEADER.format(schema="../" * depth + f"schemas/{kind}.schema.json")).encode("utf-8")


def _department(province: Province) -> Person:
    return Person(province.department, f"review@{province.folder}.example.gov.cn")


def _confirmer(m: PilotModel) -> Person:
    s = m.spec
    if s.central_soe or (s.type == "city" and s.division_code in MOFCOM_CITIES):
        return MOFCOM
    return _department(s.province)


class Writer:
    def __init__(self, out: Path, seed: int) -> None:
        self.out = out
        self.seed = seed
        self.landings: list[Landing] = []
        self.files = 0

    def write(self, path: str, content: bytes) -> None:
        target = self.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        self.files += 1


def _pilot(w: Writer, m: PilotModel, practices: dict[tuple[str, str], list[tuple[str, str, str]]]) -> None:
    s = m.spec
    rng = random.Random(f"scpilot-demo:{w.seed}:timeline:{s.id}")
    base = f"submissions/{s.folder}/{s.id}"
    who = Person(f"{s.short_name}填报人", f"{s.id}@submit.example.com")
    confirmer = _confirmer(m)
    name = s.short_name
    day = submission_day(rng, date(2019, 6, 30), date(2019, 6, 12), s.diligence, missable=False)
    assert day is not None
    pilot_text = render(f"{base}/pilot.yaml", "pilot", pilotdocs.pilot_doc(m))
    final_ledger = render(f"{base}/ledger.yaml", "ledger", pilotdocs.ledger_doc(m))
    first_ledger = (
        render(f"{base}/ledger.yaml", "ledger", pilotdocs.ledger_doc(m, first=True)) if m.revised else final_ledger
    )
    w.write(f"{base}/pilot.yaml", pilot_text)
    w.write(f"{base}/ledger.yaml", final_ledger)
    files = [(f"{base}/pilot.yaml", pilot_text), (f"{base}/ledger.yaml", first_ledger)]
    w.landings.append(landing(rng, files, f"{name}：基本信息和工作台账", who, confirmer, day))
    if m.revised:
        revised = date(2019, 12, rng.randint(2, 20))
        w.landings.append(
            landing(rng, [(f"{base}/ledger.yaml", final_ledger)], f"{name}：修订工作台账", who, confirmer, revised)
        )
    revoked = date.fromisoformat(REVOKED_ON) if s.revoked else None
    for period in QUARTERS:
        due = REPORT_DUE[period]
        if revoked is not None and revoked < due:
            continue
        day = submission_day(rng, due, pilotdocs.QUARTER_END[period] + timedelta(days=1), s.diligence, missable=True)
        if day is None:
            continue
        path = f"{base}/reports/{period}.yaml"
        text = render(path, "report", pilotdocs.report_doc(m, period))
        w.write(path, text)
        w.landings.append(landing(rng, [(path, text)], f"{name}：{period} 季报", who, confirmer, day))
    for year, due in SUMMARY_DUE.items():
        if revoked is not None and revoked < due:
            continue
        day = submission_day(rng, due, date(int(year), 10, 8), s.diligence, missable=True)
        if day is None:
            continue
        path = f"{base}/summaries/{year}.yaml"
        doc = summarydocs.summary_doc(m, year)
        text = render(path, "summary", doc)
        w.write(path, text)
        w.landings.append(landing(rng, [(path, text)], f"{name}：{year} 年试点总结报告", who, confirmer, day))
        practices.setdefault((s.folder, year), []).extend((s.id, p["id"], p["title"]) for p in doc["practices"])


def _province(
    w: Writer,
    province: Province,
    pilots: list[PilotModel],
    practices: dict[tuple[str, str], list[tuple[str, str, str]]],
) -> None:
    rng = random.Random(f"scpilot-demo:{w.seed}:timeline:{province.folder}")
    who = Person(f"{province.name}填报人", f"{province.folder}@submit.example.com")
    diligence = rng.random()
    base = f"submissions/{province.folder}"
    path = f"{base}/recommendations/2019.yaml"
    text = render(path, "recommendations", provincial.recommendations_doc(province, pilots, w.seed))
    day = submission_day(rng, date(2019, 6, 30), date(2019, 6, 12), diligence, missable=False)
    assert day is not None
    w.write(path, text)
    w.landings.append(landing(rng, [(path, text)], f"{province.name}：2019 年推荐名单", who, MOFCOM, day))
    if not pilots:
        return
    for year, due in SUMMARY_DUE.items():
        day = submission_day(rng, due + timedelta(days=3), date(int(year), 10, 20), diligence, missable=True)
        if day is None:
            continue
        path = f"{base}/summaries/{year}.yaml"
        doc = provincial.province_summary_doc(
            province, year, pilots, practices.get((province.folder, year), []), w.seed
        )
        text = render(path, "province_summary", doc)
        w.write(path, text)
        w.landings.append(landing(rng, [(path, text)], f"{province.name}：{year} 年汇总报告", who, MOFCOM, day))


def _project_files(project: Path) -> list[tuple[str, bytes]]:
    found = [("mkdocs.yml", (project / "mkdocs.yml").read_bytes())]
    for folder in COPIED:
        for path in sorted((project / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                found.append((path.relative_to(project).as_posix(), path.read_bytes()))
    # the sample's calendar, without the sample's list of pilots: every demo pilot is enrolled from the first day
    calendar = without_batches((project / "submissions" / "programme.yaml").read_text(encoding="utf-8"))
    found.append(("submissions/programme.yaml", calendar.encode("utf-8")))
    found.append((".gitignore", b"/site/\n"))
    return found


def generate_demo(project: Path, out: Path, pilots: int, seed: int) -> DemoResult:
    """Write the demo repository into ``out`` (which must not exist or be empty)."""
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(str(out))
    out.mkdir(parents=True, exist_ok=True)
    w = Writer(out, seed)
    initial = _project_files(project)
    for province in PROVINCES:
        path = f"submissions/{province.folder}/province.yaml"
        initial.append((path, render(path, "province", provincial.province_doc(province, seed))))
    for path, content in initial:
        w.write(path, content)
    models = [pilotdocs.model(spec, seed) for spec in plan_pilots(pilots, seed)]
    practices: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for m in models:
        _pilot(w, m, practices)
    for province in PROVINCES:
        own = [m for m in models if m.spec.folder == province.folder]
        _province(w, province, own, practices)
    commits = write_history(out, initial, MAINTAINER, STARTED, w.landings)
    return DemoResult(len(models), w.files, commits, len(w.landings))


__all__ = ["CENTRAL", "DemoResult", "generate_demo"]
