"""``mkdocs serve``: an edit of a pilot's documents shows on that pilot's pages at once.

The first build, a commit, or a change to anything but a pilot's own documents (schemas, a
calendar, a province, a list of practices) builds everything, as ``mkdocs build`` does. After
that, each rebuild compares the files under ``submissions/`` and ``schemas/`` with the last good
build (size and modification time). When only pilots' documents (``pilot.yaml``, ledger,
reports, summaries) changed, it

1. validates the change as a pull request is validated (:func:`validate_changes`: the problems
   a full validation reports for those files and the files that depend on them);
2. swaps the changed documents into the last good repository, reads the work tree's state of
   those folders from git (a draft shows as a draft), and renders the pages of those pilots
   alone (:func:`pilots_pages`, everything under ``pilots/<id>/``);
3. hands back the inputs, so that the adapter renders every page from them in the background
   (:meth:`LiveSite.complete`): the listings, status, statistics, catalogue and downloads
   that also depend on the edit follow a little later.

A change that does not validate raises :class:`SiteError` and keeps the last good state, so
the next rebuild compares against it again.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from generator.history.gitio import GitError, resolve
from generator.history.pending import candidate_refs
from generator.history.versions import drafts_under
from generator.load.layout import SUBMISSIONS, classify, pilot_folder
from generator.model.repository import build_repository
from generator.rules.incremental import validate_changes
from generator.rules.validate import load_documents
from generator.site.build import SiteError, prepare, published
from generator.site.inputs import SiteConfig, SiteInputs
from generator.site.pages import build_pages, pilots_pages

log = logging.getLogger(__name__)

PILOT_KINDS = frozenset({"pilot", "ledger", "report", "summary"})
"""Documents whose own pages are a pilot's pages: an edit of one is shown at once."""
WATCHED = (SUBMISSIONS, "schemas")

Stamp = tuple[int, int]


@dataclass
class Update:
    pages: dict[str, str | bytes]
    pilots: list[str]
    """The pilots whose pages were rebuilt at once; empty after a full build or no change."""
    changed: list[str]
    """The files that changed since the last good build."""
    rest: SiteInputs | None = None
    """Set when only the pilots' pages are new: every page is to be rendered from these inputs
    (``build_pages``) and handed to :meth:`LiveSite.complete`."""


@dataclass
class _State:
    inputs: SiteInputs
    pages: dict[str, str | bytes]
    stamps: dict[str, Stamp]
    tips: tuple[str | None, str | None]


def scan(root: Path) -> dict[str, Stamp]:
    """Size and modification time of every file under ``submissions/`` and ``schemas/`` but
    hidden ones."""
    found: dict[str, Stamp] = {}
    for top in WATCHED:
        for folder, dirs, names in os.walk(root / top):
            dirs[:] = [d for d in dirs if not d.startswith(".")]  # hidden: not submissions (validate.py)
            rel = Path(folder).relative_to(root).as_posix()
            for name in names:
                if name.startswith("."):  # an editor's swap or lock file (.x.yaml.swp, .#x.yaml)
                    continue
                try:
                    st = os.stat(os.path.join(folder, name))
                except OSError:
                    continue  # removed while we looked: the next rebuild sees it gone
                found[f"{rel}/{name}"] = (st.st_mtime_ns, st.st_size)
    return found


class LiveSite:
    """The state of ``mkdocs serve`` between rebuilds (no I/O until :meth:`build`)."""

    def __init__(self, root: Path, config: SiteConfig, at: date | None, target: str | None) -> None:
        self.root = root
        self.config = config
        self.at = at
        self.target = target
        self._state: _State | None = None

    @property
    def inputs(self) -> SiteInputs | None:
        return self._state.inputs if self._state else None

    def build(self) -> Update:
        stamps = scan(self.root)
        tips = self._tips()
        state = self._state
        if state is None or tips != state.tips:
            return self._full(stamps)
        changed = sorted(p for p in stamps.keys() | state.stamps.keys() if stamps.get(p) != state.stamps.get(p))
        if not changed:
            return Update(state.pages, [], [])
        locations = [classify(p) for p in changed]
        if not all(loc is not None and loc.kind in PILOT_KINDS and loc.pilot for loc in locations):
            return self._full(stamps, changed)
        return self._quick(state, stamps, changed)

    def complete(self, inputs: SiteInputs, pages: dict[str, str | bytes]) -> bool:
        """Every page rendered from ``inputs`` (in the background): kept if no later edit came
        first. True when kept."""
        if self._state is None or self._state.inputs is not inputs:
            return False
        self._state.pages = pages
        return True

    def _tips(self) -> tuple[str | None, str | None]:
        """HEAD and the confirming branch: a commit, a merge or a checkout rebuilds everything."""
        head = _resolve(self.root, "HEAD")
        branch = self._state.inputs.history.target if self._state else None
        for ref in candidate_refs(branch) if branch else []:
            tip = _resolve(self.root, ref)
            if tip is not None:
                return head, tip
        return head, None

    def _full(self, stamps: dict[str, Stamp], changed: list[str] | None = None) -> Update:
        inputs = prepare(self.root, self.config, self.at, self.target)
        pages = build_pages(inputs)
        self._state = _State(inputs, pages, stamps, (None, None))
        self._state.tips = self._tips()  # after the build: the confirming branch is known now
        return Update(pages, [], changed or [])

    def _quick(self, state: _State, stamps: dict[str, Stamp], changed: list[str]) -> Update:
        old = state.inputs
        checked = validate_changes(self.root, changed, old.schemas)
        if checked.result.errors:
            raise SiteError(checked.result.errors, checked.result.files)
        present = [p for p in changed if p in stamps]
        loaded = load_documents(self.root, present, old.schemas)
        if loaded.problems or len(loaded.valid) != len(present):  # changed again since it was validated
            raise SiteError(loaded.problems, len(present))
        gone = set(changed)
        documents = {doc.path: (loc, doc) for loc, doc in old.repo.documents if doc.path not in gone}
        for loc, doc in published(old.schemas, self.config, loaded.valid):
            documents[doc.path] = (loc, doc)
        repo = build_repository([documents[p] for p in sorted(documents)], set())
        owners = {(at.province, at.pilot) for at in filter(None, map(classify, changed)) if at.province and at.pilot}
        folders = sorted(pilot_folder(province, pilot) for province, pilot in owners)
        drafts = {d for d in old.history.drafts if not d.startswith(tuple(folders))}
        history = replace(old.history, drafts=tuple(sorted(drafts | set(drafts_under(self.root, folders)))))
        scope = set(checked.scope) if checked.scope is not None else None
        warnings = checked.result.warnings + [w for w in old.warnings if scope is not None and w.file not in scope]
        inputs = replace(old, repo=repo, history=history, warnings=sorted(warnings, key=lambda w: w.sort_key()))
        ids = sorted({pilot for _, pilot in owners})
        fresh = pilots_pages(inputs, set(ids))
        prefixes = tuple(f"pilots/{i}/" for i in ids)
        pages = {k: v for k, v in state.pages.items() if not k.startswith(prefixes)} | fresh
        self._state = _State(inputs, dict(sorted(pages.items())), stamps, state.tips)
        return Update(self._state.pages, ids, changed, rest=inputs)


def _resolve(root: Path, ref: str) -> str | None:
    try:
        return resolve(root, ref)
    except GitError:
        return None
