"""Tooling for pilots and reviewers: scaffolding (``scpilot new``), the attachment
workbooks (``scpilot import`` / ``scpilot export template``), reminders (``scpilot due``)
and the merge workflow's decision (``scpilot merge-check``).

Every command writes nothing unless everything it would write passes ``scpilot validate``.
"""
