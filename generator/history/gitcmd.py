"""Plain ``git`` commands for the quick paths (``scpilot validate --base``): one subprocess
each, started directly. GitPython's import alone costs about a quarter of a second, more
than the commands a pull request's check runs; the commands that read history use
:mod:`generator.history.gitio`."""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """A ref that does not exist, or a folder that is not a repository (a usage error)."""


def command(root: Path, *args: str) -> list[str]:
    """``git`` run in ``root``, paths printed as they are (no octal quoting), pathspecs literal."""
    return ["git", "-C", str(root), "-c", "core.quotepath=off", "--literal-pathspecs", *args]


def git_text(root: Path, *args: str) -> str | None:
    """The output of ``git args…`` in ``root``, or None when it fails (or git is missing)."""
    try:
        done = subprocess.run(command(root, *args), capture_output=True, check=False)
    except OSError:
        return None
    return _text(done.stdout) if done.returncode == 0 else None


def git_outputs(root: Path, *commands: tuple[str, ...]) -> list[str]:
    """The outputs of several ``git`` commands, run at the same time (each waits mostly on the
    file system); GitError with git's message when one fails."""
    try:
        running = [
            subprocess.Popen(command(root, *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE) for args in commands
        ]
    except OSError as exc:
        raise GitError(f"无法运行 git：{exc}") from exc
    outputs, failed = [], ""
    for process in running:
        out, err = process.communicate()
        if process.returncode != 0 and not failed:
            failed = _text(err).strip() or f"git 退出码 {process.returncode}"
        outputs.append(_text(out))
    if failed:
        raise GitError(failed)
    return outputs


def is_repository(root: Path) -> bool:
    """``root`` is the top of a git working tree (``.git`` is a folder, or a file in a linked
    worktree): a folder inside another repository is not."""
    return (root / ".git").exists()


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")
