"""Issue 14.6 and 14.7: the strict loader refuses what YAML's syntax lets slip through, and
every parser message a clerk sees is a Chinese sentence with a hint (no libyaml English)."""

from __future__ import annotations

import logging
import random
import re

import pytest
from casekit import BASE

from generator.load.loader import load_bytes

REPORT = (BASE / "submissions/guangdong/foshan/reports/2019Q3.yaml").read_text(encoding="utf-8")
ALLOWED = {"YAML", "Tab", "TAG"}
ENGLISH = re.compile(r"[A-Za-z]{3,}")
SYNTAX_RULES = {"SCP-Y001", "SCP-Y005", "SCP-Y006", "SCP-Y008", "SCP-Y012", "SCP-Y013", "SCP-Y014", "SCP-Y017"}


def _rules(text: str) -> list[tuple[str, int, int]]:
    loaded = load_bytes(text.encode("utf-8"), "x.yaml")
    return [(p.rule, p.line, p.column) for p in loaded.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("percent: ! 45\n", [("SCP-Y005", 1, 10)]),  # read as 45 before
        ("a: ! '45'\n", [("SCP-Y005", 1, 4)]),
        ("a: &x 1\nb: 2\n", [("SCP-Y006", 1, 4)]),  # an anchor without an alias
        ("%YAML 1.1\n---\na: 1\n", [("SCP-Y017", 1, 1)]),
        ("%TAG !e! tag:example.com,2000:\n---\na: 1\n", [("SCP-Y017", 1, 1)]),
        ("%YAML 1.1\n---\n", [("SCP-Y017", 1, 1)]),  # an empty document and no problem before
        ("%YAML 1.1\na: 1\n", [("SCP-Y017", 1, 1)]),
        ("%FOO bar\n---\na: 1\n", [("SCP-Y017", 1, 5)]),
        ("a: 1\n...\nb: 2\n", [("SCP-Y013", 3, 1)]),  # a bare second document: Y001 before
        ("a: 1\n---\nb: 2\n", [("SCP-Y013", 2, 1)]),
        ("a: *x\n", [("SCP-Y006", 1, 4)]),
    ],
)
def test_traps_are_refused_and_located(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert _rules(text) == expected


def _check_words(text: str) -> None:
    for p in load_bytes(text.encode("utf-8"), "x.yaml").problems:
        if p.rule in SYNTAX_RULES:
            said = re.sub("「[^」]*」", "", p.message + p.hint)  # quoted: the submitter's own text
            words = set(ENGLISH.findall(said)) - ALLOWED
            assert not words, (text, p.message, p.hint)
            assert re.search("[\u4e00-\u9fff]", p.message) and p.hint, p


KNOWN = [
    "a: &x 1\nb: &x 2\nc: *x\n",
    "a: ,\n",
    "a: !e!x 1\n",
    "a: [1, ]\nb: {c: }\nd: - x\n",
    "%YAML 1.1 1.2\na: 1\n",
    "%TAG\na: 1\n",
    "%YAML 1.3\n---\na: 1\n",
    "% YAML\na: 1\n",
    "%YAML1.1\n---\na: 1\n",
    "a: 1\n%YAML 1.1\n",
    "a: 'x' y\n",
    "a: |x\n  b\n",
    'a: "\\q"\n',
    "a: [1, 2\n",
    "a: {b: 1\n",
    "a:\n  - b\n c\n",
    "? a\n",
    "a: @x\n",
    "a: 'x\n",
    "- a\nb: 1\n",
    "a: &\n",
    "a: *\n",
    "a: !<x\n",
    'a: "x\n---\ny"\n',
]


@pytest.mark.parametrize("text", KNOWN)
def test_known_libyaml_errors_are_translated(text: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="generator.load.yamlsyntax"):
        _check_words(text)
    assert "untranslated" not in caplog.text


PIECES = [
    "!",
    "&a ",
    "*a",
    "%",
    "---\n",
    "...\n",
    ":",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "'",
    '"',
    "|",
    ">",
    "?",
    "@",
    "`",
    ",",
    "#",
    "\\",
    "\n ",
    "\t",
    "!!str ",
    "&",
    "*",
]


def test_mutated_reports_never_show_libyaml_english(caplog: pytest.LogCaptureFixture) -> None:
    """Property: any of these characters inserted anywhere in a real report gives problems
    in Chinese only, and every libyaml message met has its own translation."""
    rng = random.Random(14)
    with caplog.at_level(logging.DEBUG, logger="generator.load.yamlsyntax"):
        for _ in range(600):
            text = REPORT
            for _ in range(rng.randint(1, 3)):
                at = rng.randrange(len(text) + 1)
                text = text[:at] + rng.choice(PIECES) + text[at:]
            _check_words(text)
    untranslated = sorted({line for line in caplog.text.splitlines() if "untranslated" in line})
    assert untranslated == []
