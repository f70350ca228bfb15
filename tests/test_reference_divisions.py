"""The GB/T 2260 division code list shipped in generator/reference/ and its small API."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from generator.reference.divisions import (
    DATA_FILE,
    EDITION,
    MUNICIPALITIES,
    Division,
    all_divisions,
    children,
    division,
    is_division,
    is_municipality,
    prefecture_of,
    province_of,
)

ROOT = Path(__file__).resolve().parents[1]
SUBMISSION_TREES = [ROOT / "submissions", ROOT / "tests" / "fixtures" / "base" / "submissions"]


def _rows() -> list[dict[str, str]]:
    text = resources.files("generator.reference").joinpath(DATA_FILE).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _codes_in(pattern: re.Pattern[str], glob: str) -> list[tuple[str, str, str]]:
    """(file, code, name or "") for every match of `pattern` in the YAML files of the sample trees."""
    found: list[tuple[str, str, str]] = []
    for tree in SUBMISSION_TREES:
        for path in sorted(tree.rglob(glob)):
            for match in pattern.finditer(path.read_text(encoding="utf-8")):
                groups = match.groupdict()
                found.append((str(path.relative_to(ROOT)), groups["code"], groups.get("name") or ""))
    return found


DIVISION_CODES = _codes_in(re.compile(r"""^division_code:\s*["']?(?P<code>\d+)["']?\s*$""", re.M), "*.yaml")
PROVINCE_CODES = _codes_in(re.compile(r"""^code:\s*["']?(?P<code>\d+)["']?\s*$""", re.M), "province.yaml")
MOFCOM_CITIES = _codes_in(
    re.compile(r"""\{\s*code:\s*["']?(?P<code>\d+)["']?\s*,\s*name:\s*(?P<name>[^,}\s]+)"""), "programme.yaml"
)


def test_edition_names_the_file() -> None:
    assert EDITION == "2020"
    assert DATA_FILE == "data/gbt2260-2020.csv"
    assert resources.files("generator.reference").joinpath(DATA_FILE).is_file()


def test_known_codes() -> None:
    assert division("440300") == Division("440300", "深圳市", "prefecture", "440000")
    assert division("440000") == Division("440000", "广东省", "province", None)
    assert division("110105") == Division("110105", "朝阳区", "county", "110000")
    shenzhen = division("440300")
    assert shenzhen is not None and shenzhen.province == "440000"
    assert province_of("440300") == division("440000")
    assert province_of("440304") == division("440000")
    assert province_of("110105") == division("110000")
    assert province_of("110000") == division("110000")


def test_unknown_codes() -> None:
    for code in ["379999", "110100", "000000", "", "44030", "4403000", "abcdef"]:
        assert division(code) is None, code
        assert not is_division(code)
        assert province_of(code) is None
        assert prefecture_of(code) is None
        assert not is_municipality(code)


def test_prefecture_of() -> None:
    assert prefecture_of("440304") == division("440300")  # 福田区 in 深圳市
    assert prefecture_of("330212") == division("330200")  # 鄞州区 in 宁波市
    assert prefecture_of("440300") == division("440300")
    assert prefecture_of("440000") is None
    assert prefecture_of("110105") is None  # a municipality's district has no prefecture
    assert prefecture_of("429004") is None  # 仙桃市, administered directly by 湖北省
    assert division("429004") == Division("429004", "仙桃市", "county", "420000")


def test_municipalities() -> None:
    for code in ["110000", "120000", "310000", "500000", "110105", "310115", "500229"]:
        assert is_municipality(code), code
    for code in ["440000", "440300", "440304", "210200", "370200", "330200", "350200", "119999"]:
        assert not is_municipality(code), code
    # The constant agrees with the list: the province-level units whose name ends in 市.
    assert {d.code for d in all_divisions() if d.level == "province" and d.name.endswith("市")} == MUNICIPALITIES


def test_children() -> None:
    guangdong = children("440000")
    assert [d.code for d in guangdong][:3] == ["440100", "440200", "440300"]
    assert all(d.level == "prefecture" for d in guangdong)
    assert len(guangdong) == 21
    assert division("440304") in children("440300")
    assert children("440304") == ()
    assert children("379999") == ()


def test_file_is_sorted_unique_and_well_formed() -> None:
    rows = _rows()
    codes = [row["code"] for row in rows]
    assert codes == sorted(codes)
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[1-9]\d{5}", code) for code in codes)
    assert all(row["name"] and row["name"] == row["name"].strip() for row in rows)
    assert list(rows[0]) == ["code", "name", "level", "parent"]


def test_levels_follow_the_code() -> None:
    for d in all_divisions():
        expected = "province" if d.code.endswith("0000") else "prefecture" if d.code.endswith("00") else "county"
        assert d.level == expected, d


def test_every_parent_exists_one_level_up() -> None:
    for d in all_divisions():
        if d.level == "province":
            assert d.parent is None, d
            continue
        assert d.parent is not None, d
        parent = division(d.parent)
        assert parent is not None, d
        assert parent.code[:2] == d.code[:2], d
        if d.level == "prefecture":
            assert parent.level == "province", d
        else:
            # A county hangs off its prefecture when the list has one, otherwise off its province.
            assert parent.level in ("prefecture", "province"), d
            assert (parent.level == "prefecture") == is_division(d.code[:4] + "00"), d


def test_counts_of_the_2020_edition() -> None:
    levels = [d.level for d in all_divisions()]
    assert (levels.count("province"), levels.count("prefecture"), levels.count("county")) == (34, 333, 2842)


def test_sample_data_is_found() -> None:
    # Guards the regexes below: a change of layout in the sample must not make these tests vacuous.
    assert len(DIVISION_CODES) >= 10
    assert PROVINCE_CODES
    assert MOFCOM_CITIES


@pytest.mark.parametrize(("where", "code", "name"), DIVISION_CODES, ids=[f"{w}:{c}" for w, c, _ in DIVISION_CODES])
def test_every_sample_division_code_is_in_the_list(where: str, code: str, name: str) -> None:
    assert is_division(code), f"{where}: division_code {code} is not in GB/T 2260 ({EDITION} edition)"


@pytest.mark.parametrize(("where", "code", "name"), PROVINCE_CODES, ids=[f"{w}:{c}" for w, c, _ in PROVINCE_CODES])
def test_every_sample_province_code_is_a_province(where: str, code: str, name: str) -> None:
    entry = division(code)
    assert entry is not None and entry.level == "province", f"{where}: code {code}"


@pytest.mark.parametrize(("where", "code", "name"), MOFCOM_CITIES, ids=[f"{w}:{c}" for w, c, _ in MOFCOM_CITIES])
def test_programme_mofcom_cities_match_the_list(where: str, code: str, name: str) -> None:
    entry = division(code)
    assert entry is not None, f"{where}: {code} is not in GB/T 2260"
    assert entry.name == name, f"{where}: {code} is {entry.name} in GB/T 2260, not {name}"


def test_no_io_at_import_and_loading_is_cached() -> None:
    probe = (
        "import generator.reference.divisions as d; "
        "print(d._table.cache_info().currsize); d.division('440300'); d.division('110105'); "
        "print(d._table.cache_info().currsize, d._table.cache_info().misses)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.split() == ["0", "1", "1"]
