"""Declarative base, column types and mixins shared by every model."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, MetaData, String, TypeDecorator, Uuid, text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names make Alembic batch migrations on SQLite predictable.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC that always comes back timezone-aware.

    SQLite keeps no zone, PostgreSQL does; this type makes both return aware UTC values.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def partial(condition: str) -> dict[str, Any]:
    """The condition of a partial index, the same on SQLite and PostgreSQL: `Index(name, *columns, **partial(…))`."""
    return {"sqlite_where": text(condition), "postgresql_where": text(condition)}


def search_key(length: int = 100) -> String:
    """A folded search column compared byte-wise, so prefix ranges use a plain B-tree index.

    On PostgreSQL the "C" collation keeps `key >= 'ab' AND key < 'ac'` exact whatever the
    database locale is; SQLite compares with BINARY by default.
    """
    return String(length).with_variant(String(length, collation="C"), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {uuid.UUID: Uuid(), datetime: UtcDateTime()}


class IdMixin:
    """UUID primary key: records move between offices, so keys must not collide."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)


class StampMixin:
    """When and by whom a record was created and last changed.

    `created_by`/`updated_by` hold user ids without a foreign key on purpose: records imported
    from another office keep the author's id even where that user does not exist locally.
    """

    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
    created_by: Mapped[uuid.UUID | None]
    updated_by: Mapped[uuid.UUID | None]


class SoftDeleteMixin:
    """Personal records are never erased by a user action, only marked deleted."""

    deleted_at: Mapped[datetime | None]


class Entity(IdMixin, StampMixin, Base):
    __abstract__ = True


class PersonalEntity(IdMixin, StampMixin, SoftDeleteMixin, Base):
    __abstract__ = True
