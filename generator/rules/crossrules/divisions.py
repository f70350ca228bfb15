"""E025: division codes are real GB/T 2260 codes of the right level.

A province registers with its province-level code; a pilot city with the code of a
prefecture-level city or of a municipality (直辖市). A code the list does not hold (379999),
or a district's code for a city, would otherwise pass the pattern and route the pilot to the
wrong confirmer, since the confirmer is derived from the code.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.load.loader import Document
from generator.load.problems import Problem
from generator.model.repository import Repository
from generator.reference.divisions import EDITION, division, is_municipality
from generator.rules.crossrules.common import Context, at

_EDITION = f"GB/T 2260 行政区划代码（民政部 {EDITION} 年版）"


def divisions(repo: Repository, ctx: Context) -> Iterator[Problem]:
    planned = repo.programme.mofcom_cities if repo.programme else {}
    for province in sorted(repo.provinces.values(), key=lambda p: p.id):
        found = division(province.code)
        if province.kind == "separately_planned":
            if found is None or found.level != "prefecture" or planned.get(province.code) != "separately_planned":
                listed = "、".join(code for code, kind in planned.items() if kind == "separately_planned")
                yield _wrong(
                    province.doc,
                    province.code,
                    "计划单列市",
                    f"计划单列市写本市的代码，且须是 programme.yaml 的 confirmation.mofcom_cities 中列出的计划单列市（{listed}）",
                )
        elif found is None or found.level != "province":
            yield _wrong(
                province.doc, province.code, "省级", f"{province.name}的代码以 0000 结尾，例如 440000（广东省）"
            )
    for pilot in sorted(repo.all_pilots, key=lambda p: p.doc.path):
        code = pilot.division_code
        if pilot.type != "city" or code is None:
            continue
        found = division(code)
        fits = found is not None and (found.level == "prefecture" or is_municipality(code))
        if not fits:
            yield _wrong(pilot.doc, code, "地级市或直辖市", _city_hint(code))


def _city_hint(code: str) -> str:
    found = division(code)
    if found is not None and found.level == "county":
        up = division(found.parent) if found.parent else None
        name = f"{up.name}（{up.code}）" if up else "所在城市"
        return f"{code} 是{found.name}（区县）的代码；试点城市填写{name}的代码"
    if found is not None and found.level == "province":
        return f"{code} 是{found.name}的代码；直辖市以外的试点城市填写地级市的代码，例如 440300（深圳市）"
    return "例如 440300（深圳市）、110000（北京市）"


def _wrong(doc: Document, code: str, level: str, hint: str) -> Problem:
    found = division(code)
    what = f"是{found.name}的代码，不是{level}代码" if found is not None else f"不在{_EDITION}中"
    return at(
        "SCP-E025",
        doc,
        ("division_code",) if level != "省级" else ("code",),
        f"行政区划代码「{code}」{what}。",
        f"请按{_EDITION}填写：{hint}。",
    )
