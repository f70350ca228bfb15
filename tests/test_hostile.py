"""The hostile-input corpus: each file in tests/hostile/ is one thing a careless or malicious
submitter can put in a repository (the case format is described in tests/casekit.py).

For every case `scpilot validate` exits 1 with located Chinese errors and rule ids, or exits 0
on purpose (the case says why), and never prints a traceback; the same case then either stops
the site build (nothing invalid vanishes quietly) or builds a public site with no internal value
and nothing read from outside the repository. Cases marked ``cli`` also run as a subprocess.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from casekit import TESTS, apply_case, make_base
from sitekit import build, internal_values, make_site_repo, public_text, site_text, working_tree_documents

from generator.cli.main import main
from generator.load.problems import RULES, Problem
from generator.load.schemas import load_schema_set
from generator.rules import reporters
from generator.site.build import SiteError, generate
from generator.site.pages import SiteConfig

HOSTILE = TESTS / "hostile"
CASES = [(p.stem, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sorted(HOSTILE.glob("*.yaml"))]
ACCEPTED = [(n, c) for n, c in CASES if c.get("exit", 1) == 0]
CLI_CASES = [(n, c) for n, c in CASES if c.get("cli")]
# What the issue asks the corpus to cover, by file-name prefix.
CATEGORIES = {
    "yaml": "malformed YAML",
    "tab": "tabs",
    "alias": "billion laughs",
    "nesting": "deep nesting",
    "huge": "a huge file",
    "dup": "duplicate keys",
    "tag": "python and custom tags",
    "enc": "GBK, UTF-16, BOM, CRLF",
    "num": "full-width digits, NaN, Infinity, absurd numbers",
    "period": "future periods",
    "date": "dates",
    "folder": "a file in the wrong folder",
    "escape": "references that escape the repository",
    "id": "zero-width characters and look-alike letters in ids",
    "text": "right-to-left and invisible characters in text",
    "empty": "empty files",
    "binary": "binary files",
    "markup": "text that looks like code",
}
# Problems about a whole file (or a file that is missing) have no line.
WHOLE_FILE = {"SCP-Y007", "SCP-Y011", "SCP-S010", "SCP-E009", "SCP-E011"}
SECRET = "仓库之外的机密7F3A"
HAN = re.compile("[\u4e00-\u9fff]")


def _ids(cases: list[tuple[str, dict[str, Any]]]) -> list[str]:
    return [name for name, _ in cases]


def _outside(tmp: Path) -> None:
    """Files next to the repository that links in hostile cases point at: nothing from here may
    reach a message or a page."""
    outside = tmp / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.yaml").write_text(f"pilot: foshan\nrevised_on: 2019-06-20\nnote: {SECRET}\n", encoding="utf-8")
    (outside / "pilot.yaml").write_text(
        f"id: evil\nname: {SECRET}\ntype: city\ndivision_code: '440600'\nindustries: ['38']\n", encoding="utf-8"
    )


@pytest.fixture
def hostile_repo(tmp_path: Path) -> Path:
    _outside(tmp_path)
    return make_base(tmp_path / "repo")


@pytest.fixture(scope="module")
def corpus_internal_values(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """Every value of every internal field in the base fixture and in every case of the corpus,
    less the texts that are public anyway (a position named in a narrative proves no leak)."""
    schemas = load_schema_set(TESTS.parent / "schemas")
    documents: dict[tuple[str, bytes], None] = {}  # every case's files, each distinct (path, bytes) once
    for name, case in CASES:
        tmp = tmp_path_factory.mktemp(name)
        _outside(tmp)
        root = make_base(tmp / "repo")
        apply_case(case, root)
        documents.update(dict.fromkeys(working_tree_documents(root)))
    # both are unions over the documents, so reading each distinct file once gives what reading
    # every case's copy of the unchanged fixture files gave (the roots have no docs/ to add)
    values = internal_values(schemas, documents)
    text = public_text(root, schemas, documents)
    found = {v for v in values if v not in text}
    assert {"内部联系人丁戊", "hostile-contact@example.com", "0757-12345678"} <= found
    return found


def _cli(root: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["validate", "--root", str(root), "--format", fmt])
    out, err = capsys.readouterr()
    return code, out, err


def _pages_text(pages: dict[str, str | bytes]) -> Iterator[str]:
    import io
    import zipfile

    for path, content in pages.items():
        if path.endswith(".xlsx") and isinstance(content, bytes):
            with zipfile.ZipFile(io.BytesIO(content)) as book:
                yield from (book.read(n).decode("utf-8", "replace") for n in book.namelist())
        else:
            yield content.decode("utf-8", "replace") if isinstance(content, bytes) else content


def test_the_corpus_covers_the_issue() -> None:
    assert len(CASES) >= 60
    prefixes = {name.split("-")[0] for name, _ in CASES}
    assert prefixes == set(CATEGORIES), prefixes ^ set(CATEGORIES)
    for name, case in CASES:
        assert HAN.search(case["title"]), name
        assert set(case["expect"]) <= set(RULES), name
        if case.get("exit", 1) == 0:
            assert case.get("why") and HAN.search(case["why"]), f"{name}: an accepted case says why"
            assert not any(RULES[r].severity == "error" for r in case["expect"]), name
        else:
            assert case.get("exit", 1) == 1 and "why" not in case, name
            assert any(RULES[r].severity == "error" for r in case["expect"]), name
    assert len(CLI_CASES) >= 15
    assert len({n.split("-")[0] for n, _ in CLI_CASES}) >= 12


@pytest.mark.parametrize(("name", "case"), CASES, ids=_ids(CASES))
def test_hostile_case(
    name: str,
    case: dict[str, Any],
    hostile_repo: Path,
    capsys: pytest.CaptureFixture[str],
    corpus_internal_values: set[str],
) -> None:
    apply_case(case, hostile_repo)
    expected_exit = case.get("exit", 1)

    code, out, err = _cli(hostile_repo, "json", capsys)
    problems = [Problem(**{k: v for k, v in p.items() if k != "severity"}) for p in json.loads(out)]
    assert {p.rule for p in problems} == set(case["expect"]), (case["title"], [p.as_dict() for p in problems])
    assert code == expected_exit, case["title"]
    assert "Traceback" not in err and SECRET not in out
    for p in problems:
        assert p.file.startswith("submissions/") and p.rule in RULES, p
        assert HAN.search(p.message) and p.hint, p
        assert (p.line > 0 and p.column > 0) or p.rule in WHOLE_FILE, f"not located: {p}"

    # text: one line per message and per hint, whatever the submitted values contain
    code, text, err = _cli(hostile_repo, "text", capsys)
    assert code == expected_exit and "Traceback" not in err
    lines = text.splitlines()
    assert len(lines) == sum(1 + bool(p.hint) for p in problems) + bool(problems) + 1, lines
    assert not [line for line in lines if line.startswith("::")]  # no forged workflow command
    annotations = reporters.github(problems).splitlines()
    assert len(annotations) == len(problems)
    assert all(line.startswith(("::error ", "::warning ")) for line in annotations)

    # the site: an invalid document stops the build; an accepted case publishes nothing private
    if expected_exit == 1:
        with pytest.raises(SiteError) as stopped:
            generate(hostile_repo, SiteConfig())
        assert {p.rule for p in stopped.value.problems} == {r for r in case["expect"] if RULES[r].severity == "error"}
    else:
        published = "\n".join(_pages_text(generate(hostile_repo, SiteConfig())))
        assert SECRET not in published
        assert sorted(v for v in corpus_internal_values if v in published) == []


@pytest.mark.parametrize(("name", "case"), CLI_CASES, ids=_ids(CLI_CASES))
def test_hostile_case_as_a_subprocess(name: str, case: dict[str, Any], hostile_repo: Path) -> None:
    apply_case(case, hostile_repo)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--root", str(hostile_repo)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=300,
        check=False,
    )
    assert result.returncode == case.get("exit", 1), result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert all(rule in result.stdout for rule in case["expect"]), result.stdout


@pytest.mark.parametrize(
    "path",
    ["../outside/secret.yaml", "submissions/../../outside", "/etc/passwd", "submissions/guangdong/../../.."],
)
def test_paths_outside_the_repository_are_refused(
    path: str, hostile_repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(hostile_repo)
    code = main(["validate", "--root", str(hostile_repo), path])
    out, err = capsys.readouterr()
    assert code == 2 and "不在仓库" in err and SECRET not in out + err


def test_accepted_cases_build_a_public_site_without_private_data(
    tmp_path: Path, corpus_internal_values: set[str]
) -> None:
    """Every accepted case at once (one case per file), built by `mkdocs build --strict`."""
    _outside(tmp_path)
    root = make_site_repo(tmp_path / "repo")
    touched: set[str] = set()
    applied = []
    for name, case in ACCEPTED:
        if case["file"] not in touched:
            apply_case(case, root)
            touched.add(case["file"])
            applied.append(name)
    assert len(applied) >= 10 and "markup-internal-with-markup" in applied
    result = build(root)
    assert result.returncode == 0, result.stderr
    text = site_text(root / "site")
    assert SECRET not in text
    assert sorted(v for v in corpus_internal_values if v in text) == []
    # accepted is not dropped: the accepted report and practice are on their pages
    assert "平台统一采购" in (root / "site/practices/foshan-2019-p1/index.html").read_text(encoding="utf-8")
    shutil.rmtree(root / "site")
