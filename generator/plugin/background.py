"""``mkdocs serve``: every page rendered again in a background thread after a quick rebuild
(:mod:`generator.site.live`), then one more rebuild asked of MkDocs by touching a watched file,
so that the listings, status, statistics and downloads follow the edit without blocking it."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from generator.site.inputs import SiteInputs
from generator.site.pages import build_pages

log = logging.getLogger("generator.plugin.serve")
"""Faults: outside MkDocs' loggers, so that a rebuild running meanwhile does not count them."""
said = logging.getLogger("mkdocs.plugins.scpilot")
"""The line saying the rest is done: MkDocs shows its INFO lines in the terminal."""


class Refresher:
    """One daemon thread; only the latest inputs are rendered (an edit made while it renders
    supersedes the one it is rendering, whose result ``deliver`` then refuses)."""

    def __init__(self, deliver: Callable[[SiteInputs, dict[str, str | bytes]], bool], trigger: Path) -> None:
        self.deliver = deliver
        self.trigger = trigger
        """A file in a folder ``mkdocs serve`` watches: writing it asks for a rebuild."""
        self._latest: SiteInputs | None = None
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self.busy = False

    def submit(self, inputs: SiteInputs) -> None:
        with self._wake:
            self._latest = inputs
            self.busy = True
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="scpilot-refresh", daemon=True)
                self._thread.start()
            self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._wake:
                while self._latest is None:
                    self.busy = False
                    self._wake.wait()
                inputs, self._latest = self._latest, None
            started = time.perf_counter()
            try:
                pages = build_pages(inputs)
            except Exception:  # the thread's boundary: a fault is logged, the next edit retries
                log.exception("后台重新生成汇总页面失败；保存任一报送文件即可重试。")
                continue
            if self.deliver(inputs, pages):
                said.info("汇总页面已在后台更新（%.1f 秒），浏览器将自动刷新。", time.perf_counter() - started)
                self.trigger.write_text(f"{time.time_ns()}\n", encoding="utf-8")
