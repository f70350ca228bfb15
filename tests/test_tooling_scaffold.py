"""``scpilot new``: every template lands in the right folder, passes ``scpilot validate``,
carries the ledger and the last values, picks the period now due, and never overwrites."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

import pytest
import yaml
from casekit import copy_sample

from generator.cli.main import main
from generator.load.layout import classify
from generator.load.loader import load_bytes
from generator.tooling import common
from generator.tooling.yamlout import Notes, dump, scalar

FS = "submissions/guangdong/foshan"
HOME = "submissions/guangdong/fs-example-home"
PILOT = ("new", "pilot", "--province", "guangdong")
BANK = ("--category", "financial", "--industry", "6621")
CHAIN = ("--short-name", "示例连锁", "--industry", "5211", "--industry", "7224")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _validate_clean(capsys: pytest.CaptureFixture[str], root: Path, *paths: str) -> str:
    """The generated files have no problem but their unfilled 【请填写】 (SCP-E024, issue 14.5)."""
    code, out, _ = _run(capsys, "validate", "--root", str(root), "--format", "json")
    rows = yaml.safe_load(out)
    assert [row for row in rows if not any(row["file"].startswith(p) for p in paths)] == [], out
    mine = [row for row in rows if any(row["file"].startswith(p) for p in paths)]
    assert [row for row in mine if row["rule"] != "SCP-E024"] == [], mine
    assert code == (1 if mine else 0), out
    return out


def _data(root: Path, rel: str) -> Any:
    return yaml.safe_load((root / rel).read_text(encoding="utf-8"))


# -- the YAML writer -------------------------------------------------------------------------------

TRICKY = {
    "code": "010",
    "year": "2019",
    "bool_like": "no",
    "yes_like": "是",
    "date_like": "2019-06-30",
    "colon": "a: b",
    "hash": "x #y",
    "fullwidth_key": "T1：说明",
    "lead_space": " 前面有空格",
    "quote": '他说"好"',
    "newline": "第一行\n第二行",
    "number": 12.5,
    "int": 3,
    "big": 1e16,
    "small": 2.5e-05,
    "flag": True,
    "codes": ["7224", "39"],
    "empty": [],
    "nested": [{"id": "T1", "point": {"date": "2019-06-30", "value": 0}}, {"id": "T2"}],
    "control": "a\u2028b",
    "plain": "普通文字（全角括号）",
}


def test_writer_round_trips_through_the_strict_loader() -> None:
    notes = Notes()
    notes.add_above(("nested", 0), "第一项")
    notes.inline[("code",)] = "注释"
    notes.add_tail((), "# optional: 1")
    text = dump(TRICKY, notes, ["yaml-language-server: $schema=x.json", "说明"])
    loaded = load_bytes(text.encode("utf-8"), "x.yaml")
    assert loaded.problems == []
    assert loaded.document is not None and loaded.document.data == TRICKY
    assert text.startswith("# yaml-language-server: $schema=x.json\n# 说明\n")
    assert 'code: "010"  # 注释' in text and "plain: 普通文字（全角括号）" in text


@pytest.mark.parametrize(
    ("value", "expected"), [("2019Q3", '"2019Q3"'), ("yes", '"yes"'), ("示例", "示例"), (15.0, "15")]
)
def test_scalars(value: Any, expected: str) -> None:
    assert scalar(value) == expected


# -- templates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["new", "report", "--pilot", "foshan", "--period", "2019Q4"], f"{FS}/reports/2019Q4.yaml"),
        (["new", "report", "--pilot", "fs-example-home", "--period", "2019Q2"], f"{HOME}/reports/2019Q2.yaml"),
        (["new", "summary", "--pilot", "foshan", "--year", "2020"], f"{FS}/summaries/2020.yaml"),
        (["new", "summary", "--pilot", "fs-example-home", "--year", "2020"], f"{HOME}/summaries/2020.yaml"),
        (
            ["new", "pilot", "--province", "guangdong", "--id", "zhuhai", "--name", "珠海市", "--type", "city"],
            "submissions/guangdong/zhuhai/pilot.yaml",
        ),
        (
            [*PILOT, "--id", "zh-example-bank", "--name", "示例银行珠海分行", "--type", "enterprise", *BANK],
            "submissions/guangdong/zh-example-bank/pilot.yaml",
        ),
        (
            [
                "new",
                "pilot",
                "--central-soe",
                "--id",
                "example-energy",
                "--name",
                "示例能源集团",
                "--type",
                "enterprise",
            ],
            "submissions/central/example-energy/pilot.yaml",
        ),
        (["new", "recommendations", "--province", "guangdong", "--year", "2019"], None),
    ],
)
def test_every_template_validates(
    args: list[str], expected: str | None, base_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if expected is None:  # the fixture already has the 2019 list: make room for a fresh one
        expected = "submissions/guangdong/recommendations/2019.yaml"
        (base_repo / expected).unlink()
    code, out, err = _run(capsys, *args, "--root", str(base_repo))
    assert code == 0, err
    assert f"已生成 {expected}" in out and "【请填写】" in out
    text = (base_repo / expected).read_text(encoding="utf-8")
    location = classify(expected)
    assert location is not None
    schema = text.splitlines()[0]
    assert schema.startswith("# yaml-language-server: $schema=") and schema.endswith(
        f"schemas/{location.kind}.schema.json"
    )
    assert (base_repo / expected).parent.joinpath(schema.split("=", 1)[1]).resolve() == (
        base_repo / "schemas" / f"{location.kind}.schema.json"
    ).resolve()
    _validate_clean(capsys, base_repo, expected)


def test_a_new_pilot_gets_a_ledger_report_and_summary_that_validate(
    base_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(base_repo)
    steps = [
        [*PILOT, "--id", "zs-example-chain", "--name", "示例连锁（中山）有限公司", "--type", "enterprise", *CHAIN],
        ["new", "ledger", "--pilot", "zs-example-chain", "--revised-on", "2019-05-20"],
        ["new", "report", "--pilot", "zs-example-chain", "--at", "2019-07-03"],
        ["new", "summary", "--pilot", "zs-example-chain", "--at", "2019-07-03"],
    ]
    for step in steps:
        code, _, err = _run(capsys, *step, "--root", root)
        assert code == 0, err
    folder = base_repo / "submissions/guangdong/zs-example-chain"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.yaml")) == [
        "ledger.yaml",
        "pilot.yaml",
        "reports/2019Q2.yaml",
        "summaries/2019.yaml",
    ]
    _validate_clean(capsys, base_repo, "submissions/guangdong/zs-example-chain")
    ledger = _data(base_repo, "submissions/guangdong/zs-example-chain/ledger.yaml")
    assert [t["plan_item"] for t in ledger["targets"]] == ["G1"]
    assert [m["plan_item"] for m in ledger["measures"]] == ["G2"]
    stones = [s["date"] for s in ledger["measures"][0]["milestones"]]
    assert stones[-1] == "2020-10-31" and len(stones) >= 2  # no stretch longer than the calendar allows
    pilot = _data(base_repo, "submissions/guangdong/zs-example-chain/pilot.yaml")
    assert pilot["industries"] == ["5211", "7224"] and pilot["short_name"] == "示例连锁"


def test_report_is_prefilled_from_the_ledger_and_the_latest_report(
    base_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "new", "report", "--pilot", "foshan", "--period", "2019Q4", "--root", str(base_repo))
    assert code == 0 and "数值预填自 2019Q3 季报" in out
    report = _data(base_repo, f"{FS}/reports/2019Q4.yaml")
    ledger = _data(base_repo, f"{FS}/ledger.yaml")
    last = _data(base_repo, f"{FS}/reports/2019Q3.yaml")
    assert [t["id"] for t in report["targets"]] == [t["id"] for t in ledger["targets"]]
    assert [m["id"] for m in report["measures"]] == [m["id"] for m in ledger["measures"]]
    previous = {t["id"]: t for t in last["targets"]}
    for target in report["targets"]:
        before = previous.get(target["id"], {})
        if "value" in before:
            assert target["value"] == before["value"]
    statuses = {m["id"]: (m["status"], m["percent"]) for m in last["measures"]}
    for measure in report["measures"]:
        if measure["id"] in statuses:
            assert (measure["status"], measure["percent"]) == statuses[measure["id"]]
    assert report["period"] == "2019Q4" and report["pilot"] == "foshan"


def test_first_report_starts_from_the_baseline(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "new", "report", "--pilot", "foshan", "--period", "2019Q2", "--root", str(base_repo))
    assert code == 0 and "首份季报" in out
    report = _data(base_repo, f"{FS}/reports/2019Q2.yaml")
    ledger = {t["id"]: t for t in _data(base_repo, f"{FS}/ledger.yaml")["targets"]}
    for target in report["targets"]:
        if "value" in target:
            assert target["value"] == ledger[target["id"]]["baseline"]["value"]
            assert target["unit"] == ledger[target["id"]]["unit"]
    assert all(m["status"] == "not_started" and m["percent"] == 0 for m in report["measures"])


@pytest.mark.parametrize(
    ("at", "period"),
    [("2019-07-05", "2019Q2"), ("2019-07-16", "2019Q4"), ("2020-01-15", "2019Q4"), ("2020-04-16", "2020Q2")],
)
def test_period_defaults_to_the_one_now_due(
    at: str, period: str, base_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # foshan already has 2019Q3: on 16 July the next one due without a file is 2019Q4
    code, out, err = _run(capsys, "new", "report", "--pilot", "foshan", "--at", at, "--root", str(base_repo))
    assert code == 0, err
    assert f"reports/{period}.yaml" in out
    assert "逾期" not in out


def test_after_the_calendar_the_latest_missing_period_is_offered(
    base_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "new", "report", "--pilot", "foshan", "--at", "2021-03-01", "--root", str(base_repo))
    assert code == 0 and "reports/2020Q3.yaml" in out and "已逾期" in out


def test_default_uses_the_programme_time_zone(
    base_repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """17:00 UTC on 15 July 2019 is already 16 July in China: 2019Q2 is past due, 2019Q4 is next."""

    class Moment(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> Moment:
            instant = datetime(2019, 7, 15, 17, 0, tzinfo=UTC).astimezone(tz)
            return cls.fromtimestamp(instant.timestamp(), tz)

    monkeypatch.setattr(common, "datetime", Moment)
    code, out, err = _run(capsys, "new", "report", "--pilot", "foshan", "--root", str(base_repo))
    assert code == 0, err
    assert "reports/2019Q4.yaml" in out


def test_refuses_to_overwrite(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = base_repo / FS / "reports" / "2019Q3.yaml"
    before = target.read_bytes()
    code, out, err = _run(capsys, "new", "report", "--pilot", "foshan", "--period", "2019Q3", "--root", str(base_repo))
    assert code == 1 and out == ""
    assert "已经存在，不会覆盖" in err and "2019Q3.yaml" in err
    assert target.read_bytes() == before
    code, _, err = _run(capsys, "new", "ledger", "--pilot", "foshan", "--root", str(base_repo))
    assert code == 1 and "不会覆盖" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", "report", "--pilot", "nowhere"], "找不到试点「nowhere」"),
        (["new", "report", "--pilot", "foshan", "--period", "2021Q1"], "不在工作日历中"),
        (["new", "summary", "--pilot", "foshan", "--year", "2018"], "不在工作日历中"),
        (["new", "pilot", "--province", "hainan", "--id", "haikou", "--name", "海口市", "--type", "city"], "没有登记"),
        (
            ["new", "pilot", "--province", "guangdong", "--id", "foshan", "--name", "佛山市", "--type", "city"],
            "已被使用",
        ),
        (["new", "pilot", "--province", "guangdong", "--id", "Bad_Id", "--name", "某市", "--type", "city"], "不合格式"),
        (
            [*PILOT, "--id", "x-co", "--name", "某公司", "--type", "enterprise", "--industry", "9999"],
            "不在 GB/T 4754-2017 中",
        ),
        (["new", "recommendations", "--province", "guangdong", "--year", "2019"], "不会覆盖"),
    ],
)
def test_refusals_are_chinese_and_write_nothing(
    args: list[str], message: str, base_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(p.as_posix() for p in (base_repo / "submissions").rglob("*"))
    code, out, err = _run(capsys, *args, "--root", str(base_repo))
    assert code == 1 and out == ""
    assert message in err and err.startswith("scpilot：")
    assert sorted(p.as_posix() for p in (base_repo / "submissions").rglob("*")) == before


def test_report_needs_a_ledger(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(base_repo / HOME / "reports")
    (base_repo / HOME / "ledger.yaml").unlink()
    code, _, err = _run(capsys, "new", "report", "--pilot", "fs-example-home", "--root", str(base_repo))
    assert code == 1 and "new ledger" in err


def test_templates_on_the_sample_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """On the shipped sample: a missing report and a summary for a pilot, a fresh ledger."""
    root = copy_sample(tmp_path / "repo")
    code, out, err = _run(capsys, "new", "report", "--pilot", "guangzhou", "--root", str(root))
    assert code == 0, err
    assert "reports/2020Q1.yaml" in out  # the one the sample leaves missing
    (root / "submissions/guangdong/sz-example-scm/ledger.yaml").unlink()
    code, _, err = _run(
        capsys, "new", "ledger", "--pilot", "sz-example-scm", "--revised-on", "2019-06-20", "--root", str(root)
    )
    assert code == 0, err
    ledger = _data(root, "submissions/guangdong/sz-example-scm/ledger.yaml")
    assert [t["plan_item"] for t in ledger["targets"]] == ["G1"]  # the only goal of the plan
    assert [m["plan_item"] for m in ledger["measures"]] == ["G2", "G3", "G4", "G5", "G6"]
    code, out, _ = _run(capsys, "validate", "--root", str(root), "--format", "json")
    new_files = {
        "submissions/guangdong/guangzhou/reports/2020Q1.yaml",
        "submissions/guangdong/sz-example-scm/ledger.yaml",
    }
    errors = [row for row in yaml.safe_load(out) if row["file"] in new_files and row["severity"] == "error"]
    assert {row["rule"] for row in errors} <= {"SCP-E024"}  # only what is left to fill in


def test_a_clerk_following_the_guide(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Create the report, make the typical mistake, read the located error, fix it, validate clean."""
    rel = f"{FS}/reports/2019Q4.yaml"
    code, _, err = _run(capsys, "new", "report", "--pilot", "foshan", "--period", "2019Q4", "--root", str(base_repo))
    assert code == 0, err
    path = base_repo / rel
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("value:"))
    lines[index] = lines[index].split("value:")[0] + "value: 二百"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = _run(capsys, "validate", str(path), "--root", str(base_repo))
    assert code == 1
    column = lines[index].index("二百") + 1
    assert f"{rel}:{index + 1}:{column}: 错误 SCP-S001" in out and "提示：" in out
    lines[index] = lines[index].replace("二百", "200")
    path.write_text("\n".join(lines).replace("【请填写】", "") + "\n", encoding="utf-8")
    code, out, _ = _run(capsys, "validate", str(path), "--root", str(base_repo))
    assert code == 0, out
    assert "【请填写】" not in path.read_text(encoding="utf-8")
