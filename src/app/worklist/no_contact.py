"""«Без контакта»: families on support with no visit, session or event in the last `days` days (and, without any
contact ever, on support for longer than that).

Each family on support is asked three EXISTS questions about the window (threshold, today], each one index seek:
a live visit, an event, and for each member a day with a session in `contact_session_days` (kept by triggers, see
db.models.contacts: a session planned ahead becomes a contact when its day comes, with no write). Only the few
silent families then get the dates of their last contacts, which decide whether they are listed at all — so this
kind is computed whole in Python (some tens of rows) and its count is the length of that list.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from app.core.text import format_date
from app.worklist.rows import Deadline, text_id
from app.worklist.scope import Scope
from db.models import ContactSessionDay, Event, EventFamily, Family, FamilyMember, HomeVisit, SupportCase


def no_contact(session: Session, scope: Scope, today: date, days: int) -> list[Deadline]:
    """The kind's whole list, the earliest due first."""
    threshold = today - timedelta(days=days)
    live_open = (SupportCase.family_id == Family.id, SupportCase.closed_on.is_(None),
                 SupportCase.deleted_at.is_(None))
    # Families walked once, each asked whether a case is open (one seek) and, for the few silent ones only, since
    # when: grouping every open case by family first cost as much as the three questions (63 of 109 ms of CPU
    # for a coordinator of every office, 13,434 families on support).
    since = select(func.min(SupportCase.opened_on)).where(*live_open).scalar_subquery()
    visit = exists().where(HomeVisit.family_id == Family.id, HomeVisit.deleted_at.is_(None),
                           HomeVisit.visit_date > threshold, HomeVisit.visit_date <= today)
    event = exists().where(EventFamily.family_id == Family.id, Event.id == EventFamily.event_id,
                           Event.deleted_at.is_(None), Event.starts_on > threshold, Event.starts_on <= today)
    session_day = exists().where(FamilyMember.family_id == Family.id,
                                 ContactSessionDay.person_id == FamilyMember.person_id,
                                 ContactSessionDay.day > threshold, ContactSessionDay.day <= today)
    silent = [(family_id, title, _as_date(since_on)) for family_id, title, since_on in session.execute(
        select(Family.id, Family.title, since)
        .where(Family.deleted_at.is_(None), scope.row, exists().where(*live_open), ~visit, ~event, ~session_day))]
    lasts = _last_contacts(session, [family_id for family_id, _title, _since in silent], today)
    found = []
    for family_id, title, since_on in silent:
        last = lasts.get(family_id)
        if (last or since_on) > threshold:  # on support for less than `days` and never heard of before
            continue
        text = (f"на сопровождении; последний контакт {format_date(last)}" if last
                else f"на сопровождении с {format_date(since_on)}; контактов не было")
        found.append(Deadline("no_contact", (last or since_on) + timedelta(days=days), text_id(family_id) or "",
                              title, None, "", text))
    return sorted(found, key=lambda d: (d.due_on, d.family_title, d.family_id))


def _last_contacts(session: Session, ids: list[uuid.UUID], today: date) -> dict[uuid.UUID, date]:
    """The date of each family's last visit, event or session on or before today (families without one absent)."""
    member_day = (select(func.max(ContactSessionDay.day))
                  .where(ContactSessionDay.person_id == FamilyMember.person_id, ContactSessionDay.day <= today)
                  .scalar_subquery())  # one seek back from today per member
    queries = (
        lambda chunk: select(HomeVisit.family_id, func.max(HomeVisit.visit_date))
        .where(HomeVisit.family_id.in_(chunk), HomeVisit.deleted_at.is_(None), HomeVisit.visit_date <= today)
        .group_by(HomeVisit.family_id),
        lambda chunk: select(EventFamily.family_id, func.max(Event.starts_on))
        .join(Event, Event.id == EventFamily.event_id)
        .where(EventFamily.family_id.in_(chunk), Event.deleted_at.is_(None), Event.starts_on <= today)
        .group_by(EventFamily.family_id),
        lambda chunk: select(FamilyMember.family_id, member_day).where(FamilyMember.family_id.in_(chunk)),
    )
    lasts: dict[uuid.UUID, date] = {}
    for chunk in _chunks(ids):
        for query in queries:
            for family_id, value in session.execute(query(chunk)):
                if value is not None:
                    day = _as_date(value)
                    lasts[family_id] = max(day, lasts.get(family_id, day))
    return lasts


def _chunks(ids: list[uuid.UUID], size: int = 500) -> Iterable[list[uuid.UUID]]:
    return (ids[start:start + size] for start in range(0, len(ids), size))


def _as_date(value: Any) -> date:
    """A date from a date, a datetime or SQLite's text of either."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
