"""The filing desk (在线填报): a page of the site where a clerk fills a document in a form
built from the JSON Schemas, checked in Chinese as they type, and submits it as a pull
request through the configured git host, or downloads it.

This package writes the page and its data (``file/``): the schemas as they are, the calendar,
and per pilot or province its confirmed documents, so that the browser can prefill a quarterly
report from the ledger exactly as ``scpilot new report`` does. The browser code lives in
``static/``; its libraries come from npm (``package-lock.json`` here) through ``vendor``.
"""

from __future__ import annotations

from generator.site.filing.pack import HostConfig, filing_files

__all__ = ["HostConfig", "filing_files"]
