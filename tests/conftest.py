from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from casekit import make_base


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
    from sitekit import build, built_once

    folder, log = built_once(tmp_path_factory, "sample", lambda f: build(ROOT, "--site-dir", str(f / "site")))
    return folder / "site", log


@pytest.fixture(scope="session")
def sample_site(sample_build: tuple[Path, str]) -> Path:
    """The built sample site (see ``sample_build``); shared by the sample-site, a11y, reader and print tests."""
    return sample_build[0]
