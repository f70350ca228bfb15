"""The synthetic history as one ``git fast-import`` stream: an initial commit, then every
pull request as a branch commit (the submitter's, author-dated when it was opened) and a
merge commit on main (the confirmer's, dated when it was merged), or one squashed commit.
One git process writes the whole history, whatever its size."""

from __future__ import annotations

import bisect
import hashlib
import os
import subprocess
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import IO

from generator.tooling.demo.timeline import Landing, Person, message

SCRATCH = "refs/scpilot-demo/pull"


def git_env() -> dict[str, str]:
    """Git without the user's configuration, so that the same input gives the same repository."""
    return {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C"}


def git(root: Path, *args: str, stdin: bytes | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=root, env=git_env(), input=stdin, capture_output=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"git {args[0]} failed: {done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout.decode("utf-8")


def _stamp(person: Person, when: datetime) -> str:
    offset = when.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return (
        f"{person.name} <{person.email}> {int(when.timestamp())} {sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
    )


class Stream:
    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.mark = 0
        self.blobs: dict[bytes, int] = {}

    def _next(self) -> int:
        self.mark += 1
        return self.mark

    def blob(self, content: bytes) -> int:
        key = hashlib.sha1(content).digest()
        if key not in self.blobs:
            mark = self._next()
            self.out.write(b"blob\nmark :%d\ndata %d\n" % (mark, len(content)) + content + b"\n")
            self.blobs[key] = mark
        return self.blobs[key]

    def commit(
        self,
        ref: str,
        author: tuple[Person, datetime],
        committer: tuple[Person, datetime],
        text: str,
        parents: list[int],
        files: Iterable[tuple[str, int]],
    ) -> int:
        mark = self._next()
        body = text.encode("utf-8")
        lines = [
            f"commit {ref}",
            f"mark :{mark}",
            f"author {_stamp(*author)}",
            f"committer {_stamp(*committer)}",
            f"data {len(body)}",
        ]
        self.out.write("\n".join(lines).encode("utf-8") + b"\n" + body + b"\n")
        tail = [f"from :{parents[0]}"] if parents else []
        tail += [f"merge :{p}" for p in parents[1:]]
        tail += [f"M 100644 :{blob} {path}" for path, blob in files]
        self.out.write(("\n".join(tail) + "\n\n").encode("utf-8") if tail else b"\n")
        return mark


def write_history(
    root: Path,
    initial: list[tuple[str, bytes]],
    maintainer: Person,
    started: datetime,
    landings: list[Landing],
) -> int:
    """Create the repository at ``root`` (whose files are already written) with this history.
    Returns the number of commits."""
    git(root, "init", "-q", "-b", "main")
    proc = subprocess.Popen(
        ["git", "fast-import", "--quiet", "--force", "--done"],
        cwd=root,
        env=git_env(),
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None
    stream = Stream(proc.stdin)
    try:
        files = [(path, stream.blob(content)) for path, content in initial]
        tip = stream.commit(
            "refs/heads/main",
            (maintainer, started),
            (maintainer, started),
            "登记工作日历、各省商务主管部门和网站配置\n",
            [],
            files,
        )
        _landings(stream, tip, started, landings)
        proc.stdin.write(b"done\n")
        proc.stdin.close()
    except BrokenPipeError:
        pass
    error = ""
    if proc.stderr is not None:
        error = proc.stderr.read().decode("utf-8", "replace")
        proc.stderr.close()
    if proc.wait() != 0:
        raise RuntimeError(f"git fast-import failed: {error.strip()}")
    git(root, "update-ref", "-d", SCRATCH)
    git(root, "reset", "-q")
    return stream.mark - len(stream.blobs)


def _landings(stream: Stream, tip: int, started: datetime, landings: list[Landing]) -> None:
    """Each merge request onto main in the order it was merged: a squash commit, or the
    submitter's commit on a branch from the main of its day and the confirmer's merge."""
    times, tips = [started], [tip]
    ordered = sorted(landings, key=lambda x: (x.opened, x.title))
    numbers = {id(x): n for n, x in enumerate(ordered, start=1)}
    for land in sorted(landings, key=lambda x: (x.merged, x.opened, x.title)):
        blobs = [(path, stream.blob(content)) for path, content in land.files]
        text = message(land, numbers[id(land)])
        if land.style == "squash":
            tip = stream.commit(
                "refs/heads/main", (land.submitter, land.opened), (land.confirmer, land.merged), text, [tip], blobs
            )
        else:
            base = tips[max(0, bisect.bisect_right(times, land.opened) - 1)]
            branch = stream.commit(
                SCRATCH,
                (land.submitter, land.opened),
                (land.submitter, land.opened),
                f"{land.title}\n",
                [base],
                blobs,
            )
            tip = stream.commit(
                "refs/heads/main",
                (land.confirmer, land.merged),
                (land.confirmer, land.merged),
                text,
                [tip, branch],
                blobs,
            )
        times.append(land.merged)
        tips.append(tip)
