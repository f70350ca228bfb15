"""``scpilot new pilot`` for a city takes its GB/T 2260 code from the reference list (issue 13.7):
the city of that name in the province, or the code given if it is a city's; anything else is a
Chinese error and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from casekit import make_base

from generator.cli.main import main

NEW = ("new", "pilot", "--province", "guangdong", "--type", "city")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_base(tmp_path / "repo")


@pytest.mark.parametrize("name", ["珠海市", "珠海"])
def test_the_city_code_comes_from_the_reference_list(root: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*NEW, "--id", "zhuhai", "--name", name, "--root", str(root)]) == 0
    data = yaml.safe_load((root / "submissions/guangdong/zhuhai/pilot.yaml").read_text(encoding="utf-8"))
    assert data["division_code"] == "440400"


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (("--name", "不存在市"), "找不到这个省的地级市「不存在市」"),
        (("--name", "珠海市", "--division-code", "440402"), "是香洲区的代码"),
        (("--name", "珠海市", "--division-code", "449999"), "不在 GB/T 2260"),
    ],
)
def test_a_wrong_city_is_a_chinese_error_and_writes_nothing(
    root: Path, extra: tuple[str, ...], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*NEW, "--id", "zhuhai", *extra, "--root", str(root)]) != 0
    assert words in capsys.readouterr().err
    assert not (root / "submissions/guangdong/zhuhai").exists()
