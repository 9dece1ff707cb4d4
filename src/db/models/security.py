"""Users and the audit log."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Entity

ROLES = ("admin", "coordinator", "specialist")
WORKING_ROLES = ("coordinator", "specialist")

user_offices = Table(
    "user_offices",
    Base.metadata,
    Column("user_id", ForeignKey("users.id"), primary_key=True),
    Column("office_id", ForeignKey("offices.id"), primary_key=True),
)


class User(Entity):
    """A login of the application; specialists are linked to their staff record.

    An administrator sees no family data unless also given a `working_role` (coordinator or
    specialist): managing accounts and reading children's files are separate duties.
    `must_change_password` is set when an administrator resets the password.
    """

    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('admin', 'coordinator', 'specialist')", name="role"),)

    login: Mapped[str] = mapped_column(String(60), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(default=True)
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    password_changed_at: Mapped[datetime | None]
    working_role: Mapped[str | None] = mapped_column(String(20))
    must_change_password: Mapped[bool] = mapped_column(default=False)


class AuditEntry(Base):
    """One append-only audit row; `hash` chains each row to the previous one.

    Field names that changed are recorded, never their values: the log must not become a
    second copy of the personal data it protects.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(index=True)
    user_id: Mapped[uuid.UUID | None]
    login: Mapped[str] = mapped_column(String(60), default="")
    workstation: Mapped[str] = mapped_column(String(120), default="")
    action: Mapped[str] = mapped_column(String(30), index=True)
    entity: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[str | None] = mapped_column(String(36))
    fields: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
