"""Where each document lives: the folder layout of ``submissions/`` as a pure function.

    submissions/programme.yaml                              programme
    submissions/programmes/<id>.yaml                        calendar (a later round)
    submissions/<province>/province.yaml                    province
    submissions/<province>/recommendations/<YYYY>.yaml      recommendations
    submissions/<province>/summaries/<YYYY>.yaml            province_summary
    submissions/<province>/<pilot>/pilot.yaml               pilot
    submissions/<province>/<pilot>/ledger.yaml              ledger
    submissions/<province>/<pilot>/reports/<YYYYQn>.yaml    report
    submissions/<province>/<pilot>/summaries/<YYYY>.yaml    summary
    submissions/lists/<list>.yaml                           practice_list

Central SOEs live in the programme's central folder (``submissions/central/<pilot>/``),
which has no ``province.yaml``. The folder is the owner: a pilot's folder holds all of its
documents and nothing else. Published lists of practices belong to no single owner (one
practice may be two pilots' and another a province's), so they have a folder of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

SUBMISSIONS = "submissions"
RESERVED = frozenset({"recommendations", "summaries", "reports", "lists", "programmes"})
LISTS = "lists"
PROGRAMMES = "programmes"
_SLUG = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")
_YEAR = re.compile(r"20[0-9]{2}\Z")
_QUARTER = re.compile(r"20[0-9]{2}Q[1-4]\Z")
_LIST = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")

KINDS = (
    "programme",
    "calendar",
    "province",
    "recommendations",
    "province_summary",
    "pilot",
    "ledger",
    "report",
    "summary",
    "practice_list",
)

KIND_TITLES = {
    "programme": "工作日历",
    "calendar": "后续工作的日历",
    "province": "省级商务主管部门",
    "recommendations": "推荐名单",
    "province_summary": "省级汇总报告",
    "pilot": "基本信息",
    "ledger": "工作台账",
    "report": "季报",
    "summary": "试点总结报告",
    "practice_list": "公布的经验名单",
}

LAYOUT_HINT = (
    "报送文件的位置：submissions/<省份>/province.yaml、submissions/<省份>/recommendations/<年份>.yaml、"
    "submissions/<省份>/summaries/<年份>.yaml、submissions/<省份>/<试点>/pilot.yaml、ledger.yaml、"
    "reports/<年份>Q<季度>.yaml（如 2019Q3.yaml）、summaries/<年份>.yaml；公布的经验名单放在 submissions/lists/<名单标识>.yaml；后续工作（如示范创建）的日历放在 submissions/programmes/<工作标识>.yaml。文件夹名用小写英文、数字和连字符。"
)


@dataclass(frozen=True)
class Location:
    kind: str
    province: str | None = None
    pilot: str | None = None
    period: str | None = None

    @property
    def schema(self) -> str:
        return f"{self.kind}.schema.json"

    @property
    def path(self) -> str:
        """The repository-relative path of this document: the inverse of ``classify``."""
        return document_path(self.kind, self.province, self.pilot, self.period)


PATTERNS = {
    "programme": "submissions/programme.yaml",
    "calendar": "submissions/programmes/{period}.yaml",
    "province": "submissions/{province}/province.yaml",
    "recommendations": "submissions/{province}/recommendations/{period}.yaml",
    "province_summary": "submissions/{province}/summaries/{period}.yaml",
    "pilot": "submissions/{province}/{pilot}/pilot.yaml",
    "ledger": "submissions/{province}/{pilot}/ledger.yaml",
    "report": "submissions/{province}/{pilot}/reports/{period}.yaml",
    "summary": "submissions/{province}/{pilot}/summaries/{period}.yaml",
    "practice_list": "submissions/lists/{period}.yaml",
}
"""Each kind's path with ``{province}``, ``{pilot}`` and ``{period}`` placeholders (a list's or a
later programme's id is its period)."""


def document_path(kind: str, province: str | None = None, pilot: str | None = None, period: str | None = None) -> str:
    """The path of a document of ``kind``: ``submissions/<province>/<pilot>/reports/<period>.yaml`` and so on."""
    return PATTERNS[kind].format(province=province, pilot=pilot, period=period)


def pilot_folder(province: str, pilot: str) -> str:
    """The folder that holds all of a pilot's documents, with a trailing slash."""
    return f"{SUBMISSIONS}/{province}/{pilot}/"


def province_folder(province: str) -> str:
    """The folder of a province (or of the central SOEs), with a trailing slash."""
    return f"{SUBMISSIONS}/{province}/"


def _parts(path: str) -> tuple[str, ...]:
    """``PurePosixPath(path).parts``; a plain split for a path that is already normal (every
    path the pipeline makes: this runs for each of a national repository's 31,000 files)."""
    if path and "//" not in path and not path.startswith(("/", "./")) and not path.endswith(("/", "/.")):
        parts = tuple(path.split("/"))
        if "." not in parts:
            return parts
    return PurePosixPath(path).parts


def classify(path: str) -> Location | None:
    """The document kind of a repository-relative POSIX path, or None if nothing lives there."""
    parts = _parts(path)
    if len(parts) < 2 or parts[0] != SUBMISSIONS or not parts[-1].endswith(".yaml"):
        return None
    parts = parts[1:]
    stem = parts[-1][: -len(".yaml")]
    if parts == ("programme.yaml",):
        return Location("programme")
    if len(parts) == 2 and parts[0] == LISTS:
        return Location("practice_list", period=stem) if _LIST.match(stem) else None
    if len(parts) == 2 and parts[0] == PROGRAMMES:
        return Location("calendar", period=stem) if _LIST.match(stem) else None
    if not _SLUG.match(parts[0]) or parts[0] in RESERVED:
        return None
    province = parts[0]
    if len(parts) == 2 and parts[1] == "province.yaml":
        return Location("province", province)
    if len(parts) == 3 and parts[1] in ("recommendations", "summaries") and _YEAR.match(stem):
        kind = "recommendations" if parts[1] == "recommendations" else "province_summary"
        return Location(kind, province, period=stem)
    if len(parts) < 3 or not _SLUG.match(parts[1]) or parts[1] in RESERVED:
        return None
    pilot = parts[1]
    if len(parts) == 3 and parts[2] in ("pilot.yaml", "ledger.yaml"):
        return Location(parts[2][: -len(".yaml")], province, pilot)
    if len(parts) == 4 and parts[2] == "reports" and _QUARTER.match(stem):
        return Location("report", province, pilot, stem)
    if len(parts) == 4 and parts[2] == "summaries" and _YEAR.match(stem):
        return Location("summary", province, pilot, stem)
    return None
