"""Attachments 1 and 2 of the notice: their titles, headings (and the spellings import
accepts for each), notes, and what an import returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.tooling.excel import Origin, SheetError

PathKey = tuple[str | int, ...]

TITLE_1 = "重点培育的供应链服务企业推荐名单"
TITLE_2 = "重点培育的供应链协同平台推荐名单"
NOTE_1 = (
    "注：参照《国民经济行业分类》（GB/T4754-2017），供应链管理服务是指基于现代信息技术对供应链中的物流、商流、"
    "信息流和资金流进行设计、规划、控制和优化，将单一、分散的订单管理、采购执行、报关退税、物流管理、资金融通、"
    "数据管理、贸易商务、结算等进行一体化整合的服务。"
)
NOTE_2 = "注：简要说明平台运营情况，包括但不限于平台所处行业、注册和活跃企业数、业务量或成交额等。"
FILL_HINT = (
    "填写说明：行业写 GB/T 4754-2017 代码（可加名称，如「7224 供应链管理服务」，多个用分号隔开）；"
    "数字只填阿拉伯数字；电话写成文本，如 010-85093662；「试点标识」可不填，按企业名称匹配本省试点企业。"
)

_CONTACT = {
    "联系人": "contact_name",
    "联系人姓名": "contact_name",
    "职务": "position",
    "联系电话": "phone",
    "电话": "phone",
    "手机": "phone",
    "联系邮箱": "email",
    "电子邮箱": "email",
    "邮箱": "email",
    "试点标识": "pilot",
}
ATT1 = {
    "序号": "seq",
    "企业名称": "name",
    "主要服务行业": "industries",
    "服务行业": "industries",
    "服务内容": "services",
    **_CONTACT,
}
ATT2 = {"序号": "seq", "平台（企业）名称": "name", "平台名称": "name", "平台运营情况": "operation", **_CONTACT}
ATT2_SUB = {
    "所处行业": "op_industries",
    "平台所处行业": "op_industries",
    "注册企业数（家）": "registered",
    "注册企业数": "registered",
    "活跃企业数（家）": "active",
    "活跃企业数": "active",
    "成交额（亿元）": "amount",
    "成交额": "amount",
    "业务量": "volume",
    "业务量单位": "volume_unit",
    "运营情况说明": "description",
    "情况说明": "description",
}
HEAD_1 = [
    "序号",
    "企业名称",
    "主要服务行业",
    "联系人",
    "职务",
    "联系电话",
    "联系邮箱",
    "服务内容（选填）",
    "试点标识（选填）",
]
HEAD_2 = ["序号", "平台（企业）名称", "平台运营情况", "联系人", "职务", "联系电话", "联系邮箱", "试点标识（选填）"]
SUB_2 = ["所处行业", "注册企业数（家）", "活跃企业数（家）", "成交额（亿元）", "业务量", "业务量单位", "运营情况说明"]
TEMPLATE_ROWS = 10


@dataclass
class Imported:
    data: dict[str, Any]
    origins: dict[PathKey, Origin] = field(default_factory=dict)
    errors: list[SheetError] = field(default_factory=list)
    sources: dict[PathKey, str] = field(default_factory=dict)
    """A short note per list item: where it came from (a comment in the YAML)."""
