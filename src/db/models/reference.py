"""Organisation structure and editable dictionaries."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, Entity


class Organization(Entity):
    """The centre itself; one row per database."""

    __tablename__ = "organizations"

    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str | None] = mapped_column(String(120))
    inn: Mapped[str | None] = mapped_column(String(12))
    address: Mapped[str | None] = mapped_column(String(300))
    director_name: Mapped[str | None] = mapped_column(String(150))


class Office(Entity):
    """A district office (отделение) of the centre."""

    __tablename__ = "offices"

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id"))
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(40))
    is_main: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)


class District(Entity):
    """A municipal district or okrug (муниципальный район/округ)."""

    __tablename__ = "districts"

    name: Mapped[str] = mapped_column(String(150), unique=True)
    office_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("offices.id"))
    active: Mapped[bool] = mapped_column(default=True)

    settlements: Mapped[list[Settlement]] = relationship(back_populates="district")


class Settlement(Entity):
    """A populated place (населённый пункт) inside a district and a municipality (поселение)."""

    __tablename__ = "settlements"
    __table_args__ = (UniqueConstraint("district_id", "municipality", "name"),)

    district_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("districts.id"), index=True)
    municipality: Mapped[str] = mapped_column(String(150), default="")
    name: Mapped[str] = mapped_column(String(150))
    kind_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("dictionary_items.id"))
    distance_km: Mapped[float | None]
    active: Mapped[bool] = mapped_column(default=True)

    district: Mapped[District] = relationship(back_populates="settlements")


class DictionaryItem(Entity):
    """One entry of an administrator-editable list (positions, categories, reasons, …).

    `kind` names the list, `code` is the stable identifier reports and seeds refer to; the
    display `name` may be edited freely. Entries in use are deactivated, never deleted.
    """

    __tablename__ = "dictionary_items"
    __table_args__ = (UniqueConstraint("kind", "code"),)

    kind: Mapped[str] = mapped_column(String(40), index=True)
    code: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(400))
    short_name: Mapped[str | None] = mapped_column(String(60))
    attrs: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)


class Service(Entity):
    """A catalogue service: one of the eight kinds of 442-ФЗ art. 20, in one form of art. 19."""

    __tablename__ = "services"

    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(400))
    kind_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dictionary_items.id"), index=True)
    form_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dictionary_items.id"))
    unit: Mapped[str] = mapped_column(String(40), default="услуга")
    minutes: Mapped[int | None]
    active: Mapped[bool] = mapped_column(default=True)


class Staff(Entity):
    """An employee of the centre; specialists belong to an office."""

    __tablename__ = "staff"

    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    middle_name: Mapped[str | None] = mapped_column(String(100))
    position_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dictionary_items.id"), index=True)
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("offices.id"), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(default=True)


class Indicator(Entity):
    """A target of the regional «комплекс мер»: its start value and plan are entered by an administrator.

    `source` names which count from the data is the indicator's actual value for a report period
    (the keys are listed in `app.reports.indicators`); `note` keeps the wording of the programme.
    """

    __tablename__ = "indicators"

    name: Mapped[str] = mapped_column(String(500))
    unit: Mapped[str] = mapped_column(String(60), default="")
    value_at_start: Mapped[float | None]
    plan: Mapped[float | None]
    source: Mapped[str] = mapped_column(String(80))
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    note: Mapped[str | None] = mapped_column(Text)


class Setting(Base):
    """A key/value setting of the whole database (report plans, thresholds, fonts)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
