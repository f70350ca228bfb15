"""Several programmes in one repository (issue 13.6): the sample's 2018 pilots and its
fictional demonstration round with two batches; obligations from enrolment; a third round
added from data alone; ``scpilot programmes`` and ``scpilot migrate``."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import casekit
import pytest
import yaml
from casekit import ROOT, copy_sample, make_base

from generator.assess.timeliness import requirements
from generator.rules.validate import validate_repository
from generator.site.build import generate
from generator.site.pages import SiteConfig
from generator.tooling.migrate import without_batches


def scpilot(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``scpilot --root ROOT ARGS`` from ``root``, in this process (casekit.scpilot)."""
    return casekit.scpilot(["--root", str(root), *args], cwd=root)


def _programmes(root: Path) -> list[dict[str, Any]]:
    result = scpilot(root, "programmes", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def _owed(root: Path) -> dict[str, set[tuple[str, str, str | None]]]:
    repo = validate_repository(root).repository
    found: dict[str, set[tuple[str, str, str | None]]] = {}
    for r in requirements(repo):
        found.setdefault(r.owner, set()).add((r.programme, r.deadline.document, r.deadline.period))
    return found


def test_the_sample_lists_two_programmes_and_a_participant_in_both() -> None:
    rows = _programmes(ROOT)
    assert [r["id"] for r in rows] == ["pilots-2018", "demonstration-2021"]
    for row in rows:
        assert set(row) >= {"id", "name", "starts", "ends", "participants"}
        for p in row["participants"]:
            assert set(p) == {"pilot", "batch", "enrolled_on", "left_on"}
    first, second = ({p["pilot"]: p for p in r["participants"]} for r in rows)
    assert first["hangzhou"]["enrolled_on"] == "2018-10-09" and first["hangzhou"]["batch"] == 1
    assert second["hangzhou"] == {"pilot": "hangzhou", "batch": 1, "enrolled_on": "2021-10-12", "left_on": None}
    assert second["fs-example-appliance"]["batch"] == 2 and "fs-example-appliance" not in first
    assert len(second) >= 4 and len(set(first) & set(second)) >= 2
    assert first["example-machinery-group"]["left_on"] == "2020-03-20"


def test_obligations_start_at_enrolment() -> None:
    owed = _owed(ROOT)
    second_batch = owed["fs-example-appliance"]
    assert ("demonstration-2021", "report", "2022Q3") in second_batch
    # enrolled 2022-08-16: nothing that ended before it
    assert ("demonstration-2021", "report", "2022Q2") not in second_batch
    assert ("demonstration-2021", "summary", "2021") not in second_batch
    assert not any(p == "pilots-2018" for p, _, _ in second_batch)
    first_batch = owed["bj-example-coldchain"]
    assert {("demonstration-2021", "summary", "2021"), ("demonstration-2021", "report", "2022Q2")} <= first_batch
    # a 2018 pilot in the second round owes both calendars
    both = {p for p, _, _ in owed["hangzhou"]}
    assert both == {"pilots-2018", "demonstration-2021"}


def test_a_later_batch_has_its_own_due_date_for_one_off_documents() -> None:
    repo = validate_repository(ROOT).repository
    due = {
        (r.owner, r.deadline.document): r.deadline.due.isoformat()
        for r in requirements(repo)
        if r.programme == "demonstration-2021"
    }
    assert due[("bj-example-coldchain", "ledger")] == "2021-12-11"  # 2021-10-12 + 60 days
    assert due[("fs-example-appliance", "ledger")] == "2022-10-15"  # 2022-08-16 + 60 days


def test_every_status_row_names_its_programme() -> None:
    result = scpilot(ROOT, "status", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows and all(r["programme"] in {"pilots-2018", "demonstration-2021"} for r in rows)
    late = [r for r in rows if r["pilot"] == "fs-example-appliance" and r["document"] == "ledger"]
    assert [r["state"] for r in late] == ["late"]


THIRD = """\
id: round-three
name: 第三项工作（测试）
notices:
  - {number: 测试〔2024〕1号, title: 第三项工作的通知（测试）, date: "2024-01-10"}
period: {start: "2024-01-10", end: "2025-12-31"}
deadlines:
  - {document: summary, period: "2024", due: "2025-01-31", by: pilot, basis: 测试}
  - {document: report, period: 2024Q4, starts: "2024-10-01", ends: "2024-12-31", due: "2025-01-15", by: pilot, basis: 测试}
batches:
  - {batch: 1, announced: "2024-02-01", participants: [hangzhou, guangzhou]}
  - {batch: 2, announced: "2024-11-01", participants: [shenzhen]}
  - {batch: 3, announced: "2025-01-20", participants: [beijing]}
"""


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "repo")


def test_a_third_round_runs_from_data_alone(sample_copy: Path) -> None:
    (sample_copy / "submissions/programmes/round-three.yaml").write_text(THIRD, encoding="utf-8")
    result = validate_repository(sample_copy)
    assert result.errors == [], [p.message for p in result.errors]
    assert [r["id"] for r in _programmes(sample_copy)][-1] == "round-three"
    owed = _owed(sample_copy)
    assert {("round-three", "summary", "2024"), ("round-three", "report", "2024Q4")} <= owed["hangzhou"]
    # enrolled 2024-11-01: the year and its last quarter have not ended, both are owed
    assert {("round-three", "summary", "2024"), ("round-three", "report", "2024Q4")} <= owed["shenzhen"]
    # enrolled 2025-01-20: the year 2024 is over, nothing of it is owed
    assert not any(p == "round-three" for p, _, _ in owed["beijing"])
    rows = json.loads(scpilot(sample_copy, "status", "--format", "json").stdout)
    third = [r for r in rows if r["programme"] == "round-three"]
    assert len(third) == 6 and {r["state"] for r in third} == {"unknown"}  # no git history here


def test_a_round_naming_an_unregistered_pilot_is_refused(sample_copy: Path) -> None:
    text = THIRD.replace("[shenzhen]", "[shenzen]")
    (sample_copy / "submissions/programmes/round-three.yaml").write_text(text, encoding="utf-8")
    errors = validate_repository(sample_copy).errors
    assert [p.rule for p in errors] == ["SCP-E027"]
    assert "shenzen" in errors[0].message and "shenzhen" in errors[0].hint and errors[0].line == 11, errors


@pytest.fixture(scope="module")
def sample_pages() -> dict[str, str | bytes]:
    """The sample's pages, generated once for the tests that only read them."""
    return generate(ROOT, SiteConfig())


def test_site_shows_each_programme_and_a_participants_history(sample_pages: dict[str, str | bytes]) -> None:
    pages = sample_pages
    listing = str(pages["programmes/index.md"])
    assert "供应链创新与应用示范城市和示范企业创建（示例）" in listing and "2020-11-30" in listing
    second = str(pages["programmes/demonstration-2021.md"])
    assert "第二批示范城市和示范企业（示例）" in second and "2022-08-16" in second
    assert "../pilots/fs-example-appliance/" in second and "入选后 60 天内" in second
    hangzhou = str(pages["pilots/hangzhou/index.md"])
    assert "参加的工作" in hangzhou and "2018 年试点" in hangzhou and "示范创建（示例）" in hangzhou
    assert "2021-10-12 起" in hangzhou


def test_migrate_writes_the_first_batch_and_moves_as_of(tmp_path: Path) -> None:
    root = make_base(tmp_path / "repo")
    (root / "mkdocs.yml").write_text(
        'site_name: x\nplugins:\n  - scpilot:\n      # 按这一天判断\n      as_of: "2020-11-30"\n', encoding="utf-8"
    )
    assert "batches" not in (root / "submissions/programme.yaml").read_text(encoding="utf-8")
    assert scpilot(root, "migrate", "--check").returncode == 1
    done = scpilot(root, "migrate")
    assert done.returncode == 0, done.stderr
    data = yaml.safe_load((root / "submissions/programme.yaml").read_text(encoding="utf-8"))
    assert data["batches"][0]["participants"] == ["example-group", "foshan", "fs-example-home"]
    assert data["as_of"] == "2020-11-30"
    assert "as_of" not in (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "按这一天判断" not in (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert validate_repository(root).problems == []
    assert scpilot(root, "migrate", "--check").returncode == 0
    # comments of the calendar survive the edit
    assert "# 是否按期以中国标准时间" in (root / "submissions/programme.yaml").read_text(encoding="utf-8")


def test_without_batches_gives_the_one_programme_calendar() -> None:
    text = (ROOT / "submissions/programme.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(without_batches(text))
    assert "batches" not in data and data["mofcom"] and data["deadlines"]
    assert without_batches(without_batches(text)) == without_batches(text)


def test_the_filing_desk_offers_each_pilot_its_own_calendar(sample_pages: dict[str, str | bytes]) -> None:
    pages = sample_pages
    unit = json.loads(pages["file/units/pilot-fs-example-appliance.json"])
    cal = unit["calendar"]
    assert (cal["pilot_start"], cal["pilot_end"]) == ("2021-03-01", "2023-12-31")
    owed = {(d["document"], d["period"]) for d in cal["deadlines"]}
    assert ("report", "2022Q3") in owed and ("report", "2022Q2") not in owed and ("summary", "2021") not in owed
    ledger = [d for d in cal["deadlines"] if d["document"] == "ledger"]
    assert [d["due"] for d in ledger] == ["2022-10-15"]
    first = json.loads(pages["file/units/pilot-guangzhou.json"])["calendar"]
    assert first["pilot_end"] == "2020-10-31" and ("report", "2019Q3") in {
        (d["document"], d["period"]) for d in first["deadlines"]
    }


def test_the_period_now_due_is_one_the_pilot_owes(sample_copy: Path) -> None:
    result = scpilot(sample_copy, "new", "report", "--pilot", "guangzhou")
    assert result.returncode == 0, result.stderr
    assert "2022Q" not in result.stdout + result.stderr  # guangzhou is not in the later round
    refused = scpilot(sample_copy, "new", "report", "--pilot", "fs-example-appliance", "--period", "2022Q2")
    assert refused.returncode != 0 and "不是这个试点应报的一期" in refused.stdout + refused.stderr


def test_a_programmes_participants_come_in_numbered_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.site import paging

    monkeypatch.setattr(paging, "ROWS", 5)
    pages = generate(ROOT, SiteConfig())
    first = str(pages["programmes/pilots-2018.md"])
    assert first.startswith("---") and "第 1 页，共 3 页" in first and "## 工作日历" in first
    rest = [str(pages[f"programmes/pilots-2018/{n}.md"]) for n in (2, 3)]
    assert all("## 工作日历" not in page and "第 " in page for page in rest)
    listed = [m.group(1) for page in [first, *rest] for m in re.finditer(r'href="[./]*pilots/([a-z0-9-]+)/"', page)]
    expected = {p["pilot"] for p in _programmes(ROOT)[0]["participants"]}
    assert sorted(listed) == sorted(expected)  # each participant exactly once
