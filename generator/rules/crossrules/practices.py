"""Practices with provenance: the owners of a published list's practices (and of a
province's own practices) are registered, and what a pilot's own report leaves out is seen."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.load.loader import Document, PathKey
from generator.load.problems import Problem
from generator.model.practices import ListedPractice, practice_lists
from generator.model.repository import Repository
from generator.rules.crossrules.common import Context, at, duplicates

MARKERS = frozenset({"未公开", "未报告"})
"""How a source that does not give a narrative is written (never invented)."""


def practices(repo: Repository, ctx: Context) -> Iterator[Problem]:
    """E001/E010/E026: listed practices are unique and owned by registered pilots or provinces;
    W005: the parts of a pilot's own summary report marked 未公开 or 未报告."""
    for plist in practice_lists(repo):
        stem = plist.doc.path.rsplit("/", 1)[-1].removesuffix(".yaml")
        if plist.id != stem:
            yield at(
                "SCP-E001",
                plist.doc,
                ("id",),
                f"名单标识「{plist.id}」与文件名「{stem}」不一致。",
                f"改成 id: {stem}。",
            )
        yield from duplicates(plist.doc, "practices", [p.id for p in plist.practices], "经验")
        for p in plist.practices:
            yield from _owners(repo, plist.doc, ("practices", p.index), p)
    for ps in repo.province_summaries:
        own = ps.doc.data.get("own_practices", ())
        yield from duplicates(ps.doc, "own_practices", [p["id"] for p in own], "经验")
        for i, p in enumerate(own):
            for j, o in enumerate(p["owners"]):
                if o["kind"] != "province" or o.get("id") != ps.province:
                    yield at(
                        "SCP-E026",
                        ps.doc,
                        ("own_practices", i, "owners", j),
                        f"本省自己的经验 {p['id']} 的所属应是本省（{ps.province}）。",
                        f"写 {{kind: province, id: {ps.province}}}；试点的经验写在试点的总结报告或公布的名单中。",
                    )
    for pilot in repo.all_pilots:
        for summary in pilot.summaries.values():
            for path in _marked(summary.doc.data, ()):
                yield at(
                    "SCP-W005",
                    summary.doc,
                    path,
                    f"{'.'.join(str(k) for k in path)} 写的是「{_value(summary.doc.data, path)}」：这部分没有报告。",
                    "确实没有的，保留标记，审核时会看到；有内容的，请补写。",
                )


def _owners(repo: Repository, doc: Document, base: PathKey, p: ListedPractice) -> Iterator[Problem]:
    for j, owner in enumerate(p.owners):
        path = (*base, "owners", j)
        if owner.kind == "ministry":
            if owner.id is not None:
                yield at("SCP-E026", doc, path, f"经验 {p.id}：商务部不写标识（这里是「{owner.id}」）。", "删去 id。")
            continue
        known = repo.pilots if owner.kind == "pilot" else repo.provinces
        if owner.id not in known:
            noun = "试点" if owner.kind == "pilot" else "省份"
            yield at(
                "SCP-E026",
                doc,
                path,
                f"经验 {p.id} 的所属{noun}「{owner.id or ''}」没有登记。",
                f"已登记的{noun}：" + "、".join(sorted(known)) + "。",
            )


def _marked(data: Any, path: tuple[str | int, ...]) -> Iterator[tuple[str | int, ...]]:
    """Every part written 未公开 or 未报告, and every report section marked ``not_reported``."""
    if isinstance(data, str) and (data.strip() in MARKERS or path[-1:] == ("not_reported",)):
        yield path
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _marked(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _marked(value, (*path, i))


def _value(data: Any, path: tuple[str | int, ...]) -> str:
    for key in path:
        data = data[key]
    return str(data).strip()
