"""A Pagefind bundle is only used once it is whole (generator/plugin/pagefind.py): an empty
entry file, seen under load, makes the plugin write the bundle again instead of failing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.plugin import pagefind


def _bundle(folder: Path, entry: str, meta: bytes | None) -> Path:
    folder.mkdir()
    (folder / "pagefind-entry.json").write_text(entry, encoding="utf-8")
    if meta is not None:
        (folder / "pagefind.abc.pf_meta").write_bytes(meta)
    return folder


GOOD = json.dumps({"version": "1.5.2", "languages": {"zh": {"hash": "abc", "wasm": "zh", "page_count": 3}}})


def test_a_whole_bundle_is_complete(tmp_path: Path) -> None:
    assert pagefind._complete(_bundle(tmp_path / "b", GOOD, b"x"))


@pytest.mark.parametrize(("entry", "meta"), [("", b"x"), ("{", b"x"), (GOOD, None), (GOOD, b""), ("{}", b"x")])
def test_a_partial_bundle_is_not(tmp_path: Path, entry: str, meta: bytes | None) -> None:
    assert not pagefind._complete(_bundle(tmp_path / "b", entry, meta))


def test_an_incomplete_write_is_written_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    site.mkdir()
    calls: list[int] = []

    async def flaky(_site: Path, output: Path) -> None:
        calls.append(1)
        output.mkdir(parents=True, exist_ok=True)
        (output / "pagefind-entry.json").write_text("" if len(calls) == 1 else GOOD, encoding="utf-8")
        (output / "pagefind.abc.pf_meta").write_bytes(b"x")

    monkeypatch.setattr(pagefind, "_index", flaky)
    monkeypatch.setattr(pagefind, "stabilise", lambda output: None)
    assert pagefind.index_site(site) == 3
    assert len(calls) == 2
