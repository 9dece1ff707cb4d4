"""The quarterly report's summary of sessions (#16), kept by database triggers.

Derived data: `report_session_months` counts the live, not cancelled sessions and `report_place_months` their places
(planned, attended, absent) per calendar month (year × 100 + month of `starts_at`), specialist, service, delivery
mode and — for the places — person. The region's quarterly report reads whole months from them instead of grouping
a quarter of the sessions (`app.reports.session_summary`).

Triggers named `trg_rsum_*` (migration 0015, on SQLite and PostgreSQL) keep them in the same transaction as every
write to `rehab_sessions` and `session_participants`, whoever writes: the services, the importer's bulk writer,
the demo generator, an exchange changeset applied by SQLite's session extension or by the PostgreSQL adapter.
A row whose places (or sessions) fall to zero is deleted, so the tables hold exactly what a rebuild gives.
The names, positions, offices, kinds and forms are joined when the report is read, never copied here.
No foreign keys on purpose: a derived row must never keep a staff member, a service or a person «in use».
They never travel between offices (app.exchange.tables.LOCAL_ONLY): each database derives its own.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class SessionMonth(Base):
    """Live, not cancelled sessions of one month, specialist, service and delivery mode."""

    __tablename__ = "report_session_months"
    # On SQLite the rows are stored in key order (WITHOUT ROWID): a range of months is read in one sequential pass.
    __table_args__ = {"sqlite_with_rowid": False}

    month: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    staff_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    service_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    delivery_mode_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    sessions: Mapped[int] = mapped_column(Integer)


class PlaceMonth(Base):
    """One person's places in the live, not cancelled sessions of one month, specialist, service and mode."""

    __tablename__ = "report_place_months"
    # «Children served» asks only which persons attended in the quarter's months: read from this index alone.
    __table_args__ = (Index("ix_report_place_months_person", "month", "person_id", "attended"),
                      {"sqlite_with_rowid": False})

    month: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    staff_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    service_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    delivery_mode_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    places: Mapped[int] = mapped_column(Integer)
    attended: Mapped[int] = mapped_column(Integer)
    absent: Mapped[int] = mapped_column(Integer)
