"""Accessibility of the sample site in headless Debian Chromium: axe-core (from the npm registry,
tests/a11y/, installed by `.ci/run` with `npm ci`) finds no serious or critical violation on
the home page, a pilot page, a status matrix, the practice catalogue and a practice page, and
the header's search box open with its results and filters; the catalogue's filters (links) are
reached and followed with the keyboard alone."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from searchkit import search
from test_browser import CHROMIUM, FLAGS

AXE = Path(__file__).parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
SKIP = bool(os.environ.get("SCPILOT_SKIP_BROWSER"))
if not AXE.exists() and not SKIP:
    raise RuntimeError(
        f"{AXE} not found: run `npm ci --prefix tests/a11y` (.ci/run does), or set SCPILOT_SKIP_BROWSER=1"
    )
pytestmark = pytest.mark.skipif(SKIP, reason="SCPILOT_SKIP_BROWSER set")
PAGES = {
    "home": "/",
    "pilot": "/pilots/shenzhen/",
    "status matrix": "/status/guangdong/",
    "practice catalogue": "/practices/",
    "statistics": "/statistics/",
    "practice": None,  # the first practice the catalogue lists
}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture(scope="module")
def server(sample_site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(sample_site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


def _describe(violation: dict[str, Any]) -> str:
    nodes = "; ".join(
        str(n["target"]) + " " + n.get("failureSummary", "").replace("\n", " ") for n in violation["nodes"][:3]
    )
    return f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])}×): {violation['help']} — {nodes}"


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_violation(name: str, server: str, browser: Any) -> None:
    page = browser.new_page()
    path = PAGES[name]
    if path is None:
        page.goto(server + "/practices/")
        path = "/practices/" + str(page.locator(".scp-practice-title a").first.get_attribute("href"))
    page.goto(server + path)
    assert page.locator("h1").count() >= 1
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    page.close()
    serious = [_describe(v) for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], f"{path}:\n" + "\n".join(serious)


def test_search_box_with_results_has_no_serious_violation(server: str, browser: Any) -> None:
    page = browser.new_page()
    page.goto(server + "/")
    assert search(page, "坏账率")
    page.locator(".scp-search-filters summary").click()
    page.locator(".scp-search-filter-fields select").first.wait_for(timeout=10000)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    page.close()
    serious = [_describe(v) for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], "\n".join(serious)


def test_catalogue_filters_work_with_the_keyboard(server: str, browser: Any) -> None:
    page = browser.new_page()
    page.goto(server + "/practices/")
    filters = page.locator(".scp-facets a")
    total = filters.count()
    assert total >= 5
    reached: list[str] = []
    for _ in range(400):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const e = document.activeElement; if (!e.closest('.scp-facets')) return null;"
            " const s = getComputedStyle(e);"
            " return [e.getAttribute('href'), s.outlineStyle !== 'none' || s.boxShadow !== 'none']; })()"
        )
        if focused is None:
            if reached:
                break
            continue
        href, visible = focused
        assert visible, f"{href}: the keyboard focus is not visible"
        reached.append(href)
    assert len(reached) == total, "every filter is one Tab stop"
    # follow the second filter with Enter, from the keyboard focus
    page.goto(server + "/practices/")
    target = str(filters.nth(1).get_attribute("href"))
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == target:
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.rstrip("/").endswith(target.strip("./").rstrip("/"))
    assert page.locator("h1").first.inner_text().startswith("经验")
    page.close()
