"""The site's search index, written by Pagefind (https://pagefind.app) into ``pagefind/`` of the
built site.

Pagefind splits the index into fragments: a visitor's browser fetches nothing until the search
box is used, and then only the few chunks and fragments a query needs (Material's lunr index is
one file with every page's text). What still grows with the site is the meta file (a few bytes
per record) and the chunk of a word found on most pages (its postings). Its
``extended`` build, installed from PyPI as ``pagefind[extended]``, segments Chinese text into
words at indexing time, so a word inside a sentence is found without jieba.

Which pages are indexed: every page whose content Material wraps in ``data-pagefind-body``
(docs/overrides/main.html does so unless the page's front matter says ``search: exclude``).
What of a page is left out: the elements the templates mark ``data-search-exclude`` (boilerplate
tables, revision logs, drafts), except that a chart's caption (the indicator's name and unit) and
a summary report's section texts stay searchable; a chart's drawing and data table never are.
Each text is indexed once, on the page it belongs to: what a page only repeats is left out, by
``data-pagefind-ignore`` in the templates (the way back to the pilot, the source line, a summary's
list of practices) or by a selector in EXCLUDE (a report's tables name the ledger's targets and
measures, whose one record is the pilot's page). Every record's words are postings in the index chunk a query
fetches, so a text repeated in each quarterly report made a common word's chunk grow with every
report filed (issue 16.1).
The header's search box is docs/overrides/partials/search.html with docs/assets/search.js."""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import json
import logging
import shutil
import zlib
from pathlib import Path

from mkdocs.exceptions import PluginError
from pagefind.index import IndexConfig
from pagefind.service import PagefindService

from generator.plugin.pagefind_stable import stabilise

log = logging.getLogger("mkdocs.plugins.scpilot")

OUTPUT = "pagefind"
"""The bundle's folder inside the site; docs/overrides/partials/search.html points at it."""

EXCLUDE = (
    # what the templates keep out of search, but not a chart (its caption names the indicator and
    # its unit), a summary report's section texts or their headings
    "[data-search-exclude]:not(figure):not(.scp-section):not(h3)",
    "figure svg",
    "table.scp-data",
    ".headerlink",
    ".md-source-file",
    # what a table only repeats, by position rather than an attribute on each cell (a pilot's page
    # is the largest page: issue 16.2): a quarterly report's targets and measures are named by the
    # ledger, whose one record is the pilot's page; its measures' table keeps name and responsible unit only
    ".scp-quarter-targets caption",
    ".scp-quarter-targets thead",
    ".scp-quarter-targets td:nth-child(-n+2)",
    ".scp-quarter-measures caption",
    ".scp-quarter-measures thead",
    ".scp-quarter-measures td:nth-child(-n+4)",
    ".scp-ledger-measures caption",
    ".scp-ledger-measures thead",
    ".scp-ledger-measures td:not(:nth-child(2)):not(:nth-child(5))",
)


UNUSED = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*")
"""Pagefind's own search interfaces: the site has its box in Material's header instead."""


def index_site(site_dir: str | Path, *, once: bool = False) -> int:
    """Index the built site in ``site_dir`` and write the bundle to ``site_dir/pagefind``;
    returns the number of pages indexed. With ``once`` (``mkdocs serve --dirty``, where a
    rebuild must take seconds) an index already written stays: the preview's search may lag."""
    site = Path(site_dir).resolve()
    output = site / OUTPUT
    if once and (output / "pagefind-entry.json").exists():
        return 0
    for attempt in range(1, ATTEMPTS + 1):
        shutil.rmtree(output, ignore_errors=True)  # no fragment of an earlier build stays behind
        try:
            asyncio.run(_index(site, output))
        except (OSError, RuntimeError, AssertionError) as exc:  # the Pagefind binary failed or is missing
            raise PluginError(f"搜索索引没有生成（Pagefind）：{exc}") from exc
        if _complete(output):
            break
        # Pagefind's service answers "written" and is closed while a file may still be empty (seen
        # on a loaded machine: an empty pagefind-entry.json); the whole bundle is written again.
        log.info("Pagefind 的索引文件不完整（第 %d 次），重新生成。", attempt)
    else:
        raise PluginError(f"搜索索引连续 {ATTEMPTS} 次没有完整写出（Pagefind）：请重新构建。")
    stabilise(output)  # the same pages, the same bytes (Pagefind writes filters in hash order)
    pages = records(output)
    for unused in UNUSED:
        for path in output.glob(unused):
            path.unlink()
    if pages == 0:
        raise PluginError("搜索索引是空的：没有一个页面带 data-pagefind-body（见 docs/overrides/main.html）。")
    log.debug("Pagefind indexed %d pages into %s", pages, output)
    return pages


ATTEMPTS = 3


def records(output: Path) -> int:
    """The number of records (pages) in the bundle written to ``output``, as its entry file tells."""
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(int(language["page_count"]) for language in entry["languages"].values())


def _complete(output: Path) -> bool:
    """Whether every file of the bundle is whole: the entry file parses and names meta files that
    are there; each compressed file (index, fragments, filters, meta, wasm) decompresses to its end
    with a good checksum; each script is not empty and ends where a script ends. A file cut short
    (an empty entry file, a truncated pagefind-worker.js: both seen under load) fails."""
    try:
        entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
        metas = [output / f"pagefind.{info['hash']}.pf_meta" for info in entry["languages"].values()]
        if not all(m.is_file() for m in metas):
            return False
        return all(_whole(path) for path in output.rglob("*") if path.is_file())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


COMPRESSED = (".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter", ".pagefind")
"""The bundle's gzipped files (``wasm.<language>.pagefind`` is Pagefind's compressed WebAssembly)."""

SCRIPT_ENDS = (b";", b"}", b")", b"*/")


def _whole(path: Path) -> bool:
    data = path.read_bytes()
    if not data:
        return False
    if path.name.endswith(COMPRESSED):
        try:
            gzip.decompress(data)  # raises on a stream cut short or a bad CRC
        except (OSError, EOFError, zlib.error):
            return False
        return True
    if path.suffix == ".js":
        return data.rstrip().endswith(SCRIPT_ENDS)
    return True


class _Service(PagefindService):
    """Pagefind's service, ended by closing its input so that it exits by itself once every file
    it was asked to write is on disk. The wrapper's own close() sends SIGTERM right after the
    "written" answer, which on a loaded machine cut files short: the answer can come before the
    last write of the bundle has reached the disk."""

    async def close(self) -> None:
        self._poll_task.cancel()
        with contextlib.suppress(asyncio.CancelledError, asyncio.IncompleteReadError):
            await self._poll_task  # IncompleteReadError: the service had already ended
        if self._backend.stdin is not None:
            self._backend.stdin.close()
        try:
            await asyncio.wait_for(self._backend.wait(), timeout=CLOSE_SECONDS)
        except TimeoutError:
            log.warning("Pagefind 在 %d 秒内没有退出，已强制结束。", CLOSE_SECONDS)
            self._backend.terminate()
            await self._backend.wait()


CLOSE_SECONDS = 60


def index_config(output: Path) -> IndexConfig:
    """The site's indexing settings, the bundle written to ``output``."""
    return {
        "root_selector": "html",  # the pages' data-pagefind-body narrows it to the article
        "exclude_selectors": list(EXCLUDE),
        "force_language": "zh",
        "output_path": str(output),
    }


async def _index(site: Path, output: Path) -> None:
    service = await _Service().launch()
    try:
        index = await service.create_index(index_config(output))
        await index.add_directory(str(site))
        await index.write_files(output_path=str(output))
    finally:
        await service.close()
