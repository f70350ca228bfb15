"""Issue 14.15: the guides are published (and indexed for search): no example in them may be
a real contact of the sample data, which only the internal profile shows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).parent.parent


def _contacts(data: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("phone", "email", "mobile") and isinstance(value, str):
                found.add(value)
            else:
                found |= _contacts(value)
    elif isinstance(data, list):
        for item in data:
            found |= _contacts(item)
    return found


def test_guides_use_no_contact_of_the_sample() -> None:
    contacts: set[str] = set()
    for path in (ROOT / "submissions").rglob("*.yaml"):
        contacts |= _contacts(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert "020-00007701" in contacts  # the one the reviewers' guide reused
    for guide in sorted((ROOT / "docs").rglob("*.md")):
        text = guide.read_text(encoding="utf-8")
        digits = text.replace("-", "")
        leaked = sorted(c for c in contacts if c in text or (c.replace("-", "") in digits and len(c) > 8))
        assert leaked == [], (guide.relative_to(ROOT).as_posix(), leaked)
