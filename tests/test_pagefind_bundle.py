"""A Pagefind bundle is only used once it is whole (generator/plugin/pagefind.py): an empty
entry file or a script cut short, both seen under load, make the plugin write the bundle again
instead of failing or publishing a broken search."""

from __future__ import annotations

import gzip
import json
import shutil
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


META = gzip.compress(b"pagefind_dcd meta", mtime=0)


def test_a_whole_bundle_is_complete(tmp_path: Path) -> None:
    assert pagefind._complete(_bundle(tmp_path / "b", GOOD, META))


@pytest.mark.parametrize(
    ("entry", "meta"),
    [("", META), ("{", META), (GOOD, None), (GOOD, b""), ("{}", META), (GOOD, META[:-3]), (GOOD, b"x")],
    ids=["empty entry", "cut entry", "no meta", "empty meta", "no languages", "cut meta", "meta not gzip"],
)
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
        (output / "pagefind.abc.pf_meta").write_bytes(META)

    monkeypatch.setattr(pagefind, "_index", flaky)
    monkeypatch.setattr(pagefind, "stabilise", lambda output: None)
    assert pagefind.index_site(site) == 3
    assert len(calls) == 2


@pytest.fixture(scope="module")
def real_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bundle written by the real Pagefind binary for two small pages."""
    site = tmp_path_factory.mktemp("site")
    for name, text in (("a", "供应链协同平台"), ("b", "冷链物流追溯")):
        page = site / name / "index.html"
        page.parent.mkdir()
        page.write_text(
            f'<html lang="zh"><body><main data-pagefind-body><h1>{name}</h1><p>{text}</p></main></body></html>',
            encoding="utf-8",
        )
    assert pagefind.index_site(site) == 2
    return site / pagefind.OUTPUT


def test_the_real_bundle_is_complete(real_bundle: Path) -> None:
    assert pagefind._complete(real_bundle)


@pytest.mark.parametrize("pattern", ["pagefind-worker.js", "pagefind.js", "wasm.*.pagefind", "fragment/*", "index/*"])
def test_a_real_bundle_with_a_file_cut_short_is_not(real_bundle: Path, tmp_path: Path, pattern: str) -> None:
    copy = tmp_path / "bundle"
    shutil.copytree(real_bundle, copy)
    victim = sorted(copy.glob(pattern))[0]
    data = victim.read_bytes()
    victim.write_bytes(data[: len(data) // 2])
    assert not pagefind._complete(copy)
