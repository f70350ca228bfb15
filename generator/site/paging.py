"""Numbered pages for what would otherwise grow with the programme: a province's pilots, its
status matrix and late list, its recommendation lists. Page 1 keeps the page's own address
(``url(kind, *parts)``), page n is ``url(kind + "_page", *parts, n)``; every page links to its
neighbours (上一页 / 下一页) and to each page by number, and says 「第 k 页，共 n 页」, without
JavaScript (``templates/paging.j2``). Pure functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from generator.site.urls import url

T = TypeVar("T")

ROWS = 50
"""Rows (pilots, documents or list entries) on one numbered page."""


@dataclass(frozen=True)
class Pager:
    current: int
    """This page's number, from 1."""
    pages: tuple[str, ...]
    """Every page's docs-relative path, in order."""
    offset: int = 0
    """How many items the pages before this one hold."""

    @property
    def total(self) -> int:
        return len(self.pages)

    @property
    def previous(self) -> str | None:
        return self.pages[self.current - 2] if self.current > 1 else None

    @property
    def next(self) -> str | None:
        return self.pages[self.current] if self.current < self.total else None


def page_path(kind: str, number: int, *parts: str) -> str:
    """Page ``number`` of a paged page: its own address for 1, ``url(kind + "_page", …, n)`` after."""
    return url(kind, *parts) if number == 1 else url(kind + "_page", *parts, str(number))


def split(items: Sequence[T], kind: str, *parts: str, size: int | None = None) -> list[tuple[str, Pager, Sequence[T]]]:
    """``items`` in pages of at most ``size`` (default ROWS): (path, pager, the page's items); one
    page when there are none."""
    size = size or ROWS
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [items[:0]]
    paths = tuple(page_path(kind, n, *parts) for n in range(1, len(chunks) + 1))
    return [
        (path, Pager(n, paths, (n - 1) * size), chunk)
        for n, (path, chunk) in enumerate(zip(paths, chunks, strict=True), start=1)
    ]
