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
