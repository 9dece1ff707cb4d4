"""The persons' session days and the families' contact days (db.models.contacts): what they are derived from,
their check and their rebuild.

The database's triggers (migrations 0014 and 0021, all named `trg_contact_…`) keep the tables; this module states
the same derivation as queries, so that `opora deadlines --check-contacts` can compare the tables with their
sources and rebuild them after something wrote around the triggers (an SQL tool dropping them, a restore of a
hand-edited file), and a bulk import that paused the triggers can fill them once.
"""

from __future__ import annotations

import logging
import uuid
from datetime import date
from typing import Any

from sqlalchemy import Date, Select, cast, delete, func, insert, literal, select, union_all
from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.derived import DerivedCheck, Difference, compare, repair
from db.models import (
    ContactSessionDay,
    Event,
    EventFamily,
    FamilyContactDay,
    FamilyMember,
    HomeVisit,
    RehabSession,
    SessionParticipant,
)

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


def expected_family_days(person_days: Any) -> Select[uuid.UUID, Any, Any]:
    """(family, day, contacts) from `person_days` (person_id, day, sessions: the sessions themselves for the check,
    the exact persons' table for a rebuild), the live visits and the live events' families."""
    days = person_days.subquery()
    person_id, day, sessions = days.c
    contacts = union_all(
        select(FamilyMember.family_id.label("family_id"), day.label("day"), sessions.label("contacts"))
        .join(days, person_id == FamilyMember.person_id),
        select(HomeVisit.family_id, HomeVisit.visit_date, literal(1)).where(HomeVisit.deleted_at.is_(None)),
        select(EventFamily.family_id, Event.starts_on, literal(1)).join(Event, Event.id == EventFamily.event_id)
        .where(Event.deleted_at.is_(None)),
    ).subquery()
    return (select(contacts.c.family_id, contacts.c.day, func.sum(contacts.c.contacts))
            .group_by(contacts.c.family_id, contacts.c.day))


def _stored_family_days() -> Select[uuid.UUID, date, int]:
    return select(FamilyContactDay.family_id, FamilyContactDay.day, FamilyContactDay.contacts)


CONTACT_DAYS_TITLE = "Сводка дней контакта для сроков «без контакта»"
REPAIR_COMMAND = "opora deadlines --check-contacts --repair"


def check_contact_days(session: Session) -> Difference:
    """Compare both tables with their sources (a read unit is enough)."""
    return compare(session, CONTACT_DAYS_TITLE, [(expected_days(session), _stored()),
                                                 (expected_family_days(expected_days(session)), _stored_family_days())])


def rebuild_contact_days(session: Session) -> int:
    """Empty both tables and fill them from the sessions, visits and events (in the caller's write unit): the
    persons' days first, then the families' from those (already one row per person and day). Returns their rows."""
    session.execute(delete(ContactSessionDay))
    session.execute(insert(ContactSessionDay).from_select(["person_id", "day", "sessions"], expected_days(session)))
    session.execute(delete(FamilyContactDay))
    session.execute(insert(FamilyContactDay).from_select(["family_id", "day", "contacts"],
                                                         expected_family_days(_stored())))
    return sum(int(session.execute(select(func.count()).select_from(table)).scalar_one())
               for table in (ContactSessionDay, FamilyContactDay))


def repair_contact_days_as_admin(session: Session, actor: Actor) -> DerivedCheck:
    """In a write unit: compare, and rebuild when the table differs (audited as «rebuild contact_session_days»)."""
    return repair(session, actor, check_contact_days, rebuild_contact_days, "contact_session_days", REPAIR_COMMAND)
