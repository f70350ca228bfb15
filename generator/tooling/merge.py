"""``scpilot merge-check``: may the merge workflow confirm this pull request now, and with
which merge commit message?

The workflow hands over what the hosting service recorded (the pull request, its reviews,
its changed files and its check runs, as the REST API returns them); this module decides,
from the main branch's CODEOWNERS and registry, whether a code owner of the folder has
approved the current head and every check is green, and writes the trailers that
``generator.history.versions`` reads: ``Confirmed-by``, ``Submitted-at`` (the pull request's
creation time, recorded by the host) and ``Reviewed-on``. Pure: inputs in, decision out.
"""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from generator.history.scope import owner_of
from generator.model.repository import Repository

GREEN = frozenset({"success", "neutral", "skipped"})


class MergeInputError(Exception):
    """The JSON handed over is not what the hosting service returns (a usage error)."""


@dataclass(frozen=True)
class Rule:
    pattern: str
    owners: tuple[str, ...]


@dataclass
class Decision:
    merge: bool
    number: int
    sha: str
    reasons: list[str] = field(default_factory=list)
    confirmed_by: str = ""
    title: str = ""
    message: str = ""

    def as_json(self) -> str:
        return (
            json.dumps(
                {
                    "merge": self.merge,
                    "number": self.number,
                    "sha": self.sha,
                    "reasons": self.reasons,
                    "confirmed_by": self.confirmed_by,
                    "title": self.title,
                    "message": self.message,
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )


def load_json_stream(text: str) -> list[Any]:
    """Every JSON value in ``text``: ``gh api --paginate`` prints one array per page."""
    decoder = json.JSONDecoder()
    values: list[Any] = []
    index = 0
    text = text.strip()
    while index < len(text):
        try:
            value, end = decoder.raw_decode(text, index)
        except json.JSONDecodeError as exc:
            raise MergeInputError(f"不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）：{exc.msg}") from None
        values.append(value)
        index = end
        while index < len(text) and text[index].isspace():
            index += 1
    return values


def flatten(values: list[Any], key: str | None = None) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for value in values:
        if key is not None and isinstance(value, dict):
            value = value.get(key, [])
        if isinstance(value, list):
            items.extend(v for v in value if isinstance(v, dict))
        elif isinstance(value, dict):
            items.append(value)
    return items


def parse_codeowners(text: str) -> list[Rule]:
    rules = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        pattern, *owners = line.split()
        rules.append(Rule(pattern, tuple(owners)))
    return rules


def _matches(pattern: str, path: str) -> bool:
    if pattern == "*":
        return True
    anchored = pattern.startswith("/")
    body = pattern.lstrip("/")
    if body.endswith("/"):
        return path.startswith(body) if anchored else f"/{body}" in f"/{path}"
    if any(ch in body for ch in "*?["):
        return fnmatch.fnmatchcase(path, body) or (not anchored and fnmatch.fnmatchcase(path.rsplit("/", 1)[-1], body))
    return path == body or path.startswith(body + "/") or (not anchored and path.endswith("/" + body))


def owners_for(rules: list[Rule], path: str) -> tuple[str, ...]:
    """The code owners of ``path``: the last matching rule wins, as on GitHub."""
    found: tuple[str, ...] = ()
    for rule in rules:
        if _matches(rule.pattern, path):
            found = rule.owners
    return found


def _login(handle: str) -> str:
    return handle.lstrip("@").casefold()


def department(repo: Repository, paths: list[str]) -> str | None:
    """Who confirms these files, by the registry: the province's department or MOFCOM."""
    programme = repo.programme
    if programme is None:
        return None
    names: list[str] = []
    for path in paths:
        kind, _, name = owner_of(path).partition(":")
        if kind == "pilot":
            folder, _, slug = name.partition("/")
            pilot = next((p for p in repo.all_pilots if p.id == slug and p.folder == folder), None)
            province = repo.provinces.get(folder)
            if (pilot is not None and pilot.confirmer(programme) == "mofcom") or province is None:
                names.append(programme.mofcom_name)
            else:
                names.append(province.department)
        elif kind == "province":
            names.append(programme.mofcom_name)
        else:
            return None
    unique = list(dict.fromkeys(names))
    return "、".join(unique) if unique else None


def decide(
    repo: Repository,
    codeowners: str,
    pull: dict[str, Any],
    reviews: list[dict[str, Any]],
    files: list[dict[str, Any]],
    checks: list[dict[str, Any]],
    *,
    ignore_checks: tuple[str, ...] = (),
    require_checks: tuple[str, ...] = (),
) -> Decision:
    try:
        number = int(pull["number"])
        sha = str(pull["head"]["sha"])
        created = datetime.fromisoformat(str(pull["created_at"]).replace("Z", "+00:00"))
    except (KeyError, TypeError, ValueError) as exc:
        raise MergeInputError(f"合并请求的 JSON 缺少字段或格式不对：{exc}") from None
    decision = Decision(False, number, sha)
    reasons = decision.reasons
    if pull.get("state", "open") != "open":
        reasons.append("合并请求不是打开状态。")
    if pull.get("draft"):
        reasons.append("合并请求还是草稿。")
    if pull.get("mergeable") is False:
        reasons.append("合并请求与 main 有冲突，需要报送人先解决冲突。")
    paths = sorted(
        {str(f.get("filename", "")) for f in files}
        | {str(f["previous_filename"]) for f in files if f.get("previous_filename")}
    )
    paths = [p for p in paths if p]
    if not paths:
        reasons.append("没有读到改动的文件。")
    outside = [p for p in paths if not p.startswith("submissions/") or owner_of(p) == "programme"]
    if outside:
        reasons.append(f"改动了报送材料以外的文件（{'、'.join(outside[:5])}）：由系统维护人审核后手工合并。")
    rules = parse_codeowners(codeowners)
    required = {p: {_login(o) for o in owners_for(rules, p)} for p in paths}
    no_owner = [p for p, owners in required.items() if not owners]
    if no_owner:
        reasons.append(f"CODEOWNERS 中没有这些文件的审核人：{'、'.join(no_owner[:5])}。")
    approver = _approval(reviews, sha, required, str(pull.get("user", {}).get("login", "")), reasons)
    _checks(checks, ignore_checks, require_checks, reasons)
    dept = department(repo, paths) if not outside else None
    if dept is None and not outside:
        reasons.append("无法从登记信息判断确认部门。")
    if reasons or approver is None or dept is None:
        return decision
    programme = repo.programme
    assert programme is not None
    title = " ".join(str(pull.get("title", "")).split())
    decision.merge = True
    decision.confirmed_by = f"{dept} @{approver}"
    decision.title = f"Merge pull request #{number}: {title}" if title else f"Merge pull request #{number}"
    submitted = created.astimezone(programme.tz).isoformat()
    url = str(pull.get("html_url", "")).strip()
    trailers = [f"Confirmed-by: {decision.confirmed_by}", f"Submitted-at: {submitted}"]
    if url:
        trailers.append(f"Reviewed-on: {url}")
    decision.message = f"{title}\n\n" + "\n".join(trailers) if title else "\n".join(trailers)
    return decision


def _approval(
    reviews: list[dict[str, Any]], sha: str, required: dict[str, set[str]], author: str, reasons: list[str]
) -> str | None:
    """The login of the latest code-owner approval of the head commit, if it covers every file."""
    latest: dict[str, dict[str, Any]] = {}
    for review in sorted(reviews, key=lambda r: str(r.get("submitted_at") or "")):
        login = _login(str(review.get("user", {}).get("login", "")))
        state = str(review.get("state", "")).upper()
        if login and state in ("APPROVED", "CHANGES_REQUESTED", "DISMISSED"):
            latest[login] = review
    approvals = {
        login: r
        for login, r in latest.items()
        if str(r.get("state", "")).upper() == "APPROVED" and r.get("commit_id") == sha and login != _login(author)
    }
    blocked = [login for login, r in latest.items() if str(r.get("state", "")).upper() == "CHANGES_REQUESTED"]
    if blocked:
        reasons.append(f"{'、'.join('@' + b for b in blocked)} 要求修改。")
    stale = [
        login
        for login, r in latest.items()
        if str(r.get("state", "")).upper() == "APPROVED" and r.get("commit_id") != sha
    ]
    uncovered = [p for p, owners in required.items() if owners and not owners & set(approvals)]
    if uncovered:
        owners = sorted({o for p in uncovered for o in required[p]})
        note = f"（{'、'.join('@' + s for s in stale)} 批准的是较早的提交，之后又有新提交）" if stale else ""
        reasons.append(f"还没有确认部门审核人（{'、'.join('@' + o for o in owners)}）批准当前提交{note}。")
        return None
    if not approvals:
        return None
    chosen = max(approvals.values(), key=lambda r: str(r.get("submitted_at") or ""))
    return str(chosen["user"]["login"])


def _checks(
    checks: list[dict[str, Any]], ignore: tuple[str, ...], require: tuple[str, ...], reasons: list[str]
) -> None:
    relevant = [c for c in checks if str(c.get("name", "")) not in ignore]
    pending = [str(c.get("name")) for c in relevant if str(c.get("status", "")).lower() != "completed"]
    failed = [
        str(c.get("name"))
        for c in relevant
        if str(c.get("status", "")).lower() == "completed" and str(c.get("conclusion", "")).lower() not in GREEN
    ]
    names = {str(c.get("name", "")) for c in relevant}
    missing = [name for name in require if name not in names]
    if pending:
        reasons.append(f"检查还在运行：{'、'.join(sorted(set(pending)))}。")
    if failed:
        reasons.append(f"检查没有通过：{'、'.join(sorted(set(failed)))}。")
    if missing:
        reasons.append(f"还没有这些检查的结果：{'、'.join(missing)}。")
