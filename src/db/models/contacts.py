"""The days on which each person had a session (#17 deadlines), kept by database triggers.

Derived data: `contact_session_days` holds one row per person and calendar day of `starts_at` with the number of
live, not cancelled sessions the person takes part in on that day. «Семья на сопровождении без контакта» asks
for a family's last session on or before today: sessions are planned ahead and become contacts as the days pass
with no write, so a plain «last session» kept per family would be wrong the next morning; the sorted days of each
person answer it with one index seek per member instead of a probe per participation.

Triggers named `trg_contact_*` (migration 0014, on SQLite and PostgreSQL) keep it in the same transaction as every
write to `rehab_sessions` and `session_participants`, whoever writes: the services, the importer's bulk writer,
the demo generator, an exchange changeset applied by SQLite's session extension or by the PostgreSQL adapter.
A day whose count falls to zero is deleted, so the table holds exactly what a rebuild gives
(`app.worklist.contact_days` compares and rebuilds). No foreign keys on purpose: a derived row must never keep a
person «in use». It never travels between offices (app.exchange.tables.LOCAL_ONLY): each database derives its own.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Integer
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class ContactSessionDay(Base):
    """A person's live, not cancelled sessions on one day."""

    __tablename__ = "contact_session_days"

    person_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    sessions: Mapped[int] = mapped_column(Integer)


class FamilyContactDay(Base):
    """A family's contacts on one day (migration 0021, triggers `trg_contact_family_*`): each member's place in a
    live, not cancelled session, each live visit, each live event the family took part in. «Без контакта» asks one
    range of this table's key per family instead of a question per member, visit and event."""

    __tablename__ = "family_contact_days"

    family_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    contacts: Mapped[int] = mapped_column(Integer)
