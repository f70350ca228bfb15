"""Small git reads for pull-request commands (GitPython). I/O at the edge: the callers
pass what these return to pure functions."""

from __future__ import annotations

import io
import tarfile
from dataclasses import dataclass
from pathlib import Path

import git

from generator.history.gitcmd import GitError

__all__ = ["FileChange", "GitError", "changed_files", "export_tree", "read_blob", "resolve", "show"]


@dataclass(frozen=True)
class FileChange:
    status: str  # A, M, D, R
    path: str
    old_path: str | None = None


def _repo(root: Path) -> git.Repo:
    try:
        return git.Repo(root)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as exc:
        raise GitError(f"{root} 不是 git 仓库。") from exc


def resolve(root: Path, ref: str) -> str:
    try:
        return str(_repo(root).git.rev_parse("--verify", f"{ref}^{{commit}}"))
    except git.GitCommandError as exc:
        raise GitError(f"找不到提交「{ref}」。") from exc


def changed_files(root: Path, base: str, head: str) -> list[FileChange]:
    """Files changed on ``head`` since it left ``base`` (``base...head``), renames detected."""
    repo = _repo(root)
    try:
        out = repo.git.execute(["git", "-c", "core.quotepath=off", "diff", "--name-status", "-M", f"{base}...{head}"])
    except git.GitCommandError as exc:
        raise GitError(f"无法比较 {base} 和 {head}：{exc.stderr.strip()}") from exc
    found = []
    for line in str(out).splitlines():
        parts = line.split("\t")
        if parts[0].startswith("R") and len(parts) == 3:
            found.append(FileChange("R", parts[2], parts[1]))
        elif len(parts) == 2:
            found.append(FileChange(parts[0][0], parts[1]))
    return found


def show(root: Path, ref: str, path: str) -> bytes | None:
    """The bytes of ``path`` at ``ref``, or None when it does not exist there."""
    repo = _repo(root)
    try:
        blob = repo.commit(ref).tree / path
    except (KeyError, ValueError, git.BadName):
        return None
    data: bytes = blob.data_stream.read()
    return data


def read_blob(root: Path, sha: str) -> bytes:
    data: bytes = _repo(root).odb.stream(bytes.fromhex(sha)).read()
    return data


def export_tree(root: Path, ref: str, dest: Path, paths: tuple[str, ...] = ("submissions", "schemas")) -> Path:
    """Write the files under ``paths`` as they are at ``ref`` into ``dest``."""
    repo = _repo(root)
    buffer = io.BytesIO()
    repo.archive(buffer, treeish=ref, path=list(paths), format="tar")
    buffer.seek(0)
    with tarfile.open(fileobj=buffer) as archive:
        archive.extractall(dest, filter="data")
    return dest
