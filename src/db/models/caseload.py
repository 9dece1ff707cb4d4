"""The caseload: which families each staff member is linked to, kept as a table of its own.

It is derived data: `app.core.caseload` says what it is derived from (the family's and its cases'
responsible specialist, plan rows' executors, home visits' specialists, sessions with one of the
family's members, brigade trips to the family), keeps it in step in every service that changes one
of those links, in the same transaction, and can compare it with its sources and rebuild it.
No foreign keys on purpose: a derived row must never keep a staff member or a family «in use».
"""

from __future__ import annotations

import uuid

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, search_key


class CaseloadEntry(Base):
    """One staff member linked to one family (by any of the links above)."""

    __tablename__ = "caseload"
    # The key answers «the families of this specialist» (lists, search); the index «who works
    # with this family» (the per-family refresh a service makes).
    __table_args__ = (Index("ix_caseload_family_staff", "family_id", "staff_id"),)

    staff_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    family_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)


class CaseloadPerson(Base):
    """One staff member's person with the person's folded name keys and СНИЛС: a specialist's search walks only
    their own rows.

    Derived from `caseload` and the family members (past and present) of each family in it, plus one row per person
    who is in no family at all under the staff id `NO_FAMILY` (the all-zero UUID, `app.core.caseload.NO_FAMILY`):
    such a person is visible to everyone who works with families. Every column is in the key, so a change of a
    name or a СНИЛС is a row deleted and a row added (rows travel between offices as link rows, never as an update
    to merge). The key answers «this specialist's people whose surname starts with …, in alphabetical order» as one
    range scan, `ix_caseload_persons_staff_snils` the same for СНИЛС digits; `ix_caseload_persons_person_staff`
    «the rows of this person» (the refresh after a name, a СНИЛС or a membership changes).
    """

    __tablename__ = "caseload_persons"
    __table_args__ = (Index("ix_caseload_persons_person_staff", "person_id", "staff_id"),
                      Index("ix_caseload_persons_staff_snils", "staff_id", "snils"))

    staff_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    last_name_key: Mapped[str] = mapped_column(search_key(), primary_key=True)
    first_name_key: Mapped[str] = mapped_column(search_key(), primary_key=True)
    middle_name_key: Mapped[str] = mapped_column(search_key(), primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    snils: Mapped[str] = mapped_column(String(11), primary_key=True)  # "" for a person without one
