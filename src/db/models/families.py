"""Families, their members and categories, support cases and plans."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, Entity, PersonalEntity, partial, search_key
from db.models.people import Person


class Family(PersonalEntity):
    """A family registered with the centre, with its address by the municipal hierarchy.

    `title` (the family's name as lists show it, e.g. «Иванова Мария Петровна») is kept by
    the services from the first legal representative, so lists never need to join members.
    """

    __tablename__ = "families"
    __table_args__ = (Index("ix_families_title_key", "title_key"),)

    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("offices.id"), index=True)
    title: Mapped[str] = mapped_column(String(320), default="")
    title_key: Mapped[str] = mapped_column(search_key(320), default="")
    district_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("districts.id"), index=True)
    settlement_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("settlements.id"), index=True)
    street: Mapped[str | None] = mapped_column(String(200))
    house: Mapped[str | None] = mapped_column(String(20))
    building: Mapped[str | None] = mapped_column(String(20))
    apartment: Mapped[str | None] = mapped_column(String(20))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(120))
    registered_on: Mapped[date]
    responsible_staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), index=True)
    notes: Mapped[str | None] = mapped_column(Text)

    members: Mapped[list[FamilyMember]] = relationship(back_populates="family")
    categories: Mapped[list[FamilyCategory]] = relationship(back_populates="family")


class FamilyMember(Base):
    """A person's place in a family: role and whether a legal representative."""

    __tablename__ = "family_members"
    __table_args__ = (UniqueConstraint("family_id", "person_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    family_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("families.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), index=True)
    role_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dictionary_items.id"))
    is_legal_representative: Mapped[bool] = mapped_column(default=False)
    joined_on: Mapped[date | None]
    left_on: Mapped[date | None]

    family: Mapped[Family] = relationship(back_populates="members")
    person: Mapped[Person] = relationship()


class FamilyCategory(Entity):
    """A category of a family for a span of dates; for СОП with the КДН и ЗП decisions."""

    __tablename__ = "family_categories"
    __table_args__ = (Index("ix_family_categories_category", "category_id", "started_on"),)

    family_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("families.id"), index=True)
    category_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dictionary_items.id"))
    started_on: Mapped[date]
    ended_on: Mapped[date | None]
    end_reason_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("dictionary_items.id"))
    kdn_intake_number: Mapped[str | None] = mapped_column(String(40))
    kdn_intake_date: Mapped[date | None]
    kdn_closure_number: Mapped[str | None] = mapped_column(String(40))
    kdn_closure_date: Mapped[date | None]
    kdn_review_on: Mapped[date | None]  # the next date the КДН и ЗП reviews the prevention plan's results

    family: Mapped[Family] = relationship(back_populates="categories")


case_grounds = Table(
    "case_grounds",
    Base.metadata,
    Column("case_id", ForeignKey("support_cases.id"), primary_key=True),
    Column("ground_id", ForeignKey("dictionary_items.id"), primary_key=True),
)


class SupportCase(PersonalEntity):
    """A period of support (сопровождение, ИППСУ, ИПР СОП, ИПРП, курс) of a family."""

    __tablename__ = "support_cases"
    __table_args__ = (Index("ix_support_cases_dates", "opened_on", "closed_on"),
                      Index("ix_support_cases_review_due", "review_due_on",
                            **partial("closed_on IS NULL AND deleted_at IS NULL")),
                      # «без контакта»: whether a family is on support, and since when, from the index alone
                      Index("ix_support_cases_open_family", "family_id", "opened_on",
                            **partial("closed_on IS NULL AND deleted_at IS NULL")))

    family_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("families.id"), index=True)
    kind_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dictionary_items.id"))
    number: Mapped[str | None] = mapped_column(String(40))
    child_person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("persons.id"))
    opened_on: Mapped[date]
    closed_on: Mapped[date | None]
    closing_reason_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("dictionary_items.id"))
    responsible_staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), index=True)
    review_due_on: Mapped[date | None]
    notes: Mapped[str | None] = mapped_column(Text)
    # The region's dictionaries (#17): the level of support, and the outcome of a closed case.
    support_level_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("dictionary_items.id"))
    outcome_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("dictionary_items.id"))

    plan_items: Mapped[list[PlanItem]] = relationship(
        back_populates="case", order_by="PlanItem.position"
    )


class PlanItem(Entity):
    """A plan row: measure | executor (our specialist or another agency) | due date | done mark."""

    __tablename__ = "plan_items"
    __table_args__ = (Index("ix_plan_items_open_due", "due_on", "case_id", **partial("done_on IS NULL")),)

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("support_cases.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    measure: Mapped[str] = mapped_column(Text)
    service_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("services.id"))
    executor_staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), index=True)
    executor_agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("dictionary_items.id"))
    due_on: Mapped[date | None]
    done_on: Mapped[date | None]
    done_note: Mapped[str | None] = mapped_column(Text)

    case: Mapped[SupportCase] = relationship(back_populates="plan_items")
