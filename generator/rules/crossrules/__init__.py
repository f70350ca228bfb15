"""Rules across documents: identities, references, units, calendar and pilot-type fit.

Each rule is a small function ``(repo, ctx) -> Iterator[Problem]`` over the model; they
never read files. A rule that needs a document which exists but is invalid stays quiet
(the document's own errors already explain it), so one mistake gives one message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from generator.load.problems import Problem
from generator.load.schemas import SchemaSet
from generator.model.repository import Repository
from generator.rules.crossrules.calendar import programme_calendar
from generator.rules.crossrules.common import Context, at, fmt
from generator.rules.crossrules.divisions import divisions
from generator.rules.crossrules.documents import reports, summaries
from generator.rules.crossrules.identity import calendar, identities, registry
from generator.rules.crossrules.ledgers import ledgers, pilots
from generator.rules.crossrules.practices import practices
from generator.rules.crossrules.programmes import not_owed, programmes
from generator.rules.crossrules.provincial import provincial

__all__ = ["RULES", "Context", "at", "check", "fmt"]

RULES: tuple[Callable[[Repository, Context], Iterator[Problem]], ...] = (
    programme_calendar,
    programmes,
    not_owed,
    identities,
    calendar,
    registry,
    divisions,
    pilots,
    ledgers,
    reports,
    summaries,
    provincial,
    practices,
)


def check(repo: Repository, schemas: SchemaSet) -> list[Problem]:
    ctx = Context(schemas)
    return [problem for rule in RULES for problem in rule(repo, ctx)]
