"""What a working tree changes since a base: the files a pull request (or a clerk's
unfinished edit) adds, modifies, deletes or renames, committed or not."""

from __future__ import annotations

from pathlib import Path

from generator.history.gitcmd import GitError, git_outputs, git_text, is_repository

__all__ = ["changed_since"]


def changed_since(root: Path, base: str) -> list[str]:
    """Every path that differs between the merge base of ``base`` and HEAD and the working
    tree (both sides of a rename), and every untracked file under ``submissions/`` (ignored
    ones too: a full validation reads them); sorted, repository-relative. Three plain git
    commands, the last two at the same time (this runs on every pull request)."""
    if not is_repository(root):
        raise GitError(f"{root} 不是 git 仓库。")
    if base.startswith("-"):
        raise GitError(f"找不到提交「{base}」。")
    try:
        (merge_base,) = git_outputs(root, ("merge-base", base, "HEAD"))
    except GitError as exc:
        for ref in ("HEAD", base):
            if git_text(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}") is None:
                raise GitError(f"找不到提交「{ref}」。") from exc
        raise GitError(f"无法比较 {base} 和工作区：{exc}") from exc
    try:
        diff, untracked = git_outputs(
            root,
            ("diff", "--name-only", "-z", "--no-renames", merge_base.strip()),
            ("ls-files", "-z", "--others", "--", "submissions"),
        )
    except GitError as exc:
        raise GitError(f"无法比较 {base} 和工作区：{exc}") from exc
    return sorted({p for p in (diff + "\0" + untracked).split("\0") if p})
