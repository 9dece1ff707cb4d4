"""The region's report: services given per year × office × form × recipient × kind (#16), kept by triggers.

Derived data (migration 0020, triggers `trg_rsvc_*` on SQLite and PostgreSQL): for each calendar year, office, form
and kind of 442-ФЗ and recipient, `nMM` counts the services given in month MM — attended places of live, not
cancelled sessions (the specialist's office, the person) and services of live visits to live families (the family's
office; the person, or the family for a service given to the family as a whole) — and `qMM` their quantities. The
distinct recipients of a quarter or of the year to date are then one row per recipient
(`app.reports.service_summary`). The rows follow a specialist, family or service whose office, kind or form changes.
No foreign keys (a derived row must never keep anything «in use»); never exchanged (app.exchange.tables.LOCAL_ONLY).
"""

from __future__ import annotations

import uuid

from sqlalchemy import Integer, PrimaryKeyConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base

MONTH_NUMBERS = tuple(range(1, 13))


class MonthQuantities:
    """The quantities of services given in each month of the year (a mixin: the summary and its totals)."""

    q01: Mapped[int] = mapped_column(Integer)
    q02: Mapped[int] = mapped_column(Integer)
    q03: Mapped[int] = mapped_column(Integer)
    q04: Mapped[int] = mapped_column(Integer)
    q05: Mapped[int] = mapped_column(Integer)
    q06: Mapped[int] = mapped_column(Integer)
    q07: Mapped[int] = mapped_column(Integer)
    q08: Mapped[int] = mapped_column(Integer)
    q09: Mapped[int] = mapped_column(Integer)
    q10: Mapped[int] = mapped_column(Integer)
    q11: Mapped[int] = mapped_column(Integer)
    q12: Mapped[int] = mapped_column(Integer)


class ServiceYear(MonthQuantities, Base):
    """One recipient's services of one kind and form from one office in one year, counted per month."""

    __tablename__ = "report_service_years"
    # The key leads with the recipient (migration 0022) and on SQLite the rows are stored in key order (WITHOUT
    # ROWID): a year's rows come grouped by recipient, so every distinct-recipient count of the region's report is
    # one ordered pass, and «was this person served» is a seek on (year, recipient).
    __table_args__ = (PrimaryKeyConstraint("year", "recipient_id", "office_id", "kind_id", "form_id",
                                           name="pk_report_service_years"),
                      {"sqlite_with_rowid": False})

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    office_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    form_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    recipient_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    kind_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    n01: Mapped[int] = mapped_column(Integer)
    n02: Mapped[int] = mapped_column(Integer)
    n03: Mapped[int] = mapped_column(Integer)
    n04: Mapped[int] = mapped_column(Integer)
    n05: Mapped[int] = mapped_column(Integer)
    n06: Mapped[int] = mapped_column(Integer)
    n07: Mapped[int] = mapped_column(Integer)
    n08: Mapped[int] = mapped_column(Integer)
    n09: Mapped[int] = mapped_column(Integer)
    n10: Mapped[int] = mapped_column(Integer)
    n11: Mapped[int] = mapped_column(Integer)
    n12: Mapped[int] = mapped_column(Integer)


class ServiceTotal(MonthQuantities, Base):
    """The quantities of `report_service_years` summed per year × office × kind × form (migration 0023).

    Kept by triggers `trg_rsvc_totals_*` on `report_service_years` itself, so it follows every write of that table
    (its own triggers, a rebuild, a PostgreSQL centre's set-wise update). The region's report reads the services'
    quantities of a quarter and of the year to date here: summing them from the summary meant sorting its year of
    rows (600,000 on 100,000 families) by office, kind and form. `rows` counts the summary rows under the key, so a
    total goes when its last row goes and the table always equals a grouping of the summary.
    """

    __tablename__ = "report_service_totals"
    __table_args__ = (PrimaryKeyConstraint("year", "office_id", "kind_id", "form_id",
                                           name="pk_report_service_totals"),
                      {"sqlite_with_rowid": False})

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    office_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    kind_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    form_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    rows: Mapped[int] = mapped_column(Integer)
