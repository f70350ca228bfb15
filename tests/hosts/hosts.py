"""The three hosts: GitHub REST (2022-11-28), Gitea/Forgejo API v1 and GitLab API v4, each with
the minimal stateful behaviour the filing desk needs (branch, commit a file, open the request)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any, ClassVar
from urllib.parse import quote

from . import openapi
from .openapi import Description, Operation
from .stub import Commit, Handler, HostStub, Reply, blob_sha


def decode64(text: Any, field: str) -> bytes:
    try:
        return base64.b64decode("".join(str(text).split()), validate=True)
    except (binascii.Error, ValueError):
        raise Reply(422, {"message": f"{field} is not valid Base64"}) from None


def encode64(content: bytes, wrap: bool = False) -> str:
    text = base64.b64encode(content).decode("ascii")
    if wrap:  # GitHub wraps the content at 60 characters
        text = "\n".join(text[i : i + 60] for i in range(0, len(text), 60)) + "\n"
    return text


def first(query: Mapping[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None


def bearer(headers: Mapping[str, str], *schemes: str) -> str | None:
    value = next((v for k, v in headers.items() if k.lower() == "authorization"), "")
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() in schemes else None


class GitHubStub(HostStub):
    """GitHub REST API; the API base is the root, or e.g. api_prefix="/api/v3" as on GitHub Enterprise."""

    kind: ClassVar[str] = "github"

    def description(self) -> Description:
        return openapi.github()

    def token_from(self, headers: Mapping[str, str]) -> str | None:
        return bearer(headers, "bearer", "token")

    def handlers(self) -> dict[tuple[str, str], Handler]:
        r = "/repos/{owner}/{repo}"
        return {
            ("GET", r): self.get_repo,
            ("GET", r + "/git/ref/{ref}"): self.get_ref,
            ("POST", r + "/git/refs"): self.create_ref,
            ("GET", r + "/contents/{path}"): self.get_content,
            ("PUT", r + "/contents/{path}"): self.put_content,
            ("POST", r + "/pulls"): self.create_pull,
        }

    def get_repo(self, op: Operation, body: Any, query: Any) -> tuple[int, Any]:
        full = f"{self.owner}/{self.repo_name}"
        perms = {"admin": False, "maintain": False, "push": not self.forbid_writes, "triage": False, "pull": True}
        return 200, {
            "id": 1,
            "name": self.repo_name,
            "full_name": full,
            "private": False,
            "html_url": self.web_url,
            "default_branch": self.repo.default_branch,
            "permissions": perms,
        }

    def _ref(self, branch: str) -> dict[str, Any]:
        sha = self.repo.branches[branch]
        return {"ref": f"refs/heads/{branch}", "object": {"sha": sha, "type": "commit"}}

    def get_ref(self, op: Operation, body: Any, query: Any) -> tuple[int, Any]:
        ref = op.params["ref"]
        branch = ref.removeprefix("heads/")
        if not ref.startswith("heads/") or branch not in self.repo.branches:
            raise Reply(404, {"message": "Not Found"})
        return 200, self._ref(branch)

    def create_ref(self, op: Operation, body: Any, query: Any) -> tuple[int, Any]:
        ref, sha = str(body["ref"]), str(body["sha"])
        if not ref.startswith("refs/heads/"):
            raise Reply(422, {"message": "Reference update failed"})
        branch = ref.removeprefix("refs/heads/")
        if branch in self.repo.branches:
            raise Reply(422, {"message": "Reference already exists"})
        if sha not in self.repo.commits:
            raise Reply(422, {"message": "Object does not exist"})
        self.repo.create_branch(branch, sha)
        return 201, self._ref(branch)

    def _head(self, branch: str) -> Commit:
        head = self.repo.head(branch)
        if head is None:
            raise Reply(404, {"message": f"No commit found for the ref {branch}"})
        return head

    def get_content(self, op: Operation, body: Any, query: Mapping[str, list[str]]) -> tuple[int, Any]:
        path = op.params["path"]
        content = self._head(first(query, "ref") or self.repo.default_branch).tree.get(path)
        if content is None:
            raise Reply(404, {"message": "Not Found"})
        return 200, {
            "type": "file",
            "encoding": "base64",
            "size": len(content),
            "name": path.rsplit("/", 1)[-1],
            "path": path,
            "content": encode64(content, wrap=True),
            "sha": blob_sha(content),
        }

    def put_content(self, op: Operation, body: Any, query: Any) -> tuple[int, Any]:
        path = op.params["path"]
        branch = str(body.get("branch") or self.repo.default_branch)
        current = self._head(branch).tree.get(path)
        content = decode64(body["content"], "content")
        if current is not None and "sha" not in body:
            raise Reply(422, {"message": 'Invalid request.\n\n"sha" wasn\'t supplied.'})
        if current is not None and body["sha"] != blob_sha(current):
            raise Reply(409, {"message": f"{path} does not match {body['sha']}"})
        commit = self.repo.commit(branch, {path: content}, str(body["message"]))
        answer = {
            "content": {"name": path.rsplit("/", 1)[-1], "path": path, "sha": blob_sha(content)},
            "commit": {"sha": commit.sha, "message": commit.message},
        }
        return (201 if current is None else 200), answer

    def create_pull(self, op: Operation, body: Any, query: Any) -> tuple[int, Any]:
        head = str(body["head"]).split(":", 1)[-1]
        base = str(body["base"])
        invalid = [f for f, b in (("head", head), ("base", base)) if b not in self.repo.branches]
        if self.fail_pull or invalid:
            errors = [{"resource": "PullRequest", "field": f, "code": "invalid"} for f in invalid or ["base"]]
            raise Reply(422, {"message": "Validation Failed", "errors": errors})
        if self.open_pull_for(head, base):
            raise Reply(
                422,
                {
                    "message": "Validation Failed",
                    "errors": [
                        {
                            "resource": "PullRequest",
                            "code": "custom",
                            "message": f"A pull request already exists for {self.owner}:{head}.",
                        }
                    ],
                },
            )
        if self._head(head).tree == self._head(base).tree:
            raise Reply(
                422,
                {
                    "message": "Validation Failed",
                    "errors": [
                        {
                            "resource": "PullRequest",
                            "code": "custom",
                            "message": f"No commits between {base} and {head}",
                        }
                    ],
                },
            )
        pull = self.open_pull(str(body.get("title", "")), str(body.get("body") or ""), head, base, "pull/{number}")
        return 201, {
            "number": pull.number,
            "html_url": pull.url,
            "state": "open",
            "title": pull.title,
            "body": pull.body,
            "head": {"ref": head},
            "base": {"ref": base},
        }


class GiteaStub(HostStub):
    """Gitea/Forgejo API v1 at /api/v1."""

    kind: ClassVar[str] = "gitea"
    default_prefix: ClassVar[str] = "/api/v1"

    def description(self) -> Description:
        return openapi.gitea()

    def token_from(self, headers: Mapping[str, str]) -> str | None:
        return bearer(headers, "token", "bearer")

    def handlers(self) -> dict[tuple[str, str], Handler]:
        r = "/repos/{owner}/{repo}"
        return {
            ("GET", r): self.get_repo,
            ("GET", r + "/branches/{branch}"): self.get_branch,
            ("POST", r + "/branches"): self.create_branch,
            ("GET", r + "/contents/{filepath}"): self.get_contents,
            ("POST", r + "/contents/{filepath}"): self.create_file,
            ("PUT", r + "/contents/{filepath}"): self.update_file,
            ("POST", r + "/pulls"): self.create_pull,
        }

    def get_repo(self, op: Operation, body: Any, query: Any) -> tuple[int, Any]:
        perms = {"admin": False, "push": not self.forbid_writes, "pull": True}
        return 200, {
            "id": 1,
            "name": self.repo_name,
            "full_name": f"{self.owner}/{self.repo_name}",
            "html_url": self.web_url,
            "default_branch": self.repo.default_branch,
            "permissions": perms,
        }

    def _branch(self, name: str) -> dict[str, Any]:
        return {"name": name, "commit": {"id": self.repo.branches[name]}}

    def get_branch(self, op: Operation, body: Any, query: Any) -> tuple[int, Any]:
        name = op.params["branch"]
        if name not in self.repo.branches:
            raise Reply(404, {"message": "The target couldn't be found."})
        return 200, self._branch(name)

    def create_branch(self, op: Operation, body: Any, query: Any) -> tuple[int, Any]:
        name = str(body["new_branch_name"])
        old = self.repo.resolve(
            str(body.get("old_ref_name") or body.get("old_branch_name") or self.repo.default_branch)
        )
        if name in self.repo.branches:
            raise Reply(409, {"message": "The branch already exists."})
        if old is None:
            raise Reply(404, {"message": "The old branch does not exist"})
        self.repo.create_branch(name, old.sha)
        return 201, self._branch(name)

    def _head(self, branch: str) -> Commit:
        head = self.repo.head(branch)
        if head is None:
            raise Reply(404, {"message": f"branch does not exist [name: {branch}]"})
        return head

    def _file_response(self, path: str, content: bytes, commit: Commit) -> dict[str, Any]:
        return {
            "content": {"name": path.rsplit("/", 1)[-1], "path": path, "sha": blob_sha(content), "type": "file"},
            "commit": {"sha": commit.sha, "message": commit.message},
        }

    def get_contents(self, op: Operation, body: Any, query: Mapping[str, list[str]]) -> tuple[int, Any]:
        path = op.params["filepath"]
        content = self._head(first(query, "ref") or self.repo.default_branch).tree.get(path)
        if content is None:
            raise Reply(404, {"message": "The target couldn't be found."})
        return 200, {
            "type": "file",
            "encoding": "base64",
            "size": len(content),
            "name": path.rsplit("/", 1)[-1],
            "path": path,
            "content": encode64(content),
            "sha": blob_sha(content),
        }

    def _target_branch(self, body: Mapping[str, Any]) -> str:
        branch = str(body.get("branch") or self.repo.default_branch)
        base = self._head(branch)
        new = body.get("new_branch")
        if not new:
            return branch
        if new in self.repo.branches:
            raise Reply(422, {"message": f"branch already exists [name: {new}]"})
        self.repo.create_branch(str(new), base.sha)
        return str(new)

    def create_file(self, op: Operation, body: Any, query: Any) -> tuple[int, Any]:
        path = op.params["filepath"]
        content = decode64(body["content"], "content")
        branch = str(body.get("branch") or self.repo.default_branch)
        if self._head(branch).tree.get(path) is not None:
            raise Reply(422, {"message": f"repository file already exists [path: {path}]"})
        branch = self._target_branch(body)
        commit = self.repo.commit(branch, {path: content}, str(body.get("message") or f"Add {path}"))
        return 201, self._file_response(path, content, commit)

    def update_file(self, op: Operation, body: Any, query: Any) -> tuple[int, Any]:
        path = op.params["filepath"]
        content = decode64(body["content"], "content")
        current = self._head(str(body.get("branch") or self.repo.default_branch)).tree.get(path)
        if current is not None and body.get("sha") != blob_sha(current):
            raise Reply(
                422, {"message": f"sha does not match [given: {body.get('sha')}, expected: {blob_sha(current)}]"}
            )
        if current is None and body.get("sha"):
            raise Reply(404, {"message": "The target couldn't be found."})
        branch = self._target_branch(body)
        commit = self.repo.commit(branch, {path: content}, str(body.get("message") or f"Update {path}"))
        return (201 if current is None else 200), self._file_response(path, content, commit)

    def create_pull(self, op: Operation, body: Any, query: Any) -> tuple[int, Any]:
        head, base = str(body.get("head", "")).split(":", 1)[-1], str(body.get("base", ""))
        if self.fail_pull or head not in self.repo.branches or base not in self.repo.branches:
            raise Reply(422, {"message": "Invalid PullRequest: head or base"})
        if self.open_pull_for(head, base):
            raise Reply(409, {"message": "pull request already exists for these targets"})
        pull = self.open_pull(str(body.get("title", "")), str(body.get("body") or ""), head, base, "pulls/{number}")
        return 201, {
            "number": pull.number,
            "html_url": pull.url,
            "state": "open",
            "title": pull.title,
            "body": pull.body,
            "head": {"ref": head},
            "base": {"ref": base},
        }


class GitLabStub(HostStub):
    """GitLab API v4 at /api/v4; the project is addressed by its URL-encoded path (owner%2Fname) or id 1."""

    kind: ClassVar[str] = "gitlab"
    default_prefix: ClassVar[str] = "/api/v4"

    def description(self) -> Description:
        return openapi.gitlab()

    def token_from(self, headers: Mapping[str, str]) -> str | None:
        token = next((v for k, v in headers.items() if k.lower() == "private-token"), None)
        return token.strip() if token is not None else bearer(headers, "bearer")

    def repo_matches(self, op: Operation) -> bool:
        return op.params.get("id") in (f"{self.owner}/{self.repo_name}", "1")

    @property
    def project_id(self) -> str:
        """The project's id as the page should write it in a URL: owner%2Fname."""
        return quote(f"{self.owner}/{self.repo_name}", safe="")

    def handlers(self) -> dict[tuple[str, str], Handler]:
        p = "/projects/{id}"
        return {
            ("GET", p): self.get_project,
            ("GET", p + "/repository/branches/{branch}"): self.get_branch,
            ("POST", p + "/repository/branches"): self.create_branch,
            ("GET", p + "/repository/files/{file_path}"): self.get_file,
            ("POST", p + "/repository/commits"): self.create_commit,
            ("POST", p + "/merge_requests"): self.create_merge_request,
        }

    def get_project(self, op: Operation, body: Any, query: Any) -> tuple[int, Any]:
        full = f"{self.owner}/{self.repo_name}"
        return 200, {
            "id": 1,
            "name": self.repo_name,
            "path_with_namespace": full,
            "web_url": self.web_url,
            "default_branch": self.repo.default_branch,
        }

    def _branch(self, name: str) -> dict[str, Any]:
        return {"name": name, "commit": {"id": self.repo.branches[name]}, "web_url": f"{self.web_url}/-/tree/{name}"}

    def get_branch(self, op: Operation, body: Any, query: Any) -> tuple[int, Any]:
        name = op.params["branch"]
        if name not in self.repo.branches:
            raise Reply(404, {"message": "404 Branch Not Found"})
        return 200, self._branch(name)

    def create_branch(self, op: Operation, body: Any, query: Mapping[str, list[str]]) -> tuple[int, Any]:
        values = {**{k: v[0] for k, v in query.items()}, **(body or {})}  # GitLab reads both, like Grape
        name, ref = str(values.get("branch", "")), str(values.get("ref", ""))
        start = self.repo.resolve(ref)
        if name in self.repo.branches:
            raise Reply(400, {"message": "Branch already exists"})
        if start is None:
            raise Reply(400, {"message": "Invalid reference name"})
        self.repo.create_branch(name, start.sha)
        return 201, self._branch(name)

    def get_file(self, op: Operation, body: Any, query: Mapping[str, list[str]]) -> tuple[int, Any]:
        path, ref = op.params["file_path"], first(query, "ref") or ""
        head = self.repo.resolve(ref)
        content = None if head is None else head.tree.get(path)
        if head is None or content is None:
            raise Reply(404, {"message": "404 File Not Found"})
        return 200, {
            "file_name": path.rsplit("/", 1)[-1],
            "file_path": path,
            "size": len(content),
            "ref": ref,
            "encoding": "base64",
            "content": encode64(content),
            "blob_id": blob_sha(content),
            "commit_id": head.sha,
            "last_commit_id": head.sha,
        }

    def create_commit(self, op: Operation, body: Any, query: Any) -> tuple[int, Any]:
        branch = str(body["branch"])
        if branch not in self.repo.branches:
            start = self.repo.head(str(body.get("start_branch") or ""))
            if start is None:
                raise Reply(400, {"message": "You can only create or edit files when you are on a branch"})
            self.repo.create_branch(branch, start.sha)
        head = self.repo.head(branch)
        assert head is not None
        tree = head.tree
        changes: dict[str, bytes | None] = {}
        for action in body["actions"]:
            kind, path = action["action"], str(action["file_path"])
            raw = str(action.get("content") or "")
            content = decode64(raw, "content") if action.get("encoding") == "base64" else raw.encode("utf-8")
            if kind == "create" and path in tree:
                raise Reply(400, {"message": "A file with this name already exists"})
            if kind in ("update", "delete") and path not in tree:
                raise Reply(400, {"message": "A file with this name doesn't exist"})
            if kind not in ("create", "update", "delete"):
                raise Reply(400, {"message": f"the stub does not implement action {kind}"})
            changes[path] = None if kind == "delete" else content
        commit = self.repo.commit(branch, changes, str(body["commit_message"]))
        # GitLab answers 201 Created here; its published description says 200.
        return 201, {
            "id": commit.sha,
            "short_id": commit.sha[:8],
            "title": commit.message.splitlines()[0],
            "message": commit.message,
            "web_url": f"{self.web_url}/-/commit/{commit.sha}",
        }

    def create_merge_request(self, op: Operation, body: Any, query: Any) -> tuple[int, Any]:
        source, target = str(body["source_branch"]), str(body["target_branch"])
        if self.fail_pull or source not in self.repo.branches or target not in self.repo.branches:
            raise Reply(422, {"message": ["Validation failed: source or target branch"]})
        if self.open_pull_for(source, target):
            raise Reply(409, {"message": ["Another open merge request already exists for this source branch"]})
        mr = self.open_pull(
            str(body["title"]), str(body.get("description") or ""), source, target, "-/merge_requests/{number}"
        )
        return 201, {
            "id": mr.number,
            "iid": mr.number,
            "web_url": mr.url,
            "state": "opened",
            "title": mr.title,
            "description": mr.body,
            "source_branch": source,
            "target_branch": target,
        }


HOSTS: dict[str, type[HostStub]] = {"github": GitHubStub, "gitea": GiteaStub, "gitlab": GitLabStub}
