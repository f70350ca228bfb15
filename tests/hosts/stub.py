"""The common part of the host stand-ins: an HTTP server on 127.0.0.1, CORS, the token, the
record of every request, the contract check, and a small in-memory repository.

A host subclass names its description, how it reads the token, and one handler per operation of
that description (keyed by the description's own path template, so a route cannot exist without
an operation behind it).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

from .openapi import NO_BODY, Description, Operation

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
ALLOW_HEADERS = "Authorization, Content-Type, PRIVATE-TOKEN, X-GitHub-Api-Version, Accept"
ALLOW_METHODS = "GET, POST, PUT, PATCH"
REDACTED = "<token>"


class Reply(Exception):
    """Raised by a handler (or the checks before it) to answer with this status and JSON body."""

    def __init__(self, status: int, body: Any) -> None:
        super().__init__(status)
        self.status, self.body = status, body


@dataclass
class Recorded:
    """One request as the stub saw it; the token's value is replaced by <token> in the headers."""

    method: str
    target: str  # the raw request target: path (still percent-encoded) and query
    headers: dict[str, str]
    body: Any  # the parsed JSON, the raw text when it is not JSON, or None
    status: int = 0
    problems: list[str] = field(default_factory=list)
    operation: str = ""  # "METHOD template" from the description, when one matched
    token_in_url: bool = False
    token_in_body: bool = False


@dataclass
class PullRequest:
    number: int
    title: str
    body: str
    head: str
    base: str
    url: str
    state: str = "open"


@dataclass
class Commit:
    sha: str
    parent: str | None
    tree: dict[str, bytes]
    message: str


def blob_sha(content: bytes) -> str:
    """Git's blob id of the content, as the hosts report a file's sha."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


def files_from(folder: Path, under: str = "") -> dict[str, bytes]:
    """Every file below `folder` as repository paths (prefixed by `under`) mapped to their bytes."""
    prefix = under.strip("/") + "/" if under.strip("/") else ""
    return {
        prefix + p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


class Repo:
    """Branches pointing at commits, each commit holding a full tree (path -> bytes)."""

    def __init__(self, files: Mapping[str, bytes], default_branch: str) -> None:
        self.counter = itertools.count(1)
        self.commits: dict[str, Commit] = {}
        self.branches: dict[str, str] = {}
        self.default_branch = default_branch
        root = self._new_commit(None, dict(files), "Initial commit")
        self.branches[default_branch] = root.sha

    def _new_commit(self, parent: str | None, tree: dict[str, bytes], message: str) -> Commit:
        sha = hashlib.sha1(f"commit {next(self.counter)} {parent} {message}".encode()).hexdigest()
        commit = Commit(sha, parent, tree, message)
        self.commits[sha] = commit
        return commit

    def head(self, branch: str) -> Commit | None:
        sha = self.branches.get(branch)
        return self.commits[sha] if sha else None

    def resolve(self, ref: str) -> Commit | None:
        """A branch name or a commit sha."""
        return self.head(ref) or self.commits.get(ref)

    def create_branch(self, name: str, sha: str) -> None:
        self.branches[name] = sha

    def commit(self, branch: str, changes: Mapping[str, bytes | None], message: str) -> Commit:
        head = self.head(branch)
        assert head is not None, branch
        tree = dict(head.tree)
        for path, content in changes.items():
            if content is None:
                tree.pop(path, None)
            else:
                tree[path] = content
        new = self._new_commit(head.sha, tree, message)
        self.branches[branch] = new.sha
        return new


Handler = Callable[[Operation, Any, dict[str, list[str]]], tuple[int, Any]]


class HostStub:
    """A stand-in for one host's REST API. Use as a context manager, or call start() and stop().

    Failure modes: cors=False (no CORS headers at all), forbid_writes (403 on every write),
    unknown_repo (404 for the repository), fail_pull (422 on opening the pull/merge request);
    a branch that already exists (existing_branches) gets the host's own 409/422/400.
    """

    kind: ClassVar[str] = ""
    default_prefix: ClassVar[str] = ""

    def __init__(
        self,
        *,
        token: str = "test-token-0123456789",
        owner: str = "commerce",
        repo: str = "filings",
        files: Mapping[str, bytes] | None = None,
        default_branch: str = "main",
        existing_branches: Iterable[str] = (),
        cors: bool = True,
        forbid_writes: bool = False,
        unknown_repo: bool = False,
        fail_pull: bool = False,
        api_prefix: str | None = None,
    ) -> None:
        self.token, self.owner, self.repo_name = token, owner, repo
        self.cors, self.forbid_writes, self.unknown_repo, self.fail_pull = cors, forbid_writes, unknown_repo, fail_pull
        self.api_prefix = (self.default_prefix if api_prefix is None else api_prefix).rstrip("/")
        self.repo = Repo(files if files is not None else {"README.md": b"# filings\n"}, default_branch)
        for name in existing_branches:
            self.repo.create_branch(name, self.repo.branches[default_branch])
        self.requests: list[Recorded] = []
        self.pulls: list[PullRequest] = []
        self.lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- what a host defines --------------------------------------------------------------------

    def description(self) -> Description:
        raise NotImplementedError

    def handlers(self) -> dict[tuple[str, str], Handler]:
        raise NotImplementedError

    def token_from(self, headers: Mapping[str, str]) -> str | None:
        raise NotImplementedError

    def repo_matches(self, op: Operation) -> bool:
        return op.params.get("owner") == self.owner and op.params.get("repo") == self.repo_name

    # -- life cycle -------------------------------------------------------------------------------

    def start(self) -> HostStub:
        stub = self

        class RequestHandler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                stub._serve(self)

            do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_HEAD = do_GET

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), RequestHandler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            assert self._thread is not None
            self._thread.join(timeout=5)
            self._server = None

    def __enter__(self) -> HostStub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- what tests read ----------------------------------------------------------------------------

    @property
    def origin(self) -> str:
        assert self._server is not None, "start() the stub first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def base_url(self) -> str:
        """The API base the page is pointed at (…/api/v1 for Gitea, …/api/v4 for GitLab)."""
        return self.origin + self.api_prefix

    @property
    def web_url(self) -> str:
        """The repository's web address on this host (what html_url/web_url answers point into)."""
        return f"{self.origin}/{self.owner}/{self.repo_name}"

    def file_on_branch(self, branch: str, path: str) -> bytes | None:
        with self.lock:
            head = self.repo.head(branch)
            return None if head is None else head.tree.get(path)

    def branch_names(self) -> list[str]:
        with self.lock:
            return sorted(self.repo.branches)

    def problems(self) -> list[str]:
        """Every contract problem of every request so far (empty when all were in contract)."""
        with self.lock:
            return [f"{r.method} {r.target}: {p}" for r in self.requests for p in r.problems]

    def assert_in_contract(self) -> None:
        problems = self.problems()
        assert not problems, "requests out of the published API description:\n" + "\n".join(problems)

    def token_leaks(self) -> list[Recorded]:
        """Requests that carried the token in the URL or in the body."""
        with self.lock:
            return [r for r in self.requests if r.token_in_url or r.token_in_body]

    def api_requests(self) -> list[Recorded]:
        """The recorded requests other than CORS preflights."""
        with self.lock:
            return [r for r in self.requests if r.method != "OPTIONS"]

    # -- serving ----------------------------------------------------------------------------------

    def _serve(self, http: BaseHTTPRequestHandler) -> None:
        method, target = http.command, http.path
        raw = http.rfile.read(int(http.headers.get("Content-Length") or 0))
        text = raw.decode("utf-8", errors="replace")
        body: Any = NO_BODY
        problems: list[str] = []
        if raw:
            try:
                body = json.loads(text)
            except ValueError:
                body = text
                problems.append("the request body is not JSON")
        headers = {k: v.replace(self.token, REDACTED) if self.token else v for k, v in http.headers.items()}
        record = Recorded(
            method,
            target,
            headers,
            None if body is NO_BODY else body,
            problems=problems,
            token_in_url=bool(self.token) and self.token in target,
            token_in_body=bool(self.token) and self.token in text,
        )
        with self.lock:
            self.requests.append(record)
        if method == "OPTIONS":
            return self._send(http, record, 204, None, preflight=True)
        try:
            status, answer = self._answer(method, target, dict(http.headers.items()), body, record)
        except Reply as reply:
            status, answer = reply.status, reply.body
        except Exception as error:  # a fault of the stand-in itself: answer, and make the test fail
            record.problems.append(f"the stand-in failed: {error!r}")
            status, answer = 500, {"message": f"stand-in error: {error!r}"}
        self._send(http, record, status, answer)

    def _answer(
        self, method: str, target: str, headers: dict[str, str], body: Any, record: Recorded
    ) -> tuple[int, Any]:
        path = urlsplit(target).path
        if not path.startswith(self.api_prefix + "/"):
            record.problems.append(f"outside the API base {self.api_prefix or '/'}")
            raise Reply(404, {"message": "Not Found"})
        relative = target[len(self.api_prefix) :]
        description = self.description()
        record.problems.extend(description.check(method, relative, headers, body))
        op = description.find(method, relative)
        if op is not None:
            record.operation = f"{op.method} {op.template}"
        if record.problems:
            raise Reply(400, {"message": "request out of the published API description", "problems": record.problems})
        assert op is not None
        if self.token_from(headers) != self.token:
            raise Reply(401, {"message": "401 Unauthorized"})
        handler = self.handlers().get((op.method, op.template))
        if handler is None:
            raise Reply(501, {"message": f"the stub does not implement {record.operation}"})
        if self.unknown_repo or not self.repo_matches(op):
            raise Reply(404, {"message": "Not Found"})
        if self.forbid_writes and method in WRITE_METHODS:
            raise Reply(403, {"message": "403 Forbidden"})
        query = parse_qs(urlsplit(relative).query)
        with self.lock:
            return handler(op, None if body is NO_BODY else body, query)

    def _send(
        self, http: BaseHTTPRequestHandler, record: Recorded, status: int, answer: Any, preflight: bool = False
    ) -> None:
        record.status = status
        data = b"" if answer is None else json.dumps(answer, ensure_ascii=False).encode("utf-8")
        http.send_response(status)
        origin = http.headers.get("Origin")
        if self.cors and origin:
            http.send_header("Access-Control-Allow-Origin", origin)
            http.send_header("Vary", "Origin")
            if preflight:
                http.send_header("Access-Control-Allow-Methods", ALLOW_METHODS)
                http.send_header("Access-Control-Allow-Headers", ALLOW_HEADERS)
                http.send_header("Access-Control-Max-Age", "600")
        if data:
            http.send_header("Content-Type", "application/json; charset=utf-8")
        http.send_header("Content-Length", str(len(data)))
        http.end_headers()
        if http.command != "HEAD":
            http.wfile.write(data)

    # -- shared helpers for the hosts ---------------------------------------------------------------

    def open_pull(self, title: str, body: str, head: str, base: str, web_path: str) -> PullRequest:
        """Record a new pull/merge request; web_path is its page below the repository, with {number}."""
        number = len(self.pulls) + 1
        pull = PullRequest(number, title, body, head, base, f"{self.web_url}/{web_path.format(number=number)}")
        self.pulls.append(pull)
        return pull

    def open_pull_for(self, head: str, base: str) -> PullRequest | None:
        return next((p for p in self.pulls if p.head == head and p.base == base and p.state == "open"), None)
