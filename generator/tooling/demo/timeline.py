"""When each synthetic document was submitted and confirmed: a pull request per submission,
opened before or after its deadline (by the pilot's diligence), merged by its confirmer a
few working days later, with the trailers the merge workflow writes (sometimes missing, as
with a manual merge). China Standard Time throughout."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

CST = timezone(timedelta(hours=8))
LAST_MERGE = datetime(2020, 11, 27, 17, 0, tzinfo=CST)
REVIEW_URL = "https://git.example.gov.cn/scpilot/submissions/pulls/{n}"


@dataclass(frozen=True)
class Person:
    name: str
    email: str


@dataclass(frozen=True)
class Landing:
    """One merged pull request: the files it brings, who and when."""

    files: tuple[tuple[str, bytes], ...]
    title: str
    submitter: Person
    confirmer: Person
    confirmed_by: str
    opened: datetime
    merged: datetime
    style: str  # merge | squash
    trailers: tuple[str, ...]


def _at_work(rng: random.Random, day: date) -> datetime:
    return datetime(day.year, day.month, day.day, rng.randint(9, 17), rng.choice((0, 10, 20, 30, 40, 50)), tzinfo=CST)


def submission_day(rng: random.Random, due: date, earliest: date, diligence: float, *, missable: bool) -> date | None:
    """The day a document is submitted, or None when it never is."""
    if missable and rng.random() < (0.08 if diligence < 0.2 else 0.004):
        return None
    late_chance = 0.4 if diligence < 0.25 else 0.1 if diligence < 0.7 else 0.02
    if rng.random() < late_chance:
        return due + timedelta(days=rng.randint(1, 30))
    start = max(earliest, due - timedelta(days=14))
    return start + timedelta(days=rng.randint(0, max(0, (due - start).days)))


def landing(
    rng: random.Random,
    files: list[tuple[str, bytes]],
    title: str,
    submitter: Person,
    confirmer: Person,
    day: date,
) -> Landing:
    opened = _at_work(rng, day)
    merged = _at_work(rng, day + timedelta(days=rng.randint(0, 6)))
    if merged <= opened:
        merged = opened + timedelta(hours=rng.randint(1, 6))
    merged = min(merged, LAST_MERGE)
    opened = min(opened, merged - timedelta(hours=1))
    roll = rng.random()
    trailers = (
        ("Confirmed-by", "Submitted-at", "Reviewed-on")
        if roll < 0.9
        else ("Confirmed-by", "Reviewed-on")
        if roll < 0.96
        else ()
    )
    style = "squash" if rng.random() < 0.12 else "merge"
    return Landing(tuple(files), title, submitter, confirmer, confirmer.name, opened, merged, style, trailers)


def message(land: Landing, number: int) -> str:
    values = {
        "Confirmed-by": land.confirmed_by,
        "Submitted-at": land.opened.isoformat(),
        "Reviewed-on": REVIEW_URL.format(n=number),
    }
    head = f"Merge pull request #{number}: {land.title}" if land.style == "merge" else f"{land.title} (#{number})"
    body = "".join(f"{k}: {values[k]}\n" for k in land.trailers)
    return head + ("\n\n" + body if body else "\n")
