"""The host stand-ins of tests/hosts: each accepts the filing desk's sequence (branch, commit, open
the request) within its published API description, rejects what the description rejects, answers
CORS preflights, and keeps the token out of what it records."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from casekit import ROOT
from hosts import GiteaStub, GitHubStub, GitLabStub, HostStub, files_from, openapi

BRANCH = "filing/p-bj-01-2020Q3"
PATH = "submissions/beijing/p-bj-01/reports/2020Q3.yaml"
CONTENT = "# 季度报告\nperiod: '2020Q3'\n".encode()
ORIGIN = "http://127.0.0.1:8000"


def call(
    stub: HostStub, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
) -> tuple[int, Any, dict[str, str]]:
    """One request to the stub's API base; answers (status, parsed JSON or None, headers)."""
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(stub.base_url + path, data=data, method=method, headers=headers or {})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw, status, answer_headers = response.read(), response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        raw, status, answer_headers = error.read(), error.code, dict(error.headers)
        error.close()
    return status, (json.loads(raw) if raw else None), answer_headers


def auth(stub: HostStub) -> dict[str, str]:
    if isinstance(stub, GitLabStub):
        return {"PRIVATE-TOKEN": stub.token}
    if isinstance(stub, GiteaStub):
        return {"Authorization": f"token {stub.token}"}
    return {"Authorization": f"Bearer {stub.token}", "X-GitHub-Api-Version": "2022-11-28"}


def b64(content: bytes) -> str:
    return base64.b64encode(content).decode("ascii")


# -- each host's sequence, as the page will send it ---------------------------------------------------


def github_flow(stub: HostStub, content: bytes) -> tuple[int, Any]:
    h, r = auth(stub), "/repos/commerce/filings"
    assert call(stub, "GET", r, headers=h)[0] == 200
    status, ref, _ = call(stub, "GET", f"{r}/git/ref/heads/main", headers=h)
    assert status == 200
    status, _, _ = call(stub, "GET", f"{r}/git/ref/heads/{BRANCH}", headers=h)
    if status == 404:
        body = {"ref": f"refs/heads/{BRANCH}", "sha": ref["object"]["sha"]}
        assert call(stub, "POST", f"{r}/git/refs", body, headers=h)[0] == 201
    status, existing, _ = call(stub, "GET", f"{r}/contents/{PATH}?ref={BRANCH}", headers=h)
    put = {"message": "季度报告 p-bj-01 2020Q3", "content": b64(content), "branch": BRANCH}
    if status == 200:
        put["sha"] = existing["sha"]
    assert call(stub, "PUT", f"{r}/contents/{PATH}", put, headers=h)[0] == (200 if status == 200 else 201)
    pull = {"title": "季度报告 p-bj-01 2020Q3", "head": BRANCH, "base": "main", "body": "核对清单"}
    status, answer, _ = call(stub, "POST", f"{r}/pulls", pull, headers=h)
    return status, answer


def gitea_flow(stub: HostStub, content: bytes) -> tuple[int, Any]:
    h, r = auth(stub), "/repos/commerce/filings"
    assert call(stub, "GET", r, headers=h)[0] == 200
    if call(stub, "GET", f"{r}/branches/{BRANCH}", headers=h)[0] == 404:
        body = {"new_branch_name": BRANCH, "old_ref_name": "main"}
        assert call(stub, "POST", f"{r}/branches", body, headers=h)[0] == 201
    status, existing, _ = call(stub, "GET", f"{r}/contents/{PATH}?ref={BRANCH}", headers=h)
    file = {"content": b64(content), "message": "季度报告 p-bj-01 2020Q3", "branch": BRANCH}
    if status == 200:
        assert call(stub, "PUT", f"{r}/contents/{PATH}", {**file, "sha": existing["sha"]}, headers=h)[0] == 200
    else:
        assert call(stub, "POST", f"{r}/contents/{PATH}", file, headers=h)[0] == 201
    pull = {"title": "季度报告 p-bj-01 2020Q3", "head": BRANCH, "base": "main", "body": "核对清单"}
    status, answer, _ = call(stub, "POST", f"{r}/pulls", pull, headers=h)
    return status, answer


def gitlab_flow(stub: HostStub, content: bytes) -> tuple[int, Any]:
    h, p = auth(stub), "/projects/commerce%2Ffilings"
    assert call(stub, "GET", p, headers=h)[0] == 200
    if call(stub, "GET", f"{p}/repository/branches/{BRANCH.replace('/', '%2F')}", headers=h)[0] == 404:
        body = {"branch": BRANCH, "ref": "main"}
        assert call(stub, "POST", f"{p}/repository/branches", body, headers=h)[0] == 201
    encoded = PATH.replace("/", "%2F")
    status, _, _ = call(stub, "GET", f"{p}/repository/files/{encoded}?ref={BRANCH}", headers=h)
    action = {"action": "update" if status == 200 else "create", "file_path": PATH, "content": b64(content),
              "encoding": "base64"}  # fmt: skip
    commit = {"branch": BRANCH, "commit_message": "季度报告 p-bj-01 2020Q3", "actions": [action]}
    assert call(stub, "POST", f"{p}/repository/commits", commit, headers=h)[0] in (200, 201)
    mr = {
        "source_branch": BRANCH,
        "target_branch": "main",
        "title": "季度报告 p-bj-01 2020Q3",
        "description": "核对清单",
    }
    status, answer, _ = call(stub, "POST", f"{p}/merge_requests", mr, headers=h)
    return status, answer


FLOWS: dict[type[HostStub], Callable[[HostStub, bytes], tuple[int, Any]]] = {
    GitHubStub: github_flow,
    GiteaStub: gitea_flow,
    GitLabStub: gitlab_flow,
}
KINDS = [GitHubStub, GiteaStub, GitLabStub]


@pytest.fixture(params=KINDS, ids=lambda k: k.kind)
def kind(request: pytest.FixtureRequest) -> type[HostStub]:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def stub(kind: type[HostStub]) -> Iterator[HostStub]:
    with kind(files=files_from(ROOT / "submissions", "submissions")) as host:
        yield host


def test_flow_opens_a_pull_request_with_the_file(stub: HostStub) -> None:
    status, answer = FLOWS[type(stub)](stub, CONTENT)
    assert status == 201, answer
    stub.assert_in_contract()
    (pull,) = stub.pulls
    assert (pull.head, pull.base, pull.title, pull.body) == (BRANCH, "main", "季度报告 p-bj-01 2020Q3", "核对清单")
    assert pull.url in (answer.get("html_url"), answer.get("web_url"))
    assert pull.url.startswith(stub.web_url)
    assert stub.file_on_branch(BRANCH, PATH) == CONTENT
    assert stub.file_on_branch("main", PATH) is None
    assert (
        stub.file_on_branch("main", "submissions/programme.yaml") == (ROOT / "submissions/programme.yaml").read_bytes()
    )
    assert not stub.token_leaks()
    assert all(stub.token not in json.dumps(r.headers) for r in stub.requests)


def test_flow_updates_a_file_already_on_the_branch(kind: type[HostStub]) -> None:
    with kind(existing_branches=[BRANCH]) as stub:
        stub.repo.commit(BRANCH, {PATH: b"old\n"}, "earlier attempt")
        status, answer = FLOWS[kind](stub, CONTENT)
        assert status == 201, answer
        stub.assert_in_contract()
        assert stub.file_on_branch(BRANCH, PATH) == CONTENT


# -- out of contract ------------------------------------------------------------------------------------

MISSING_FIELD = {
    GitHubStub: ("POST", "/repos/commerce/filings/git/refs", {"ref": f"refs/heads/{BRANCH}"}, "'sha' is a required"),
    GiteaStub: ("POST", "/repos/commerce/filings/branches", {"old_ref_name": "main"}, "'new_branch_name' is a required"),
    GitLabStub: ("POST", "/projects/commerce%2Ffilings/merge_requests", {"source_branch": BRANCH, "target_branch": "main"},
                 "'title' is a required"),
}  # fmt: skip


def test_a_body_missing_a_required_field_is_refused(stub: HostStub) -> None:
    method, path, body, expected = MISSING_FIELD[type(stub)]
    status, answer, _ = call(stub, method, path, body, headers=auth(stub))
    assert status == 400
    assert any(expected in p for p in answer["problems"]), answer
    assert any(expected in p for p in stub.problems())
    with pytest.raises(AssertionError, match="out of the published API description"):
        stub.assert_in_contract()


def test_an_operation_the_description_lacks_is_refused(stub: HostStub) -> None:
    path = (
        "/projects/commerce%2Ffilings/repository/comits"
        if isinstance(stub, GitLabStub)
        else "/repos/commerce/filings/pull"
    )
    status, answer, _ = call(stub, "POST", path, {"title": "x"}, headers=auth(stub))
    assert status == 400
    assert "no such operation" in answer["problems"][0]


def test_gitlab_file_needs_its_ref_and_commit_actions_their_fields() -> None:
    with GitLabStub() as stub:
        status, answer, _ = call(
            stub, "GET", "/projects/commerce%2Ffilings/repository/files/README.md", headers=auth(stub)
        )
        assert status == 400 and "required query parameter 'ref'" in answer["problems"][0]
        commit = {"branch": "main", "commit_message": "m", "actions": [{"action": "create", "file_path": "a"}]}
        status, answer, _ = call(
            stub, "POST", "/projects/commerce%2Ffilings/repository/commits", commit, headers=auth(stub)
        )
        assert status == 400 and any("actions/0" in p and "'content'" in p for p in answer["problems"])


# -- CORS, token, failure modes ---------------------------------------------------------------------------


def test_cors_preflight_is_answered(stub: HostStub) -> None:
    headers = {"Origin": ORIGIN, "Access-Control-Request-Method": "POST",
               "Access-Control-Request-Headers": "authorization, content-type"}  # fmt: skip
    status, _, answer = call(stub, "OPTIONS", "/anything", headers=headers)
    assert status == 204
    assert answer["Access-Control-Allow-Origin"] == ORIGIN
    assert "PUT" in answer["Access-Control-Allow-Methods"]
    assert "PRIVATE-TOKEN" in answer["Access-Control-Allow-Headers"]
    status, _, answer = call(stub, "GET", "/nowhere", headers={"Origin": ORIGIN})
    assert answer["Access-Control-Allow-Origin"] == ORIGIN


def test_cors_off_sends_no_cors_headers(kind: type[HostStub]) -> None:
    with kind(cors=False) as stub:
        _, _, answer = call(stub, "OPTIONS", "/x", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "GET"})
        assert not any(k.lower().startswith("access-control-") for k in answer)


def test_a_wrong_or_missing_token_gets_401(stub: HostStub) -> None:
    path = "/projects/commerce%2Ffilings" if isinstance(stub, GitLabStub) else "/repos/commerce/filings"
    assert call(stub, "GET", path)[0] == 401
    wrong = {k: v.replace(stub.token, "not-the-token") for k, v in auth(stub).items()}
    assert call(stub, "GET", path, headers=wrong)[0] == 401
    assert call(stub, "GET", path, headers=auth(stub))[0] == 200


def test_a_token_in_the_url_is_caught() -> None:
    with GiteaStub() as stub:
        call(stub, "GET", f"/repos/commerce/filings?access_token={stub.token}", headers=auth(stub))
        (leak,) = stub.token_leaks()
        assert leak.token_in_url


@pytest.mark.parametrize(
    ("mode", "expected"),
    [({"forbid_writes": True}, 403), ({"unknown_repo": True}, 404), ({"fail_pull": True}, 422)],
)
def test_failure_modes(kind: type[HostStub], mode: dict[str, bool], expected: int) -> None:
    with kind(**mode) as stub:
        try:
            status, _ = FLOWS[kind](stub, CONTENT)
        except AssertionError:  # the flow stopped early, as the page would
            status = stub.api_requests()[-1].status
        assert status == expected
        stub.assert_in_contract()


def test_an_existing_branch_is_refused(kind: type[HostStub]) -> None:
    with kind(existing_branches=[BRANCH]) as stub:
        h = auth(stub)
        if kind is GitHubStub:
            sha = stub.repo.branches["main"]
            status, answer, _ = call(
                stub, "POST", "/repos/commerce/filings/git/refs", {"ref": f"refs/heads/{BRANCH}", "sha": sha}, headers=h
            )
            assert (status, answer["message"]) == (422, "Reference already exists")
        elif kind is GiteaStub:
            status, _, _ = call(
                stub, "POST", "/repos/commerce/filings/branches", {"new_branch_name": BRANCH}, headers=h
            )
            assert status == 409
        else:
            body = {"branch": BRANCH, "ref": "main"}
            status, answer, _ = call(stub, "POST", "/projects/commerce%2Ffilings/repository/branches", body, headers=h)
            assert (status, answer["message"]) == (400, "Branch already exists")
        stub.assert_in_contract()


def test_github_enterprise_style_base() -> None:
    with GitHubStub(api_prefix="/api/v3") as stub:
        assert stub.base_url.endswith("/api/v3")
        assert call(stub, "GET", "/repos/commerce/filings", headers=auth(stub))[0] == 200
        stub.assert_in_contract()


# -- the contract itself ------------------------------------------------------------------------------------

ENDPOINTS = {
    "github": [
        ("GET", "/repos/{owner}/{repo}", "/repos/o/r"),
        ("GET", "/repos/{owner}/{repo}/git/ref/{ref}", "/repos/o/r/git/ref/heads/filing/x"),
        ("POST", "/repos/{owner}/{repo}/git/refs", "/repos/o/r/git/refs"),
        ("GET", "/repos/{owner}/{repo}/contents/{path}", "/repos/o/r/contents/submissions/a/b.yaml?ref=x"),
        ("PUT", "/repos/{owner}/{repo}/contents/{path}", "/repos/o/r/contents/submissions/a/b.yaml"),
        ("POST", "/repos/{owner}/{repo}/pulls", "/repos/o/r/pulls"),
    ],
    "gitea": [
        ("GET", "/repos/{owner}/{repo}", "/repos/o/r"),
        ("GET", "/repos/{owner}/{repo}/branches/{branch}", "/repos/o/r/branches/filing/x"),
        ("POST", "/repos/{owner}/{repo}/branches", "/repos/o/r/branches"),
        ("GET", "/repos/{owner}/{repo}/contents/{filepath}", "/repos/o/r/contents/submissions/a/b.yaml?ref=x"),
        ("POST", "/repos/{owner}/{repo}/contents/{filepath}", "/repos/o/r/contents/submissions/a/b.yaml"),
        ("PUT", "/repos/{owner}/{repo}/contents/{filepath}", "/repos/o/r/contents/submissions/a/b.yaml"),
        ("POST", "/repos/{owner}/{repo}/pulls", "/repos/o/r/pulls"),
    ],
    "gitlab": [
        ("GET", "/projects/{id}", "/projects/o%2Fr"),
        ("GET", "/projects/{id}/repository/branches/{branch}", "/projects/o%2Fr/repository/branches/filing%2Fx"),
        ("POST", "/projects/{id}/repository/branches", "/projects/o%2Fr/repository/branches"),
        ("GET", "/projects/{id}/repository/files/{file_path}", "/projects/o%2Fr/repository/files/a%2Fb.yaml?ref=x"),
        ("POST", "/projects/{id}/repository/commits", "/projects/o%2Fr/repository/commits"),
        ("POST", "/projects/{id}/merge_requests", "/projects/o%2Fr/merge_requests"),
    ],
}
DESCRIPTIONS = {"github": openapi.github, "gitea": openapi.gitea, "gitlab": openapi.gitlab}


@pytest.mark.parametrize("host", sorted(ENDPOINTS))
def test_every_endpoint_the_page_calls_is_in_the_description(host: str) -> None:
    description = DESCRIPTIONS[host]()
    for method, template, example in ENDPOINTS[host]:
        op = description.find(method, example)
        assert op is not None, f"{host}: {method} {example} is not in {description.name}"
        assert op.template == template
    stub_class = {k.kind: k for k in KINDS}[host]
    assert sorted(stub_class().handlers()) == sorted((m, t) for m, t, _ in ENDPOINTS[host])


def test_checker_resolves_refs_and_nullable() -> None:
    doc = {
        "openapi": "3.0.3",
        "paths": {"/things/{id}": {"post": {
            "parameters": [{"$ref": "#/components/parameters/id"}, {"name": "q", "in": "query", "required": True}],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/T"}}}},
        }}},
        "components": {
            "parameters": {"id": {"name": "id", "in": "path", "required": True}},
            "schemas": {"T": {"type": "object", "required": ["a"], "properties": {"a": {"type": "string", "nullable": True}}}},
        },
    }  # fmt: skip
    d = openapi.Description(doc)
    assert d.check("POST", "/things/1?q=x", {}, {"a": None}) == []
    assert "required query parameter 'q'" in d.check("POST", "/things/1", {}, {"a": "x"})[0]
    assert "'a' is a required property" in d.check("POST", "/things/1?q=", {}, {})[0]
    assert "a JSON request body is required" in d.check("POST", "/things/1?q=", {})[0]
    assert "no such operation" in d.check("GET", "/things/1", {})[0]
