"""Is a saved record read-only because its period was submitted, and why (#17 item 5)?

Editors ask this when they open a record, so a record of a submitted quarter opens for viewing instead of being
refused on save. The answer follows the guard's own rule list (`app.core.period_guard.RULES`): the same date
fields, the same office, the same active submissions — the guard stays the last line of defence.

A record dated as a whole (session, visit, trip, event, urgent service, assessment; their child rows through the
parent) is read-only as a whole. A support case or a plan row is only fixed in its date fields that lie in the locked
quarter (a case opened in a locked quarter can still be closed later); `RecordLock.whole` tells them apart.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.period_guard import RULES, Lock, active_locks, family_office, find_lock
from app.core.text import format_date
from db.models import (
    BrigadeTrip,
    Event,
    HomeVisit,
    PlanItem,
    RehabSession,
    SocialPaper,
    SupportCase,
    UrgentService,
)
from db.models.effectiveness import Assessment

URGENT_ACT = "urgent_act"  # a 442-ФЗ act, locked by the urgent services it lists (asked by the paper's id)

# The kinds of record an editor asks about (the screens know kinds, not models).
KINDS: dict[str, type] = {"session": RehabSession, "visit": HomeVisit, "trip": BrigadeTrip, "event": Event,
                          "case": SupportCase, "plan_item": PlanItem, "urgent_service": UrgentService,
                          "assessment": Assessment}
# The Russian names of the date fields a partial lock fixes (the banner names them).
FIELD_NAMES = {"opened_on": "дата начала сопровождения", "closed_on": "дата окончания сопровождения",
               "done_on": "дата выполнения"}


@dataclass(frozen=True)
class RecordLock:
    """Why a record cannot be changed: the submitted quarter and the record's date fields inside it."""

    lock: Lock
    fields: tuple[str, ...]
    whole: bool

    def touches(self, names: set[str] | frozenset[str]) -> bool:
        """Whether a change of the fields `names` is refused by the lock."""
        return self.whole or bool(set(self.fields) & set(names))

    @property
    def message(self) -> str:
        submitted = format_date(self.lock.submitted_at.date())
        period = f"Период {self.lock.title.removesuffix(' г.')} сдан {submitted}"
        if self.whole:
            return f"{period}: запись только для просмотра. Открыть период может администратор."
        names = ", ".join(FIELD_NAMES.get(name, name) for name in self.fields)
        return (f"{period}: {names} не меняется, остальное можно править. "
                "Открыть период может администратор.")


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def record_lock(session: Session, kind: str | type, record_id: uuid.UUID | None,
                locks: list[Lock] | None = None) -> RecordLock | None:
    """The lock a saved record of `kind` (a key of `KINDS` or a model) lies in, or None (also for a new record,
    an unknown id and a model the guard does not date). One query when no period is submitted."""
    if kind == URGENT_ACT:
        return _urgent_act_lock(session, record_id, locks)
    model = KINDS[kind] if isinstance(kind, str) else kind
    rule = RULES.get(model)
    if rule is None or record_id is None:
        return None
    locks = active_locks(session) if locks is None else locks
    if not locks:
        return None
    record = session.get(model, record_id)
    if record is None:
        return None
    if rule.parent is not None:
        parent_model, key = rule.parent
        return record_lock(session, parent_model, getattr(record, key), locks)
    office = rule.office(session, partial(getattr, record))
    found = [(name, lock) for name in rule.fields
             if (lock := find_lock(locks, office, _day(getattr(record, name)))) is not None]
    if not found:
        return None
    return RecordLock(found[0][1], tuple(name for name, _lock in found), rule.whole)


def _urgent_act_lock(session: Session, paper_id: uuid.UUID | None, locks: list[Lock] | None) -> RecordLock | None:
    """The first lock one of the act's urgent services lies in, by the family's office as the papers service checks
    them (they are rewritten together on save, with Core: `period_guard.refuse_rows`)."""
    if paper_id is None:
        return None
    locks = active_locks(session) if locks is None else locks
    if not locks:
        return None
    office = family_office(session, session.execute(select(SocialPaper.family_id)
                                                    .where(SocialPaper.id == paper_id)).scalar())
    for day in session.execute(select(UrgentService.given_on).where(UrgentService.paper_id == paper_id)
                               .order_by(UrgentService.given_on)).scalars():
        found = find_lock(locks, office, day)
        if found is not None:
            return RecordLock(found, ("given_on",), True)
    return None


def record_locks(session: Session, kind: str | type, record_ids: list[uuid.UUID]) -> dict[uuid.UUID, RecordLock]:
    """`record_lock` for several records of one model (e.g. the rows of a list), reading the locks once."""
    locks = active_locks(session)
    if not locks:
        return {}
    found = {}
    for record_id in record_ids:
        lock = record_lock(session, kind, record_id, locks)
        if lock is not None:
            found[record_id] = lock
    return found
