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
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real sample repository (this checkout, with its git history) built once by
    `mkdocs build --strict` into a temporary folder; shared by the sample-site and a11y tests."""
    from casekit import ROOT
    from sitekit import build

    site = tmp_path_factory.mktemp("sample") / "site"
    result = build(ROOT, "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    return site
