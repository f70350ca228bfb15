"""scpilot new province: the code checked against GB/T 2260, province level only, nothing written on a bad one."""

from __future__ import annotations

from pathlib import Path

import pytest
from casekit import copy_sample

from generator.cli.main import main


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "repo")


def test_a_province_is_registered_with_its_kind(repo: Path) -> None:
    assert (
        main(["--root", str(repo), "new", "province", "--id", "chongqing", "--name", "重庆市", "--code", "500000"]) == 0
    )
    text = (repo / "submissions/chongqing/province.yaml").read_text(encoding="utf-8")
    assert 'code: "500000"' in text and "kind: municipality" in text and "【请填写】" in text


@pytest.mark.parametrize(
    ("name", "code", "says"),
    [
        ("海南省", "379999", "不在 GB/T 2260 中"),
        ("海口市", "460100", "不是省级行政区"),
        ("海南", "460000", "是「海南省」"),
    ],
)
def test_a_wrong_code_writes_nothing(
    repo: Path, name: str, code: str, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(repo), "new", "province", "--id", "hainan", "--name", name, "--code", code]) != 0
    assert says in capsys.readouterr().err
    assert not (repo / "submissions/hainan").exists()


def test_a_separately_planned_city_registers_as_a_confirming_unit(repo: Path) -> None:
    root = repo
    assert main(["new", "province", "--id", "ningbo", "--name", "宁波市", "--code", "330200", "--root", str(root)]) == 0
    text = (root / "submissions/ningbo/province.yaml").read_text(encoding="utf-8")
    assert "kind: separately_planned" in text and "宁波市商务局" in text
    # a prefecture that is not a separately planned city is still refused
    assert (
        main(["new", "province", "--id", "hangzhou", "--name", "杭州市", "--code", "330100", "--root", str(root)]) != 0
    )
