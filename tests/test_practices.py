"""Practices with provenance (issue 13): published lists, owners, qualified figures, 未公开."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from casekit import ROOT

from generator.model.practices import practice_lists, province_practices
from generator.model.summary import Figure
from generator.rules.validate import validate_repository
from generator.site.practiceview import figure_value


def test_figures_say_what_the_source_says() -> None:
    assert figure_value(Figure("企业", 300, "家", qualifier="at_least")) == "300+ 家"
    assert figure_value(Figure("企业", 300, "家", qualifier="about")) == "约 300 家"
    assert figure_value(Figure("排名", 1, "名", qualifier="rank")) == "第 1"
    assert figure_value(Figure("排名", 3, "名", qualifier="top")) == "前 3"
    assert figure_value(Figure("占比", 30, "%", qualifier="share")) == "30%"
    dated = Figure("企业", 300, "家", as_of="2020-06-30", claimed_by="省商务厅")
    assert figure_value(dated) == "300 家（截至 2020-06-30，据省商务厅）"


def test_the_sample_list_has_owners_and_a_province_practice() -> None:
    repo = validate_repository(ROOT).repository
    (sample,) = practice_lists(repo)
    assert "示例" in sample.name and sample.batch == 1
    owners = [tuple(o.id for o in p.owners) for p in sample.practices]
    assert ("guangzhou", "shenzhen") in owners and ("zhejiang",) in owners
    assert [p.id for _, _, p in province_practices(repo)] == ["P1"]


def test_pages_state_provenance_and_downloads_carry_qualifiers(sample_pages: Path) -> None:
    out = sample_pages  # ``scpilot pages --out`` of the sample (conftest.py: written once per test run)
    listed = (out / "practices" / "example-2020-batch1-p1.md").read_text(encoding="utf-8")
    assert "出处：" in listed and "（第 1 批），示例函〔2020〕1号，2020-12-15 公布" in listed
    assert "试点总结报告" not in listed and "300+ 家" in listed
    assert (out / "practices" / "list" / "example-2020-batch1" / "index.md").exists()
    own = (out / "practices" / "zhejiang-2020-p1.md").read_text(encoding="utf-8")
    assert "2020 年省级汇总报告" in own and "未公开" in own
    reported = next((out / "practices").glob("guangzhou-2019-p*.md")).read_text(encoding="utf-8")
    assert "2019 年试点总结报告" in reported
    rows = list(csv.DictReader(io.StringIO((out / "data" / "practice_figures.csv").read_text(encoding="utf-8-sig"))))
    shared = [r for r in rows if r["practice"] == "example-2020-batch1-p1"]
    assert {r["qualifier"] for r in shared} == {"at_least", "top"}
    assert shared[0]["owners"] == "guangzhou;shenzhen" and shared[0]["as_of"] == "2020-10-31"
