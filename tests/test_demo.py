"""``scpilot demo`` writes a repository that validates without errors and builds with
``mkdocs build --strict``; the same seed gives the same repository."""

from __future__ import annotations

from pathlib import Path

from sitekit import build

from generator.cli.main import main
from generator.rules.validate import validate_repository
from generator.tooling.demo.gitstream import git

ROOT = Path(__file__).resolve().parents[1]


def _demo(out: Path, pilots: int = 12, seed: int = 1) -> None:
    assert main(["--root", str(ROOT), "demo", "--pilots", str(pilots), "--seed", str(seed), "--out", str(out)]) == 0


def test_demo_validates_and_builds_strict(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    _demo(root)
    result = validate_repository(root)
    assert result.errors == [], result.errors[:5]
    repo = result.repository
    assert len(repo.all_pilots) == 12 and len(repo.provinces) == 31
    assert {p.type for p in repo.all_pilots} == {"city", "enterprise"}
    assert any(p.central_soe for p in repo.all_pilots) and any(p.status.revoked_on for p in repo.all_pilots)
    assert git(root, "status", "--porcelain") == ""
    merges = git(root, "log", "--merges", "--format=%B", "main")
    assert "Confirmed-by: " in merges and "Submitted-at: 2019-" in merges and "Reviewed-on: https://" in merges
    built = build(root, profile=None)  # `mkdocs build --strict`, in this process (tests/sitekit.py)
    assert built.returncode == 0, built.stderr[-3000:]
    assert (root / "site" / "pilots" / repo.all_pilots[0].id / "index.html").exists()


def test_demo_is_deterministic(tmp_path: Path) -> None:
    _demo(tmp_path / "a", pilots=5, seed=7)
    _demo(tmp_path / "b", pilots=5, seed=7)
    assert git(tmp_path / "a", "rev-parse", "HEAD") == git(tmp_path / "b", "rev-parse", "HEAD")
