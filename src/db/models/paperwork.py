"""The documents of 442-ФЗ that a centre hands to a family (#13): the service rows of an ИППСУ
(Приказ Минтруда № 874н), and the papers of a family — the decision on recognising the need for social
services, the contract on providing them, the act of urgent social services with its services.

An ИППСУ itself is a support case of kind «ippsu» (its number, date and review term are the case's);
its rows are `IppsuService`. The other papers are `SocialPaper` rows told apart by `kind`, because they
share number, date, recipient and form; the fields a kind does not use stay empty (the services of
`app.cases.papers` say which).
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Entity, PersonalEntity


class IppsuService(Entity):
    """A row of an ИППСУ: service | volume | periodicity | term | provider | done mark."""

    __tablename__ = "ippsu_services"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("support_cases.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("services.id"))
    volume: Mapped[str] = mapped_column(String(100))
    periodicity: Mapped[str] = mapped_column(String(100))
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    provider: Mapped[str | None] = mapped_column(String(300))  # None: the centre itself
    done_on: Mapped[date | None]
    done_note: Mapped[str | None] = mapped_column(Text)


class SocialPaper(PersonalEntity):
    """A decision on need («need_decision»), a contract («contract») or an urgent-services act («urgent_act»)."""

    __tablename__ = "social_papers"
    __table_args__ = (Index("ix_social_papers_family", "family_id", "issued_on"),)

    kind: Mapped[str] = mapped_column(String(20))
    family_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("families.id"))
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("support_cases.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"))
    number: Mapped[str] = mapped_column(String(40))
    issued_on: Mapped[date]
    applied_on: Mapped[date | None]  # the application the decision answers
    form_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("dictionary_items.id"))
    valid_until: Mapped[date | None]  # the contract's term
    terminated_on: Mapped[date | None]  # the contract's termination (the case's closing reason refers to it)
    notes: Mapped[str | None] = mapped_column(Text)


class UrgentService(Base):
    """An urgent social service given, as the act about it lists it."""

    __tablename__ = "urgent_services"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    paper_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("social_papers.id"), index=True)
    service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("services.id"))
    given_on: Mapped[date]
    quantity: Mapped[int] = mapped_column(default=1)
