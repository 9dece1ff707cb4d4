"""Deadlines computed from the records, for the «Сегодня» screen, `opora deadlines` and the weekly workbook.

Each kind (`app.worklist.settings.KINDS`) is a query over the families the user works with (`app.worklist.scope`);
switched-off kinds are not queried. Nothing is stored: the list is always what the records say today. Three
reads of the same queries (`app.worklist.kinds`):

- `count_deadlines`: per kind, how many and how many overdue, counted by the database — the screen's groups and
  the side bar need no more (a coordinator of every office has some 17,000 deadlines; making them rows cost
  more than finding them);
- `deadline_page`: one page of one kind, in the order shown, read when the user opens its group;
- `compute_deadlines`: every deadline (the command line and the workbook), as tuples with text ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from sqlalchemy import case, func, or_, select, union_all
from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.permissions import VIEW_RECORDS, require
from app.worklist.kinds import KIND_SQL, KindSql
from app.worklist.no_contact import no_contact
from app.worklist.rows import Deadline, KindCount, person_name, text_id
from app.worklist.scope import Scope, deadline_scope, family_ids, unindexed
from app.worklist.settings import KINDS, DeadlineSetting, read_deadline_settings

__all__ = ["COMPUTE", "PAGE_SIZE", "Deadline", "KindCount", "Scope", "compute_deadlines", "count_deadlines",
           "deadline_page", "deadline_scope", "enabled_kinds", "family_ids", "sort_deadlines", "unindexed"]

PAGE_SIZE = 200  # rows of an opened group read at a time («показать ещё» reads the next)
PYTHON_KINDS: dict[str, Callable[[Session, Scope, date, int], list[Deadline]]] = {"no_contact": no_contact}


def _ordered(kind: KindSql) -> Any:
    """The kind's rows in the order the screen shows them: the earliest due first (NULL: due now), then by
    family and person, ids last so that pages never overlap."""
    rows = kind.parts[0] if len(kind.parts) == 1 else union_all(*kind.parts)
    sub = rows.subquery("kind")
    return select(*sub.c).order_by(sub.c.sort_due.asc().nulls_first(), sub.c.family_title, sub.c.last_name,
                                   sub.c.first_name, sub.c.middle_name, sub.c.family_id, sub.c.record_id)


def _rows(session: Session, code: str, kind: KindSql, query: Any) -> list[Deadline]:
    make = kind.make
    found = []
    for sort_due, family_id, title, person_id, last, first, middle, record_id, a, b in \
            session.connection().execute(query):
        due, detail = make(sort_due, a, b)
        found.append(Deadline(code, due, text_id(family_id) or "", title, text_id(person_id),
                              person_name(last, first, middle), detail, text_id(record_id)))
    return found


def _count(session: Session, kind: KindSql) -> KindCount:
    total = overdue = 0
    for part in kind.parts:  # each part counted alone: SQLite flattens it and reads no column it does not need
        sub = part.subquery("kind")
        late = or_(sub.c.sort_due.is_(None), sub.c.sort_due < kind.overdue_before)
        many, late_many = session.connection().execute(
            select(func.count(), func.count(case((late, 1)))).select_from(sub)).one()
        total, overdue = total + many, overdue + late_many
    return KindCount(total, overdue)


def _kind_list(session: Session, scope: Scope, code: str, today: date, days: int) -> list[Deadline]:
    """A kind's whole list, in the order of its pages."""
    if code in PYTHON_KINDS:
        return PYTHON_KINDS[code](session, scope, today, days)
    kind = KIND_SQL[code](session, scope, today, days)
    return _rows(session, code, kind, _ordered(kind))


def _wanted(session: Session, actor: Actor, kinds: Iterable[str] | None) -> list[DeadlineSetting]:
    require(actor, VIEW_RECORDS)
    wanted = set(kinds) if kinds is not None else None
    return [setting for setting in read_deadline_settings(session)
            if setting.enabled and (wanted is None or setting.kind.code in wanted)]


def count_deadlines(session: Session, actor: Actor, today: date | None = None,
                    kinds: Iterable[str] | None = None) -> dict[str, KindCount]:
    """Per kind switched on (and asked for), how many deadlines and how many overdue; the lengths of the lists
    `compute_deadlines` gives."""
    today = today or date.today()
    settings = _wanted(session, actor, kinds)
    scope = deadline_scope(session, actor)
    counts = {}
    for setting in settings:
        code = setting.kind.code
        if code in PYTHON_KINDS:
            rows = PYTHON_KINDS[code](session, scope, today, setting.days)
            counts[code] = KindCount(len(rows), sum(1 for row in rows if row.overdue(today)))
        else:
            counts[code] = _count(session, KIND_SQL[code](session, scope, today, setting.days))
    return counts


def deadline_page(session: Session, actor: Actor, kind: str, today: date | None = None, offset: int = 0,
                  limit: int = PAGE_SIZE) -> list[Deadline]:
    """Rows `offset`… of one kind (at most `limit`), in the order of its list; none when it is switched off."""
    today = today or date.today()
    settings = _wanted(session, actor, [kind])
    if not settings:
        return []
    scope, days = deadline_scope(session, actor), settings[0].days
    if kind in PYTHON_KINDS:
        return PYTHON_KINDS[kind](session, scope, today, days)[offset:offset + limit]
    sql = KIND_SQL[kind](session, scope, today, days)
    return _rows(session, kind, sql, _ordered(sql).offset(offset).limit(limit))


def compute_deadlines(session: Session, actor: Actor, today: date | None = None,
                      kinds: Iterable[str] | None = None) -> list[Deadline]:
    """Every deadline of the families this actor works with, the most pressing first."""
    today = today or date.today()
    settings = _wanted(session, actor, kinds)
    scope = deadline_scope(session, actor)
    found: list[Deadline] = []
    for setting in settings:
        found.extend(_kind_list(session, scope, setting.kind.code, today, setting.days))
    return sort_deadlines(found)


def sort_deadlines(deadlines: Iterable[Deadline]) -> list[Deadline]:
    """The most pressing first, then by kind; within a day and kind the order of the kind's pages (the sort is
    stable and each kind's list comes ordered)."""
    return sorted(deadlines, key=lambda d: (d.due_on or date.min, d.kind))


def _list_for(code: str) -> Callable[[Session, Scope, date, int], list[Deadline]]:
    return lambda session, scope, today, days: _kind_list(session, scope, code, today, days)


# A kind's whole list for a given scope (the tests compare the forms of a kind's query through it).
COMPUTE: dict[str, Callable[[Session, Scope, date, int], list[Deadline]]] = {
    kind.code: _list_for(kind.code) for kind in KINDS}


def enabled_kinds(session: Session) -> list[str]:
    """The kinds the administrator has switched on, in the order of `KINDS`."""
    return [setting.kind.code for setting in read_deadline_settings(session) if setting.enabled]
