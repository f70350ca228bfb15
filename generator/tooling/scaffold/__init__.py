"""``scpilot new``: commented Chinese templates that already pass ``scpilot validate``.

Each builder reads the model (the registry, the pilot's ledger, its latest report) and
returns the file's repository-relative path and text; the command checks the text
against the whole repository before writing it. Values a person must supply are
written as 「【请填写】…」 so that a search finds every one of them.
"""

from __future__ import annotations

from generator.tooling.scaffold.common import CATEGORIES, STATUS_TITLES, Scaffold
from generator.tooling.scaffold.pilot import new_ledger, new_pilot
from generator.tooling.scaffold.province import new_province
from generator.tooling.scaffold.report import latest_report, new_report, report_body, target_line
from generator.tooling.scaffold.summary import new_recommendations, new_summary

__all__ = [
    "CATEGORIES",
    "STATUS_TITLES",
    "Scaffold",
    "latest_report",
    "new_ledger",
    "new_pilot",
    "new_province",
    "new_recommendations",
    "new_report",
    "new_summary",
    "report_body",
    "target_line",
]
