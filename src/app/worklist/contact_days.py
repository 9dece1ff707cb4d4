"""The persons' session days (db.models.contacts): what they are derived from, their check and their rebuild.

The database's triggers (migration 0014) keep the table; this module states the same derivation as a query, so
that `opora deadlines --check-contacts` can compare the table with its sources and rebuild it after something
wrote around the triggers (an SQL tool dropping them, a restore of a hand-edited file).
"""

from __future__ import annotations

import logging
import uuid
from datetime import date
from typing import Any

from sqlalchemy import Date, Select, cast, delete, func, insert, select
from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.derived import DerivedCheck, Difference, compare, repair
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


CONTACT_DAYS_TITLE = "Сводка дней занятий для сроков «без контакта»"
REPAIR_COMMAND = "opora deadlines --check-contacts --repair"


def check_contact_days(session: Session) -> Difference:
    """Compare the table with its sources (a read unit is enough)."""
    return compare(session, CONTACT_DAYS_TITLE, [(expected_days(session), _stored())])


def rebuild_contact_days(session: Session) -> int:
    """Empty the table and fill it from the sessions (in the caller's write unit); returns its rows."""
    session.execute(delete(ContactSessionDay))
    session.execute(insert(ContactSessionDay).from_select(["person_id", "day", "sessions"], expected_days(session)))
    return int(session.execute(select(func.count()).select_from(ContactSessionDay)).scalar_one())


def repair_contact_days_as_admin(session: Session, actor: Actor) -> DerivedCheck:
    """In a write unit: compare, and rebuild when the table differs (audited as «rebuild contact_session_days»)."""
    return repair(session, actor, check_contact_days, rebuild_contact_days, "contact_session_days", REPAIR_COMMAND)
