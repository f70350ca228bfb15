"""Issue 16.5, memory: in ``mkdocs build`` the plugin does not hold the generated pages for the
whole build. MkDocs reads each Markdown page once and the page's own file forgets its text there;
every other generated file is in the site folder before MkDocs copies static files."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest
from casekit import ROOT
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator.plugin.handoff import Handed
from generator.plugin.mkdocs_plugin import ScpilotPlugin

PAGES: dict[str, str | bytes] = {
    "pilots/x/index.md": '---\ntitle: "深圳"\n---\n\n# 深圳\n\n正文。\n',
    "methods.md": "# 方法\n",
    "data/scpilot.json": '{"试点": 1}\n',
    "data/scpilot.xlsx": b"PK\x03\x04 not really a workbook",
}


def _plugin(tmp_path: Path, command: str = "build") -> tuple[ScpilotPlugin, MkDocsConfig]:
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    plugin = config.plugins["scpilot"]
    assert isinstance(plugin, ScpilotPlugin)
    config.plugins.on_startup(command=command, dirty=False)
    plugin.pages = dict(PAGES)
    return plugin, config


def test_build_hands_the_pages_to_mkdocs_and_keeps_none(tmp_path: Path) -> None:
    plugin, config = _plugin(tmp_path)
    files = config.plugins.on_files(Files([]), config=config)
    assert plugin.pages == {}
    docs = {f.src_uri: f for f in files.documentation_pages()}
    assert set(docs) == {"pilots/x/index.md", "methods.md"}
    for path, file in docs.items():
        page = Page(None, file, config)
        page.read_source(config)
        assert page.markdown is not None and page.markdown in str(PAGES[path])
        assert file._content is None  # forgotten at the read: MkDocs holds page.markdown alone
    assert docs["pilots/x/index.md"].page is not None and docs["pilots/x/index.md"].page.meta == {"title": "深圳"}
    for path in ("data/scpilot.json", "data/scpilot.xlsx"):
        written = Path(config.site_dir, path)
        content = PAGES[path]
        assert written.read_bytes() == (content if isinstance(content, bytes) else content.encode("utf-8"))
    files.copy_static_files()  # MkDocs' own copy finds each file in place
    assert Path(config.site_dir, "data/scpilot.json").read_text(encoding="utf-8") == PAGES["data/scpilot.json"]


def test_a_read_page_text_is_freed(tmp_path: Path) -> None:
    plugin, config = _plugin(tmp_path)

    class Text(str):
        """A str that can be watched by a weak reference."""

    plugin.pages = {"big.md": Text("# 大页面\n" + "字" * 100_000)}
    watched = weakref.ref(plugin.pages["big.md"])
    files = config.plugins.on_files(Files([]), config=config)
    file = files.get_file_from_path("big.md")
    assert file is not None and watched() is not None
    page = Page(None, file, config)
    page.read_source(config)
    gc.collect()
    assert watched() is None and page.markdown is not None and page.markdown.startswith("# 大页面")


def test_a_handed_page_is_read_once(tmp_path: Path) -> None:
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins._current_plugin = None  # as outside an event (MkDocs sets it in run_event)
    file = Handed.generated(config, "a.md", content="# 一\n")
    assert file.is_modified()
    assert file.content_string == "# 一\n"
    assert file.is_modified()  # mkdocs build --dirty asks again after the read
    with pytest.raises(RuntimeError, match=r"a\.md: a generated page is read once"):
        file.content_string  # noqa: B018
    file.content_bytes = "# 二\n".encode()
    assert file.content_bytes == "# 二\n".encode()


def test_serve_keeps_the_pages(tmp_path: Path) -> None:
    """``mkdocs serve`` renders from memory on every rebuild (site/live.py keeps the last good build)."""
    plugin, config = _plugin(tmp_path, command="serve")
    files = config.plugins.on_files(Files([]), config=config)
    assert plugin.pages == PAGES
    assert {f.src_uri for f in files} == set(PAGES)
    assert not Path(config.site_dir, "data/scpilot.json").exists()
    assert all(f.content_bytes for f in files)


def test_forget_lets_go_of_templates_and_link_caches() -> None:
    from generator.site import env

    first = env.make_env(True)
    assert env.relative("pilots/x/index.md", "pilots/index.md") == "../"
    assert env._parts.cache_info().currsize and env._goal.cache_info().currsize
    env.forget()
    assert env._parts.cache_info().currsize == env._start.cache_info().currsize == env._goal.cache_info().currsize == 0
    assert env.make_env(True) is not first
    assert env.relative("pilots/x/index.md", "pilots/index.md") == "../"  # still right, cached again
