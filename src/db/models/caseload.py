"""The caseload: which families each staff member is linked to, kept as a table of its own.

It is derived data: `app.core.caseload` says what it is derived from (the family's and its cases'
responsible specialist, plan rows' executors, home visits' specialists, sessions with one of the
family's members, brigade trips to the family), keeps it in step in every service that changes one
of those links, in the same transaction, and can compare it with its sources and rebuild it.
No foreign keys on purpose: a derived row must never keep a staff member or a family «in use».
"""

from __future__ import annotations

import uuid

from sqlalchemy import Index
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class CaseloadEntry(Base):
    """One staff member linked to one family (by any of the links above)."""

    __tablename__ = "caseload"
    # The key answers «the families of this specialist» (lists, search); the index «who works
    # with this family» (the per-family refresh a service makes).
    __table_args__ = (Index("ix_caseload_family_staff", "family_id", "staff_id"),)

    staff_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    family_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
