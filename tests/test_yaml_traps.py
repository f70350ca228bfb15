"""The quick test of where a YAML trap can begin (generator.load.yamlsyntax.may_trap) never lets a
trap through: on every sample and hostile file, and on many variants of them with a tag, an
anchor or a directive written at every kind of place, the strict loader's token check finds
exactly what reading every token finds."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.load import yamlsyntax
from generator.load.yamlsyntax import may_trap, scan_traps, token_traps

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent

INSERTS = (
    "! ",
    "!",
    "!!str ",
    "!<tag:yaml.org,2002:str> ",
    "&a ",
    "&anchor",
    "*a ",
    "%YAML 1.2\n---\n",
    "%TAG ! tag:example.org,2026:\n---\n",
    "%",
    "\ufeff%YAML 1.2\n",
    "\r%YAML 1.2\r---\r",
    "\u2028%YAML 1.2\u2028",
    "\x85& ",
    "\t!x ",
    '"a":!t ',
    "[!t x, &b y]",
    "{a: !t b, c: &d e}",
)
"""Traps, and characters that only look like one, as a clerk or an attacker could write them."""


def _texts() -> list[str]:
    files = sorted((ROOT / "submissions").rglob("*.yaml")) + sorted((HERE / "hostile").glob("*.yaml"))
    texts = []
    for path in files:
        try:
            texts.append(path.read_bytes().decode("utf-8"))
        except UnicodeDecodeError:
            continue  # binary cases: the loader refuses them before any token is read
    return texts


def _variants(text: str, rng: random.Random) -> Iterator[str]:
    """The text with each insert at the start, after a ``: `` and a ``- ``, at the start of a line,
    inside a word and at a random place."""
    places = [0, len(text)]
    for marker in (": ", "- ", "\n", '"', "'", "[", "{", ","):
        at = text.find(marker, rng.randrange(max(len(text), 1)))
        if at >= 0:
            places.append(at + len(marker))
    places += [rng.randrange(len(text) + 1) for _ in range(3)]
    for insert in INSERTS:
        for at in places:
            yield text[:at] + insert + text[at:]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    found = _texts()
    assert len(found) > 150
    return found


def test_the_quick_test_lets_no_trap_of_a_real_file_through(texts: list[str]) -> None:
    for text in texts:
        assert token_traps(text, "f.yaml") == scan_traps(text, "f.yaml")


def test_the_quick_test_lets_no_written_trap_through(texts: list[str]) -> None:
    rng = random.Random(7)
    checked = trapped = 0
    for text in rng.sample(texts, 25):
        for variant in _variants(text, rng):
            full = scan_traps(variant, "f.yaml")
            assert token_traps(variant, "f.yaml") == full, variant[:200]
            checked += 1
            trapped += bool(full)
    assert checked > 4000 and trapped > 800  # the variants do contain traps


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("overview: 销售额增长 45%，R&D 投入翻倍，好!\n", False),
        ("share: 45%\nnote: AT&T\n", False),
        ("percent: ! 45\n", True),
        ("a: &x 1\n", True),
        ("%YAML 1.2\n---\na: 1\n", True),
        ("a: 1\n%TAG ! x\n", True),
        ("a: [!t b]\n", True),
    ],
)
def test_where_a_trap_can_begin(text: str, expected: bool) -> None:
    assert may_trap(text) is expected
    if not expected:
        assert scan_traps(text, "f.yaml") == []


_YAML_PIECE = st.sampled_from(
    [
        "%",
        "%YAML 1.1",
        "%TAG ! tag:x,2000:",
        "\n",
        "\r",
        "\r\n",
        "\x85",
        "\u2028",
        "\ufeff",
        "---",
        "a: ",
        "b",
        " ",
        "增长 15%",
        "- ",
        "!",
        "! ",
        "&a ",
        "R&D",
        "好!",
        "[",
        "{",
        ",",
        '"',
    ]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(_YAML_PIECE, min_size=1, max_size=12).map("".join))
def test_token_scan_skipped_only_where_it_finds_nothing(text: str) -> None:
    assert token_traps(text, "x.yaml") == scan_traps(text, "x.yaml")


def test_a_percent_in_a_sentence_reads_no_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str) -> None:
        raise AssertionError("scanned")

    monkeypatch.setattr(yamlsyntax.yaml, "CSafeLoader", refuse)
    assert token_traps("summary: 库存周转率提高 15%\nvalue: 12%\n", "x.yaml") == []
