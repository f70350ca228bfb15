"""Issue 14.13: while a submission is invalid, ``mkdocs serve`` keeps the last good pages
with the problems on top, instead of failing the rebuild (the browser waited forever)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from sitekit import make_site_repo

from generator.plugin.serving import with_errors

REPORT = "submissions/guangdong/foshan/reports/2019Q3.yaml"


def _plugin(root: Path, command: str) -> tuple[object, object]:
    config = load_config(config_file=str(root / "mkdocs.yml"))
    plugin = config.plugins["scpilot"]
    plugin.on_startup(command=command, dirty=False)
    return config, plugin


def _break(root: Path) -> None:
    report = root / REPORT
    report.write_text(report.read_text(encoding="utf-8").replace("value: 180", "value: 一百八十"), encoding="utf-8")


def test_serve_keeps_the_last_good_pages_with_the_errors(tmp_path: Path) -> None:
    root = make_site_repo(tmp_path / "repo")
    config, plugin = _plugin(root, "serve")
    plugin.on_config(config)  # type: ignore[attr-defined]
    good = dict(plugin.pages)  # type: ignore[attr-defined]
    _break(root)
    plugin.on_config(config)  # type: ignore[attr-defined]  # no PluginError: the rebuild goes on
    pages = plugin.pages  # type: ignore[attr-defined]
    assert set(pages) == set(good)
    page = str(pages["pilots/foshan/index.md"])
    assert page.startswith("---\n") and "报送文件未通过校验" in page and "SCP-S001" in page
    assert (
        f"{REPORT}:" in page and "检查了 4 个文件：1 个错误" in page
    )  # serve checks the change and what depends on it: the pilot folder


def test_build_still_fails(tmp_path: Path) -> None:
    root = make_site_repo(tmp_path / "repo")
    _break(root)
    config, plugin = _plugin(root, "build")
    with pytest.raises(PluginError):
        plugin.on_config(config)  # type: ignore[attr-defined]


def test_banner_escapes_and_keeps_front_matter() -> None:
    pages = with_errors(
        {"a.md": "---\ntitle: x\n---\n\n# A\n", "b.csv": b"1", "c.md": "# C\n"}, "x.yaml:1:1: <script>\n"
    )
    assert pages["b.csv"] == b"1"
    assert str(pages["a.md"]).startswith("---\ntitle: x\n---\n\n<div") and "&lt;script&gt;" in str(pages["a.md"])
    assert str(pages["c.md"]).startswith("<div") and str(pages["c.md"]).endswith("# C\n")


def test_the_banner_goes_where_the_problems_are() -> None:
    """A problem in a pilot's document: the home page and that pilot's pages carry the list (so
    that ``--dirty`` renders a few pages again); a problem elsewhere: every page."""
    pages: dict[str, str | bytes] = {
        "index.md": "# 首页\n",
        "pilots/foshan/index.md": "# 佛山\n",
        "pilots/foshan/reports/2019Q3.md": "# 季报\n",
        "pilots/guangzhou/index.md": "# 广州\n",
        "statistics/index.md": "# 统计\n",
    }
    marked = with_errors(pages, "x\n", [REPORT])
    carry = {k for k, v in marked.items() if "scp-errors" in str(v)}
    assert carry == {"index.md", "pilots/foshan/index.md", "pilots/foshan/reports/2019Q3.md"}
    everywhere = with_errors(pages, "x\n", [REPORT, "submissions/guangdong/province.yaml"])
    assert all("scp-errors" in str(v) for v in everywhere.values())
