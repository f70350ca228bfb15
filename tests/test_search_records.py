"""What of the sample site's pages goes into Pagefind's records: each text once, where it belongs.

A quarterly report repeats the ledger's target and measure names in its tables every quarter, and
every page of a pilot links back with its name; indexed, they made each query's index chunk grow
with every report filed (issue 16.1). They are kept out of the report's record (the pilot's page
holds them), while everything the report itself says stays searchable: its overview, each
measure's progress narrative, a target's text value, problems and next steps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from casekit import ROOT
from searchkit import records

SUBMISSIONS = ROOT / "submissions"


def _documents(kind: str) -> list[tuple[Path, dict[str, Any]]]:
    return [
        (path, yaml.safe_load(path.read_text(encoding="utf-8")))
        for path in sorted(SUBMISSIONS.glob(f"*/*/{kind}/*.yaml"))
    ]


@pytest.fixture(scope="module")
def by_url(sample_site: Path) -> dict[str, str]:
    return {r["url"]: r["content"] for r in records(sample_site)}


def _ledger_names(pilot_folder: Path) -> list[str]:
    ledger = yaml.safe_load((pilot_folder / "ledger.yaml").read_text(encoding="utf-8"))
    return [x["name"] for key in ("targets", "measures") for x in ledger.get(key) or []]


def _report_texts(report: dict[str, Any]) -> list[str]:
    texts = [report["overview"], *(report.get("problems") or []), *(report.get("next_steps") or [])]
    texts += [x["narrative"] for x in report.get("measures") or [] if x.get("narrative")]
    texts += [t[key] for t in report.get("targets") or [] for key in ("text", "note") if t.get(key)]
    return texts


def test_a_report_record_holds_what_the_report_says(by_url: dict[str, str]) -> None:
    reports = _documents("reports")
    assert len(reports) > 20
    for path, report in reports:
        content = by_url[f"/pilots/{report['pilot']}/reports/{report['period']}/"]
        missing = [text for text in _report_texts(report) if text.strip() not in content]
        assert missing == [], path


def test_a_report_record_leaves_the_ledger_s_names_to_the_pilot_s_page(by_url: dict[str, str]) -> None:
    reports = _documents("reports")
    repeated = 0
    for path, report in reports:
        content = by_url[f"/pilots/{report['pilot']}/reports/{report['period']}/"]
        said = "".join(_report_texts(report))
        for name in _ledger_names(path.parent.parent):
            if name not in said:  # a name the report's own words repeat is found as its words
                assert name not in content, (path, name)
                repeated += 1
        assert "的进展页" not in content and "附件3绩效指标" not in content, path
    assert repeated > 100
    for folder in {path.parent.parent for path, _ in reports}:
        page = by_url[f"/pilots/{folder.name}/"]
        assert [n for n in _ledger_names(folder) if n not in page] == [], folder  # its targets' and measures' tables
        assert "台账举措及最近一次季报中的状态" not in page, folder  # that table's caption and its status columns


def test_a_summary_record_leaves_links_to_their_pages(by_url: dict[str, str]) -> None:
    summaries = _documents("summaries")
    assert summaries
    for path, summary in summaries:
        content = by_url[f"/pilots/{path.parent.parent.name}/summaries/{summary['year']}/"]
        assert "的进展页" not in content, path
        assert summary["abstract"].strip()[:20] in content, path
