"""``scpilot validate --base``, the check every pull request runs (issue 16.3): it loads only
what the validation needs, remembers between runs what does not change (the metaschema check
of unchanged schemas), and asks git only about the files in its scope. What it reports is
compared with a full validation in tests/test_incremental.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest
from casekit import make_base
from gitkit import GitRepo

from generator.history.confirmed import LISTED, unchanged_since_confirmed
from generator.history.gitcmd import GitError
from generator.history.worktree import changed_since
from generator.load import layout
from generator.load import schemas as schema_module
from generator.load.schemas import SchemaSetError
from generator.rules.index import load_schemas

ROOT = Path(__file__).resolve().parents[1]
LEDGER = "submissions/central/example-group/ledger.yaml"
NEVER_ON_THIS_PATH = ("openpyxl", "jinja2", "git", "mkdocs", "markdown", "jieba", "generator.site")
"""What ``validate --base`` must not import: the spreadsheet, page and history machinery of
other commands (GitPython alone costs a quarter of a second on every pull request)."""


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(make_base(tmp_path / "repo"))
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "报送\n\nConfirmed-by: 某省商务厅", when="2019-06-29T10:00:00+08:00")
    return repo


def test_validate_base_imports_nothing_the_other_commands_need(repo: GitRepo, tmp_path: Path) -> None:
    ledger = repo.root / LEDGER
    ledger.write_text(ledger.read_text(encoding="utf-8") + "\ntargets: []\n", encoding="utf-8")
    probe = (
        "import json, sys\n"
        "from generator.cli.main import main\n"
        "code = main(['validate', '--root', sys.argv[1], '--base', 'HEAD', '--format', 'json'])\n"
        "print(json.dumps({'code': code, 'modules': sorted(sys.modules)}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(repo.root)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "SCPILOT_CACHE": str(tmp_path / "cache")},
    )
    *report, last = done.stdout.splitlines()
    found = json.loads(last)
    assert found["code"] == 1 and "SCP-Y004" in "\n".join(report)  # the change was validated
    loaded = [m for m in found["modules"] if any(m == n or m.startswith(n + ".") for n in NEVER_ON_THIS_PATH)]
    assert loaded == []


def test_the_metaschema_check_is_remembered_for_the_very_same_schemas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_base(tmp_path / "repo")
    cache = tmp_path / "cache"
    checked: list[str] = []
    real = schema_module._check_schema.__wrapped__

    def counting(text: str) -> None:
        checked.append(text)
        real(text)

    monkeypatch.setattr(schema_module, "_check_schema", counting)
    first = load_schemas(root, cache)
    assert len(checked) == len(first.schemas)  # a fresh cache: every schema checked
    checked.clear()
    second = load_schemas(root, cache)
    assert checked == [] and second.schemas == first.schemas  # remembered
    # a schema changed to one the metaschema rejects is checked, every time, and refused
    path = root / "schemas" / "report.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["period"]["type"] = "period"
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(SchemaSetError, match=r"report\.schema\.json"):
            load_schemas(root, cache)
    assert len(checked) == 2
    # without a cache folder nothing is remembered: every schema is checked
    checked.clear()
    path.write_text(json.dumps(first.schemas["report.schema.json"], ensure_ascii=False), encoding="utf-8")
    load_schemas(root, None)
    assert len(checked) == len(first.schemas)


def test_confirmed_files_are_looked_up_by_name_or_by_folder_alike(repo: GitRepo) -> None:
    other = "submissions/guangdong/foshan/ledger.yaml"
    (repo.root / other).write_text("pilot: foshan\n", encoding="utf-8")
    absent = [f"submissions/nowhere/p{i}/ledger.yaml" for i in range(LISTED)]
    assert unchanged_since_confirmed(repo.root, [LEDGER, other]) == {LEDGER}
    assert unchanged_since_confirmed(repo.root, [LEDGER, other, *absent]) == {LEDGER}  # listed by folder
    assert unchanged_since_confirmed(repo.root, [LEDGER], target="no-such-branch") == frozenset()


def test_changes_since_a_base_without_gitpython(repo: GitRepo) -> None:
    assert changed_since(repo.root, "HEAD") == []
    (repo.root / LEDGER).write_text("pilot: example-group\n", encoding="utf-8")
    stray = repo.root / "submissions" / "central" / "example-group" / "draft.yaml"
    stray.write_text("period: 2020Q2\n", encoding="utf-8")
    (repo.root / "notes.txt").write_text("not tracked, not a submission\n", encoding="utf-8")
    expected = ["submissions/central/example-group/draft.yaml", LEDGER]
    assert changed_since(repo.root, "HEAD") == expected
    repo.git("add", LEDGER)
    repo.git("commit", "-q", "-m", "台账", when="2019-07-01T10:00:00+08:00")
    assert changed_since(repo.root, "HEAD~1") == expected  # committed or not
    with pytest.raises(GitError, match="找不到提交「nope」"):
        changed_since(repo.root, "nope")
    with pytest.raises(GitError, match="找不到提交「--output=x」"):
        changed_since(repo.root, "--output=x")
    with pytest.raises(GitError, match="不是 git 仓库"):
        changed_since(repo.root / "submissions", "HEAD")


@pytest.mark.parametrize(
    "path",
    [
        *("submissions/a/b/pilot.yaml", "submissions//a/b/pilot.yaml", "./submissions/a/pilot.yaml", "submissions/./a"),
        *("submissions/a/", "/submissions/a", "submissions/a/.", ".", "", "submissions/../submissions/a/pilot.yaml"),
    ],
)
def test_classify_splits_a_path_as_pathlib_does(path: str) -> None:
    """classify runs for every file of a full validation: a plain split where it is exact."""
    assert layout._parts(path) == PurePosixPath(path).parts
