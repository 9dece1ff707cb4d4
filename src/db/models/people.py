"""Persons, their documents, child profiles, diagnoses and consents."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Index, SmallInteger, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import PersonalEntity, partial, search_key


class Person(PersonalEntity):
    """A person registered with the centre: a child, a parent, a guardian.

    The `*_key` columns hold the names folded for search (lower case, ё→е); services keep
    them in step with the names, and the composite index makes prefix search an index range.
    """

    __tablename__ = "persons"
    __table_args__ = (
        CheckConstraint("sex IN ('M', 'F')", name="sex"),
        Index("ix_persons_name_keys", "last_name_key", "first_name_key", "middle_name_key"),
        Index("ix_persons_first_name_key", "first_name_key"),
        Index("ix_persons_birth_date", "birth_date", **partial("deleted_at IS NULL")),  # deadlines: birthdays
    )

    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    middle_name: Mapped[str | None] = mapped_column(String(100))
    last_name_key: Mapped[str] = mapped_column(search_key())
    first_name_key: Mapped[str] = mapped_column(search_key())
    middle_name_key: Mapped[str] = mapped_column(search_key(), default="")
    sex: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[date | None]
    snils: Mapped[str | None] = mapped_column(String(11), index=True)
    inn: Mapped[str | None] = mapped_column(String(12))
    oms_policy: Mapped[str | None] = mapped_column(String(16))
    phone: Mapped[str | None] = mapped_column(String(40))
    notes: Mapped[str | None] = mapped_column(Text)

    documents: Mapped[list[IdentityDocument]] = relationship(back_populates="person")
    child_profile: Mapped[ChildProfile | None] = relationship(back_populates="person")


class IdentityDocument(PersonalEntity):
    """A passport, birth certificate or other identity document of a person."""

    __tablename__ = "identity_documents"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), index=True)
    kind_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dictionary_items.id"))
    series: Mapped[str | None] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(String(30))
    issued_on: Mapped[date | None]
    issued_by: Mapped[str | None] = mapped_column(String(300))

    person: Mapped[Person] = relationship(back_populates="documents")


LIMITATION_COLUMNS = (
    "lim_self_care",
    "lim_mobility",
    "lim_orientation",
    "lim_communication",
    "lim_behaviour",
    "lim_learning",
    "lim_work",
)


class ChildProfile(PersonalEntity):
    """Disability, ИПРА, ПМПК/ОВЗ, health group and early-help data of one child.

    Limitation degrees (0–3) follow the seven life activities of an ИПРА.
    """

    __tablename__ = "child_profiles"
    __table_args__ = (
        *(CheckConstraint(f"{column} BETWEEN 0 AND 3", name=column) for column in LIMITATION_COLUMNS),
        CheckConstraint("health_group BETWEEN 1 AND 5", name="health_group"),
        Index("ix_child_profiles_ipra_until", "ipra_until",
              **partial("deleted_at IS NULL AND ipra_until IS NOT NULL")),
    )

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), unique=True)
    is_disabled: Mapped[bool] = mapped_column(default=False)
    disability_since: Mapped[date | None]
    disability_until: Mapped[date | None]
    ipra_number: Mapped[str | None] = mapped_column(String(40))
    ipra_date: Mapped[date | None]
    ipra_term: Mapped[str | None] = mapped_column(String(12))
    ipra_until: Mapped[date | None]
    mse_bureau: Mapped[str | None] = mapped_column(String(200))
    lim_self_care: Mapped[int | None] = mapped_column(SmallInteger)
    lim_mobility: Mapped[int | None] = mapped_column(SmallInteger)
    lim_orientation: Mapped[int | None] = mapped_column(SmallInteger)
    lim_communication: Mapped[int | None] = mapped_column(SmallInteger)
    lim_behaviour: Mapped[int | None] = mapped_column(SmallInteger)
    lim_learning: Mapped[int | None] = mapped_column(SmallInteger)
    lim_work: Mapped[int | None] = mapped_column(SmallInteger)
    has_ovz: Mapped[bool] = mapped_column(default=False)
    pmpk_number: Mapped[str | None] = mapped_column(String(40))
    pmpk_date: Mapped[date | None]
    pmpk_conclusion: Mapped[str | None] = mapped_column(Text)
    health_group: Mapped[int | None] = mapped_column(SmallInteger)
    early_help_needed: Mapped[bool] = mapped_column(default=False)

    person: Mapped[Person] = relationship(back_populates="child_profile")


class Diagnosis(PersonalEntity):
    """A diagnosis by МКБ-10 code with its wording; at most one live main diagnosis per person."""

    __tablename__ = "diagnoses"
    __table_args__ = (
        Index(
            "uq_diagnoses_main_per_person",
            "person_id",
            unique=True,
            sqlite_where=text("is_main AND deleted_at IS NULL"),
            postgresql_where=text("is_main AND deleted_at IS NULL"),
        ),
    )

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), index=True)
    icd_code: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(300), default="")
    is_main: Mapped[bool] = mapped_column(default=False)
    diagnosed_on: Mapped[date | None]


LIVE_CONSENT = "deleted_at IS NULL AND withdrawn_on IS NULL"


class Consent(PersonalEntity):
    """Consent to personal-data processing (152-ФЗ), one document per person.

    For a child the signer is the legal representative, kept as a link when registered.
    """

    __tablename__ = "consents"
    __table_args__ = (  # the deadlines: a live consent of a person, live consents by end date, withdrawn ones
        Index("ix_consents_live", "person_id", "valid_until", **partial(LIVE_CONSENT)),
        Index("ix_consents_live_until", "valid_until", **partial(LIVE_CONSENT)),
        Index("ix_consents_withdrawn", "person_id", **partial("deleted_at IS NULL AND withdrawn_on IS NOT NULL")),
    )

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), index=True)
    signer_person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("persons.id"))
    signer_name: Mapped[str] = mapped_column(String(300))
    signed_on: Mapped[date]
    scope: Mapped[str] = mapped_column(Text, default="")
    includes_health: Mapped[bool] = mapped_column(default=True)
    valid_until: Mapped[date | None]
    withdrawn_on: Mapped[date | None]
