"""What a working tree changes since a base: the files a pull request (or a clerk's
unfinished edit) adds, modifies, deletes or renames, committed or not."""

from __future__ import annotations

from pathlib import Path

import git

from generator.history.gitio import GitError, _repo, resolve

__all__ = ["changed_since"]


def changed_since(root: Path, base: str) -> list[str]:
    """Every path that differs between the merge base of ``base`` and HEAD and the working
    tree (both sides of a rename), and every untracked file under ``submissions/`` (ignored
    ones too: a full validation reads them); sorted, repository-relative."""
    repo = _repo(root)
    head = resolve(root, "HEAD")
    start = resolve(root, base)
    try:
        merge_base = str(repo.git.merge_base(start, head)).strip()
        diff = str(
            repo.git.execute(
                ["git", "-c", "core.quotepath=off", "diff", "--name-only", "-z", "--no-renames", merge_base]
            )
        )
        untracked = str(
            repo.git.execute(["git", "-c", "core.quotepath=off", "ls-files", "-z", "--others", "--", "submissions"])
        )
    except git.GitCommandError as exc:
        raise GitError(f"无法比较 {base} 和工作区：{exc.stderr.strip()}") from exc
    return sorted({p for p in (diff + "\0" + untracked).split("\0") if p})
