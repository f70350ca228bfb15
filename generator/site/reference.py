"""The data reference, generated from ``schemas/`` so it cannot drift from them."""

from __future__ import annotations

from typing import Any

from generator.load.layout import KIND_TITLES, KINDS, PATTERNS
from generator.load.schemas import SchemaSet, labelled

_PLACEHOLDERS = {"province": "<省份>", "pilot": "<试点>", "period": "<年份>"}
LOCATIONS = {
    kind: pattern.format_map(_PLACEHOLDERS | ({"period": "<年份>Q<季度>"} if kind == "report" else {}))
    for kind, pattern in PATTERNS.items()
}
"""Where each kind of document lives, as the reference shows it."""


def fields(schemas: SchemaSet, kind: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    base = f"{kind}.schema.json"

    def walk(node: dict[str, Any], file: str, path: str, required: bool, depth: int) -> None:
        nodes = list(schemas.expand(node, file))
        if path:
            title = next((n["title"] for n, _ in nodes if "title" in n), path.rsplit(".", 1)[-1])
            desc = next((n["description"] for n, _ in nodes if "description" in n), "")
            options = "；".join(f"{value}（{label}）" for n, _ in nodes for value, label in labelled(n))
            internal = any(n.get("x-internal") for n, _ in nodes)
            found.append(
                {
                    "path": path,
                    "title": title,
                    "description": desc,
                    "required": required,
                    "options": options,
                    "internal": internal,
                }
            )
            if internal or depth > 6:
                return
        seen: set[str] = set()
        for sub, sub_file in nodes:
            req = set(sub.get("required", []))
            for key, child in sub.get("properties", {}).items():
                if key in seen:
                    continue
                seen.add(key)
                walk(child, sub_file, f"{path}.{key}" if path else key, key in req, depth + 1)
            items = sub.get("items")
            if isinstance(items, dict) and "items" not in seen:
                seen.add("items")
                walk_items(items, sub_file, path, depth)

    def walk_items(items: dict[str, Any], file: str, path: str, depth: int) -> None:
        for sub, sub_file in schemas.expand(items, file):
            req = set(sub.get("required", []))
            for key, child in sub.get("properties", {}).items():
                walk(child, sub_file, f"{path}[].{key}", key in req, depth + 1)

    walk(schemas.schemas[base], base, "", True, 0)
    unique: dict[str, dict[str, Any]] = {}
    for f in found:
        unique.setdefault(f["path"], f)
    return list(unique.values())


def reference_pages(schemas: SchemaSet) -> list[tuple[str, dict[str, Any]]]:
    pages = []
    for kind in KINDS:
        schema = schemas.schemas[f"{kind}.schema.json"]
        pages.append(
            (
                f"reference/{kind}.md",
                {
                    "title": f"数据说明：{KIND_TITLES[kind]}",
                    "description": schema.get("description", ""),
                    "location": LOCATIONS[kind],
                    "schema": f"{kind}.schema.json",
                    "fields": fields(schemas, kind),
                },
            )
        )
    index_rows = [
        {
            "path": f"{k}.md",
            "title": KIND_TITLES[k],
            "description": LOCATIONS[k],
            "required": True,
            "options": "",
            "internal": False,
        }
        for k in KINDS
    ]
    pages.append(
        (
            "reference/index.md",
            {
                "title": "数据说明",
                "location": "schemas/",
                "description": "每类报送材料的字段、中文名称、是否必填和填写说明，由 schemas/ 自动生成。",
                "schema": "*.schema.json",
                "fields": index_rows,
            },
        )
    )
    return pages
