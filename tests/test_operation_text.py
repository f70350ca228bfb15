"""Issue 14.8: the free-text 「平台运营情况」 of the recommendations: the industry is read from
its own clause (by GB/T 4754 name or code), never from a later figure."""

from __future__ import annotations

import pytest

from generator.tooling.attachment_rows import parse_operation


@pytest.mark.parametrize(
    ("text", "industries", "registered", "active"),
    [
        ("所处行业：零售业，注册企业１２００家，活跃企业８６０家", ["52"], 1200, 860),  # 「860」 was the code
        ("所处行业：零售业、批发业，注册企业1200家，活跃企业860家", ["52", "51"], 1200, 860),
        ("所处行业：3670 汽车零部件及配件制造；注册企业96家，活跃企业45家；成交额6.8亿元", ["3670"], 96, 45),
        ("行业为 7224，注册企业 300 家，活跃企业 120 家", ["7224"], 300, 120),
    ],
)
def test_industry_comes_from_its_own_clause(text: str, industries: list[str], registered: int, active: int) -> None:
    result = parse_operation(text)
    assert result["industries"] == industries
    assert (result["registered_enterprises"], result["active_enterprises"]) == (registered, active)
