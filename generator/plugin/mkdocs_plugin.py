"""The MkDocs adapter: a thin plugin that validates the submissions, renders the pages
with the portable core (``generator.site``) and hands them to MkDocs (``generator.plugin.handoff``)."""

from __future__ import annotations

import gc
import html
import logging
import os
import shutil
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

from generator.load.schemas import SchemaSetError
from generator.plugin import handoff, serving
from generator.plugin.background import Refresher
from generator.plugin.pagefind import index_site
from generator.rules import reporters
from generator.site.build import SiteError, prepare
from generator.site.env import forget
from generator.site.filing import HostConfig
from generator.site.inputs import SiteConfig, SiteInputs
from generator.site.live import LiveSite
from generator.site.pages import build_pages

log = logging.getLogger("mkdocs.plugins.scpilot")
YOUNG = 20_000
"""The cycle collector's first threshold while the generator loads and renders: loading keeps nearly
all it allocates, and a young pass every 700 objects walked it all again, a fifth of the loading time
(issue 16.5). The same peak memory; MkDocs' own work runs with the usual thresholds."""


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
    """Judge timeliness as of this day (YYYY-MM-DD), overriding the programmes' own as_of; default: the
    latest confirmation in the history, each programme judged no later than its as_of (programme.yaml)."""
    host = c.Optional(c.Type(dict))
    """Where the filing desk (file/) submits: {kind: github|gitlab|gitea, url, repo: owner/name,
    branch: main, api: optional API address}. Without it the desk offers download only."""
    site_url = c.Optional(c.Type(str))
    """The site's public address, e.g. https://scpilot.example.org/: MkDocs' own site_url when that
    is not set, so that sitemap.xml lists the pages and 404.html links from any depth. The
    environment variable SCPILOT_SITE_URL gives it at deploy time without editing mkdocs.yml."""
    target_branch = c.Optional(c.Type(str))
    """The branch whose first-parent history confirms (default: the environment variable
    SCPILOT_TARGET_BRANCH, else main; origin/main where there is no local main). What is
    only on the branch being built shows as "submitted, awaiting confirmation"."""


def _host(options: dict[str, object] | None) -> HostConfig | None:
    if not options:
        return None
    known = {"kind", "url", "repo", "branch", "api"}
    unknown = sorted(set(options) - known)
    if unknown or not all(isinstance(v, str) for v in options.values()):
        raise PluginError(
            f"mkdocs.yml 中 scpilot 的 host 设置有误：{'、'.join(unknown) or '每一项都应是文字'}。"
            "\n提示：host 的写法为 {kind: gitea, url: https://git.example.gov.cn, repo: 所有者/仓库名, branch: main}。"
        )
    try:
        return HostConfig(**{k: str(v) for k, v in options.items()})
    except (TypeError, ValueError) as exc:
        raise PluginError(f"mkdocs.yml 中 scpilot 的 host 设置有误：{exc}") from exc


def _head_timestamp(root: Path) -> int:
    """HEAD's commit time, 0 without git history (an exported copy builds all the same)."""
    from generator.history.gitio import GitError, resolve

    try:
        import git

        return int(git.Repo(root).commit(resolve(root, "HEAD")).committed_date)
    except (GitError, git.InvalidGitRepositoryError, git.NoSuchPathError, ValueError, OSError):
        return 0


class _Bridge(logging.Handler):
    """Hands the generator's log records to MkDocs' logger: its INFO lines (no git history,
    documents awaiting confirmation) are shown, its warnings count for ``--strict``."""

    def emit(self, record: logging.LogRecord) -> None:
        log.log(record.levelno, record.getMessage())


class ScpilotPlugin(BasePlugin[ScpilotConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.pages: dict[str, str | bytes] = {}
        self.dirty = False
        """``mkdocs serve --dirty``: MkDocs renders again only the generated pages whose content
        changed since the last rebuild (``handoff.Generated.is_modified``)."""
        self.given: dict[str, str | bytes] = {}
        """With ``dirty``: the content each generated page had at the last rebuild."""
        self.serving = False
        self.good: dict[str, str | bytes] = {}
        """With ``mkdocs serve``: the pages of the last build whose submissions validated."""
        self.live: LiveSite | None = None
        """With ``mkdocs serve``: the last good build, so that an edit of a pilot's documents
        rebuilds that pilot's pages at once and the rest in the background (site/live.py)."""
        self.refresher: Refresher | None = None
        self.lock = threading.Lock()
        self.compiled = _Compiled()
        self.rest: SiteInputs | None = None
        """With ``mkdocs serve``, after a quick rebuild: the inputs every page is to be rendered
        from in the background, once this build is written."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Having this hook keeps the plugin alive across ``mkdocs serve`` rebuilds."""
        self.serving = command == "serve"
        self.dirty = self.serving and dirty
        if self.dirty:  # the preview this plugin is built for: said once, not a --strict failure
            logging.getLogger("mkdocs.commands.build").addFilter(_dirty_is_intended)
        if self.serving and self.refresher is None:
            folder = Path(tempfile.mkdtemp(prefix="scpilot-refresh-"))
            self.refresher = Refresher(self._complete, folder / "refresh")

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """The background refresh asks for a rebuild by writing a file in a watched folder."""
        if self.refresher is not None:
            server.watch(str(self.refresher.trigger.parent))
        return server

    def _complete(self, inputs: SiteInputs, pages: dict[str, str | bytes]) -> bool:
        with self.lock:
            return self.live is not None and self.live.complete(inputs, pages)

    def on_shutdown(self) -> None:
        if self.refresher is not None:
            shutil.rmtree(self.refresher.trigger.parent, ignore_errors=True)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        address = self.config.site_url or os.environ.get("SCPILOT_SITE_URL")
        if address and not config.site_url:
            config.site_url = address.rstrip("/") + "/"
        root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        profile = os.environ.get("SCPILOT_PROFILE", self.config.profile)
        site = SiteConfig(
            profile,
            self.config.source_url,
            self.config.commit_url,
            config.use_directory_urls,
            _host(self.config.host),
            site_url=config.site_url or None,
        )
        at = date.fromisoformat(self.config.as_of) if self.config.as_of else None
        bridge = _Bridge(logging.INFO)
        source = logging.getLogger("generator")
        level, propagate = source.level, source.propagate
        source.addHandler(bridge)
        source.setLevel(logging.INFO)
        source.propagate = False  # shown once, by MkDocs
        if self.serving and self.live is not None and self.live.inputs is not None:
            # A rebuild allocates a great deal while the last build's objects are alive: the cycle
            # collector's full passes over them cost seconds. Off until on_post_build (or an error);
            # not in the first build, which holds everything once and would grow without it.
            gc.disable()
        if self.serving:
            for name in ("sitemap.xml", "sitemap.xml.gz"):  # a preview needs no sitemap of every page
                config.theme.static_templates.discard(name)
        thresholds = gc.get_threshold()
        gc.set_threshold(max(thresholds[0], YOUNG), *thresholds[1:])
        try:
            if self.serving:
                inputs = self._serve(root, site, at, config)
            else:
                inputs = prepare(root, site, at, self.config.target_branch)
                self.pages = build_pages(inputs)
                forget()  # rendered once: MkDocs' pages need the memory now
            programme = inputs.repo.programme
            if programme is not None and programme.site_name:
                # the site's name is data (programme.yaml: site.name); the theme prints it unescaped
                config.site_name = html.escape(programme.site_name, quote=True)
            if self.serving:
                self.good = self.pages
            # The same commit builds the same site: the sitemap's dates come from this, not the clock.
            os.environ.setdefault("SOURCE_DATE_EPOCH", str(_head_timestamp(root)))
        except SiteError as exc:
            report = reporters.text(exc.problems, exc.files)
            if self.serving and self.good:  # keep serving: the last good pages, the problems on top
                serving.log.warning("报送文件未通过校验，网站显示上一次成功生成的页面和错误清单：\n%s", report)
                self.pages = serving.with_errors(self.good, report, (p.file for p in exc.problems))
                return config
            log.error("报送文件未通过校验，网站没有构建：\n%s", report)
            raise PluginError("报送文件未通过校验（见上方错误）；请先运行 scpilot validate 并修正。") from exc
        except (ValueError, SchemaSetError) as exc:
            raise PluginError(str(exc)) from exc
        finally:
            gc.set_threshold(*thresholds)
            source.removeHandler(bridge)
            source.setLevel(level)
            source.propagate = propagate
        return config

    def _serve(self, root: Path, site: SiteConfig, at: date | None, config: MkDocsConfig) -> SiteInputs:
        """A rebuild of ``mkdocs serve``: what changed since the last good build (site/live.py)."""
        if self.live is None or (self.live.root, self.live.config, self.live.at) != (root, site, at):
            self.live = LiveSite(root, site, at, self.config.target_branch)
        started = time.perf_counter()
        with self.lock:
            update = self.live.build()
            inputs = self.live.inputs
        assert inputs is not None
        self.pages = update.pages
        if update.rest is not None:
            # Only pilots' pages changed: the theme's 404 page (the whole nav, rendered on every
            # build) is as the last build wrote it.
            config.theme.static_templates.discard("404.html")
        if update.rest is not None and self.refresher is not None:
            names = "、".join(update.pilots)
            log.info(
                "已更新试点 %s 的页面（%.1f 秒）；其余页面在后台重新生成，完成后浏览器再刷新一次。",
                names,
                time.perf_counter() - started,
            )
            self.rest = update.rest  # rendered once this build is written (on_post_build)
        return inputs

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The search index: Pagefind over the pages just written (generator/plugin/pagefind.py).
        Without an address (site_url) a sitemap can list no page, so none is published rather than
        an empty one; 404.html then links from the host's root (/)."""
        if self.rest is not None and self.refresher is not None:
            # Not before the pages are written: the render would hold the interpreter's lock half
            # the time and slow the build that shows the edit (1 s became 4–5 s at 321 pilots).
            self.refresher.submit(self.rest)
            self.rest = None
        index_site(config.site_dir, once=self.dirty)
        if self.serving:
            gc.enable()  # off since on_config (see there)
        if not config.site_url:
            for name in ("sitemap.xml", "sitemap.xml.gz"):
                Path(config.site_dir, name).unlink(missing_ok=True)

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """With ``mkdocs serve``: the theme's templates are compiled once, not on every rebuild
        (MkDocs makes a new environment each time; the cache checks each template's source)."""
        if self.serving:
            env.bytecode_cache = self.compiled
        return env

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if self.serving:
            return handoff.keep(files, config, self.pages, self.given if self.dirty else None)
        pages, self.pages = self.pages, {}  # MkDocs holds them now, each page until it is read
        return handoff.hand_over(files, config, pages)

    def on_build_error(self, *, error: Exception) -> None:
        if self.serving:
            gc.enable()


def _dirty_is_intended(record: logging.LogRecord) -> bool:
    """MkDocs warns on every ``--dirty`` build that links may be stale, and ``strict: true``
    (mkdocs.yml) then aborts it. Generated pages are outside the nav and rendered again whenever
    their content changes, so for them the warning does not hold: it becomes an INFO line."""
    if record.levelno == logging.WARNING and "'dirty' build" in str(record.msg):
        record.levelno, record.levelname = logging.INFO, "INFO"
    return True


class _Compiled(BytecodeCache):
    """Compiled templates kept in memory between ``mkdocs serve`` rebuilds."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])  # refused if the source changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
