"""The filing desk and the schemas' enumerations (issue 14.17): every choice in the form is
offered by its Chinese label (``x-labels``), and a wrong value gets the same Chinese message and
hint in the browser as from ``scpilot validate``, naming every label."""

from __future__ import annotations

import copy
import dataclasses
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from filingkit import CHROMIUM, FLAGS, SKIP, open_desk
from filingkit import DOCUMENTS as DESK_DOCUMENTS
from sitekit import base_site_repo, serve

from generator.load.layout import classify
from generator.load.loader import PathKey, load_file
from generator.load.schemas import SchemaSet, labelled, load_schema_set
from generator.rules.validate import check_document

pytestmark = pytest.mark.skipif(SKIP, reason="SCPILOT_SKIP_BROWSER set")
DOCUMENTS = [
    *DESK_DOCUMENTS,
    ("pilot=fs-example-home&doc=pilot", "submissions/guangdong/fs-example-home/pilot.yaml"),  # an enterprise's choices
]
LEDGER = next(query for query, _ in DESK_DOCUMENTS if "doc=ledger" in query)

EXPECTED = {
    "pilot:type",
    "pilot:category",
    "pilot:application_plan.items.*.kind",
    "ledger:targets.*.kind",
    "ledger:targets.*.direction",
    "report:measures.*.status",
    "summary:practices.*.area",
}
"""Enumerations the base fixture's documents use, at least: the tests below must reach them."""


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return base_site_repo(tmp_path_factory, "filing-labels")


@pytest.fixture(scope="module")
def schemas(repo: Path) -> SchemaSet:
    return load_schema_set(repo / "schemas")


@pytest.fixture(scope="module")
def page(repo: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with serve(repo / "site") as url, sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = chromium.new_page(viewport={"width": 1366, "height": 768})
        page.base = url  # type: ignore[attr-defined]
        yield page
        chromium.close()


def _labels(schemas: SchemaSet, kind: str, path: PathKey) -> list[tuple[Any, str]]:
    return next((found for node, _ in schemas.nodes_at(kind, path) if (found := labelled(node))), [])


def _paths(value: Any, path: PathKey = ()) -> Iterator[PathKey]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*path, i))


def _shape(path: PathKey) -> str:
    return ".".join("*" if isinstance(step, int) else step for step in path)


def test_every_choice_in_the_form_shows_its_chinese_label(page: Any, schemas: SchemaSet) -> None:
    seen: set[str] = set()
    for query, rel in DOCUMENTS:
        kind = classify(rel).kind  # type: ignore[union-attr]
        open_desk(page, page.base, query)
        selects = page.eval_on_selector_all(
            ".scp-form select",
            "els => els.map(e => [e.name, [...e.options].map(o => [o.value, o.textContent])])",
        )
        for name, options in selects:
            path = tuple(int(s) if s.isdigit() else s for s in name.split("."))
            labels = _labels(schemas, kind, path)
            if not labels:
                assert [text for _, text in options] == ["（请选择）", "是", "否"], (kind, name, options)
                continue
            expected = [["", "（请选择）"], *([json.dumps(v), label] for v, label in labels)]
            assert options == expected, (kind, name)
            seen.add(f"{kind}:{_shape(path)}")
    assert seen >= EXPECTED, " ".join(sorted(seen))


def test_a_wrong_choice_is_explained_as_the_command_line_explains_it(page: Any, repo: Path, schemas: SchemaSet) -> None:
    open_desk(page, page.base, LEDGER)
    checked: set[str] = set()
    for query, rel in DOCUMENTS:
        location = classify(rel)
        document = load_file(repo / rel, rel).document
        assert location is not None and document is not None, rel
        unit = re.sub(r"^(pilot|province)=([^&]+).*", r"\1:\2", query)
        for path in _paths(document.data):
            labels = _labels(schemas, location.kind, path) if path else []
            if not labels or f"{location.kind}:{_shape(path)}" in checked:
                continue
            checked.add(f"{location.kind}:{_shape(path)}")
            data = copy.deepcopy(document.data)
            target = data
            for step in path[:-1]:
                target = target[step]
            target[path[-1]] = "zzz_wrong"
            wrong = dataclasses.replace(document, data=data)
            python = [[p.message, p.hint] for p in check_document(schemas, location, wrong) if p.rule == "SCP-S004"]
            browser = page.evaluate(
                """async ([kind, data, unit]) => {
                  const d = window.scpilotFiling.desk;
                  const ctx = await d.contextFor(unit, kind, data.period || data.year || null);
                  return d.checker.check(kind, data, ctx).filter(p => p.rule === 'SCP-S004').map(p => [p.message, p.hint]);
                }""",
                [location.kind, data, unit],
            )
            assert browser == python, (rel, path)
            assert len(python) == 1 and all(f"{v}（{label}）" in python[0][1] for v, label in labels), python
    assert checked >= EXPECTED, " ".join(sorted(checked))
