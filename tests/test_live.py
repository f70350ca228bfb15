"""Issue 16.4: in ``mkdocs serve`` an edit of a pilot's documents rebuilds that pilot's pages at
once, and they are exactly the pages a full build writes; every other page follows from the
background render, which is exactly a full build too."""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

import pytest
from casekit import ROOT, copy_sample
from gitkit import GitRepo
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from generator.site.build import SiteError, prepare
from generator.site.inputs import SiteConfig
from generator.site.live import LiveSite
from generator.site.pages import build_pages

CONFIG = SiteConfig("public", None, None, True, None, site_url=None)
REPORT = "submissions/guangdong/shenzhen/reports/2020Q2.yaml"
NEXT = "submissions/guangdong/shenzhen/reports/2020Q3.yaml"


def _repo(root: Path) -> GitRepo:
    repo = GitRepo(root)
    copy_sample(root)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "报送\n\nConfirmed-by: 广东省商务厅", when="2020-07-10T10:00:00+08:00")
    return repo


def _git(root: Path) -> GitRepo:
    repo = GitRepo.__new__(GitRepo)  # the repository exists: no init
    repo.root = root
    return repo


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    time.sleep(0.01)  # a new modification time even on coarse clocks


def _full(root: Path) -> dict[str, str | bytes]:
    return build_pages(prepare(root, CONFIG))


def _pilot_pages(pages: dict[str, str | bytes]) -> dict[str, str | bytes]:
    return {k: v for k, v in pages.items() if k.startswith("pilots/") and k.count("/") > 1}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return _repo(tmp_path / "repo").root


def test_an_edit_rebuilds_its_pilot_at_once_as_a_full_build_would(root: Path) -> None:
    live = LiveSite(root, CONFIG, None, None)
    first = live.build()
    assert first.rest is None and first.pilots == []
    _edit(root, REPORT, "\noverview: ", "\noverview: 预览中的修改。")

    update = live.build()
    assert update.changed == [REPORT] and update.pilots == ["shenzhen"] and update.rest is not None
    full = _full(root)
    assert _pilot_pages(update.pages) == _pilot_pages(full)  # every pilot's pages, not just shenzhen's
    assert "预览中的修改。" in str(update.pages["pilots/shenzhen/reports/2020Q2.md"])
    assert set(update.pages) == set(full)

    rest = build_pages(update.rest)  # what the background thread renders
    assert rest == full
    assert live.complete(update.rest, rest)
    again = live.build()  # nothing changed since: the complete pages, no work
    assert again.pages == full and again.rest is None and again.changed == []


def test_added_and_removed_documents(root: Path) -> None:
    live = LiveSite(root, CONFIG, None, None)
    live.build()
    (root / NEXT).unlink()
    update = live.build()
    assert update.pilots == ["shenzhen"]
    full = _full(root)
    assert "pilots/shenzhen/reports/2020Q3.md" not in update.pages
    assert _pilot_pages(update.pages) == _pilot_pages(full)

    _git(root).git("checkout", "--", NEXT)  # back: the page comes back
    update = live.build()
    assert update.pilots == ["shenzhen"] and "pilots/shenzhen/reports/2020Q3.md" in update.pages
    assert _pilot_pages(update.pages) == _pilot_pages(_full(root))


def test_an_invalid_edit_keeps_the_last_good_state(root: Path) -> None:
    live = LiveSite(root, CONFIG, None, None)
    good = live.build().pages
    _edit(root, REPORT, "\noverview: ", "\noverview: 【请填写】")
    with pytest.raises(SiteError) as caught:
        live.build()
    assert {p.file for p in caught.value.problems} == {REPORT}
    _edit(root, REPORT, "\noverview: 【请填写】", "\noverview: 改好了。")
    update = live.build()  # compared with the last good build: the report changed, nothing else
    assert update.changed == [REPORT] and update.pilots == ["shenzhen"]
    assert _pilot_pages(update.pages) == _pilot_pages(_full(root))
    assert update.pages.keys() == good.keys()


def test_an_editors_hidden_files_change_nothing(root: Path) -> None:
    live = LiveSite(root, CONFIG, None, None)
    live.build()
    (root / "submissions/guangdong/shenzhen/reports/.2020Q2.yaml.swp").write_bytes(b"\0vim")
    update = live.build()
    assert update.changed == [] and update.rest is None


def test_what_is_not_a_pilots_document_builds_everything(root: Path) -> None:
    live = LiveSite(root, CONFIG, None, None)
    live.build()
    _edit(root, "submissions/guangdong/province.yaml", "name: 广东省", "name: 广东省 ")
    update = live.build()
    assert update.rest is None and update.pilots == [] and update.changed == ["submissions/guangdong/province.yaml"]
    assert update.pages == _full(root)


def test_a_commit_builds_everything(root: Path) -> None:
    live = LiveSite(root, CONFIG, None, None)
    live.build()
    _edit(root, REPORT, "\noverview: ", "\noverview: 已提交的修改。")
    _git(root).git("commit", "-q", "-am", "修改", when="2020-07-20T10:00:00+08:00")
    update = live.build()
    assert update.rest is None and update.pilots == []
    assert update.pages == _full(root)


def test_a_superseded_background_render_is_refused(root: Path) -> None:
    live = LiveSite(root, CONFIG, None, None)
    live.build()
    _edit(root, REPORT, "\noverview: ", "\noverview: 第一次。")
    first = live.build()
    _edit(root, REPORT, "\noverview: 第一次。", "\noverview: 第二次。")
    second = live.build()
    assert first.rest is not None and second.rest is not None
    assert not live.complete(first.rest, build_pages(first.rest))  # a later edit came first
    assert live.complete(second.rest, build_pages(second.rest))


def test_the_plugin_refreshes_the_rest_in_the_background(root: Path) -> None:
    """The adapter end to end, without the HTTP server: the quick rebuild, the background
    render, the watched file it writes, and the rebuild that file asks for."""
    config = load_config(config_file=str(root / "mkdocs.yml"))
    plugin = config.plugins["scpilot"]
    plugin.on_startup(command="serve", dirty=True)  # type: ignore[attr-defined]
    watched: list[str] = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    try:
        plugin.on_serve(Server(), config=config, builder=None)  # type: ignore[attr-defined]
        trigger = plugin.refresher.trigger  # type: ignore[attr-defined]
        assert watched == [str(trigger.parent)]
        plugin.on_config(config)  # type: ignore[attr-defined]
        first = config.plugins.on_files(Files([]), config=config)
        assert all(f.is_modified() for f in first)
        _edit(root, REPORT, "\noverview: ", "\noverview: 后台刷新。")
        plugin.on_config(config)  # type: ignore[attr-defined]
        assert "后台刷新。" in str(plugin.pages["pilots/shenzhen/reports/2020Q2.md"])  # type: ignore[attr-defined]
        modified = {f.src_uri for f in plugin.on_files(Files([]), config=config) if f.is_modified()}  # type: ignore[attr-defined]
        assert "pilots/shenzhen/reports/2020Q2.md" in modified  # --dirty renders only what changed
        assert modified <= {k for k in plugin.pages if k.startswith("pilots/shenzhen/")}  # type: ignore[attr-defined]
        time.sleep(1)
        assert not trigger.exists() and not plugin.refresher.busy  # type: ignore[attr-defined]  # not while the build runs
        config.site_dir = str(root / "built")
        (root / "built/pagefind").mkdir(parents=True)
        (root / "built/pagefind/pagefind-entry.json").write_text("{}")  # the index of the first build
        plugin.on_post_build(config=config)  # type: ignore[attr-defined]  # the pages are written: now the rest
        deadline = time.monotonic() + 300
        while not trigger.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert trigger.exists(), "the background render never asked for a rebuild"
        plugin.on_config(config)  # type: ignore[attr-defined]  # the rebuild the trigger asks for
        built = load_config(config_file=str(root / "mkdocs.yml"))
        builder = built.plugins["scpilot"]
        builder.on_startup(command="build", dirty=False)  # type: ignore[attr-defined]
        builder.on_config(built)  # type: ignore[attr-defined]
        assert plugin.pages == builder.pages  # type: ignore[attr-defined]
    finally:
        plugin.on_shutdown()  # type: ignore[attr-defined]


def test_a_dirty_preview_passes_strict(caplog: pytest.LogCaptureFixture) -> None:
    """``mkdocs serve --dirty`` with mkdocs.yml's ``strict: true``: MkDocs' warning that a dirty
    build may leave stale links aborted every build; the plugin makes it an INFO line."""
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    config.plugins["scpilot"].on_startup(command="serve", dirty=True)  # type: ignore[attr-defined]
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        logging.getLogger("mkdocs.commands.build").warning("A 'dirty' build is being performed, this will likely …")
        logging.getLogger("mkdocs.commands.build").warning("another warning")
    levels = {r.getMessage()[:5]: r.levelno for r in caplog.records}
    assert levels == {"A 'di": logging.INFO, "anoth": logging.WARNING}
