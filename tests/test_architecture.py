"""The map of generator/ stays true: every package is on docs/architecture.md and in the
import-linter layers contract, and each fact (a submission path, a page address, raw data)
has one place."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from generator.load.layout import KINDS, PATTERNS, Location, classify, document_path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "generator"


def _packages() -> list[str]:
    """Every package of generator/ as a path: ``site``, ``site/filing``, ``tooling/demo``…"""
    return sorted(
        str(init.parent.relative_to(GENERATOR)).replace("\\", "/")
        for init in GENERATOR.rglob("__init__.py")
        if init.parent != GENERATOR and "__pycache__" not in init.parts
    )


def _contract() -> dict[str, object]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["type"] == "layers" and c.get("containers") == ["generator"])


def test_packages_are_found() -> None:
    assert {"cli", "site", "model", "load", "rules/crossrules"} <= set(_packages())


@pytest.mark.parametrize("package", _packages())
def test_every_package_is_on_the_architecture_page(package: str) -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert f"`generator/{package}/`" in text, f"docs/architecture.md 没有写 generator/{package}/ 做什么"


def test_every_top_level_package_is_in_the_layers_contract() -> None:
    contract = _contract()
    layered = {name.strip() for layer in contract["layers"] for name in str(layer).split("|")}  # type: ignore[attr-defined]
    top = {p for p in _packages() if "/" not in p} | {"__main__"}
    assert top - layered == set(), "pyproject.toml 的 layers 约定缺少这些包"
    assert layered - top == set(), "layers 约定中有不存在的包"
    assert contract.get("exhaustive") is True


def test_the_architecture_page_is_in_the_navigation() -> None:
    assert re.search(r"^\s*- [^:\n]+: architecture\.md$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)


# -- one place for each fact ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_layout_builds_what_it_parses(kind: str) -> None:
    period = "2019Q3" if kind == "report" else "2019"
    has = PATTERNS[kind]
    location = Location(
        kind,
        "guangdong" if "{province}" in has else None,
        "shenzhen" if "{pilot}" in has else None,
        period if "{period}" in has else None,
    )
    assert classify(location.path) == location
    assert document_path(kind, location.province, location.pilot, location.period) == location.path


def _sources(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def test_submission_paths_are_spelled_only_by_layout() -> None:
    """``f"submissions/{…}"`` belongs to load/layout.py (the demo stands alone by contract;
    history/codeowners.py writes CODEOWNERS patterns, folders with a leading slash)."""
    spelled = re.compile(r"""f["'](?:/?submissions/|\{SUBMISSIONS\}/)[^"']*\{""")
    allowed = {GENERATOR / "load" / "layout.py", GENERATOR / "history" / "codeowners.py"}
    found = [
        str(path.relative_to(ROOT))
        for path in _sources(GENERATOR)
        if path not in allowed and "demo" not in path.parts and spelled.search(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "请用 generator.load.layout.document_path 拼写报送文件的路径"


def test_templates_take_page_addresses_from_url() -> None:
    spelled = re.compile(r"""['"](?:pilots|practices|provinces|status)/['"]\s*~""")
    templates = sorted((GENERATOR / "site").rglob("*.j2"))
    found = [str(t.relative_to(ROOT)) for t in templates if spelled.search(t.read_text(encoding="utf-8"))]
    assert found == [], "模板中的网页地址请用 url('pilot', p.id) 等"


def test_the_renderer_reads_only_the_model() -> None:
    """No ``.data[...]`` in site/: the pages read typed views. The build redacts documents
    before the model exists; the filing desk ships the documents themselves to the browser."""
    allowed = {GENERATOR / "site" / "build.py"}
    raw = re.compile(r"\.data\[|\.data\.get\(|doc\.data\b")
    found = [
        str(path.relative_to(ROOT))
        for path in _sources(GENERATOR / "site")
        if path not in allowed and "filing" not in path.parts and raw.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
