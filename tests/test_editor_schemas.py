"""Issue 14.17: what the editor (yaml-language-server, as VS Code's YAML extension runs it)
shows from the schemas: a wrong value type explained in Chinese (``errorMessage``, from the
same texts as ``x-message``), the Chinese label beside every enumeration value in completion,
a wrong enumeration value explained in Chinese. Run against the real language server from npm
(tests/yamlls/package-lock.json).

An enumeration is an ``enum`` with its Chinese labels in the parallel ``x-labels`` (what the
generator reads, generator.load.schemas.labelled), the editor's ``enumDescriptions`` and
``markdownEnumDescriptions`` starting with them and an ``errorMessage`` saying what SCP-S004
says. Never a ``oneOf`` of ``const``: yaml-language-server (1.15 and its main branch) rewrites
the message of such a ``oneOf`` as ``Value must be …`` whatever ``errorMessage`` says
(ValidationResult.mergeWarningGeneric)."""

from __future__ import annotations

import json
import queue
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.load.layout import classify, document_path
from generator.load.loader import load_bytes
from generator.load.schemas import SchemaSetError, labelled, load_schema_set
from generator.rules.messages import choices
from generator.rules.validate import check_document
from generator.site.labels import load_labels

ROOT = Path(__file__).resolve().parents[1]
SERVER = ROOT / "tests/yamlls/node_modules/yaml-language-server/bin/yaml-language-server"


def _nodes(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


HAN = re.compile("[\u4e00-\u9fff]")
MARKDOWN = re.compile(r"[\\`*_{}\[\]<>#|~]")


def test_schemas_carry_the_editor_texts() -> None:
    for path in sorted((ROOT / "schemas").glob("*.json")):
        for node in _nodes(json.loads(path.read_text(encoding="utf-8"))):
            for key in ("oneOf", "anyOf"):  # the editor would say "Value must be …" for a wrong value
                options = node.get(key, [])
                assert not (options and all(isinstance(o, dict) and "const" in o for o in options)), (path.name, node)
            if "x-message" in node:
                assert node.get("errorMessage") == node["x-message"], (path.name, node)
            if "enum" in node:  # a plain enumeration: a Chinese label per value, and a Chinese message
                for key in ("enumDescriptions", "markdownEnumDescriptions"):
                    labels = node.get(key, [])
                    assert len(labels) == len(node["enum"]), (path.name, key, node)
                    assert all(HAN.search(str(label)) for label in labels), (path.name, key, node)
                assert HAN.search(str(node.get("errorMessage", ""))), (path.name, node)
            if "x-labels" in node:  # the generator's labels: the editor's texts start with them
                _agree(path.name, node)


def _agree(name: str, node: dict[str, Any]) -> None:
    labels = node["x-labels"]
    assert len(labels) == len(node["enum"]) and all(HAN.search(str(label)) for label in labels), (name, node)
    descriptions = node["enumDescriptions"]
    assert all(str(d).startswith(label) for d, label in zip(descriptions, labels, strict=True)), (name, node)
    assert node["markdownEnumDescriptions"] == descriptions, (name, node)  # plain text: nothing to escape
    assert not any(MARKDOWN.search(str(d)) for d in descriptions), (name, node)
    message = node.get("x-message") or f"「{node['title']}」不在可选范围内。可选的值：{choices(labelled(node))}。"
    assert node["errorMessage"] == message, (name, node)


def test_labels_that_do_not_pair_with_their_values_are_refused(tmp_path: Path) -> None:
    """A label too few would shift every later label onto the wrong value: the schemas do not load."""
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    path = tmp_path / "schemas/report.schema.json"
    text = path.read_text(encoding="utf-8")
    assert '"x-labels": ["未开始", ' in text
    path.write_text(text.replace('"x-labels": ["未开始", ', '"x-labels": ['), encoding="utf-8")
    with pytest.raises(SchemaSetError, match=r"report\.schema\.json: x-labels .* 不一一对应"):
        load_schema_set(tmp_path / "schemas")


def test_an_older_schema_set_is_refused_in_chinese(tmp_path: Path) -> None:
    """Schemas of before the enum rewrite (a repository made by an older scpilot, such as a demo):
    their labels are no longer read, so they are refused with what to do, not half-read (every
    theme was reported as not applicable, with an empty list of choices)."""
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    path = tmp_path / "schemas/common.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["$defs"]["old_style"] = {"oneOf": [{"const": "a", "title": "甲"}, {"const": "b", "title": "乙"}]}
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(
        SchemaSetError, match=r"common\.schema\.json：可选值仍写成 oneOf/const.*请先合并主分支的最新版本"
    ):
        load_schema_set(tmp_path / "schemas")


def test_the_theme_shows_the_labels_of_the_two_tables() -> None:
    """``theme`` (every section of either pilot type) has no labels of its own: the generator
    takes them from theme_city and theme_enterprise; the editor's descriptions are the same words."""
    schemas = load_schema_set(ROOT / "schemas")
    theme = schemas.common_def("theme")
    labels = load_labels(schemas).theme
    assert "x-labels" not in theme and set(theme["enum"]) == set(labels)
    assert theme["enumDescriptions"] == [labels[v] for v in theme["enum"]]


def test_a_wrong_value_names_every_chinese_label_on_the_command_line() -> None:
    """SCP-S004 for a wrong value of every enumeration a document reaches: the hint lists each
    value with its label, as the editor's errorMessage does."""
    schemas = load_schema_set(ROOT / "schemas")
    checked = 0
    for enumeration in _reached().values():
        lines, _, _ = _document(enumeration.path, "zzz_wrong")
        kind = enumeration.document.removesuffix(".schema.json")
        location = classify(_file(kind))
        assert location is not None and location.kind == kind, kind
        document = load_bytes("\n".join(lines).encode(), _file(kind)).document
        assert document is not None, lines
        found = [p for p in check_document(schemas, location, document) if p.rule == "SCP-S004"]
        node = _pointed(_schema(enumeration.schema), enumeration.pointer)
        options = labelled(node) or [(v, "") for v in node["enum"]]  # theme, kpi_set_name: bare codes
        assert [p.hint for p in found] == [f"可选的值：{choices(options)}。"], (enumeration.document, enumeration.path)
        assert "「zzz_wrong」不在可选范围内" in found[0].message, found
        if "x-labels" in node:  # each label, read from the schema text itself; the editor says the same
            assert all(f"{v}（{x}）" in found[0].hint for v, x in zip(node["enum"], node["x-labels"], strict=True))
            assert node["errorMessage"].endswith(found[0].hint), (node["errorMessage"], found[0].hint)
            checked += 1
    assert checked >= 16


def _file(kind: str) -> str:
    return document_path(
        kind, "guangdong", "foshan", {"report": "2019Q3", "calendar": "p2", "practice_list": "l1"}.get(kind, "2019")
    )


# -- every enumeration of every schema, as a document reaches it ----------------------------------------------

Step = str | int
"""A key of a mapping, or 0 for an item of a list."""


@dataclass(frozen=True)
class Enumeration:
    schema: str  # the schema file that defines it
    pointer: str  # its JSON pointer there
    labels: dict[str, str]  # value → the Chinese label the generator shows (x-labels; else enumDescriptions)
    document: str  # the document schema a file names to reach it
    path: tuple[Step, ...]  # where it sits in such a document


def _labels(node: dict[str, Any]) -> dict[str, str] | None:
    options = node.get("oneOf")  # the form the schemas must not use, found so that the tests below fail on it
    if isinstance(options, list) and options and all(isinstance(o, dict) and "const" in o for o in options):
        return {str(o["const"]): str(o.get("title", "")) for o in options}
    if "x-labels" in node:
        return {str(v): label for v, label in labelled(node)}
    if isinstance(node.get("enum"), list):  # theme, kpi_set_name: labelled for the editor only
        names = node.get("enumDescriptions") or [""] * len(node["enum"])
        return {str(v): str(n) for v, n in zip(node["enum"], names, strict=False)}
    return None


def _schema(name: str) -> dict[str, Any]:
    return json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))


def _pointed(document: Any, pointer: str) -> Any:
    for part in [p for p in pointer.split("/") if p]:
        document = document[int(part)] if isinstance(document, list) else document[part]
    return document


def _declared() -> set[tuple[str, str]]:
    """(schema, pointer) of every enumeration written in schemas/."""
    found: set[tuple[str, str]] = set()

    def walk(node: Any, name: str, pointer: str) -> None:
        if isinstance(node, dict):
            if _labels(node) is not None:
                found.add((name, pointer))
                return
            for key, value in node.items():
                walk(value, name, f"{pointer}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, name, f"{pointer}/{i}")

    for path in sorted((ROOT / "schemas").glob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")), path.name, "")
    return found


def _reached() -> dict[tuple[str, str], Enumeration]:
    """Every enumeration a document can reach, with the first instance path that reaches it."""
    schemas = {p.name: _schema(p.name) for p in (ROOT / "schemas").glob("*.json")}
    documents = sorted(n for n, s in schemas.items() if "properties" in s)
    reached: dict[tuple[str, str], Enumeration] = {}

    def walk(name: str, pointer: str, node: Any, document: str, path: tuple[Step, ...], seen: frozenset[str]) -> None:
        if not isinstance(node, dict) or f"{name}#{pointer}" in seen:
            return
        seen = seen | {f"{name}#{pointer}"}
        found = _labels(node)
        if found is not None:
            reached.setdefault((name, pointer), Enumeration(name, pointer, found, document, path))
            return
        if "$ref" in node:
            target, _, where = str(node["$ref"]).partition("#")
            target = target or name
            walk(target, where, _pointed(schemas[target], where), document, path, seen)
        for key, value in node.get("properties", {}).items():
            walk(name, f"{pointer}/properties/{key}", value, document, (*path, key), seen)
        if isinstance(node.get("items"), dict):
            walk(name, f"{pointer}/items", node["items"], document, (*path, 0), seen)
        for key in ("allOf", "anyOf", "oneOf"):
            for i, value in enumerate(node.get(key, [])):
                walk(name, f"{pointer}/{key}/{i}", value, document, path, seen)
        for key in ("then", "else"):
            walk(name, f"{pointer}/{key}", node.get(key), document, path, seen)

    for document in documents:
        walk(document, "", schemas[document], document, (), frozenset())
    return reached


def _document(path: tuple[Step, ...], value: str) -> tuple[list[str], int, int]:
    """YAML lines that reach ``path`` and end with ``value`` there; the line and column of the value."""
    lines: list[str] = []
    indent = 0
    dash = False
    for depth, step in enumerate(path):
        last = depth == len(path) - 1
        if isinstance(step, int):
            if dash:
                lines.append(" " * indent + "-")
                indent += 2
            dash = True
            if last:
                lines.append(" " * indent + "- " + value)
            continue
        prefix = " " * indent + ("- " if dash else "")
        if dash:
            indent += 2
            dash = False
        lines.append(prefix + f"{step}: {value}" if last else prefix + f"{step}:")
        indent += 2
    return lines, len(lines) - 1, len(lines[-1])


def test_every_enumeration_is_reached_from_a_document() -> None:
    """Each enumeration a document can use is in the language-server test below; a ``$defs`` entry no
    ``$ref`` names (theme_city, theme_enterprise: label tables of the generator) is not in any document."""
    refs = {
        (str(n["$ref"]).partition("#")[0] or path.name, str(n["$ref"]).partition("#")[2])
        for path in (ROOT / "schemas").glob("*.json")
        for n in _nodes(_schema(path.name))
        if "$ref" in n
    }
    tables = {
        (name, pointer)
        for name, pointer in _declared()
        if pointer.startswith("/$defs/") and pointer.count("/") == 2 and (name, pointer) not in refs
    }
    assert _declared() - tables == set(_reached()), (_declared() - tables) ^ set(_reached())
    assert set(_reached()) and all(e.labels and all(e.labels.values()) for e in _reached().values())


class _Client:
    """A minimal LSP client over the server's stdio."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            ["node", str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.ids = iter(range(1, 10_000))
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if not line.strip():
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.inbox.put(json.loads(stream.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        data = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def request(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        ident = next(self.ids)
        self.send({"id": ident, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == ident and "method" not in m)

    def wait(self, wanted: Callable[[dict[str, Any]], bool], timeout: float = 30) -> dict[str, Any]:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                message = self.inbox.get(timeout=0.5)
            except queue.Empty:
                continue
            if "method" in message and "id" in message:  # a request of the server's: configuration
                count = len(message.get("params", {}).get("items", [])) or 1
                self.send({"id": message["id"], "result": [{"validate": True, "completion": True}] * count})
            elif wanted(message):
                return message
        raise TimeoutError("no answer from the YAML language server")

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()


REPORT = """# yaml-language-server: $schema={schema}
pilot: foshan
period: 2019Q3
overview: 平台一期开发过半。
targets:
  - {{id: T1, value: 180, unit: 家}}
measures:
  - {{id: M1, status: in_progress, percent: 三十, narrative: 完成需求调研。}}
  - id: M2
    status:{space}
    percent: 10
    narrative: 完成招标。
"""


@pytest.mark.skipif(not SERVER.exists() or shutil.which("node") is None, reason="npm ci --prefix tests/yamlls")
def test_the_language_server_speaks_chinese(tmp_path: Path) -> None:
    client = _Client()
    try:
        client.request("initialize", {"processId": None, "rootUri": ROOT.as_uri(), "capabilities": {}})
        client.send({"method": "initialized", "params": {}})
        settings = {"yaml": {"validate": True, "completion": True, "hover": True}}
        client.send({"method": "workspace/didChangeConfiguration", "params": {"settings": settings}})
        uri = (tmp_path / "2019Q3.yaml").as_uri()
        text = REPORT.format(schema=(ROOT / "schemas/report.schema.json").as_uri(), space=" ")
        document = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
        client.send({"method": "textDocument/didOpen", "params": {"textDocument": document}})
        published = client.wait(
            lambda m: m.get("method") == "textDocument/publishDiagnostics" and bool(m["params"]["diagnostics"])
        )
        messages = {d["range"]["start"]["line"]: d["message"] for d in published["params"]["diagnostics"]}
        assert messages.get(7) == "完成百分比填 0 到 100 之间的阿拉伯数字（不加引号，不带 %），例如 30。", messages
        assert not any("Incorrect type" in m for m in messages.values()), messages
        answer = client.request(
            "textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": 9, "character": 12}}
        )
        result = answer["result"]
        items = result["items"] if isinstance(result, dict) else result
        labels = {item["label"]: item.get("documentation") for item in items}
        assert labels == {
            "not_started": "未开始",
            "in_progress": "推进中",
            "completed": "已完成",
            "delayed": "滞后",
            "suspended": "暂停",
        }
    finally:
        client.close()


@dataclass(frozen=True)
class Shown:
    """What the language server shows for one enumeration."""

    completion: dict[str, str]  # value → documentation, for an empty value
    hover: str  # over a valid value
    messages: list[str]  # the diagnostics on a wrong value


def _text(documentation: Any) -> str:
    return str(documentation.get("value", "")) if isinstance(documentation, dict) else str(documentation or "")


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Enumeration, Shown]]:
    if not SERVER.exists() or shutil.which("node") is None:
        pytest.skip("npm ci --prefix tests/yamlls")
    folder = tmp_path_factory.mktemp("yamlls")
    client = _Client()
    found: list[tuple[Enumeration, Shown]] = []
    try:
        client.request("initialize", {"processId": None, "rootUri": ROOT.as_uri(), "capabilities": {}})
        client.send({"method": "initialized", "params": {}})
        settings = {"yaml": {"validate": True, "completion": True, "hover": True}}
        client.send({"method": "workspace/didChangeConfiguration", "params": {"settings": settings}})
        for number, enumeration in enumerate(_reached().values()):
            modeline = f"# yaml-language-server: $schema={(ROOT / 'schemas' / enumeration.document).as_uri()}"
            texts = {}
            for case, value in (("wrong", "zzz_wrong"), ("empty", ""), ("valid", next(iter(enumeration.labels)))):
                lines, line, column = _document(enumeration.path, value)
                uri = (folder / f"{number}-{case}.yaml").as_uri()
                texts[case] = (uri, line + 1, column)
                document = {"uri": uri, "languageId": "yaml", "version": 1, "text": "\n".join([modeline, *lines, ""])}
                client.send({"method": "textDocument/didOpen", "params": {"textDocument": document}})
                if case == "wrong":
                    published = client.wait(
                        lambda m, uri=uri: (
                            m.get("method") == "textDocument/publishDiagnostics"
                            and m["params"]["uri"] == uri
                            and bool(m["params"]["diagnostics"])
                        )
                    )
            uri, line, column = texts["wrong"]
            start = {"line": line, "character": column - len("zzz_wrong")}
            messages = [d["message"] for d in published["params"]["diagnostics"] if d["range"]["start"] == start]
            uri, line, column = texts["empty"]
            position = {"textDocument": {"uri": uri}, "position": {"line": line, "character": column}}
            result = client.request("textDocument/completion", position)["result"]
            items = result["items"] if isinstance(result, dict) else result
            completion = {i["label"]: _text(i.get("documentation")) for i in items if i["label"] in enumeration.labels}
            uri, line, column = texts["valid"]
            position = {"textDocument": {"uri": uri}, "position": {"line": line, "character": column - 1}}
            hover = client.request("textDocument/hover", position).get("result") or {}
            found.append((enumeration, Shown(completion, _text(hover.get("contents")), messages)))
    finally:
        client.close()
    return found


def test_the_editor_labels_every_enumeration_in_chinese(shown: list[tuple[Enumeration, Shown]]) -> None:
    """Completion and hover of every enumeration of every schema show the generator's Chinese label of
    each value (each ``enumDescriptions`` entry starts with its ``x-labels`` entry)."""
    assert len(shown) == len(_reached())
    for enumeration, seen in shown:
        where = (enumeration.document, enumeration.path)
        assert set(seen.completion) == set(enumeration.labels), (where, seen.completion)
        for value, label in enumeration.labels.items():
            assert seen.completion[value].startswith(label), (where, value, seen.completion[value])
        first = next(iter(enumeration.labels.values()))
        assert first in seen.hover, (where, seen.hover)


def test_a_wrong_value_of_every_enumeration_is_explained_in_chinese(shown: list[tuple[Enumeration, Shown]]) -> None:
    """The editor's one diagnostic on a wrong value is the enumeration's Chinese errorMessage (it
    failed for the sixteen that were a ``oneOf`` of ``const``: "Value must be "not_started" | …")."""
    assert len(shown) == len(_reached())
    for enumeration, seen in shown:
        expected = _pointed(_schema(enumeration.schema), enumeration.pointer).get("errorMessage")
        where = (enumeration.document, enumeration.path)
        assert seen.messages == [expected], (where, seen.messages)
        assert not any(re.search("[A-Za-z]{3,} [a-z]{2,}", m) for m in seen.messages), (where, seen.messages)
