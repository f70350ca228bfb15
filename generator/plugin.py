"""The MkDocs adapter: a thin plugin that validates the submissions, renders the pages
with the portable core (``generator.render``) and adds them with ``File.generated``."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator import reporters
from generator.render.pages import SiteConfig
from generator.site import SiteError, generate

log = logging.getLogger("mkdocs.plugins.scpilot")


class ScpilotConfig(base.Config):  # type: ignore[no-untyped-call]
    root = c.Optional(c.Type(str))
    """Repository root (holds submissions/ and schemas/); default: the folder of mkdocs.yml."""
    profile = c.Choice(("public", "internal"), default="public")
    """public never contains a field the schemas mark internal; internal adds contacts and reviewer notes.
    The environment variable SCPILOT_PROFILE overrides it."""
    source_url = c.Optional(c.Type(str))
    """Link to a file at a commit, e.g. https://git.example.org/org/repo/blob/{commit}/{path}."""
    commit_url = c.Optional(c.Type(str))
    """Link to a commit, e.g. https://git.example.org/org/repo/commit/{commit}."""
    as_of = c.Optional(c.Type(str))
    """Judge timeliness as of this day (YYYY-MM-DD); default: the latest confirmation in the history."""


def _head_timestamp(root: Path) -> int:
    from generator.gitio import GitError, resolve

    try:
        import git

        return int(git.Repo(root).commit(resolve(root, "HEAD")).committed_date)
    except (GitError, ValueError, OSError):
        return 0


class ScpilotPlugin(BasePlugin[ScpilotConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.pages: dict[str, str | bytes] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        profile = os.environ.get("SCPILOT_PROFILE", self.config.profile)
        site = SiteConfig(profile, self.config.source_url, self.config.commit_url, config.use_directory_urls)
        from datetime import date

        at = date.fromisoformat(self.config.as_of) if self.config.as_of else None
        try:
            self.pages = generate(root, site, at)
            # The same commit builds the same site: the sitemap's dates come from this, not the clock.
            os.environ.setdefault("SOURCE_DATE_EPOCH", str(_head_timestamp(root)))
        except SiteError as exc:
            log.error("报送文件未通过校验，网站没有构建：\n%s", reporters.text(exc.problems, 0))
            raise PluginError("报送文件未通过校验（见上方错误）；请先运行 scpilot validate 并修正。") from exc
        except ValueError as exc:
            raise PluginError(str(exc)) from exc
        return config

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Material writes the search index with every Chinese character and every jieba
        word boundary escaped (six bytes each); rewritten as UTF-8 it is about half the size."""
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.exists():
            data = json.loads(index.read_text(encoding="utf-8"))
            index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        for path, content in self.pages.items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, content=content))
        return files
