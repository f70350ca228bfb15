"""Scope of a change: one pull request belongs to one owner (a pilot's folder, or one
province's documents), never mixes submissions with code, and never deletes a confirmed
document (a withdrawal needs its own explicit record). Pure."""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePosixPath

from generator.history.gitio import FileChange
from generator.load.layout import SUBMISSIONS
from generator.load.problems import Problem


def owner_of(path: str) -> str:
    """``pilot:guangdong/shenzhen``, ``province:guangdong``, ``programme``, or ``code``."""
    parts = PurePosixPath(path).parts
    if not parts or parts[0] != SUBMISSIONS:
        return "code"
    rest = parts[1:]
    if rest == ("programme.yaml",):
        return "programme"
    if len(rest) == 2 and rest[1] == "province.yaml":
        return f"province:{rest[0]}"
    if len(rest) >= 2 and rest[1] in ("recommendations", "summaries"):
        return f"province:{rest[0]}"
    if len(rest) >= 3:
        return f"pilot:{rest[0]}/{rest[1]}"
    return f"province:{rest[0]}" if rest else "code"


def describe_owner(owner: str) -> str:
    kind, _, name = owner.partition(":")
    return {"pilot": f"试点 {name}", "province": f"省级材料 {name}", "programme": "工作日历", "code": "代码和配置"}[
        kind
    ]


def check_scope(changes: list[FileChange]) -> list[Problem]:
    problems: list[Problem] = []
    owners: dict[str, list[str]] = defaultdict(list)
    for change in changes:
        for path in filter(None, (change.path, change.old_path)):
            owners[owner_of(path)].append(path)
    submission_owners = sorted(o for o in owners if o != "code")
    if len(submission_owners) > 1:
        listing = "；".join(f"{describe_owner(o)}：{'、'.join(sorted(set(owners[o])))}" for o in submission_owners)
        problems.append(
            Problem(
                "SCP-G001",
                owners[submission_owners[1]][0],
                0,
                0,
                f"一次变更涉及 {len(submission_owners)} 个归属：{listing}。",
                "每个合并请求只改一个试点（或一个省）的材料，由它的确认部门审核；请拆成多个合并请求。",
            )
        )
    if submission_owners and "code" in owners:
        problems.append(
            Problem(
                "SCP-G002",
                owners["code"][0],
                0,
                0,
                f"报送材料和代码、配置混在同一个变更中：{'、'.join(sorted(owners['code']))}。",
                "报送材料由确认部门审核，代码由系统维护人审核；请分成两个合并请求。",
            )
        )
    for change in changes:
        if change.status == "D" and change.path.startswith(f"{SUBMISSIONS}/"):
            problems.append(
                Problem(
                    "SCP-G003",
                    change.path,
                    0,
                    0,
                    "删除了已确认的材料。",
                    "已确认的材料是正式记录，不能删除；需要修改时直接修改文件，"
                    "需要撤回时请联系确认部门，以单独的记录说明撤回原因。",
                )
            )
    return problems
