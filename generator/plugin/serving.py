"""``mkdocs serve`` while a submission is invalid: the last good pages stay, each with the
list of problems on top, instead of a failed rebuild that leaves the browser waiting."""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable

from generator.load.layout import classify

log = logging.getLogger("generator.plugin.serve")
"""Outside MkDocs' loggers on purpose: a strict build counts their errors and would abort the
rebuild this module exists to keep (the problems are shown in the terminal all the same)."""

MAX_SHOWN = 30


def with_errors(
    pages: dict[str, str | bytes], report: str, files: Iterable[str] | None = None
) -> dict[str, str | bytes]:
    """The Markdown pages of ``pages`` with the validation report above their content: with
    ``files`` (where the problems are) and each of them a pilot's document, only the home page
    and those pilots' pages, which the person editing them is looking at (``mkdocs serve
    --dirty`` then renders a few pages again, not every page)."""
    owners = [loc.pilot if (loc := classify(f)) is not None else None for f in files or ()]
    folders = tuple(f"pilots/{o}/" for o in owners) if owners and all(owners) else None
    lines = report.rstrip("\n").splitlines()
    shown = "\n".join(lines[: MAX_SHOWN * 2]) + ("\n……" if len(lines) > MAX_SHOWN * 2 else "")
    banner = (
        '<div class="scp-note scp-errors" role="alert" data-search-exclude>'
        "<p><strong>报送文件未通过校验：</strong>下面是上一次成功生成的页面；修正以下问题并保存后，页面自动更新。</p>"
        f"<pre>{html.escape(shown)}</pre></div>\n\n"
    )
    return {
        path: _prepend(content, banner)
        if path.endswith(".md") and (folders is None or path == "index.md" or path.startswith(folders))
        else content
        for path, content in pages.items()
    }


def _prepend(content: str | bytes, banner: str) -> str | bytes:
    if not isinstance(content, str):
        return content
    if content.startswith("---\n"):  # front matter first: MkDocs reads it only at the very top
        end = content.find("\n---\n", 4)
        if end != -1:
            cut = end + len("\n---\n")
            return content[:cut] + "\n" + banner + content[cut:]
    return banner + content
