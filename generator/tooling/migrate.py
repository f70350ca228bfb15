"""``scpilot migrate``: bring a one-programme repository to the several-programme layout.

Two changes are mechanical and made here, as text edits that keep every comment:

* ``programme.yaml`` gains ``batches``: every registered pilot in one batch, enrolled on the
  first day of the pilot period (which is what the one-programme layout meant);
* the plugin's ``as_of`` in ``mkdocs.yml`` moves to ``programme.yaml`` (the day a programme is
  judged on is data).

Pure functions of text; the command reads and writes the files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOP_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*:", re.M)
_AS_OF = re.compile(r"^(?P<indent>[ \t]+)as_of:[ \t]*(?P<value>\S[^\n#]*?)[ \t]*(?:#.*)?\n", re.M)


@dataclass(frozen=True)
class Migration:
    programme: str
    mkdocs: str
    changes: tuple[str, ...]


def _block(text: str, key: str) -> tuple[int, int] | None:
    """The span of the top-level ``key:`` block, with the comment lines just above it."""
    found = re.search(rf"^{key}:", text, re.M)
    if found is None:
        return None
    start = found.start()
    lines = text[:start].split("\n")[:-1]
    while lines and lines[-1].startswith("#"):
        lines.pop()
    start = len("\n".join(lines)) + (1 if lines else 0)
    after = _TOP_KEY.search(text, found.end())
    end = after.start() if after else len(text)
    tail = text[start:end]
    comments = re.search(r"(?:\n#[^\n]*)+\n*\Z", tail)
    if after and comments:
        end = start + comments.start() + 1
    return start, end


def without_batches(text: str) -> str:
    """``programme.yaml`` without its ``batches`` (and their comment): the one-programme
    layout, in which every registered pilot is enrolled from the first day. Test kits and the
    demo use it to give the sample's calendar to a repository with other pilots."""
    span = _block(text, "batches")
    if span is None:
        return text
    start, end = span
    return text[:start] + text[end:].lstrip("\n")


def batches_block(pilots: list[str], announced: str) -> str:
    lines = [
        "# 入选名单（scpilot migrate 按已登记的试点写出，请核对批次、公布日期和文号）。",
        "batches:",
        "  - batch: 1",
        f'    announced: "{announced}"',
        "    participants:",
        *(f"      - {p}" for p in pilots),
    ]
    return "\n".join(lines) + "\n\n"


def migrate(programme: str, mkdocs: str, pilots: list[str], start: str) -> Migration:
    """The migrated texts of ``programme.yaml`` and ``mkdocs.yml``; unchanged when already done."""
    changes: list[str] = []
    if not re.search(r"^batches:", programme, re.M):
        anchor = re.search(r"^mofcom:", programme, re.M)
        at = anchor.start() if anchor else len(programme)
        if anchor:
            span = _block(programme, "mofcom")
            at = span[0] if span else at
        programme = programme[:at] + batches_block(pilots, start) + programme[at:]
        changes.append(f"programme.yaml：写出 batches（第 1 批，{len(pilots)} 个已登记的试点，{start} 起）")
    found = _AS_OF.search(mkdocs)
    if found is not None:
        value = found.group("value").strip()
        before = mkdocs[: found.start()].split("\n")[:-1]
        while before and before[-1].strip().startswith("#") and before[-1].startswith(found.group("indent")):
            before.pop()
        mkdocs = "\n".join(before) + "\n" + mkdocs[found.end() :]
        if not re.search(r"^as_of:", programme, re.M):
            span = _block(programme, "batches")
            at = span[0] if span else 0
            programme = (
                programme[:at]
                + f"# 这一工作的报送情况按哪一天判断（自 mkdocs.yml 移来）。\nas_of: {value}\n\n"
                + programme[at:]
            )
        changes.append(f"mkdocs.yml 的 as_of（{value}）移到 programme.yaml")
    return Migration(programme, mkdocs, tuple(changes))
