from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from casekit import make_base

HEAVY_FIRST = (
    "test_filing.py",
    "test_incremental.py",
    "test_hostile.py",
    "test_fastschema.py",
    "test_sample_site.py",
    "test_programmes.py",
    "test_live.py",
    "test_pagination.py",
    "test_readers.py",
    "test_site.py",
    "test_demo.py",
    "test_print.py",
    "test_site_history.py",
    "test_fastschema_property.py",
    "test_a11y.py",
)
"""The test files that take the most CPU time, costliest first (CPU seconds per file on 2 cores,
December 2026: 98, 77, 73, 48, 46, 30, 26, 29, 16, 16, 15, 14, 13, 10; every other file under 8).
xdist hands whole files to its workers (``--dist loadfile``) in collection order
(``--no-loadscope-reorder``): started first, a long file runs beside the others instead of
keeping one worker busy alone at the end. Only the order changes; a file missing here runs after."""


@pytest.hookimpl(tryfirst=True, optionalhook=True)  # optional: also runs with -p no:xdist
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto``: one worker more than the cores this process may use. A worker driving Chromium
    (or waiting on a subprocess or a local server) leaves its core partly idle: on its own,
    test_filing.py keeps 0.76 of a core busy. PYTEST_XDIST_AUTO_NUM_WORKERS still decides if set."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own hook reads it
    return len(os.sched_getaffinity(0)) + 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(HEAVY_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: each file keeps its order


@pytest.fixture
def base_repo(tmp_path: Path) -> Path:
    """A fresh copy of the small valid fixture repository."""
    return make_base(tmp_path / "repo")


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The real sample repository (this checkout, with its git history) built by
    `mkdocs build --strict` once per test run, for every module and xdist worker: the site
    and the build's log. Read only: copy it to change it."""
    from casekit import ROOT
    from sitekit import build_process, built_once

    # a process of its own: test_sample_site reads everything the build writes to stderr
    folder, log = built_once(tmp_path_factory, "sample", lambda f: build_process(ROOT, "--site-dir", str(f / "site")))
    return folder / "site", log


@pytest.fixture(scope="session")
def sample_site(sample_build: tuple[Path, str]) -> Path:
    """The built sample site (see ``sample_build``); shared by the sample-site, a11y, reader and print tests."""
    return sample_build[0]


@pytest.fixture(scope="session")
def sample_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample repository's pages as ``scpilot pages --out DIR`` writes them (Markdown and
    downloads, before MkDocs), written once per test run for every module and xdist worker that
    reads them. Read only: copy it to change it."""
    from casekit import ROOT, scpilot
    from sitekit import built_once

    folder, _ = built_once(
        tmp_path_factory, "sample-pages", lambda f: scpilot(["--root", str(ROOT), "pages", "--out", str(f / "docs")])
    )
    return folder / "docs"
