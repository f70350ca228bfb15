"""How the generated pages become MkDocs files, and when the plugin lets go of them.

``mkdocs build`` (issue 16.5): MkDocs reads each Markdown page once, keeps its own copy
(``page.markdown``) and the HTML rendered from it until the end of the build. A page made with
``File.generated(content=...)`` keeps its text besides, for the whole build: at 321 pilots some
110 MB that a plain ``mkdocs build`` of the same pages never holds. So

- a Markdown page is a :class:`Handed` file: its text goes to MkDocs at the one read and is
  forgotten there;
- every other generated file (the downloads, the filing desk's files) is written at once where
  the site will hold it, the way MkDocs lets a plugin write into ``site_dir``: MkDocs copies
  static files only after it has read and rendered every page, and the downloads alone are
  tens of megabytes (hundreds at 3,210 pilots).

``mkdocs serve`` keeps every page in memory (the last good build, site/live.py); with ``--dirty``
a :class:`Generated` page knows whether its text changed since the last rebuild.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import is_markdown_file

NOT_IN_NAV = InclusionLevel.NOT_IN_NAV


class Handed(File):
    """A generated Markdown page whose text MkDocs reads once (``Page.read_source``) and this
    file then forgets, so that the text is freed as soon as MkDocs has its own copy."""

    @property
    def content_string(self) -> str:
        return self._take_text()

    @content_string.setter
    def content_string(self, value: str) -> None:
        self._content, self.abs_src_path = value, None

    @property
    def content_bytes(self) -> bytes:
        return self._take_text().encode("utf-8")

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self._content, self.abs_src_path = value, None

    def _take_text(self) -> str:
        content, self._content = self._content, None
        if content is None:
            raise RuntimeError(
                f"{self.src_uri}: a generated page is read once, by MkDocs (Page.read_source); it was read again"
            )
        return content if isinstance(content, str) else content.decode("utf-8-sig")

    def is_modified(self) -> bool:
        return True  # generated on every build, as File says of any file given its content


class Generated(File):
    """A generated page that knows whether its content changed since the last rebuild, so that
    ``--dirty`` needs no file on disk and no modification time (thousands of stats a rebuild)."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


def _replace(files: Files, present: set[str], path: str) -> None:
    existing = files.get_file_from_path(path) if path in present else None
    if existing is not None:
        files.remove(existing)


def hand_over(files: Files, config: MkDocsConfig, pages: Mapping[str, str | bytes]) -> Files:
    """``mkdocs build``: the pages as :class:`Handed` files, every other file written into the
    site folder now (MkDocs' own copy of it then finds it in place). Generated pages are
    reached by links, not the nav: said once here, not once per page in MkDocs' "not included
    in the nav" list (hundreds of lines on every build, issue 14.14)."""
    present = {f.src_uri for f in files}
    for path, content in pages.items():
        _replace(files, present, path)
        if is_markdown_file(path):
            files.append(Handed.generated(config, path, content=content, inclusion=NOT_IN_NAV))
            continue
        target = Path(config.site_dir, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        files.append(File.generated(config, path, abs_src_path=os.path.normpath(target), inclusion=NOT_IN_NAV))
    return files


def keep(
    files: Files, config: MkDocsConfig, pages: Mapping[str, str | bytes], given: dict[str, str | bytes] | None
) -> Files:
    """``mkdocs serve``: every file from memory. With ``given`` (``--dirty``), the content each
    page had at the last rebuild: a page whose content is the same is not rendered again."""
    present = {f.src_uri for f in files}
    for path, content in pages.items():
        _replace(files, present, path)
        if given is None:
            files.append(File.generated(config, path, content=content, inclusion=NOT_IN_NAV))
            continue
        page = Generated.generated(config, path, content=content, inclusion=NOT_IN_NAV)
        assert isinstance(page, Generated)
        before = given.get(path)
        page.changed = before is None or (before is not content and before != content)
        given[path] = content
        files.append(page)
    return files
