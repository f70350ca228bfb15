"""Validating a change reports exactly what a full validation reports for the files in its
scope (the changed files and the files that depend on them), on many generated changes:
valid edits, invalid ones and the ones that break a rule across documents."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli.main import main
from generator.load.loader import load_bytes
from generator.load.problems import Problem
from generator.load.schemas import SchemaSet, load_schema_set
from generator.rules.incremental import change_scope, validate_changes
from generator.rules.index import read_registry
from generator.rules.validate import validate_repository
from generator.tooling.demo.gitstream import git

ROOT = Path(__file__).resolve().parents[1]
CASES = 24

Edit = Callable[[Path, random.Random], list[str]]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("incremental") / "demo"
    assert main(["--root", str(ROOT), "demo", "--pilots", "60", "--seed", "3", "--out", str(root)]) == 0
    lists = root / "submissions" / "lists"
    lists.mkdir(exist_ok=True)
    sample = (ROOT / "submissions" / "lists" / "example-2020-batch1.yaml").read_text(encoding="utf-8")
    pilot = sorted(root.glob("submissions/*/*/pilot.yaml"))[0].parent.name
    (lists / "example-2020-batch1.yaml").write_text(sample.replace("id: guangzhou}", f"id: {pilot}}}"), "utf-8")
    git(root, "add", "submissions/lists")
    git(root, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "A list of practices")
    return root


def _restore(root: Path) -> None:
    git(root, "checkout", "-q", "--", "submissions")
    git(root, "clean", "-q", "-fd", "--", "submissions")


@pytest.fixture(scope="module")
def schemas(demo: Path) -> SchemaSet:
    return load_schema_set(demo / "schemas")


@pytest.fixture(scope="module")
def unchanged(demo: Path, schemas: SchemaSet) -> list[Problem]:
    """The problems a full validation reports for the unchanged repository, in its order. Every test
    puts the repository back as it was (``_restore``), so this is what validating it again gives."""
    return validate_repository(demo, schemas).problems


@pytest.fixture(scope="module")
def before(unchanged: list[Problem]) -> set[Problem]:
    """The problems of the unchanged repository (the sample list names a few unknown owners)."""
    return set(unchanged)


def _data(path: Path) -> Any:
    doc = load_bytes(path.read_bytes(), path.name).document
    assert doc is not None
    return doc.data


def _write(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _pick(root: Path, pattern: str, rng: random.Random) -> Path:
    return rng.choice(sorted(root.glob(pattern)))


def report_unknown_target(root: Path, rng: random.Random) -> list[str]:
    path = _pick(root, "submissions/*/*/reports/*.yaml", rng)
    data = _data(path)
    if data.get("targets"):
        data["targets"][0]["id"] = "T99"
    data["measures"] = data.get("measures", [])[:1]
    _write(path, data)
    return [_rel(root, path)]


def report_unit(root: Path, rng: random.Random) -> list[str]:
    path = _pick(root, "submissions/*/*/reports/*.yaml", rng)
    data = _data(path)
    for t in data.get("targets", []):
        if "unit" in t:
            t["unit"] = "吨"
    data.setdefault("overview", "")
    data["overview"] = "【请填写】" + str(data["overview"])
    _write(path, data)
    return [_rel(root, path)]


def report_as_previous(root: Path, rng: random.Random) -> list[str]:
    path = _pick(root, "submissions/*/*/reports/2020Q*.yaml", rng)
    previous = sorted(path.parent.glob("*.yaml"))
    before = previous[previous.index(path) - 1]
    data = _data(before)
    data["period"] = path.stem
    _write(path, data)
    return [_rel(root, path)]


def ledger_duplicate(root: Path, rng: random.Random) -> list[str]:
    path = _pick(root, "submissions/*/*/ledger.yaml", rng)
    data = _data(path)
    data["targets"].append(dict(data["targets"][0]))
    if len(data["targets"]) > 2:
        del data["targets"][1]  # a target the reports still name
    _write(path, data)
    return [_rel(root, path)]


def ledger_broken(root: Path, rng: random.Random) -> list[str]:
    path = _pick(root, "submissions/*/*/ledger.yaml", rng)
    path.write_text(path.read_text(encoding="utf-8") + "\ntargets: []\n", encoding="utf-8")  # duplicate key
    return [_rel(root, path)]


def pilot_type(root: Path, rng: random.Random) -> list[str]:
    path = _pick(root, "submissions/*/*/pilot.yaml", rng)
    data = _data(path)
    data["type"] = "city" if data["type"] == "enterprise" else "enterprise"
    _write(path, data)
    return [_rel(root, path)]


def pilot_id(root: Path, rng: random.Random) -> list[str]:
    path = _pick(root, "submissions/*/*/pilot.yaml", rng)
    data = _data(path)
    data["id"] = "someone-else"
    data["industries"] = ["9999"]
    _write(path, data)
    return [_rel(root, path)]


def pilot_deleted(root: Path, rng: random.Random) -> list[str]:
    path = _pick(root, "submissions/*/*/pilot.yaml", rng)
    path.unlink()
    return [_rel(root, path)]


def pilot_invalid(root: Path, rng: random.Random) -> list[str]:
    path = _pick(root, "submissions/*/*/pilot.yaml", rng)
    data = _data(path)
    del data["name"]
    _write(path, data)
    return [_rel(root, path)]


def pilot_duplicate(root: Path, rng: random.Random) -> list[str]:
    """The same pilot folder name in another province (ids are unique nationwide)."""
    source = _pick(root, "submissions/*/*/pilot.yaml", rng)
    province = rng.choice(sorted(p for p in (root / "submissions").glob("*/province.yaml")))
    target = province.parent / source.parent.name / "pilot.yaml"
    if target.exists():
        return []
    target.parent.mkdir()
    shutil.copyfile(source, target)
    return [_rel(root, target)]


def summary_practice(root: Path, rng: random.Random) -> list[str]:
    path = _pick(root, "submissions/*/*/summaries/*.yaml", rng)
    data = _data(path)
    for p in data.get("practices", []):
        p["id"] = p["id"] + "X"
    data["pilot_type"] = "city" if data.get("pilot_type") == "enterprise" else "enterprise"
    _write(path, data)
    return [_rel(root, path)]


def summary_deleted(root: Path, rng: random.Random) -> list[str]:
    path = _pick(root, "submissions/*/*/summaries/*.yaml", rng)
    path.unlink()
    return [_rel(root, path)]


def province_summary_unknown(root: Path, rng: random.Random) -> list[str]:
    path = _pick(root, "submissions/*/summaries/*.yaml", rng)
    data = _data(path)
    for item in data.get("pilot_assessments", [])[:1]:
        item["pilot"] = "nobody-here"
    for pick in data.get("practices", [])[:2]:
        pick["practice"] = "P99"
    _write(path, data)
    return [_rel(root, path)]


def recommendations_unknown(root: Path, rng: random.Random) -> list[str]:
    paths = sorted(root.glob("submissions/*/recommendations/*.yaml"))
    if not paths:
        return []
    path = rng.choice(paths)
    data = _data(path)
    for row in data.get("service_enterprises", [])[:1]:
        row["pilot"] = "nobody-here"
    for row in data.get("platforms", [])[:1]:
        row["operation"]["active_enterprises"] = row["operation"].get("registered_enterprises", 0) + 1
    _write(path, data)
    return [_rel(root, path)]


def list_unknown_owner(root: Path, rng: random.Random) -> list[str]:
    path = root / "submissions" / "lists" / "example-2020-batch1.yaml"
    data = _data(path)
    data["practices"][0]["owners"][0]["id"] = rng.choice(
        ["nobody-here", *(p.parent.name for p in root.glob("submissions/*/*/pilot.yaml"))]
    )
    _write(path, data)
    return [_rel(root, path)]


def province_deleted(root: Path, rng: random.Random) -> list[str]:
    path = _pick(root, "submissions/*/province.yaml", rng)
    path.unlink()
    return [_rel(root, path)]


def unknown_file(root: Path, rng: random.Random) -> list[str]:
    folder = _pick(root, "submissions/*/*/pilot.yaml", rng).parent
    (folder / "notes.txt").write_text("草稿\n", encoding="utf-8")
    (folder / "reports" / "2020Q5.yaml").write_text("period: 2020Q5\n", encoding="utf-8")
    return [_rel(root, folder / "notes.txt"), _rel(root, folder / "reports" / "2020Q5.yaml")]


def valid_edit(root: Path, rng: random.Random) -> list[str]:
    path = _pick(root, "submissions/*/*/reports/*.yaml", rng)
    data = _data(path)
    data["overview"] = "本季度进展顺利。"
    _write(path, data)
    return [_rel(root, path)]


EDITS: tuple[Edit, ...] = (
    report_unknown_target,
    report_unit,
    report_as_previous,
    ledger_duplicate,
    ledger_broken,
    pilot_type,
    pilot_id,
    pilot_deleted,
    pilot_invalid,
    pilot_duplicate,
    summary_practice,
    summary_deleted,
    province_summary_unknown,
    recommendations_unknown,
    list_unknown_owner,
    province_deleted,
    unknown_file,
    valid_edit,
)


def _cases() -> Iterator[tuple[int, list[Edit]]]:
    rng = random.Random(16)
    for i in range(CASES):
        yield i, [EDITS[i % len(EDITS)], *rng.sample(EDITS, rng.choice((0, 1, 2)))]


@pytest.mark.parametrize(
    ("seed", "edits"), list(_cases()), ids=lambda v: "+".join(e.__name__ for e in v) if isinstance(v, list) else str(v)
)
def test_change_reports_what_full_validation_reports(
    demo: Path, schemas: SchemaSet, before: set[Problem], tmp_path: Path, seed: int, edits: list[Edit]
) -> None:
    rng = random.Random(seed)
    changed: list[str] = []
    try:
        for edit in edits:
            changed += edit(demo, rng)
        changed = sorted(set(changed))
        checked = validate_changes(demo, changed, schemas, cache=tmp_path / "cache")
        full = validate_repository(demo, schemas)
        assert checked.scope is not None and set(changed) <= set(checked.scope)
        assert checked.result.problems == full.only(checked.scope).problems
        # what a full validation reports for the changed files themselves is among them
        assert set(full.only(changed).problems) <= set(checked.result.problems)
        # and the scope holds every file whose problems the change altered
        altered = {p.file for p in set(full.problems) ^ before}
        assert altered <= set(checked.scope), sorted(altered - set(checked.scope))
        again = validate_changes(demo, changed, schemas, cache=tmp_path / "cache")  # from the index
        assert again.result.problems == checked.result.problems
    finally:
        _restore(demo)


def test_the_edits_break_rules_across_documents(demo: Path, schemas: SchemaSet) -> None:
    """The cases are not vacuous: together they raise the cross-document findings."""
    found: set[str] = set()
    rng = random.Random(1)
    for edit in EDITS:
        try:
            changed = edit(demo, rng)
            found |= {p.rule for p in validate_changes(demo, changed, schemas).result.problems}
        finally:
            _restore(demo)
    assert {"SCP-E004", "SCP-E009", "SCP-E010", "SCP-E011", "SCP-E019", "SCP-E026", "SCP-S010"} <= found, found


def test_a_change_to_the_calendar_or_the_schemas_validates_everything(
    demo: Path, schemas: SchemaSet, unchanged: list[Problem]
) -> None:
    assert git(demo, "status", "--porcelain", "--", "submissions") == ""  # as ``unchanged`` saw it
    for changed in (["submissions/programme.yaml"], ["schemas/report.schema.json"]):
        checked = validate_changes(demo, changed, schemas)
        assert checked.scope is None
        assert checked.result.problems == unchanged


def test_scope_of_a_report_is_its_pilot_folder(demo: Path) -> None:
    report = sorted(demo.glob("submissions/*/*/reports/*.yaml"))[0]
    scope = change_scope(demo, [_rel(demo, report)])
    folder = _rel(demo, report.parent.parent) + "/"
    assert scope and all(p.startswith(folder) for p in scope)
    assert _rel(demo, report.parent.parent / "ledger.yaml") in scope


def test_the_index_is_found_again_by_content(demo: Path, schemas: SchemaSet, tmp_path: Path) -> None:
    paths = [_rel(demo, p) for p in sorted(demo.glob("submissions/*/*/pilot.yaml"))[:5]]
    first = read_registry(demo, paths, schemas, tmp_path)
    assert first.read == 5 and len(first.valid) == 5
    second = read_registry(demo, paths, schemas, tmp_path)
    assert second.read == 0 and {p: d.data for p, d in second.valid.items()} == {
        p: d.data for p, d in first.valid.items()
    }
    target = demo / paths[0]
    try:
        data = _data(target)
        del data["name"]
        _write(target, data)
        third = read_registry(demo, paths, schemas, tmp_path)
        assert third.read == 1 and paths[0] in third.invalid
    finally:
        _restore(demo)


def test_cli_validate_base_reports_the_change(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ledger = sorted(demo.glob("submissions/*/*/ledger.yaml"))[3]
    try:
        ledger.write_text(ledger.read_text(encoding="utf-8") + "\ntargets: []\n", encoding="utf-8")
        stray = ledger.parent / "reports" / "draft.yaml"  # untracked: a change all the same
        stray.write_text("period: 2020Q2\n", encoding="utf-8")
        assert main(["validate", "--root", str(demo), "--base", "HEAD", "--format", "json"]) == 1
        out = capsys.readouterr().out
        assert _rel(demo, ledger) in out and "SCP-Y004" in out
        assert _rel(demo, stray) in out and "SCP-S010" in out
    finally:
        _restore(demo)
    assert main(["validate", "--root", str(demo), "--base", "HEAD"]) == 0
    assert "检查了 0 个文件" in capsys.readouterr().out
