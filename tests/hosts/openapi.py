"""A small request checker against a published API description (OpenAPI 3.x or Swagger 2.0).

`Description.check(method, target, headers, body)` finds the operation the request names (its path
template and method), checks the required path, query and header parameters, and validates a JSON
body against the operation's request body schema. It returns a list of problems, empty when the
request is within the contract. Only what a client sends is checked; responses are not.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from jsonschema import Draft4Validator, Draft202012Validator

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# JSON Schema types; Swagger 2.0's "file" and GitLab's stray "text" are not, and are dropped.
JSON_TYPES = {"string", "number", "integer", "boolean", "object", "array", "null"}
NO_BODY = object()  # the request carried no body at all


@dataclass(frozen=True)
class Operation:
    template: str
    method: str
    spec: Mapping[str, Any]  # the operation object
    params: Mapping[str, str]  # path parameter values, percent-decoded
    parameters: tuple[Mapping[str, Any], ...]  # path-item and operation parameters, $refs resolved


class Description:
    """One API description; `strip_prefix` is a prefix the description writes into every path
    (GitLab's `/api/v4`) and that the checked paths leave out."""

    def __init__(self, document: Mapping[str, Any], *, strip_prefix: str = "", name: str = "") -> None:
        self.doc = document
        self.name = name or str(document.get("info", {}).get("title", "API"))
        self.swagger2 = str(document.get("swagger", "")).startswith("2")
        version = str(document.get("openapi", ""))
        self.validator_class = Draft202012Validator if version.startswith("3.1") else Draft4Validator
        # (template as checked, key in document["paths"], strict and greedy patterns, parameter names)
        self.templates: list[tuple[str, str, re.Pattern[str], re.Pattern[str], list[str]]] = []
        for key in document.get("paths", {}):
            if key.startswith(strip_prefix):
                template = key[len(strip_prefix) :] or "/"
                names = re.findall(r"\{([^}]+)\}", template)
                strict, greedy = _pattern(template, names, False), _pattern(template, names, True)
                self.templates.append((template, key, strict, greedy, names))
        self._schemas: dict[str, Any] = {}

    @classmethod
    def load(cls, path: Path, **kwargs: Any) -> Description:
        return cls(json.loads(path.read_text(encoding="utf-8")), name=kwargs.pop("name", path.name), **kwargs)

    # -- finding the operation ---------------------------------------------------------------

    def find(self, method: str, target: str) -> Operation | None:
        """The operation for METHOD and a request target (path, optionally with a query)."""
        path = urlsplit(target).path
        for greedy in (False, True):  # a parameter spans one segment, or else the last one spans the rest
            matches: list[tuple[int, str, str, dict[str, str]]] = []
            for template, key, strict, spanning, names in self.templates:
                m = (spanning if greedy else strict).fullmatch(path.rstrip("/") or "/")
                if m is not None:
                    params = {name: unquote(value) for name, value in zip(names, m.groups(), strict=True)}
                    literal = len(re.sub(r"\{[^}]+\}", "", template))
                    matches.append((literal, template, key, params))
            for _literal, template, key, params in sorted(matches, key=lambda m: -m[0]):
                item = self.doc["paths"][key]
                spec = item.get(method.lower())
                if spec is None:
                    continue
                parameters = {}
                for raw in [*item.get("parameters", []), *spec.get("parameters", [])]:
                    p = self.resolve(raw)
                    parameters[(p.get("name"), p.get("in"))] = p
                return Operation(template, method.upper(), spec, params, tuple(parameters.values()))
        return None

    # -- checking a request --------------------------------------------------------------------

    def check(self, method: str, target: str, headers: Mapping[str, str], body: Any = NO_BODY) -> list[str]:
        """Problems with this request by the description; `body` is the parsed JSON (or NO_BODY)."""
        op = self.find(method, target)
        if op is None:
            return [f"{self.name}: no such operation: {method.upper()} {urlsplit(target).path}"]
        where = f"{op.method} {op.template}"
        problems: list[str] = []
        query = parse_qs(urlsplit(target).query, keep_blank_values=True)
        lower_headers = {k.lower() for k in headers}
        body_schema: Any = None
        body_required = False
        for p in op.parameters:
            name, place = str(p.get("name")), p.get("in")
            required = bool(p.get("required"))
            if place == "path" and not op.params.get(name):
                problems.append(f"{where}: path parameter {name!r} is empty")
            elif place == "query" and required and name not in query:
                problems.append(f"{where}: required query parameter {name!r} is missing")
            elif place == "header" and required and name.lower() not in lower_headers:
                problems.append(f"{where}: required header {name!r} is missing")
            elif place == "body":
                body_schema, body_required = p.get("schema", {}), required
            elif place == "formData" and required:
                problems.append(f"{where}: form parameter {name!r} is required; this checker takes JSON bodies only")
        if not self.swagger2 and "requestBody" in op.spec:
            request_body = self.resolve(op.spec["requestBody"])
            body_required = bool(request_body.get("required"))
            content = request_body.get("content", {})
            media = content.get("application/json") or next(iter(content.values()), {})
            body_schema = media.get("schema", {})
        if body is NO_BODY:
            if body_required:
                problems.append(f"{where}: a JSON request body is required")
            return problems
        if body_schema is None:
            problems.append(f"{where}: the operation takes no request body")
            return problems
        schema = self.schema(body_schema)
        validator = self.validator_class(schema)
        for error in sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path)):
            at = "/".join(str(x) for x in error.absolute_path) or "(body)"
            problems.append(f"{where}: body {at}: {error.message}")
        return problems

    # -- $ref and schema helpers -----------------------------------------------------------------

    def resolve(self, node: Any) -> Any:
        """Follow a local $ref (repeatedly) to the object it names."""
        seen = 0
        while isinstance(node, Mapping) and "$ref" in node:
            node = self._pointer(str(node["$ref"]))
            seen += 1
            if seen > 50:
                raise ValueError("a $ref loop")
        return node

    def _pointer(self, ref: str) -> Any:
        if not ref.startswith("#/"):
            raise ValueError(f"only local $refs are supported: {ref}")
        node: Any = self.doc
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def schema(self, node: Any) -> Any:
        """A self-contained JSON Schema: $refs inlined, `nullable` as a null type, stray types dropped."""
        return self._inline(node, ())

    def _inline(self, node: Any, stack: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [self._inline(x, stack) for x in node]
        if not isinstance(node, Mapping):
            return node
        if "$ref" in node:
            ref = str(node["$ref"])
            if ref in stack:  # a recursive schema: accept anything below the loop
                return {}
            return self._inline(self._pointer(ref), (*stack, ref))
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in ("properties", "definitions", "patternProperties"):
                out[key] = {k: self._inline(v, stack) for k, v in value.items()}
            elif key in ("example", "examples", "x-example"):
                continue
            else:
                out[key] = self._inline(value, stack)
        types = out.get("type")
        if isinstance(types, str) and types not in JSON_TYPES:
            out.pop("type")
        elif node.get("nullable") is True or node.get("x-nullable") is True:
            if isinstance(types, str):
                out["type"] = [types, "null"]
            elif isinstance(types, list) and "null" not in types:
                out["type"] = [*types, "null"]
            if "enum" in out and None not in out["enum"]:
                out["enum"] = [*out["enum"], None]
        return out


def _pattern(template: str, names: list[str], greedy: bool) -> re.Pattern[str]:
    """A template as a pattern on the raw (still percent-encoded) path: a parameter spans one
    segment, or with `greedy` the last one, ending the template, spans the rest (GitHub's {path})."""
    pattern = re.escape(template)
    for i, name in enumerate(names):
        last = i == len(names) - 1 and template.endswith("{" + name + "}")
        part = "(.+)" if greedy and last else "([^/]+)"
        pattern = pattern.replace(re.escape("{" + name + "}"), part, 1)
    return re.compile(pattern)


def subset(document: Mapping[str, Any], templates: Sequence[str], note: str) -> dict[str, Any]:
    """The path items named by `templates` and every definition they reach, with the document's
    top-level fields: a faithful extract of a large description (see README.md)."""
    out = {
        k: copy.deepcopy(v)
        for k, v in document.items()
        if k not in ("paths", "definitions", "components", "responses", "parameters")
    }
    out["x-extract"] = note
    out["paths"] = {t: copy.deepcopy(document["paths"][t]) for t in templates}
    needed: set[str] = set()
    todo: list[Any] = [out["paths"]]
    while todo:
        node = todo.pop()
        if isinstance(node, Mapping):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/") and ref not in needed:
                needed.add(ref)
                target: Any = document
                for part in ref[2:].split("/"):
                    target = target[part]
                todo.append(target)
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    for ref in sorted(needed):
        parts = ref[2:].split("/")
        source: Any = document
        sink: Any = out
        for part in parts[:-1]:
            source = source[part]
            sink = sink.setdefault(part, {})
        sink[parts[-1]] = copy.deepcopy(source[parts[-1]])
    return out


HERE = Path(__file__).parent
GITHUB_FILE = HERE / "node_modules" / "@octokit" / "openapi" / "generated" / "api.github.com.json"
GITEA_FILE = HERE / "gitea-1.27.1.swagger.v1.subset.json"
GITLAB_FILE = HERE / "gitlab-v4.openapi_v2.subset.json"


@cache
def github() -> Description:
    """api.github.com's description from the npm package @octokit/openapi (tests/hosts/package.json)."""
    if not GITHUB_FILE.exists():
        raise FileNotFoundError(f"{GITHUB_FILE} is missing: run .ci/system-deps (npm ci in tests/hosts)")
    return Description.load(GITHUB_FILE, name="GitHub REST (@octokit/openapi)")


@cache
def gitea() -> Description:
    return Description.load(GITEA_FILE, name="Gitea API v1")


@cache
def gitlab() -> Description:
    return Description.load(GITLAB_FILE, strip_prefix="/api/v4", name="GitLab API v4")
