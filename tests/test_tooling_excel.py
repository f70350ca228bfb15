"""Attachments 1 and 2 and the quarterly indicator table, both ways, with workbooks built
the way provinces and pilots really fill them: a title row and a 「省（区、市）」 line, merged
header cells, stray and full-width spaces, full-width digits, phone numbers typed as
numbers, units after numbers, Excel percentages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from casekit import copy_sample
from openpyxl import Workbook, load_workbook

from generator.cli.main import main
from generator.tooling import cells
from generator.tooling.cells import CellValueError
from generator.tooling.excel import SheetError

GD = "submissions/guangdong"
REC = f"{GD}/recommendations/2019.yaml"
HOME = f"{GD}/fs-example-home"
FS = f"{GD}/foshan"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _export_indicators(root: Path, out: Path, *extra: str) -> int:
    return main(["export", "template", "indicators", "--out", str(out), "--root", str(root), *extra])


def _export_recommendations(root: Path, out: Path) -> int:
    args = ["export", "template", "recommendations", "--province", "guangdong", "--year", "2019", "--out", str(out)]
    return main([*args, "--root", str(root)])


def _import_recommendations(
    capsys: pytest.CaptureFixture[str], root: Path, *files: Path, force: bool = True
) -> tuple[int, str, str]:
    args = ["import", "recommendations", *map(str, files), "--province", "guangdong", "--year", "2019"]
    return _run(capsys, *args, *(["--force"] if force else []), "--root", str(root))


def _data(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _titled(sheet: Any, label: str, title: str, province: str, width: str) -> None:
    sheet["A1"] = label
    sheet["A2"] = title
    sheet.merge_cells(f"A2:{width}2")
    sheet["A3"] = f"省（区、市）：{province}"
    sheet.merge_cells(f"A3:{width}3")


def attachment_1(path: Path, province: str = " 广东省 ") -> Path:
    """Attachment 1 as a province fills the notice's table in Excel."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "附件1"
    _titled(sheet, "附件 1", "重点培育的供应链服务企业推荐名单", province, "G")
    for column, heading in enumerate(
        ["序  号", "企业名称 ", "主要服务\n行业", "联系人", "职\u3000务", "联系电话", " 联系邮箱"], 1
    ):
        sheet.cell(row=4, column=column, value=heading)
    rows = [
        [
            "１",
            " 示例家居（佛山）有限公司 ",
            "2110 木质家具制造；７２２４",
            "赵 示例",
            " 经理 ",
            13800000000,
            "zhao@example.com ",
        ],
        [2, None, None, None, None, None, None],
        [3, None, None, None, None, None, None],
    ]
    for r, row in enumerate(rows, start=5):
        for column, value in enumerate(row, 1):
            sheet.cell(row=r, column=column, value=value)
    sheet.cell(row=8, column=1, value="注：参照《国民经济行业分类》（GB/T4754-2017），供应链管理服务是指……")
    sheet.merge_cells("A8:G8")
    book.save(path)
    return path


def attachment_2(path: Path, operation: str | None = None, phone: Any = 7570000002, name: str = "示例家居") -> Path:
    """Attachment 2 with the notice's single 「平台运营情况」 column, headers merged over two rows."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "附件2"
    _titled(sheet, "附件 2", "重点培育的供应链协同平台推荐名单", "广东省", "G")
    for column, heading in enumerate(
        ["序号", "平台（企业）\n名称", "平台运营情况", "联系人", "职务", "联系电话", "联系邮箱"], 1
    ):
        sheet.cell(row=4, column=column, value=heading)
        sheet.merge_cells(start_row=4, start_column=column, end_row=5, end_column=column)
    text = operation or (
        "平台所处行业：木质家具制造（２１１０）；注册企业３２０家，活跃企业１８０家；"
        "2018年成交额12.5亿元，业务量3.2万单。服务家具产业上游板材、五金供应商。"
    )
    values = [1, f"{name}供应商协同门户", text, "赵示例", "经理", phone, "zhao@example.com"]
    for column, value in enumerate(values, 1):
        sheet.cell(row=6, column=column, value=value)
    sheet.cell(
        row=7,
        column=1,
        value="注：简要说明平台运营情况，包括但不限于平台所处行业、注册和活跃企业数、业务量或成交额等。",
    )
    book.save(path)
    return path


# -- cells ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (13800000000, "13800000000"),
        (13800000000.0, "13800000000"),
        (2000007701, "020-00007701"),
        (1085093662, "010-85093662"),
        (7570000002, "0757-0000002"),
        ("０１０－８５０９３６６２", "010-85093662"),
        ("010—85093662", "010-85093662"),
        ("(010)85093662", "010-85093662"),
        ("4008008866转509", "4008008866-509"),
        (" 020-0000 0001 ", "020-00000001"),
    ],
)
def test_phone_numbers(raw: Any, expected: str) -> None:
    assert cells.phone(raw) == expected


@pytest.mark.parametrize("raw", [85093662, "abc", "电话待定"])
def test_bad_phone_numbers(raw: Any) -> None:
    with pytest.raises(CellValueError):
        cells.phone(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("7224", ["7224"]),
        ("７２２４", ["7224"]),
        ("7224 供应链管理服务；39 计算机、通信和其他电子设备制造业", ["7224", "39"]),
        ("供应链管理服务、汽车零部件及配件制造", ["7224", "3670"]),
        ("电子信息（39）、汽车制造业", ["39", "36"]),
        ("农、林、牧、渔业", ["A"]),
        ("F", ["F"]),
        ("7224,5181", ["7224", "5181"]),
    ],
)
def test_industries(raw: str, expected: list[str]) -> None:
    assert cells.industries(raw) == expected
    assert cells.industries(cells.industries_text(expected)) == expected


@pytest.mark.parametrize(
    ("raw", "message"), [("电子信息、汽车", "「电子信息」「汽车」"), ("农业机械", "「农业机械」"), ("3999", "「3999」")]
)
def test_unknown_industries(raw: str, message: str) -> None:
    with pytest.raises(CellValueError) as info:
        cells.industries(raw)
    assert message in info.value.message


@pytest.mark.parametrize(
    ("raw", "expected"), [("９６", 96), ("1,200家", 1200), (" 6.8 亿元", 6.8), (96.0, 96), (12.5, 12.5)]
)
def test_numbers(raw: Any, expected: float) -> None:
    assert cells.number(raw, units=("家", "亿元")) == expected


def test_text_keeps_chinese_punctuation_and_drops_stray_spaces() -> None:
    assert cells.text("  示例 供应链\u3000管理（深圳） 有限公司 ") == "示例供应链管理（深圳）有限公司"
    assert cells.text("注册企业９６家") == "注册企业96家"


# -- attachments 1 and 2 -------------------------------------------------------------------------------


def test_messy_attachments_import_to_valid_yaml(
    base_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (base_repo / REC).unlink()
    one = attachment_1(tmp_path / "附件1.xlsx")
    two = attachment_2(tmp_path / "附件2.xlsx")
    code, out, err = _import_recommendations(capsys, base_repo, one, two, force=False)
    assert code == 0, err
    assert "附件1 1 家企业，附件2 1 个平台" in out
    data = _data(base_repo / REC)
    assert data == {
        "province": "guangdong",
        "year": "2019",
        "service_enterprises": [
            {
                "pilot": "fs-example-home",
                "name": "示例家居（佛山）有限公司",
                "industries": ["2110", "7224"],
                "contact": {"name": "赵示例", "position": "经理", "phone": "13800000000", "email": "zhao@example.com"},
            }
        ],
        "platforms": [
            {
                "pilot": "fs-example-home",
                "name": "示例家居供应商协同门户",
                "operation": {
                    "industries": ["2110"],
                    "registered_enterprises": 320,
                    "active_enterprises": 180,
                    "transaction_amount": 12.5,
                    "business_volume": {"value": 3.2, "unit": "万单"},
                    "description": "平台所处行业：木质家具制造（2110）；注册企业320家，活跃企业180家；"
                    "2018年成交额12.5亿元，业务量3.2万单。服务家具产业上游板材、五金供应商。",
                },
                "contact": {"name": "赵示例", "position": "经理", "phone": "0757-0000002", "email": "zhao@example.com"},
            }
        ],
    }
    text = (base_repo / REC).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/recommendations.schema.json\n")
    assert "附件1.xlsx 工作表「附件1」第 5 行" in text
    code, out, _ = _run(capsys, "validate", "--root", str(base_repo))
    assert code == 0 and "0 个错误，0 个警告" in out


def test_import_refuses_to_overwrite_without_force(
    base_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (base_repo / REC).read_bytes()
    one = attachment_1(tmp_path / "附件1.xlsx")
    code, _, err = _import_recommendations(capsys, base_repo, one, force=False)
    assert code == 1 and "--force" in err
    assert (base_repo / REC).read_bytes() == before


@pytest.mark.parametrize(
    ("kwargs", "where", "words"),
    [
        (
            {"operation": "注册企业３２０家，活跃企业１８０家。"},
            "工作表「附件2」第 6 行「平台运营情况」列（C6）",
            "平台所处行业",
        ),
        ({"operation": "所处行业：电子信息；注册企业10家，活跃企业5家"}, "（C6）", "「电子信息」"),
        ({"phone": "电话待定"}, "工作表「附件2」第 6 行「联系电话」列（F6）", "电话号码「电话待定」格式不对"),
        ({"phone": 85093662}, "（F6）", "被 Excel 当成了数字"),
        ({"name": "示例不存在的公司"}, "「平台（企业）名称」列（B6）", "不是本省的试点企业"),
        (
            {"operation": "所处行业：2110；注册企业100家，活跃企业180家"},
            "（C6）",
            "活跃企业数 180 大于注册企业数 100。（SCP-E023）",
        ),
    ],
)
def test_import_errors_name_sheet_row_and_column_and_write_nothing(
    kwargs: dict[str, Any], where: str, words: str, base_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (base_repo / REC).unlink()
    two = attachment_2(tmp_path / "附件2.xlsx", **kwargs)
    code, out, err = _import_recommendations(capsys, base_repo, two, force=False)
    assert code == 1 and out == ""
    assert where in err and words in err, err
    assert "没有写入任何文件" in err
    assert not (base_repo / REC).exists()


def test_province_line_must_match(base_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = attachment_1(tmp_path / "附件1.xlsx", province="浙江省")
    code, _, err = _import_recommendations(capsys, base_repo, one)
    assert code == 1 and "工作表「附件1」第 3 行" in err and "浙江省" in err


def test_not_a_workbook(base_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "名单.xlsx"
    bad.write_text("不是表格", encoding="utf-8")
    old = tmp_path / "名单.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    code, _, err = _import_recommendations(capsys, base_repo, bad, old)
    assert code == 1 and "名单.xlsx：无法作为 Excel 工作簿打开" in err and "另存为” .xlsx" in err


def test_no_table_found(base_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "随便写的内容"
    book.save(tmp_path / "空.xlsx")
    code, _, err = _import_recommendations(capsys, base_repo, tmp_path / "空.xlsx")
    assert code == 1 and "没有找到附件1或附件2的表格" in err


def test_exported_template_has_the_notice_headings(
    base_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "名单.xlsx"
    assert _export_recommendations(base_repo, out) == 0
    assert "已导出" in capsys.readouterr().out
    book = load_workbook(out)
    one, two = book["附件1"], book["附件2"]
    assert one["A2"].value == "重点培育的供应链服务企业推荐名单" and one["A3"].value == "省（区、市）：广东省"
    assert [one.cell(row=4, column=c).value for c in range(1, 8)] == [
        "序号",
        "企业名称",
        "主要服务行业",
        "联系人",
        "职务",
        "联系电话",
        "联系邮箱",
    ]
    assert two["A2"].value == "重点培育的供应链协同平台推荐名单"
    assert [two.cell(row=4, column=c).value for c in (1, 2, 3, 10, 11, 12, 13)] == [
        "序号",
        "平台（企业）名称",
        "平台运营情况",
        "联系人",
        "职务",
        "联系电话",
        "联系邮箱",
    ]
    assert "C4:I4" in {str(r) for r in two.merged_cells.ranges}  # 平台运营情况 over its sub-columns
    assert two.cell(row=6, column=2).value == "示例家居供应商协同门户"  # prefilled from the repository
    assert two.cell(row=6, column=3).value == "2110 木质家具制造"
    assert two.cell(row=6, column=12).number_format == "@"  # phone numbers stay text
    assert _export_recommendations(base_repo, out) == 1
    assert "不会覆盖" in capsys.readouterr().err


@pytest.mark.parametrize("source", ["fixture", "sample"])
def test_exported_template_reimports_unchanged(
    source: str, base_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = base_repo
    if source == "sample":
        root = copy_sample(tmp_path / "sample")
    before = _data(root / REC)
    out = tmp_path / "名单.xlsx"
    assert _export_recommendations(root, out) == 0
    code, _, err = _import_recommendations(capsys, root, out)
    assert code == 0, err
    assert _data(root / REC) == before


def test_split_operation_columns_are_read_and_checked(
    base_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "名单.xlsx"
    assert _export_recommendations(base_repo, out) == 0
    book = load_workbook(out)
    sheet = book["附件2"]
    sheet.cell(row=6, column=4, value="３２０家")  # 注册企业数
    sheet.cell(row=6, column=5, value=500)  # 活跃企业数 larger than registered
    book.save(out)
    code, _, err = _import_recommendations(capsys, base_repo, out)
    assert code == 1
    assert "工作表「附件2」第 6 行「平台运营情况›活跃企业数（家）」列（E6）" in err and "SCP-E023" in err


# -- the quarterly indicator table ---------------------------------------------------------------------


def test_indicator_table_round_trips_byte_for_byte(
    base_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = base_repo / FS / "reports" / "2019Q3.yaml"
    before = report.read_bytes()
    out = tmp_path / "数值.xlsx"
    assert _export_indicators(base_repo, out, "--pilot", "foshan", "--period", "2019Q3") == 0
    sheet = load_workbook(out)["季报目标数值"]
    assert [sheet.cell(row=3, column=c).value for c in (1, 4, 8, 9)] == [
        "目标编号",
        "单位",
        "上期数值（无）",
        "本期季末数值",
    ]
    assert sheet["A2"].value.startswith("试点标识：foshan　报告期：2019Q3")
    code, out_text, err = _run(capsys, "import", "indicators", str(out), "--pilot", "foshan", "--root", str(base_repo))
    assert code == 0, err
    assert "没有改动" in out_text
    assert report.read_bytes() == before


def test_indicator_values_update_only_the_targets(
    base_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = base_repo / FS / "reports" / "2019Q3.yaml"
    before = _data(report)
    out = tmp_path / "数值.xlsx"
    assert _export_indicators(base_repo, out, "--pilot", "foshan", "--period", "2019Q3") == 0
    book = load_workbook(out)
    sheet = book["季报目标数值"]
    sheet["I4"] = "２００家"
    sheet["J4"] = "  含新接入的小微企业 "
    book.save(out)
    assert main(["import", "indicators", str(out), "--pilot", "foshan", "--root", str(base_repo)]) == 0
    after = _data(report)
    assert after["targets"][0] == {"id": "T1", "value": 200, "unit": "家", "note": "含新接入的小微企业"}
    assert {k: v for k, v in after.items() if k != "targets"} == {k: v for k, v in before.items() if k != "targets"}
    assert "reviewer_notes: 数据口径待核实。" in report.read_text(encoding="utf-8")


def test_indicator_table_creates_the_report_due(
    base_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "数值.xlsx"
    assert _export_indicators(base_repo, out, "--pilot", "fs-example-home", "--at", "2019-12-20") == 0
    book = load_workbook(out)
    sheet = book["季报目标数值"]
    assert "报告期：2019Q4" in sheet["A2"].value
    assert sheet["H3"].value == "上期数值（2019Q3）"
    sheet["I4"] = "７.２"
    sheet["I5"] = 0.93  # 93% typed into a cell formatted as a percentage
    sheet["I5"].number_format = "0%"
    book.save(out)
    code, stdout, err = _run(
        capsys, "import", "indicators", str(out), "--pilot", "fs-example-home", "--root", str(base_repo)
    )
    assert code == 0, err
    assert "已生成" in stdout
    report = _data(base_repo / HOME / "reports" / "2019Q4.yaml")
    assert report["targets"] == [{"id": "T1", "value": 7.2, "unit": "次/年"}, {"id": "T2", "value": 93, "unit": "%"}]
    code, out_text, _ = _run(capsys, "validate", "--root", str(base_repo))
    # only the report's 【请填写】 are left (SCP-E024, issue 14.5)
    assert code == 1 and "SCP-E024" in out_text and "，0 个警告" in out_text, out_text
    assert out_text.count("错误 SCP-") == out_text.count("错误 SCP-E024"), out_text


@pytest.mark.parametrize(
    ("cell", "value", "where", "words"),
    [
        ("I4", None, "第 4 行「本期季末数值」列（I4）", "没有填写本期季末数值"),
        ("I4", "约12", "第 4 行「本期季末数值」列（I4）", "不是一个数字"),
        ("D5", "万家", "第 5 行「单位」列（D5）", "台账的单位是「亿元」"),
        ("A5", "T9", "第 5 行「目标编号」列（A5）", "目标 T9 在台账中不存在"),
    ],
)
def test_indicator_errors_write_nothing(
    cell: str, value: Any, where: str, words: str, base_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "数值.xlsx"
    assert _export_indicators(base_repo, out, "--pilot", "foshan", "--period", "2019Q3") == 0
    book = load_workbook(out)
    book["季报目标数值"][cell] = value
    book.save(out)
    report = base_repo / FS / "reports" / "2019Q3.yaml"
    before = report.read_bytes()
    code, _, err = _run(capsys, "import", "indicators", str(out), "--pilot", "foshan", "--root", str(base_repo))
    assert code == 1
    assert f"数值.xlsx 工作表「季报目标数值」{where}" in err and words in err, err
    assert report.read_bytes() == before


def test_indicator_table_for_another_pilot_is_refused(
    base_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "数值.xlsx"
    assert _export_indicators(base_repo, out, "--pilot", "foshan", "--period", "2019Q3") == 0
    code, _, err = _run(
        capsys, "import", "indicators", str(out), "--pilot", "fs-example-home", "--root", str(base_repo)
    )
    assert code == 1 and "表中的试点标识是「foshan」" in err


def test_sheet_error_rendering() -> None:
    error = SheetError("名单.xlsx", "附件2", 6, 6, "联系电话", "电话号码格式不对。", "例如 010-85093662。")
    assert (
        error.render()
        == "名单.xlsx 工作表「附件2」第 6 行「联系电话」列（F6）：电话号码格式不对。\n    提示：例如 010-85093662。"
    )
    assert SheetError("名单.xlsx", "", 0, 0, "", "打不开。").render() == "名单.xlsx：打不开。"
