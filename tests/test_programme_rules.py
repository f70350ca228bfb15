"""The programme's rules on the shipped sample repository, whose git history replays the
2019–2020 submissions: status and the watch list at two dates, hand-checked; and the
provincial summary draft."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from casekit import ROOT
from openpyxl import load_workbook

from generator.cli.main import main


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert main([*args, "--root", str(ROOT), "--format", "json"]) == 0
    rows: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return rows


def test_sample_status_hand_checked(capsys: pytest.CaptureFixture[str]) -> None:
    rows = {(r["pilot"], r["document"], r["period"]): r for r in _json(capsys, "status", "--at", "2020-11-30")}
    # the two reports the sample leaves out, and the replayed late ones
    assert (rows[("guangzhou", "report", "2020Q1")]["state"], rows[("guangzhou", "report", "2020Q1")]["days_late"]) == (
        "missing",
        229,
    )
    assert rows[("wz-example-footwear", "report", "2019Q4")]["state"] == "missing"
    assert (
        rows[("wz-example-footwear", "report", "2019Q3")]["state"],
        rows[("wz-example-footwear", "report", "2019Q3")]["days_late"],
    ) == ("late", 9)
    assert rows[("beijing", "recommendations", "2019")]["days_late"] == 4
    # revoked on 2020-03-20: nothing due afterwards is required
    assert rows[("example-machinery-group", "report", "2020Q1")]["state"] == "exempt"
    assert rows[("example-machinery-group", "report", "2019Q4")]["state"] == "late"
    # MOFCOM confirms the separately planned city; the province confirms an ordinary one
    assert rows[("shenzhen", "report", "2019Q3")]["confirmed_by"] == "商务部市场建设司"
    assert rows[("guangzhou", "report", "2019Q3")]["confirmed_by"] == "广东省商务厅"
    early = {(r["pilot"], r["document"], r["period"]): r for r in _json(capsys, "status", "--at", "2019-07-10")}
    assert early[("shenzhen", "report", "2019Q3")]["state"] == "not_due"
    assert early[("wz-example-footwear", "ledger", None)]["state"] == "late"


def test_watchlist_end_of_2019(capsys: pytest.CaptureFixture[str]) -> None:
    rows = _json(capsys, "watchlist", "--at", "2019-12-01")
    names = [r["pilot"] for r in rows]
    # the two weak pilots lead; the central SOE that lost its status in March 2020 is already visible
    assert names[:2] == ["example-machinery-group", "wz-example-footwear"] or names[:2] == [
        "wz-example-footwear",
        "example-machinery-group",
    ]
    assert "guangzhou" in names
    machinery = next(r for r in rows if r["pilot"] == "example-machinery-group")
    assert any("逾期报送" in str(reason) for reason in machinery["reasons"])  # type: ignore[attr-defined]
    assert any("目标进展滞后" in str(reason) for reason in machinery["reasons"])  # type: ignore[attr-defined]
    assert "shenzhen" not in names


def test_watchlist_after_the_programme(capsys: pytest.CaptureFixture[str]) -> None:
    rows = _json(capsys, "watchlist", "--at", "2020-11-30")
    assert [r["pilot"] for r in rows] == ["wz-example-footwear", "guangzhou"]
    footwear, guangzhou = rows
    assert any("未报：季报 2019Q4" in str(r) for r in footwear["reasons"])  # type: ignore[attr-defined]
    assert any("未报：季报 2020Q1" in str(r) for r in guangzhou["reasons"])  # type: ignore[attr-defined]
    everyone = _json(capsys, "watchlist", "--at", "2020-11-30", "--all")
    assert "example-machinery-group" not in [r["pilot"] for r in everyone]  # revoked: no longer watched
    assert len(everyone) == 11  # 12 pilots, one revoked


def test_province_summary_draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "draft",
            "province-summary",
            "--province",
            "zhejiang",
            "--year",
            "2020",
            "--root",
            str(ROOT),
            "--out",
            str(tmp_path),
        ]
    )
    assert code == 0, capsys.readouterr().err
    text = (tmp_path / "zhejiang-2020.md").read_text(encoding="utf-8")
    assert text.startswith("# 浙江省 2020 年供应链创新与应用试点汇总报告（草稿）")
    assert "| wz-example-footwear | 示例鞋业（温州）有限公司 | 实体企业 | 试点中 |" in text
    assert "| 季报 | 2020Q1 | 2020-04-15 | 4 | 0 | 0 | 0 | 0 |" in text
    assert "（请填写：本省试点工作的总体情况。）" in text
    book = load_workbook(tmp_path / "zhejiang-2020.xlsx")
    assert book.sheetnames == ["试点", "按期报送", "绩效指标", "目标进展", "可复制推广经验"]
    assert main(["draft", "province-summary", "--province", "hunan", "--year", "2020", "--root", str(ROOT)]) == 2
