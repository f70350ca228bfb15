"""Build fixture sites: the base fixture committed to a git repository, with the real
mkdocs.yml and hand-written docs, built by `mkdocs build --strict`."""

from __future__ import annotations

import functools
import gzip
import json
import os
import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from casekit import ROOT, make_base
from filelock import FileLock
from gitkit import GitRepo

from generator.load.layout import classify
from generator.load.loader import load_bytes
from generator.load.schemas import PathKey, SchemaSet


def make_site_repo(target: Path, change: Callable[[Path], None] | None = None) -> Path:
    """The base fixture as a site, committed once; ``change`` edits the files before the commit."""
    make_base(target)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs")
    if change is not None:
        change(target)
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


def _shared_folder(factory: pytest.TempPathFactory) -> Path:
    """One folder for the whole test run: under xdist each worker's base temporary folder is
    ``<run>/popen-gwN``, so their parent is the run's own."""
    base = factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared-sites"
    folder.mkdir(exist_ok=True)
    return folder


def built_once(
    factory: pytest.TempPathFactory, name: str, make: Callable[[Path], subprocess.CompletedProcess[str]]
) -> tuple[Path, str]:
    """``make(folder)`` run once per test run, whichever module or xdist worker asks first (the others
    wait on a file lock and reuse it): the folder and the build's log (stderr). The inputs (this
    checkout, its fixtures) do not change during a run, so ``name`` is the key. Only a build that
    succeeded is kept: after a failure the next module to ask builds again, and fails with its own log,
    so a failure reaches no more tests than when each module built its own site."""
    shared = _shared_folder(factory)
    folder = shared / name
    record = shared / f"{name}.json"
    with FileLock(str(shared / f"{name}.lock")):
        if not record.exists():
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir()
            result = make(folder)
            assert result.returncode == 0, result.stderr
            record.write_text(json.dumps({"stderr": result.stderr}), "utf-8")
    return folder, str(json.loads(record.read_text(encoding="utf-8"))["stderr"])


def base_site_repo(factory: pytest.TempPathFactory, name: str = "repo") -> Path:
    """A private copy (its own folder, free to change) of the base fixture committed by
    :func:`make_site_repo` and built by `mkdocs build --strict` into ``site/``; the build itself
    is done once per test run and shared by every module that needs this plain site."""
    shared, _ = built_once(factory, "base", lambda folder: build(make_site_repo(folder / "repo")))
    copy = factory.mktemp(name) / "repo"
    shutil.copytree(shared / "repo", copy, symlinks=True)
    return copy


def build_process(root: Path, *extra: str, profile: str = "public") -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in a process of its own: its exit code and everything it wrote to
    stderr, a word segmenter's or a library's own chatter included (what test_sample_site reads)."""
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


def build(root: Path, *extra: str, profile: str | None = "public") -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of ``root`` in this process, as ``mkdocs build`` runs it (its
    ``build_command``: the config loaded, the plugins' startup, the build, their shutdown) without a
    new interpreter importing MkDocs, the theme and the generator again (about 2 s of processor
    time a build). The result reads like :func:`build_process`'s: exit code 0, or 1 with the error;
    ``stderr`` holds MkDocs' log (the generator's lines reach it through the plugin) and a traceback
    if the build raised. The process environment, the working folder, the log's settings and the
    warning filters are put back afterwards (the plugin sets SOURCE_DATE_EPOCH for its build).
    ``extra`` takes ``--site-dir DIR`` and ``--config-file FILE`` (relative to ``root``) only."""
    import io
    import logging
    import traceback
    import warnings

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    options: dict[str, Any] = {"config_file": str(root / "mkdocs.yml")}
    args = list(extra)
    names = {"--site-dir": "site_dir", "-d": "site_dir", "--config-file": "config_file", "-f": "config_file"}
    while args:
        flag = args.pop(0)
        if flag not in names or not args:
            raise ValueError(f"build(): unsupported argument {flag!r}; use build_process")
        options[names[flag]] = str((root / args.pop(0)).resolve())
    environ, cwd = dict(os.environ), os.getcwd()
    logger = logging.getLogger("mkdocs")
    level, propagate = logger.level, logger.propagate
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    if profile is not None:  # None: the environment's or mkdocs.yml's, as a plain `mkdocs build`
        os.environ["SCPILOT_PROFILE"] = profile
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # as `mkdocs build` sets it: the log is the build's, not the test's
    codes: list[int] = []

    def run() -> None:
        # a library's DeprecationWarning is a line of the log under `mkdocs build`, not an error
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("default")
            try:
                config = load_config(strict=True, **options)
                config.plugins.on_startup(command="build", dirty=False)
                try:
                    mkdocs_build(config)
                finally:
                    config.plugins.on_shutdown()
                codes.append(0)
            except Abort as exc:
                codes.append(1)
                stream.write(f"Aborted: {exc}\n")
            except Exception:
                codes.append(1)
                stream.write(traceback.format_exc())
        for warning in caught:
            stream.write(f"INFO    -  {warning.category.__name__}: {warning.message}\n")

    try:
        os.chdir(root)
        # a thread of its own, as the main thread of `mkdocs build`: no event loop running in it
        # (Pagefind's API calls asyncio.run; a Playwright page in this thread runs a loop)
        thread = threading.Thread(target=run, name="mkdocs-build")
        thread.start()
        thread.join()
    finally:
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(environ)
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
    return subprocess.CompletedProcess(["mkdocs", "build", "--strict", *extra], codes[0], "", stream.getvalue())


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
    """The links and ids of a page; parsed once while the file is unchanged (a link checker asks
    for the same target page once per link to it). Read only: the result is shared."""
    stat = path.stat()
    return _parse(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16384)
def _parse(path: str, _mtime_ns: int, _size: int) -> Links:
    parser = Links()
    parser.feed(Path(path).read_text(encoding="utf-8"))
    return parser


def resolve(page: Path, href: str) -> tuple[Path, str]:
    """The file a relative link on ``page`` points to (a folder means its index.html), and the anchor.
    The path is normalised as text (``..`` and ``.`` taken out), not by asking the file system about
    every folder on the way (``Path.resolve``: a third of the sample's link check, 33,000 links): a
    built site holds no symbolic links, so both give the same file."""
    parts = urlsplit(href)
    target = Path(os.path.normpath(os.path.join(page.parent, unquote(parts.path)))) if parts.path else page
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def site_text(site: Path) -> str:
    """Everything a visitor can download from a built site, as text: pages, scripts, JSON, CSV,
    the search index (Pagefind's files unpacked, without its word breaks), the sitemap (and its
    .gz) and the XML inside every XLSX workbook."""
    chunks = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as archive:
                chunks += [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
            continue
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        elif path.suffix.startswith(".pf_") and raw.startswith(b"\x1f\x8b"):
            raw = gzip.decompress(raw).replace("\u200b".encode(), b"")
        chunks.append(raw.decode("utf-8", "replace"))
    return "\n".join(chunks)


def _values_at(data: Any, path: PathKey) -> Iterator[Any]:
    if not path:
        yield data
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for item in data if isinstance(data, list) else []:
            yield from _values_at(item, rest)
    elif isinstance(data, dict) and head in data:
        yield from _values_at(data[head], rest)


def _leaves(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for value in data.values():
            yield from _leaves(value)
    elif isinstance(data, list):
        for value in data:
            yield from _leaves(value)
    elif isinstance(data, str):
        yield data


def internal_values(schemas: SchemaSet, documents: Iterable[tuple[str, bytes]]) -> set[str]:
    """Every text under a field the schemas mark ``x-internal`` in these (path, bytes) files."""
    found: set[str] = set()
    for rel, raw in documents:
        location = classify(rel)
        loaded = load_bytes(raw, rel)
        if location is None or loaded.document is None:
            continue
        for path in schemas.internal_paths(location.kind):
            for value in _values_at(loaded.document.data, path):
                found.update(v for v in _leaves(value) if v.strip())
    return found


def working_tree_documents(root: Path) -> list[tuple[str, bytes]]:
    return [
        (p.relative_to(root).as_posix(), p.read_bytes())
        for p in sorted((root / "submissions").rglob("*.yaml"))
        if p.is_file() and not p.is_symlink()
    ]


def history_documents(root: Path) -> list[tuple[str, bytes]]:
    """Every version of every submission file in the git history of ``root`` (all refs)."""
    log = subprocess.run(
        ["git", "log", "--all", "--format=commit %H", "--name-only", "--diff-filter=AM", "--", "submissions"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    wanted: list[tuple[str, str]] = []
    commit = ""
    for line in log.splitlines():
        if line.startswith("commit "):
            commit = line.split()[1]
        elif line.strip():
            wanted.append((commit, line.strip()))
    if not wanted:
        return []
    batch = subprocess.run(
        ["git", "cat-file", "--batch"],
        cwd=root,
        input="".join(f"{c}:{p}\n" for c, p in wanted).encode(),
        capture_output=True,
        check=True,
    ).stdout
    found = []
    offset = 0
    for _commit, rel in wanted:
        header_end = batch.index(b"\n", offset)
        header = batch[offset:header_end].split()
        offset = header_end + 1
        if header[-1] == b"missing":
            continue
        size = int(header[2])
        found.append((rel, batch[offset : offset + size]))
        offset += size + 1
    return found


class Structure(HTMLParser):
    """The elements of a page without its text: what an injected payload must never change."""

    URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.urls: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))
        for name, value in attrs:
            if name in self.URL_ATTRIBUTES and value is not None:
                self.urls.append((tag, name, value))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def structure(html: str) -> Structure:
    parser = Structure()
    parser.feed(html)
    parser.close()
    return parser


def public_text(root: Path, schemas: SchemaSet, documents: Iterable[tuple[str, bytes]]) -> str:
    """Text that may appear on the public site for reasons other than an internal field: the public
    fields of the documents, the schemas (the data reference prints their descriptions) and docs/.
    An internal value found here (a position such as 副总经理 in a narrative) proves no leak."""
    from generator.site.profile import redact

    chunks = [json.dumps(schema, ensure_ascii=False) for schema in schemas.schemas.values()]
    chunks += [p.read_text(encoding="utf-8") for p in sorted((root / "docs").rglob("*.md"))]
    for rel, raw in documents:
        location = classify(rel)
        loaded = load_bytes(raw, rel)
        if location is not None and loaded.document is not None:
            chunks += list(_leaves(redact(schemas, location.kind, loaded.document.data)))
    return "\n".join(chunks)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


@contextmanager
def serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
