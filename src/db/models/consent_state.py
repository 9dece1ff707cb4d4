"""Each person's consent state (#17 deadlines), kept by database triggers.

Derived data: `consent_states` holds one row per person — the last day a live (not deleted, not withdrawn) consent
covers (`covered_until`: `NO_END` for a consent without an end date, `NONE` when there is no live consent) and
whether a withdrawn consent is on record. «Согласие» asks for the current members lacking a live consent today:
with this table they are the persons whose `covered_until` is before today, a range of its index (some 8,400 of
54,000 members in the large dataset), instead of a walk of every member against the consents.

Triggers named `trg_consent_*` (migration 0018, SQLite and PostgreSQL) keep it in the writer's transaction: a row is
made or dropped with its person, and a write to `consents` recomputes the row of the old and of the new person from
that person's few consents. `app.worklist.consent_states` compares it with its sources and rebuilds it. No foreign
keys on purpose (a derived row must never keep a person «in use»); never exchanged (app.exchange.tables.LOCAL_ONLY).
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Index
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base

NO_END = date.max  # a live consent without an end date
NONE = date.min  # no live consent


class PersonConsentState(Base):
    """The last day a person's live consents cover, and whether one was withdrawn."""

    __tablename__ = "consent_states"
    __table_args__ = (Index("ix_consent_states_covered_until", "covered_until"),)

    person_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    covered_until: Mapped[date]
    withdrawn: Mapped[bool]
