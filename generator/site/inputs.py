"""What the pure renderer is given: the model, the history, the labels, the day described,
the publication settings and the schemas (for the data reference)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from generator.history.versions import History, Version
from generator.load.problems import Problem
from generator.load.schemas import SchemaSet
from generator.model.repository import Repository
from generator.site.filing import HostConfig
from generator.site.labels import Labels


@dataclass(frozen=True)
class SiteConfig:
    profile: str = "public"
    source_url: str | None = None
    commit_url: str | None = None
    directory_urls: bool = True
    host: HostConfig | None = None
    """Where the filing desk (file/) submits: the plugin's ``host`` option."""
    site_url: str | None = None
    """The site's public address (MkDocs' ``site_url``): printed pages carry their full address."""


@dataclass
class SiteInputs:
    repo: Repository
    history: History
    labels: Labels
    at: date
    config: SiteConfig
    ledger_texts: dict[str, list[tuple[Version, dict[str, Any]]]]
    """Every confirmed version of each ledger, as loaded data: the input of the ledger diff."""
    schemas: SchemaSet
    warnings: list[Problem] = field(default_factory=list)
