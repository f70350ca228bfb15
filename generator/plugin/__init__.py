"""Adapter: the MkDocs plugin. It turns MkDocs events into calls of ``generator.site``."""

from __future__ import annotations

from generator.plugin.mkdocs_plugin import ScpilotPlugin

__all__ = ["ScpilotPlugin"]
