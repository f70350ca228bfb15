"""Build fixture sites: the base fixture committed to a git repository, with the real
mkdocs.yml and hand-written docs, built by `mkdocs build --strict`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from casekit import ROOT, make_base
from gitkit import GitRepo


def make_site_repo(target: Path) -> Path:
    make_base(target)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs")
    repo = GitRepo.__new__(GitRepo)
    repo.root = target
    repo.git("init", "-q", "-b", "main")
    repo.git("add", "-A")
    repo.git(
        "commit",
        "-q",
        "-m",
        "报送\n\nConfirmed-by: 广东省商务厅\nSubmitted-at: 2019-06-28T10:00:00+08:00",
        when="2019-06-29T10:00:00+08:00",
    )
    return target


def build(root: Path, *extra: str, profile: str = "public") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SCPILOT_PROFILE": profile, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for name in ("href", "src"):
            if values.get(name):
                self.links.append((tag, str(values[name])))


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser
