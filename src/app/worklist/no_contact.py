"""«Без контакта»: families on support with no visit, session or event in the last `days` days (and, without any
contact ever, on support for longer than that).

Each family on support is asked one question about the window (threshold, today]: a range of its key in
`family_contact_days` (kept by triggers, see db.models.contacts: a session planned ahead becomes a contact when its
day comes, with no write). Only the few silent families then get the date of their last contact (one seek back
from today each), which decides whether they are listed at all — so this kind is computed whole in Python (some
tens of rows) and its count is the length of that list.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.text import format_date
from app.worklist.rows import Deadline, text_id
from app.worklist.scope import Scope
from db.models import Family, FamilyContactDay, SupportCase


def no_contact(session: Session, scope: Scope, today: date, days: int) -> list[Deadline]:
    """The kind's whole list, the earliest due first."""
    threshold = today - timedelta(days=days)
    live_open = (SupportCase.family_id == Family.id, SupportCase.closed_on.is_(None),
                 SupportCase.deleted_at.is_(None))
    # Families walked once, each asked whether a case is open (one seek) and, for the few silent ones only, since
    # when: grouping every open case by family first cost as much as the questions.
    since = select(func.min(SupportCase.opened_on)).where(*live_open).scalar_subquery()
    # EXISTS over a column of the key, not `*`: SQLite then answers from the index alone.
    contact = (select(FamilyContactDay.family_id)
               .where(FamilyContactDay.family_id == Family.id, FamilyContactDay.day > threshold,
                      FamilyContactDay.day <= today).exists())
    open_case = select(SupportCase.family_id).where(*live_open).exists()
    silent = [(family_id, title, _as_date(since_on)) for family_id, title, since_on in session.execute(
        select(Family.id, Family.title, since)
        .where(Family.deleted_at.is_(None), scope.row, open_case, ~contact))]
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
    lasts: dict[uuid.UUID, date] = {}
    for chunk in _chunks(ids):
        for family_id, value in session.execute(
                select(FamilyContactDay.family_id, func.max(FamilyContactDay.day))
                .where(FamilyContactDay.family_id.in_(chunk), FamilyContactDay.day <= today)
                .group_by(FamilyContactDay.family_id)):
            if value is not None:
                lasts[family_id] = _as_date(value)
    return lasts


def _chunks(ids: list[uuid.UUID], size: int = 500) -> Iterable[list[uuid.UUID]]:
    return (ids[start:start + size] for start in range(0, len(ids), size))


def _as_date(value: Any) -> date:
    """A date from a date, a datetime or SQLite's text of either."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
