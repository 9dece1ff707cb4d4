"""Derived tables kept by database triggers (the report's session summary, the persons' session days): the one
way to compare such a table with the query it is derived from, to say the result in Russian, and to rebuild it.

Each table's module states its derivation (`expected` queries) and its rebuild; this module holds what their checks
share, so `opora summary check` and `opora deadlines --check-contacts` answer alike.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import except_, func, select
from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import Actor
from app.core.permissions import VIEW_AUDIT, require

log = logging.getLogger("opora.derived")


@dataclass(frozen=True)
class Difference:
    """Rows the sources give that the table lacks (or holds with other counts), and rows it holds beyond them."""

    title: str  # «Сводка занятий для квартального отчёта»
    missing: int
    extra: int

    @property
    def ok(self) -> bool:
        return self.missing == 0 and self.extra == 0

    @property
    def message(self) -> str:
        if self.ok:
            return f"{self.title} совпадает с данными."
        return f"{self.title} расходится с данными: строк не хватает — {self.missing}, лишних — {self.extra}"


@dataclass(frozen=True)
class DerivedCheck:
    found: Difference
    repair_command: str  # what the administrator runs to rebuild, named in the message
    rebuilt_rows: int | None = None

    @property
    def message(self) -> str:
        """One Russian sentence for a person (the command line)."""
        if self.found.ok:
            return self.found.message
        if self.rebuilt_rows is None:
            return f"{self.found.message}; перестройте её: {self.repair_command}."
        return f"{self.found.message}; сводка перестроена (строк — {self.rebuilt_rows})."


def count_rows(session: Session, statement: Any) -> int:
    return int(session.execute(select(func.count()).select_from(statement.subquery())).scalar_one())


def compare(session: Session, title: str, pairs: Iterable[tuple[Any, Any]]) -> Difference:
    """Sum, over (expected, stored) query pairs, the rows each side has that the other lacks (a read unit will do)."""
    missing = extra = 0
    for expected, stored in pairs:
        missing += count_rows(session, except_(expected, stored))
        extra += count_rows(session, except_(stored, expected))
    return Difference(title, missing, extra)


def repair(session: Session, actor: Actor, check: Callable[[Session], Difference], rebuild: Callable[[Session], int],
           entity: str, repair_command: str) -> DerivedCheck:
    """In a write unit: compare, and rebuild when the table differs (audited as «rebuild entity»); administrators."""
    require(actor, VIEW_AUDIT)
    found = check(session)
    if found.ok:
        return DerivedCheck(found, repair_command)
    rows = rebuild(session)
    audit.record(session, actor, "rebuild", entity, None, ["missing", "extra"])
    log.warning("%s rebuilt: %d missing, %d extra rows; %d rows now", entity, found.missing, found.extra, rows)
    return DerivedCheck(found, repair_command, rows)
