"""The generator's own cost (issue 16.5): each shortcut taken for speed gives exactly what the
general way gives, on every input the tests can think of."""

from __future__ import annotations

import posixpath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.env import _relpath, relative

_SEGMENT = st.sampled_from(["a", "b", "pilots", "x", "index.md", "2.md", ".", "", "..", "c.d", "省"])
_PATH = st.builds(
    lambda lead, parts, trail: lead + "/".join(parts) + trail,
    st.sampled_from(["", "", "", "/"]),
    st.lists(_SEGMENT, min_size=0, max_size=6),
    st.sampled_from(["", "/"]),
).filter(bool)


@settings(max_examples=1000, deadline=None)
@given(_PATH, _PATH)
def test_relpath_is_posixpath_relpath(path: str, start: str) -> None:
    assert _relpath(path, start) == posixpath.relpath(path, start)


def test_links_between_pages() -> None:
    assert relative("pilots/x/index.md", "pilots/index.md") == "../"
    assert relative("pilots/x/reports/2020Q1.md", "pilots/x/index.md") == "../../"
    assert relative("index.md", "index.md") == "./"
    assert relative("practices/theme/a/index.md", "data/scpilot.xlsx") == "../../../data/scpilot.xlsx"
    assert relative("methods.md", "pilots/x/index.md", directory_urls=False) == "pilots/x/index.html"


def _openpyxl_only(all_tables: list) -> bytes:  # type: ignore[type-arg]
    """The workbook as openpyxl alone writes it (every table through its cells)."""
    from generator.site import export, sheetxml

    saved = sheetxml.supported
    sheetxml.supported = lambda columns, rows: False
    try:
        return export._xlsx(all_tables)
    finally:
        sheetxml.supported = saved


_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**60), max_value=2**60),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(
        alphabet=st.sampled_from(
            ["a", " ", "=", "&", "<", ">", '"', "'", "\n", "\r", "\t", "#", "N", "/", "A", "省", "\x01", "\ufffe"]
        ),
        max_size=8,
    ),
    st.sampled_from(["#N/A", "#DIV/0!", "=SUM(A1)", "=", " x", "x ", "  ", "", "1e5", "x" * 32768]),
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.lists(_VALUE, min_size=0, max_size=4), max_size=6), min_size=1, max_size=3), st.integers(1, 4)
)
def test_workbook_rows_written_as_openpyxl_writes_them(sheets: list, width: int) -> None:  # type: ignore[type-arg]
    from generator.site.export import _xlsx

    all_tables = [(f"t{i}", "", [(f"c{n}", "") for n in range(width)], rows) for i, rows in enumerate(sheets)]
    try:
        expected = _openpyxl_only(all_tables)
    except Exception as exc:  # openpyxl refuses it: so must the quick way
        with pytest.raises(type(exc)):
            _xlsx(all_tables)
        return
    assert _xlsx(all_tables) == expected


def test_the_quick_way_writes_the_usual_tables() -> None:
    from generator.site import sheetxml

    assert sheetxml.supported([("a", "")], [["x", 1, 2.5, True, None, "=1", ""]])
    assert not sheetxml.supported([("a", "")], [["#N/A"]])
    assert not sheetxml.supported([("a", "")], [[]])


def test_ledger_versions_in_the_working_tree_not_read_again() -> None:
    from pathlib import Path

    from generator.history.versions import read_history
    from generator.load.schemas import load_schema_set
    from generator.rules.validate import validate_repository
    from generator.site.build import _ledger_texts

    root = Path(__file__).resolve().parent.parent
    schemas = load_schema_set(root / "schemas")
    result = validate_repository(root, schemas)
    history = read_history(root)
    if not history.available:
        pytest.skip("no git history")
    validated = {doc.path: doc.data for _, doc in result.repository.documents}
    ledgers = sorted(p for p in history.versions if p.endswith("/ledger.yaml"))
    assert ledgers
    quick = _ledger_texts(root, history, ledgers, schemas, validated)
    every_blob = _ledger_texts(root, history, ledgers, schemas, {})
    assert quick == every_blob
    assert any(data is validated[path] for path, versions in quick.items() for _, data in versions)


def _relative_as_before(from_md: str, to: str, directory_urls: bool) -> str:
    from generator.site.env import page_url

    here = page_url(from_md, directory_urls)
    base = here.rstrip("/") if directory_urls else posixpath.dirname(here)
    target = page_url(to, directory_urls) if to.endswith(".md") else to
    is_dir = to.endswith(".md") and (target == "" or target.endswith("/"))
    rel = posixpath.relpath(target or ".", base or ".")
    return rel.rstrip("/") + "/" if is_dir else rel


_PAGE = st.builds(
    lambda parts, leaf: "/".join([*parts, leaf]),
    st.lists(st.sampled_from(["pilots", "x", "reports", "practices", "theme", "a", "省"]), max_size=4),
    st.sampled_from(["index.md", "2.md", "x.md", "scpilot.xlsx", "a.csv"]),
)


@settings(max_examples=1000, deadline=None)
@given(_PAGE.filter(lambda p: p.endswith(".md")), _PAGE, st.booleans())
def test_links_as_before(from_md: str, to: str, directory_urls: bool) -> None:
    assert relative(from_md, to, directory_urls) == _relative_as_before(from_md, to, directory_urls)
