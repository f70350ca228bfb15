"""scpilot import/export practices: a published list read as printed, owners matched, nothing invented."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from casekit import copy_sample
from openpyxl import Workbook

from generator.cli.main import main


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "repo")


def _book(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.cell(row=1, column=1, value="供应链创新与应用典型经验（示例）")
    sheet.merge_cells("A1:I1")
    sheet.append([" 序 号 ", "经验名称", "所属试点或单位", "省份", "类别", "方面", "主要做法", "成效", "来源网址"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


ARGS = ["--list", "典型经验（示例）", "--publisher", "示例部门", "--date", "2021-03-01", "--batch", "2"]


def test_import_matches_owners_and_marks_what_is_missing(repo: Path, tmp_path: Path) -> None:
    book = _book(
        tmp_path / "list.xlsx",
        [
            ["１", "两市共建平台（示例）", "广州市、深圳", "广东省", "公共服务", "治理", "共建平台。", None, None],
            [
                2,
                "省级联盟（示例）",
                "浙江省商务厅",
                "浙江省",
                None,
                None,
                None,
                "带动 300 多家企业。",
                "https://example.org/p",
            ],
        ],
    )
    assert main(["--root", str(repo), "import", "practices", str(book), *ARGS]) == 0
    data = yaml.safe_load((repo / "submissions/lists/list-2021-03-01-batch2.yaml").read_text(encoding="utf-8"))
    first, second = data["practices"]
    assert first["number"] == 1 and first["owners"] == [
        {"kind": "pilot", "id": "guangzhou"},
        {"kind": "pilot", "id": "shenzhen"},
    ]
    assert first["effect"] == {"text": "未公开"} and second["summary"] == "未公开"
    assert second["owners"] == [{"kind": "province", "id": "zhejiang"}]
    assert data["batch"] == 2 and data["publisher"] == "示例部门"


def test_an_unknown_owner_writes_nothing(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = _book(
        tmp_path / "list.xlsx", [[1, "一条经验（示例）", "广洲", "广东省", None, None, "做法。", "成效。", None]]
    )
    assert main(["--root", str(repo), "import", "practices", str(book), *ARGS]) == 1
    err = capsys.readouterr().err
    assert "「广洲」不是已登记的试点或省份" in err and "广州" in err
    assert not (repo / "submissions/lists/list-2021-03-01-batch2.yaml").exists()


def test_export_then_import_is_the_same_list(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    assert main(["--root", str(repo), "export", "practices", "--list", "example-2020-batch1", "--out", str(out)]) == 0
    assert main(["--root", str(repo), "import", "practices", str(out), *ARGS, "--id", "again"]) == 0
    before = yaml.safe_load((repo / "submissions/lists/example-2020-batch1.yaml").read_text(encoding="utf-8"))
    after = yaml.safe_load((repo / "submissions/lists/again.yaml").read_text(encoding="utf-8"))
    for old, new in zip(before["practices"], after["practices"], strict=True):
        for field in ("id", "number", "title", "owners", "summary", "category", "area"):
            assert old.get(field) == new.get(field), field
        assert old["effect"]["text"] == new["effect"]["text"]
