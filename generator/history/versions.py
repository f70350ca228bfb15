"""Git is the system of record: one pass over main's first-parent history of
``submissions/`` tells, for every version of every document, which commit on main
confirmed it, when, by whom, and when it was submitted.

Two git invocations read the whole repository (the commit graph, and the changes under
``submissions/``); everything after that is a pure function of their text, so the
parsing is tested without git and the facts are the same for merge, squash and rebase
workflows:

* ``confirmed_at`` is the committer date of the commit on main that brought the version;
  ``confirmed_by`` is its ``Confirmed-by:`` trailer, or else its committer.
* ``submitted_at`` is that commit's ``Submitted-at:`` trailer (written by the merge
  workflow from the pull request's creation time, which the host records). Without it,
  it is the earliest author date among the commits that brought the version (the pull
  request's own commits for a merge commit; the commit itself for a squash; the run of
  rebased commits landed together for a rebase), marked ``author_date``: a claim made by
  the submitter's machine, not a proof.

On a shallow clone the history before the boundary is unknown: versions found at the
boundary are marked ``certain=False`` and the history says it is incomplete.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from generator.history.gitlog import (
    LOG_FORMAT,
    TRAILERS,
    Change,
    Commit,
    ancestors,
    first_parent_chain,
    parse_graph,
    parse_log,
)
from generator.history.pending import Pending, candidate_refs, pending_changes, target_branch

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Version:
    """One confirmed version of one document."""

    path: str
    blob: str
    commit: str
    confirmed_at: datetime
    confirmed_by: str
    submitted_at: datetime
    submitted_source: str  # "trailer" or "author_date"
    renamed_from: str | None = None
    reviewed_on: str | None = None
    missing_trailers: tuple[str, ...] = ()
    certain: bool = True
    """False at a shallow clone's boundary: the version may be older than this commit."""


@dataclass(frozen=True)
class Deletion:
    path: str
    commit: str
    deleted_at: datetime


@dataclass
class History:
    versions: dict[str, list[Version]] = field(default_factory=dict)
    deletions: list[Deletion] = field(default_factory=list)
    shallow: bool = False
    head: str | None = None
    drafts: tuple[str, ...] = ()
    """Files under submissions/ changed or added in the work tree but not committed."""
    available: bool = True
    """False when the repository is not a git repository at all (e.g. an exported copy)."""
    pending: dict[str, Pending] = field(default_factory=dict)
    """Documents committed on the current branch but not on the target branch: submitted,
    awaiting confirmation."""
    target: str | None = None
    """The branch (or ref) whose first-parent chain confirmed the versions; None when not found."""

    @property
    def unconfirmed(self) -> tuple[str, ...]:
        """Every file under submissions/ that the work tree or the branch has and the target lacks."""
        return tuple(sorted(set(self.drafts) | set(self.pending)))

    def first(self, path: str) -> Version | None:
        found = self.versions.get(path)
        return found[0] if found else None

    def latest(self, path: str) -> Version | None:
        found = self.versions.get(path)
        return found[-1] if found else None


# -- parsing (pure) ------------------------------------------------------------------------------


def build_history(
    commits: list[Commit],
    graph: dict[str, tuple[str, ...]],
    head: str,
    shallow_roots: frozenset[str] = frozenset(),
) -> History:
    """Turn parsed commits into document versions. Pure."""
    by_sha = {c.sha: c for c in commits}
    chain = first_parent_chain(graph, head)
    landed: set[str] = set()
    """Every commit reachable from the main commit processed last: a merge's side commits
    are those of its second parent not in here (one walk per merge, so linear overall)."""
    history = History(shallow=bool(shallow_roots), head=head)
    index = 0
    while index < len(chain):
        sha = chain[index]
        batch = [sha]
        commit = by_sha.get(sha)
        # A rebase merge lands several commits with one committer and one committer date.
        while commit is not None and len(commit.parents) <= 1 and index + 1 < len(chain):
            following = by_sha.get(chain[index + 1])
            if following is None or len(following.parents) > 1 or not _same_landing(commit, following):
                break
            index += 1
            batch.append(chain[index])
        index += 1
        _land(batch, by_sha, graph, landed, shallow_roots, history)
        for member in batch:
            for parent in graph.get(member, ())[1:]:
                landed |= ancestors(graph, parent, landed)
            landed.add(member)
    return history


def _same_landing(a: Commit, b: Commit) -> bool:
    return (a.committer_date, a.committer_email) == (b.committer_date, b.committer_email) and not (
        a.trailers or b.trailers
    )


def _land(
    batch: list[str],
    by_sha: dict[str, Commit],
    graph: dict[str, tuple[str, ...]],
    landed: set[str],
    shallow_roots: frozenset[str],
    history: History,
) -> None:
    """Record what one landing (a merge, a squash, or a run of rebased commits) confirmed.
    ``landed`` is everything reachable from the landing's first parent."""
    final: dict[str, Change] = {}
    for sha in batch:
        commit = by_sha.get(sha)
        for change in commit.changes if commit else ():
            if change.old_path and change.old_path in final:
                change = Change(change.status, change.path, change.blob, final.pop(change.old_path).old_path)
            final[change.path] = change
    if not final:
        return
    landing = by_sha[batch[-1]]
    contributors = [by_sha[s] for s in batch if s in by_sha]
    if len(landing.parents) > 1:
        side = ancestors(graph, landing.parents[1], landed)
        contributors = [by_sha[s] for s in side if s in by_sha] or [landing]
    trailers = landing.trailers
    certain = not (set(batch) & shallow_roots)
    for path, change in sorted(final.items()):
        if change.status == "D":
            history.deletions.append(Deletion(path, landing.sha, landing.committer_date))
            continue
        touching = [c for c in contributors if any(ch.path == path for ch in c.changes)] or [landing]
        submitted_at, source = _submitted(trailers, touching)
        version = Version(
            path=path,
            blob=change.blob,
            commit=landing.sha,
            confirmed_at=landing.committer_date,
            confirmed_by=trailers.get("Confirmed-by") or landing.committer,
            submitted_at=submitted_at,
            submitted_source=source,
            renamed_from=change.old_path,
            reviewed_on=trailers.get("Reviewed-on"),
            missing_trailers=tuple(t for t in TRAILERS if t not in trailers),
            certain=certain,
        )
        previous = history.versions.pop(change.old_path, []) if change.old_path else []
        history.versions.setdefault(path, previous).append(version)


def _submitted(trailers: dict[str, str], touching: list[Commit]) -> tuple[datetime, str]:
    claimed = trailers.get("Submitted-at")
    if claimed:
        try:
            return datetime.fromisoformat(claimed), "trailer"
        except ValueError:
            log.warning("ignoring unreadable Submitted-at trailer %r", claimed)
    return min(c.author_date for c in touching), "author_date"


# -- reading a repository (I/O) --------------------------------------------------------------------


def read_history(root: Path, ref: str = "HEAD", target: str | None = None) -> History:
    """One history pass over the repository at ``root``: versions confirmed by the target
    branch's first-parent chain (``target``, default :func:`target_branch`), and what
    ``ref`` holds beyond it (``pending``). A ``ref`` given without a target is its own target
    (the history as of that commit, e.g. a pull request's base)."""
    import git  # GitPython; imported here so validation does not pay for it

    try:
        repo = git.Repo(root, search_parent_directories=False)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return History(available=False)
    try:
        head = repo.git.rev_parse("--verify", f"{ref}^{{commit}}")
    except git.GitCommandError:
        return History(available=True, drafts=_drafts(repo))  # no commits yet
    name = target if target is not None else (target_branch() if ref == "HEAD" else ref)
    tip = _resolve_target(repo, name)
    shallow_file = Path(repo.git_dir) / "shallow"
    roots = frozenset(shallow_file.read_text().split()) if shallow_file.exists() else frozenset()
    if tip is None:
        log.warning(
            "找不到确认分支「%s」（本地和 origin 都没有）：没有任何材料算作已确认，已提交的都按“已提交，待确认”处理。"
            "请用 --target 或环境变量 SCPILOT_TARGET_BRANCH 指定确认分支。",
            name,
        )
        history = History(shallow=bool(roots), head=None)
        branch = parse_log(_log(repo, head))
    else:
        graph = parse_graph(repo.git.rev_list("--parents", tip))
        history = build_history(parse_log(_log(repo, tip)), graph, tip, roots)
        branch = parse_log(_log(repo, f"{tip}..{head}")) if tip != head else []
    history.target = name if tip is not None else None
    confirmed = {path: versions[-1].blob for path, versions in history.versions.items()}
    history.pending = pending_changes(branch, confirmed)
    history.drafts = _drafts(repo)
    return history


def _resolve_target(repo: object, name: str) -> str | None:
    import git

    assert isinstance(repo, git.Repo)
    for candidate in candidate_refs(name):
        try:
            return str(repo.git.rev_parse("--verify", "--quiet", f"{candidate}^{{commit}}"))
        except git.GitCommandError:
            continue
    return None


def _log(repo: object, revisions: str) -> str:
    import git

    assert isinstance(repo, git.Repo)
    return str(
        repo.git.execute(
            [
                "git",
                "-c",
                "core.quotepath=off",
                "log",
                "--raw",
                "--no-abbrev",
                "-M",
                "--diff-merges=first-parent",
                f"--format={LOG_FORMAT}",
                revisions,
                "--",
                "submissions",
            ],
            strip_newline_in_stdout=False,
        )
    )


def drafts_under(root: Path, folders: list[str]) -> tuple[str, ...]:
    """The files of ``folders`` (repository-relative) changed or added in the work tree but not
    committed: ``History.drafts`` for those folders only (``mkdocs serve`` after an edit)."""
    import git

    try:
        repo = git.Repo(root, search_parent_directories=False)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return ()
    try:
        return _drafts(repo, folders)
    finally:
        repo.close()


def _drafts(repo: object, folders: list[str] | None = None) -> tuple[str, ...]:
    import git

    assert isinstance(repo, git.Repo)
    out = str(
        repo.git.execute(
            ["git", "-c", "core.quotepath=off", "status", "--porcelain", "--untracked-files=all", "--"]
            + (folders if folders is not None else ["submissions"])
        )
    )
    return tuple(sorted(line[3:].split(" -> ")[-1] for line in out.splitlines() if line.strip()))
