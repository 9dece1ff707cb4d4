"""The administrator's side of user accounts: the list, editing, passwords, locks, deactivation.

Every function needs MANAGE_USERS and is audited. The program keeps at least one active
administrator: the last one can be neither demoted nor deactivated.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.accounts.passwords import check_new_password, hash_password
from app.accounts.users import check_account, write_offices
from app.core import audit
from app.core.actor import ADMIN, Actor
from app.core.changes import USERS, Saved, assign
from app.core.checks import Checker
from app.core.errors import NotFound, ValidationError
from app.core.permissions import MANAGE_USERS, require
from app.core.text import short_name
from db.base import utc_now
from db.models import Office, Staff, User, user_offices


@dataclass(frozen=True)
class UserRow:
    id: uuid.UUID
    login: str
    display_name: str
    role: str
    working_role: str | None
    staff_id: uuid.UUID | None
    staff_name: str
    office_ids: tuple[uuid.UUID, ...]
    offices: str
    active: bool
    locked_until: datetime | None
    failed_attempts: int
    last_login_at: datetime | None
    must_change_password: bool

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


@dataclass(frozen=True)
class UserData:
    """What an administrator edits on an account (the login stays)."""

    display_name: str
    role: str
    working_role: str | None = None
    staff_id: uuid.UUID | None = None
    office_ids: tuple[uuid.UUID, ...] = ()


def list_users(session: Session, actor: Actor) -> list[UserRow]:
    """Every account, active ones first, then by login; two queries."""
    require(actor, MANAGE_USERS)
    offices: dict[uuid.UUID, list[tuple[uuid.UUID, str]]] = {}
    for user_id, office_id, name in session.execute(
            select(user_offices.c.user_id, Office.id, Office.name).join(Office, Office.id == user_offices.c.office_id)
            .order_by(Office.name)):
        offices.setdefault(user_id, []).append((office_id, name))
    rows = session.execute(
        select(User, Staff.last_name, Staff.first_name, Staff.middle_name)
        .outerjoin(Staff, Staff.id == User.staff_id)
        .order_by(User.active.desc(), User.login)
    ).all()
    return [
        UserRow(
            id=user.id, login=user.login, display_name=user.display_name, role=user.role,
            working_role=user.working_role, staff_id=user.staff_id,
            staff_name=short_name(last, first, middle) if last else "",
            office_ids=tuple(office_id for office_id, _ in offices.get(user.id, [])),
            offices=", ".join(name for _, name in offices.get(user.id, [])),
            active=user.active, locked_until=user.locked_until, failed_attempts=user.failed_attempts,
            last_login_at=user.last_login_at, must_change_password=user.must_change_password,
        )
        for user, last, first, middle in rows
    ]


def _user(session: Session, user_id: uuid.UUID) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("Пользователь не найден — обновите список.")
    return user


def _other_active_admins(session: Session, user_id: uuid.UUID) -> int:
    return session.execute(select(func.count(User.id)).where(
        User.role == ADMIN, User.active.is_(True), User.id != user_id)).scalar_one()


def update_user(session: Session, actor: Actor, user_id: uuid.UUID, data: UserData) -> Saved:
    require(actor, MANAGE_USERS)
    user = _user(session, user_id)
    check = Checker()
    display_name = check.text("display_name", data.display_name, "Имя пользователя", max_length=200)
    check_account(check, session, data.role, data.working_role, data.staff_id, data.office_ids)
    if user.role == ADMIN and data.role != ADMIN and user.active and _other_active_admins(session, user.id) == 0:
        check.fail("role", "Поле «Роль»: это последний администратор — сначала назначьте другого.")
    check.done()
    changed = assign(user, {"display_name": display_name or user.login, "role": data.role,
                            "working_role": data.working_role, "staff_id": data.staff_id})
    if write_offices(session, user.id, data.office_ids):
        changed.append("office_ids")
    if changed:
        user.updated_by = actor.user_id
        audit.record(session, actor, "update", "user", user.id, changed)
    return Saved(user.id, frozenset({USERS}) if changed else frozenset())


def set_active(session: Session, actor: Actor, user_id: uuid.UUID, active: bool) -> Saved:
    """Deactivate (the account stays for the audit log and authorship) or bring it back."""
    require(actor, MANAGE_USERS)
    user = _user(session, user_id)
    if not active and user.id == actor.user_id:
        raise ValidationError({"active": "Нельзя отключить собственную учётную запись."})
    if not active and user.role == ADMIN and _other_active_admins(session, user.id) == 0:
        raise ValidationError({"active": "Это последний администратор — его нельзя отключить."})
    if user.active == active:
        return Saved(user.id, frozenset())
    user.active = active
    user.updated_by = actor.user_id
    audit.record(session, actor, "update", "user", user.id, ["active"])
    return Saved(user.id, frozenset({USERS}))


def reset_password(session: Session, actor: Actor, user_id: uuid.UUID, new_password: str) -> Saved:
    """Set a temporary password; the user must change it at the next login. Also lifts a lock."""
    require(actor, MANAGE_USERS)
    user = _user(session, user_id)
    check = Checker()
    check_new_password(check, "password", new_password, user.login)
    check.done()
    user.password_hash = hash_password(new_password)
    user.password_changed_at = utc_now()
    user.must_change_password = user.id != actor.user_id
    user.failed_attempts = 0
    user.locked_until = None
    user.updated_by = actor.user_id
    audit.record(session, actor, "update", "user", user.id, ["password", "must_change_password"])
    return Saved(user.id, frozenset({USERS}))


def unlock(session: Session, actor: Actor, user_id: uuid.UUID) -> Saved:
    """Lift a lock after failed attempts before its 15 minutes have run out."""
    require(actor, MANAGE_USERS)
    user = _user(session, user_id)
    if user.locked_until is None and user.failed_attempts == 0:
        return Saved(user.id, frozenset())
    user.locked_until = None
    user.failed_attempts = 0
    user.updated_by = actor.user_id
    audit.record(session, actor, "update", "user", user.id, ["locked_until", "failed_attempts"])
    return Saved(user.id, frozenset({USERS}))
