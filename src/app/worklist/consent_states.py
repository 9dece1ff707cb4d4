"""The persons' consent states (db.models.consent_state): what they are derived from, their check and rebuild.

The database's triggers (migration 0018) keep the table; this module states the same derivation as a query, so
that `opora deadlines --check-consents` can compare the table with the persons and consents and rebuild it after
something wrote around the triggers.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, delete, exists, func, insert, select
from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.derived import DerivedCheck, Difference, compare, repair
from db.models import Consent, Person, PersonConsentState
from db.models.consent_state import NO_END, NONE


def expected_states() -> Select[uuid.UUID, Any, bool]:
    """(person, covered until, withdrawn) for every person, from the consents themselves."""
    covered = (select(func.max(func.coalesce(Consent.valid_until, NO_END)))
               .where(Consent.person_id == Person.id, Consent.deleted_at.is_(None), Consent.withdrawn_on.is_(None))
               .scalar_subquery())
    withdrawn = exists().where(and_(Consent.person_id == Person.id, Consent.deleted_at.is_(None),
                                    Consent.withdrawn_on.is_not(None)))
    return select(Person.id, func.coalesce(covered, NONE), withdrawn)


def _stored() -> Select[uuid.UUID, date, bool]:
    return select(PersonConsentState.person_id, PersonConsentState.covered_until, PersonConsentState.withdrawn)


CONSENT_STATES_TITLE = "Сводка согласий для сроков «согласие»"
REPAIR_COMMAND = "opora deadlines --check-consents --repair"


def check_consent_states(session: Session) -> Difference:
    """Compare the table with its sources (a read unit is enough)."""
    return compare(session, CONSENT_STATES_TITLE, [(expected_states(), _stored())])


def rebuild_consent_states(session: Session) -> int:
    """Empty the table and fill it from the persons and consents (in the caller's write unit); returns its rows."""
    session.execute(delete(PersonConsentState))
    session.execute(insert(PersonConsentState).from_select(["person_id", "covered_until", "withdrawn"],
                                                           expected_states()))
    return int(session.execute(select(func.count()).select_from(PersonConsentState)).scalar_one())


def repair_consent_states_as_admin(session: Session, actor: Actor) -> DerivedCheck:
    """In a write unit: compare, and rebuild when the table differs (audited as «rebuild consent_states»)."""
    return repair(session, actor, check_consent_states, rebuild_consent_states, "consent_states", REPAIR_COMMAND)
