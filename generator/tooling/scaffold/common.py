"""Shared by the templates: the result type, the header every file starts with, the vocabularies."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from generator.load.layout import KIND_TITLES
from generator.model.repository import Programme
from generator.tooling.common import (
    PLACEHOLDER,
    schema_line,
)

SLUG = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")
DIVISION = re.compile(r"[1-8][0-9]{5}\Z")
CATEGORIES = {"entity": "实体企业", "financial": "金融机构", "service": "供应链服务企业", "platform": "平台企业"}
STATUS_TITLES = {
    "not_started": "未开始",
    "in_progress": "推进中",
    "completed": "已完成",
    "delayed": "滞后",
    "suspended": "暂停",
}


@dataclass(frozen=True)
class Scaffold:
    path: str
    text: str
    summary: str
    note: str | None = None


def header(rel: str, kind: str, command: str, *extra: str) -> list[str]:
    return [
        schema_line(rel, kind),
        f"{KIND_TITLES[kind]}模板：由 {command} 生成。",
        f"请把所有「{PLACEHOLDER}」改为实际内容；以 # 开头的行是说明，可以保留或删除。",
        *extra,
        f"填好后检查：scpilot validate {rel}",
    ]


def num(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def clamp(when: date, programme: Programme) -> date:
    return min(max(when, programme.pilot_start), programme.pilot_end)
