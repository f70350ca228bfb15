"""Publication profiles. The schemas alone decide what is internal (``x-internal: true``):
a public build removes those fields from every document before anything is rendered or
exported, so no page, download or search index can contain them."""

from __future__ import annotations

import copy
from typing import Any

from generator.load.schemas import PathKey, SchemaSet

PROFILES = ("public", "internal")


def _strip(data: Any, path: PathKey) -> None:
    if not path or data is None:
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for item in data if isinstance(data, list) else []:
            _strip(item, rest)
        return
    if not isinstance(data, dict) or head not in data:
        return
    if rest:
        _strip(data[head], rest)
    else:
        del data[head]


def redact(schemas: SchemaSet, kind: str, data: Any) -> Any:
    """A copy of ``data`` without the fields the schema of ``kind`` marks internal."""
    cleaned = copy.deepcopy(data)
    for path in schemas.internal_paths(kind):
        _strip(cleaned, path)
    return cleaned
