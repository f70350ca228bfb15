"""The built site in headless Debian Chromium (Playwright, no downloaded browser): the key
pages load without console errors and without fetching any of the search index, a Chinese search
in the header's box (Pagefind) finds a known practice and is used with the keyboard alone, its
result opens with the words marked, and no request leaves the local server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from searchkit import INPUT, META, RESULTS, highlighted, search
from sitekit import base_site_repo, serve

CHROMIUM = os.environ.get("SCPILOT_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not shutil.which(CHROMIUM) and not os.environ.get("SCPILOT_SKIP_BROWSER"):
    raise RuntimeError(f"{CHROMIUM} not found: install Debian's chromium (.ci/run does), or set SCPILOT_SKIP_BROWSER=1")
pytestmark = pytest.mark.skipif(bool(os.environ.get("SCPILOT_SKIP_BROWSER")), reason="SCPILOT_SKIP_BROWSER set")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = base_site_repo(tmp_path_factory, "browser")
    with serve(root / "site") as address:
        yield address


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One Chromium launch for the module; ``new_page`` gives each test a context of its own (no
    cache, storage or history shared), as when each test launched its own browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def test_pages_search_and_no_outside_requests(server: str, chromium: Any) -> None:
    outside: list[str] = []
    requested: list[str] = []
    errors: list[str] = []
    page = chromium.new_page()
    page.on("request", lambda r: outside.append(r.url) if urlsplit(r.url).hostname != "127.0.0.1" else None)
    page.on("request", lambda r: requested.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path, heading in (
        ("/", "全国供应链创新与应用试点"),
        ("/pilots/foshan/", "佛山市"),
        ("/practices/", "可复制推广经验"),
    ):
        page.goto(server + path)
        assert page.locator("h1").first.inner_text().startswith(heading)
    assert [u for u in requested if "/pagefind/" in u] == [], "a page load fetches none of the search index"
    page.goto(server + "/")
    results = search(page, "统一采购")
    assert any("家电产业平台集中采购" in text for _, text in results), results
    assert any(urlsplit(href).path.startswith("/practices/foshan-2019-p1/") for href, _ in results), results
    assert all(highlighted(href) for href, _ in results) and "?h=" not in str(results)
    assert "统一采购" in highlighted(results[0][0])
    assert any(u.endswith("/pagefind/pagefind.js") for u in requested)
    assert search(page, "ぬぬぬぬ") == []
    assert "没有找到" in page.locator(META).inner_text()
    page.keyboard.press("Escape")
    page.goto(server + "/practices/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement !== document.body")
    page.context.close()
    assert outside == []
    assert errors == []


def test_search_with_the_keyboard_and_the_words_marked(server: str, chromium: Any) -> None:
    """/ opens the box, typing searches, ↓ reaches the results, Enter opens one, and the page
    opened marks the words searched for; Esc closes the box."""
    errors: list[str] = []
    page = chromium.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/pilots/foshan/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == INPUT.lstrip("#")
    assert page.evaluate("document.getElementById('__search').checked"), "the box opens"
    page.keyboard.insert_text("采购")
    page.wait_for_function("() => document.querySelector('" + META + "').textContent.includes('找到')", timeout=60000)
    assert page.locator(RESULTS).count() >= 1
    page.keyboard.press("ArrowDown")
    href = str(page.evaluate("document.activeElement.getAttribute('href')"))
    assert highlighted(href) == ["采购"], href
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == INPUT.lstrip("#")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked"), "Esc closes the box"
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == urlsplit(href).path
    marked = page.locator("mark.scp-highlight")
    marked.first.wait_for(timeout=10000)
    assert {t.strip() for t in marked.all_inner_texts()} == {"采购"}
    page.context.close()
    assert errors == []
