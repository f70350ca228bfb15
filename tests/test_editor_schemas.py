"""Issue 14.17: what the editor (yaml-language-server, as VS Code's YAML extension runs it)
shows from the schemas: a wrong value type explained in Chinese (``errorMessage``, from the
same texts as ``x-message``), the Chinese label beside every enumeration value in completion.
Run against the real language server from npm (tests/yamlls/package-lock.json)."""

from __future__ import annotations

import json
import queue
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

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


def test_schemas_carry_the_editor_texts() -> None:
    for path in sorted((ROOT / "schemas").glob("*.json")):
        for node in _nodes(json.loads(path.read_text(encoding="utf-8"))):
            for option in node.get("oneOf", []):  # an enumeration: the editor shows each value's Chinese description
                if "const" in option and "title" in option:
                    assert re.search("[\u4e00-\u9fff]", str(option.get("description", ""))), (path.name, option)
            if "x-message" in node:
                assert node.get("errorMessage") == node["x-message"], (path.name, node)


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
