"""The persons' session days (db.models.contacts): what they are derived from, their check and their rebuild.

The database's triggers (migration 0014) keep the table; this module states the same derivation as a query, so
that `opora deadlines --check-contacts` can compare the table with its sources and rebuild it after something
wrote around the triggers (an SQL tool dropping them, a restore of a hand-edited file).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Date, Select, cast, delete, except_, func, insert, select
from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import Actor
from app.core.permissions import VIEW_AUDIT, require
from db.models import ContactSessionDay, RehabSession, SessionParticipant

log = logging.getLogger("opora.worklist.contacts")


def _day(session: Session) -> Any:
    if session.get_bind().dialect.name == "sqlite":
        return func.date(RehabSession.starts_at)
    return cast(RehabSession.starts_at, Date)


def expected_days(session: Session) -> Select[uuid.UUID, Any, int]:
    """(person, day, live not cancelled sessions) from the sessions themselves."""
    day = _day(session)
    return (select(SessionParticipant.person_id, day, func.count())
            .join(RehabSession, RehabSession.id == SessionParticipant.session_id)
            .where(RehabSession.deleted_at.is_(None), RehabSession.cancelled.is_(False))
            .group_by(SessionParticipant.person_id, day))


def _stored() -> Select[uuid.UUID, date, int]:
    return select(ContactSessionDay.person_id, ContactSessionDay.day, ContactSessionDay.sessions)


@dataclass(frozen=True)
class ContactDaysDifference:
    missing: int  # rows the sessions give that the table lacks (or holds with another count)
    extra: int  # rows the table holds beyond them

    @property
    def ok(self) -> bool:
        return self.missing == 0 and self.extra == 0

    @property
    def message(self) -> str:
        if self.ok:
            return "Сводка дней занятий для сроков «без контакта» совпадает с данными."
        return (f"Сводка дней занятий для сроков «без контакта» расходится с данными: строк не хватает — "
                f"{self.missing}, лишних — {self.extra}")


def _count(session: Session, statement: Any) -> int:
    return int(session.execute(select(func.count()).select_from(statement.subquery())).scalar_one())


def check_contact_days(session: Session) -> ContactDaysDifference:
    """Compare the table with its sources (a read unit is enough)."""
    return ContactDaysDifference(_count(session, except_(expected_days(session), _stored())),
                                 _count(session, except_(_stored(), expected_days(session))))


def rebuild_contact_days(session: Session) -> int:
    """Empty the table and fill it from the sessions (in the caller's write unit); returns its rows."""
    session.execute(delete(ContactSessionDay))
    session.execute(insert(ContactSessionDay).from_select(["person_id", "day", "sessions"], expected_days(session)))
    return int(session.execute(select(func.count()).select_from(ContactSessionDay)).scalar_one())


@dataclass(frozen=True)
class ContactDaysCheck:
    found: ContactDaysDifference
    rebuilt_rows: int | None = None

    @property
    def message(self) -> str:
        if self.found.ok or self.rebuilt_rows is None:
            return self.found.message + ("." if self.found.ok else "; перестройте её: opora deadlines "
                                                                   "--check-contacts --repair.")
        return f"{self.found.message}; сводка перестроена (строк — {self.rebuilt_rows})."


def repair_contact_days_as_admin(session: Session, actor: Actor) -> ContactDaysCheck:
    """In a write unit: compare, and rebuild when the table differs (audited as «rebuild contact_session_days»)."""
    require(actor, VIEW_AUDIT)
    found = check_contact_days(session)
    if found.ok:
        return ContactDaysCheck(found)
    rows = rebuild_contact_days(session)
    audit.record(session, actor, "rebuild", "contact_session_days", None, ["missing", "extra"])
    log.warning("contact days rebuilt: %d missing, %d extra rows; %d rows now", found.missing, found.extra, rows)
    return ContactDaysCheck(found, rows)
