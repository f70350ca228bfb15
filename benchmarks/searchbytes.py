"""What a visitor downloads for search (benchmarks/run.py): the built site served on 127.0.0.1,
opened in Debian's chromium (Playwright, as the browser tests do), the bytes of every response
under /pagefind/ summed from the network events: once for a page load before anything is typed,
and once per query, each in a fresh browser context (nothing cached), until the first results
are shown. Each query's bytes are also told by part of Pagefind's bundle (PARTS): what grows with
the site (the meta file, the index chunks of the query's words) and what does not (the scripts, the
wasm, the fragments of the first results)."""

from __future__ import annotations

import functools
import gzip
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CHROMIUM = os.environ.get("SCPILOT_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
QUERIES = ("坏账率", "供应链", "采购")
"""An indicator's name, the programme's most common word, and a word of the practices."""

PARTS = (
    ("元数据", ".pf_meta"),
    ("索引块", "/index/"),
    ("片段", "/fragment/"),
    ("筛选", "/filter/"),
    ("wasm", ".pagefind"),
    ("脚本", ".js"),
)
"""The parts of a bundle, by what their address holds, in the order they are told ("脚本" holds
pagefind.js and the entry file pagefind-entry.json)."""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


@contextmanager
def _serve(site: Path) -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def part(url: str) -> str:
    """Which part of the bundle an address under /pagefind/ is (PARTS), or "其他"."""
    return next((name for name, mark in PARTS if mark in url), "其他")


def _fetched(page: Any, paths: list[str], server: str) -> None:
    """Each response under /pagefind/, as the path of the file served."""

    def finished(request: Any) -> None:
        if request.url.startswith(server + "/pagefind/"):
            paths.append(urlsplit(request.url).path.lstrip("/"))

    page.on("requestfinished", finished)


def by_part(site: Path, paths: Sequence[str]) -> dict[str, int]:
    """The bytes of the files fetched, as the local server sends them (the files as they are),
    summed by part of the bundle."""
    sizes: dict[str, int] = {}
    for path in paths:
        name = part(path)
        sizes[name] = sizes.get(name, 0) + (site / path).stat().st_size
    return sizes


def compressed(site: Path, paths: Sequence[str]) -> int:
    """The bytes a host that gzips text (GitHub Pages, where pages.yml publishes the site) sends
    for the files fetched: Pagefind's own files are gzip already, its scripts are not."""
    total = 0
    for path in paths:
        data = (site / path).read_bytes()
        total += len(gzip.compress(data, 6, mtime=0)) if path.endswith((".js", ".json")) else len(data)
    return total


def measure(site: Path, queries: Sequence[str] = QUERIES) -> tuple[list[str], dict[str, list[str]]]:
    """The files under /pagefind/ a page load fetches, and those the first results of each query
    fetch (by_part and compressed tell their bytes)."""
    from playwright.sync_api import sync_playwright

    per_query: dict[str, list[str]] = {}
    with _serve(site) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context()
        page = context.new_page()
        loaded: list[str] = []
        _fetched(page, loaded, server)
        page.goto(server + "/", wait_until="networkidle")
        context.close()
        for term in queries:
            context = browser.new_context()
            page = context.new_page()
            paths: list[str] = []
            _fetched(page, paths, server)
            page.goto(server + "/", wait_until="networkidle")
            box = page.locator("#scp-search-input")
            box.click()
            box.fill(term)
            page.wait_for_function(
                "term => document.querySelector('.scp-search .md-search-result__meta').textContent"
                ".includes('“' + term + '”')",
                arg=term,
                timeout=120_000,
            )
            page.wait_for_load_state("networkidle")
            per_query[term] = paths
            context.close()
        browser.close()
    return loaded, per_query
