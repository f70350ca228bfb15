"""``scpilot due``: what each pilot (and province) must submit within N days, and what is
overdue, as of a day in China Standard Time. Built on the calendar assessment of
``generator.assess.timeliness``; the reminders workflow turns each owner's entry into one issue.
Pure functions from assessments to text."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from generator.assess.timeliness import Assessment
from generator.load.layout import KIND_TITLES
from generator.model.repository import Programme, Repository

MARKER = "<!-- scpilot-due:{owner} -->"


@dataclass(frozen=True)
class DueItem:
    document: str
    period: str | None
    due: date
    state: str  # "overdue" or "due_soon"
    days: int  # days overdue, or days left
    path: str
    awaiting: bool = False
    """Submitted on the current branch, not yet confirmed on the target branch."""

    @property
    def title(self) -> str:
        return KIND_TITLES[self.document] + (f" {self.period}" if self.period else "")

    def describe(self) -> str:
        note = "；已提交，待确认" if self.awaiting else ""
        if self.state == "overdue":
            return f"{self.title}：截止 {self.due.isoformat()}，已逾期 {self.days} 天，尚未确认{note}"
        left = "今天截止" if self.days == 0 else f"还有 {self.days} 天"
        return f"{self.title}：截止 {self.due.isoformat()}，{left}{note}"


@dataclass
class OwnerDue:
    owner: str
    owner_kind: str
    name: str
    folder: str
    confirmer: str
    items: list[DueItem] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"报送提醒：{self.name}（{self.owner}）"


def due_items(repo: Repository, assessments: list[Assessment], at: date, within: int) -> list[OwnerDue]:
    """Owners with something overdue (not yet confirmed) or due within ``within`` days of ``at``.
    Pilots whose status was revoked on or before ``at`` get no reminders."""
    programme = repo.programme
    if programme is None:
        return []
    owners: dict[tuple[str, str], OwnerDue] = {}
    for a in assessments:
        requirement = a.requirement
        deadline = requirement.deadline
        awaiting = a.state == "awaiting"  # not confirmed: still due, marked as submitted
        unconfirmed = a.state in ("awaiting", "unknown")  # "unknown": no history, remind all the same
        if a.state == "missing" or (unconfirmed and at > deadline.due):
            item = DueItem(
                deadline.document,
                deadline.period,
                deadline.due,
                "overdue",
                (at - deadline.due).days,
                requirement.path,
                awaiting,
            )
        elif (a.state == "not_due" or unconfirmed) and 0 <= (deadline.due - at).days <= within:
            item = DueItem(
                deadline.document,
                deadline.period,
                deadline.due,
                "due_soon",
                (deadline.due - at).days,
                requirement.path,
                awaiting,
            )
        else:
            continue
        owner_key = (requirement.owner_kind, requirement.owner)
        if owner_key not in owners:
            entry = _owner(repo, programme, requirement.owner_kind, requirement.owner, requirement.folder, at)
            if entry is None:
                continue
            owners[owner_key] = entry
        owners[owner_key].items.append(item)
    for entry in owners.values():
        entry.items.sort(key=lambda i: (i.state != "overdue", i.due, i.document, i.period or ""))
    return sorted(owners.values(), key=lambda o: (o.folder, o.owner_kind != "province", o.owner))


def _owner(repo: Repository, programme: Programme, kind: str, owner: str, folder: str, at: date) -> OwnerDue | None:
    if kind == "pilot":
        pilot = next((p for p in repo.all_pilots if p.id == owner and p.folder == folder), None)
        if pilot is None or (pilot.status.revoked_on is not None and pilot.status.revoked_on <= at):
            return None
        province = repo.provinces.get(folder)
        if pilot.confirmer(programme) == "mofcom" or province is None:
            confirmer = programme.mofcom_name
        else:
            confirmer = province.department
        return OwnerDue(owner, kind, pilot.short_name, folder, confirmer)
    region = repo.provinces.get(owner)
    name = region.department if region else owner
    return OwnerDue(owner, kind, name, folder, programme.mofcom_name)


def as_text(owners: list[OwnerDue], at: date, within: int) -> str:
    lines = [f"截至 {at.isoformat()}（中国标准时间），{within} 天内到期或已逾期的材料："]
    if not owners:
        lines.append("没有。")
    for owner in owners:
        lines.append(f"{owner.name}（{owner.owner}，确认部门：{owner.confirmer}）")
        lines += [f"  - {item.describe()}  {item.path}" for item in owner.items]
    overdue = sum(i.state == "overdue" for o in owners for i in o.items)
    soon = sum(i.state == "due_soon" for o in owners for i in o.items)
    lines.append(f"合计：{len(owners)} 个报送单位，逾期 {overdue} 份，{within} 天内到期 {soon} 份。")
    return "\n".join(lines) + "\n"


def owner_markdown(owner: OwnerDue, at: date, within: int) -> str:
    """The body of one owner's reminder issue."""
    lines = [
        MARKER.format(owner=owner.owner),
        f"截至 **{at.isoformat()}**（中国标准时间），{owner.name}（`{owner.owner}`）有以下材料已逾期或在 {within} 天内到期：",
        "",
        "| 材料 | 截止日期 | 情况 | 文件 |",
        "|---|---|---|---|",
    ]
    for item in owner.items:
        state = (
            f"已逾期 {item.days} 天"
            if item.state == "overdue"
            else ("今天截止" if item.days == 0 else f"还有 {item.days} 天")
        )
        lines.append(f"| {item.title} | {item.due.isoformat()} | {state} | `{item.path}` |")
    lines += [
        "",
        f"确认部门：{owner.confirmer}。报送后由确认部门审核合并，合并即确认；合并后本提醒自动关闭。",
        "",
        "生成模板：`scpilot new report --pilot <试点标识>`（季报）、`scpilot new summary --pilot <试点标识>`（总结报告）；"
        "详见网站上的《试点报送指南》。",
    ]
    return "\n".join(lines) + "\n"


def as_markdown(owners: list[OwnerDue], at: date, within: int) -> str:
    lines = [f"## 报送提醒：截至 {at.isoformat()}（中国标准时间）", ""]
    if not owners:
        lines.append(f"没有已逾期或 {within} 天内到期的材料。")
    for owner in owners:
        lines += [f"### {owner.name}（`{owner.owner}`）", ""]
        lines += [f"- {item.describe()}（`{item.path}`）" for item in owner.items]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def as_json(owners: list[OwnerDue], at: date, within: int) -> str:
    payload = [
        {
            "owner": o.owner,
            "owner_kind": o.owner_kind,
            "name": o.name,
            "folder": o.folder,
            "confirmer": o.confirmer,
            "title": o.title,
            "marker": MARKER.format(owner=o.owner),
            "items": [
                {
                    "document": i.document,
                    "period": i.period,
                    "due": i.due.isoformat(),
                    "state": i.state,
                    "days": i.days,
                    "path": i.path,
                    "awaiting_confirmation": i.awaiting,
                }
                for i in o.items
            ],
            "markdown": owner_markdown(o, at, within),
        }
        for o in owners
    ]
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
