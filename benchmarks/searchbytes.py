"""What a visitor downloads for search (benchmarks/run.py): the built site served on 127.0.0.1,
opened in Debian's chromium (Playwright, as the browser tests do), the bytes of every response
under /pagefind/ summed from the network events: once for a page load before anything is typed,
and once per query, each in a fresh browser context (nothing cached), until the first results
are shown. Each query's bytes are also told by part of Pagefind's bundle (PARTS): what grows with
the site (the meta file, the index chunks of the query's words) and what does not (the scripts, the
wasm, the fragments of the first results)."""

from __future__ import annotations

import functools
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
"""The parts of a bundle, by what their address holds, in the order they are told."""


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


def _index_bytes(page: Any, sizes: dict[str, int], server: str, site: Path) -> None:
    """Each response under /pagefind/, as the bytes of the file served (the local server sends
    files as they are; Chromium reports no body size for a worker's script), summed by part."""

    def finished(request: Any) -> None:
        if request.url.startswith(server + "/pagefind/"):
            path = site / urlsplit(request.url).path.lstrip("/")
            served = max(int(request.sizes()["responseBodySize"]), path.stat().st_size)
            sizes[part(request.url)] = sizes.get(part(request.url), 0) + served

    page.on("requestfinished", finished)


def measure(site: Path, queries: Sequence[str] = QUERIES) -> tuple[int, dict[str, dict[str, int]]]:
    """Bytes under /pagefind/ for a page load, and for the first results of each query by part
    (``sum(parts.values())`` is the query's whole)."""
    from playwright.sync_api import sync_playwright

    per_query: dict[str, dict[str, int]] = {}
    with _serve(site) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context()
        page = context.new_page()
        loaded: dict[str, int] = {}
        _index_bytes(page, loaded, server, site)
        page.goto(server + "/", wait_until="networkidle")
        context.close()
        for term in queries:
            context = browser.new_context()
            page = context.new_page()
            sizes: dict[str, int] = {}
            _index_bytes(page, sizes, server, site)
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
            per_query[term] = sizes
            context.close()
        browser.close()
    return sum(loaded.values()), per_query
