"""What the search index should see of a page: its HTML without the elements the templates
mark ``data-search-exclude``.

Material's search parser honours the marker only until the first nested element with the
same tag closes (``<div data-search-exclude><div>…</div>…</div>`` leaks everything after
the inner ``</div>``), so tables and section texts meant to stay out of the index were in
it. The plugin hands the search plugin this stripped copy and restores the page's own
HTML before the page is written: pages are unchanged, only the index shrinks."""

from __future__ import annotations

import re

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b([^>]*)>")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
MARKER = "data-search-exclude"


def strip_excluded(html: str) -> str:
    """``html`` without every element that carries ``data-search-exclude`` (and its content)."""
    if MARKER not in html:
        return html
    out: list[str] = []
    position = 0
    for match in _TAG.finditer(html):
        if match.start() < position:
            continue
        closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3)
        if closing or MARKER not in attrs or name in _VOID or attrs.rstrip().endswith("/"):
            continue
        end = _element_end(html, match.end(), name)
        out.append(html[position : match.start()])
        position = end
    out.append(html[position:])
    return "".join(out)


def _element_end(html: str, start: int, name: str) -> int:
    depth = 1
    pattern = re.compile(rf"<(/?){re.escape(name)}\b[^>]*>", re.IGNORECASE)
    for match in pattern.finditer(html, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(html)
