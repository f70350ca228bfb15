"""Real git repositories for tests, with backdated author and committer dates."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

PILOT = ("李示例", "pilot@example.com")
REVIEWER = ("王审核", "reviewer@example.com")


class GitRepo:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(
        self,
        *args: str,
        author: tuple[str, str] = PILOT,
        committer: tuple[str, str] | None = None,
        when: str = "2019-01-01T10:00:00+08:00",
        committed: str | None = None,
    ) -> str:
        committer = committer or author
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": author[0],
            "GIT_AUTHOR_EMAIL": author[1],
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_NAME": committer[0],
            "GIT_COMMITTER_EMAIL": committer[1],
            "GIT_COMMITTER_DATE": committed or when,
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_CONFIG_SYSTEM": "/dev/null",
        }
        result = subprocess.run(["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True)
        return result.stdout.strip()

    def write(self, files: dict[str, str | None]) -> None:
        for rel, text in files.items():
            path = self.root / rel
            if text is None:
                path.unlink()
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def commit(self, files: dict[str, str | None], message: str, when: str, **kw: object) -> str:
        self.write(files)
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, when=when, **kw)  # type: ignore[arg-type]
        return self.git("rev-parse", "HEAD")

    def pull_request(
        self,
        branch: str,
        commits: list[tuple[dict[str, str | None], str]],
        *,
        style: str,
        merged_at: str,
        trailers: dict[str, str] | None = None,
        base: str = "main",
        start: str | None = None,
    ) -> str:
        """Open a branch with ``commits`` (files, author date) and land it on main by
        ``style``: ``merge`` (merge commit), ``squash`` or ``rebase`` (commits rewritten
        onto main with the reviewer as committer, as hosting services do)."""
        self.git("checkout", "-q", "-b", branch, start or base)
        for i, (files, when) in enumerate(commits):
            self.commit(files, f"{branch} 第 {i + 1} 次提交", when)
        self.git("checkout", "-q", base)
        body = "".join(f"{k}: {v}\n" for k, v in (trailers or {}).items())
        message = f"合并 {branch}" + (f"\n\n{body}" if body else "")
        if style == "merge":
            self.git(
                "merge", "-q", "--no-ff", "-m", message, branch, committer=REVIEWER, author=REVIEWER, when=merged_at
            )
        elif style == "squash":
            self.git("merge", "-q", "--squash", branch, committer=REVIEWER, when=merged_at)
            self.git(
                "commit", "-q", "-m", message, author=PILOT, committer=REVIEWER, when=commits[0][1], committed=merged_at
            )
        elif style == "rebase":
            self.git(
                "rebase", "-q", "--force-rebase", base, branch, committer=REVIEWER, when=merged_at, committed=merged_at
            )
            self.git("checkout", "-q", base)
            self.git("merge", "-q", "--ff-only", branch, committer=REVIEWER, when=merged_at)
        else:
            raise ValueError(style)
        return self.git("rev-parse", "HEAD")


def read_tree(source: Path, *paths: str) -> dict[str, str]:
    """The text of every file under ``paths`` (files or folders), keyed by path relative to ``source``."""
    found: dict[str, str] = {}
    for rel in paths:
        target = source / rel
        items = sorted(target.rglob("*")) if target.is_dir() else [target]
        for item in items:
            if item.is_file():
                found[item.relative_to(source).as_posix()] = item.read_text(encoding="utf-8")
    return found
