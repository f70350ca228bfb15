"""The site's search for the tests: Pagefind's records read from a built site, a local server
for the browser tests, and a query typed into the header's search box in Chromium."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

SIGNATURE = b"pagefind_dcd"
INPUT = "#scp-search-input"
META = ".scp-search .md-search-result__meta"
RESULTS = "#scp-search-results > li"


def unpack(raw: bytes) -> bytes:
    """A Pagefind file's content: gzip, then a signature before the payload."""
    data = gzip.decompress(raw)
    return data[len(SIGNATURE) :] if data.startswith(SIGNATURE) else data


def records(site: Path) -> list[dict[str, Any]]:
    """Every page Pagefind indexed, as its fragment: url, content, meta, filters, anchors."""
    found = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        record: dict[str, Any] = json.loads(unpack(path.read_bytes()))
        record["content"] = str(record.get("content", "")).replace("\u200b", "")
        found.append(record)
    return found


def search(page: Any, term: str) -> list[tuple[str, str]]:
    """Type ``term`` into the header's search box; the results as (link, text), once the count
    for this very term is shown."""
    box = page.locator(INPUT)
    box.click()
    box.fill(term)
    page.wait_for_function(
        "term => { const m = document.querySelector('" + META + "');"
        " return m && m.textContent.includes('“' + term + '”') && !m.textContent.includes('正在'); }",
        arg=term,
        timeout=60000,
    )
    return [
        (str(item.locator("a").first.get_attribute("href")), item.inner_text()) for item in page.locator(RESULTS).all()
    ]


def highlighted(href: str) -> list[str]:
    """The words a result's link asks its page to mark."""
    return parse_qs(urlsplit(href).query).get("highlight", [])
