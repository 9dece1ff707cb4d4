"""User accounts and logging in."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from app.accounts.passwords import (
    check_new_password,
    hash_password,
    needs_rehash,
    spend_verification_time,
    verify_password,
)
from app.core import audit
from app.core.actor import ADMIN, COORDINATOR, ROLE_TITLES, SPECIALIST, Actor
from app.core.changes import USERS, Saved
from app.core.checks import Checker
from app.core.errors import AuthenticationFailed
from app.core.lookups import check_reference
from app.core.permissions import MANAGE_USERS, require
from db.base import utc_now
from db.models import AuditEntry, Office, Staff, User, user_offices

MAX_FAILED_ATTEMPTS = 5
LOCK_DURATION = timedelta(minutes=15)
LOGIN_PATTERN = r"^[a-z0-9._-]{2,60}$"


@dataclass(frozen=True)
class NewUser:
    login: str
    password: str
    role: str
    display_name: str = ""
    staff_id: uuid.UUID | None = None
    working_role: str | None = None
    office_ids: tuple[uuid.UUID, ...] = ()


@dataclass(frozen=True)
class LoginResult:
    actor: Actor
    previous_login_at: datetime | None
    failed_attempts_since: int
    must_change_password: bool = False


UNKNOWN_LOGIN = "(неизвестный логин)"
WORKING_ROLE_TITLES = {COORDINATOR: ROLE_TITLES[COORDINATOR], SPECIALIST: ROLE_TITLES[SPECIALIST]}


def check_account(check: Checker, session: Session, role: str | None, working_role: str | None,
                  staff_id: uuid.UUID | None, office_ids: tuple[uuid.UUID, ...] | list[uuid.UUID]) -> None:
    """Role, working role, staff link and offices fit together (shared by creating and editing)."""
    check.choice("role", role, "Роль", ROLE_TITLES)
    if working_role is not None:
        if role != ADMIN:
            check.fail("working_role", "Поле «Рабочая роль»: дополнительная роль бывает только у администратора.")
        else:
            check.choice("working_role", working_role, "Рабочая роль", WORKING_ROLE_TITLES)
    if staff_id is not None:
        check_reference(check, session, Staff, "staff_id", staff_id, "Сотрудник")
    elif SPECIALIST in (role, working_role):
        check.fail("staff_id", "Поле «Сотрудник»: специалисту нужна связь с записью сотрудника — по ней "
                               "определяются его семьи.")
    for office_id in office_ids:
        if session.get(Office, office_id) is None:
            check.fail("office_ids", "Поле «Отделения»: выбранное отделение не найдено, обновите список.")
            break


def write_offices(session: Session, user_id: uuid.UUID, office_ids: tuple[uuid.UUID, ...] | list[uuid.UUID]
                  ) -> bool:
    """Replace the user's offices; True when they changed."""
    current = set(session.execute(select(user_offices.c.office_id)
                                  .where(user_offices.c.user_id == user_id)).scalars())
    wanted = set(office_ids)
    if current == wanted:
        return False
    session.execute(delete(user_offices).where(user_offices.c.user_id == user_id))
    if wanted:
        session.execute(insert(user_offices), [{"user_id": user_id, "office_id": o} for o in wanted])
    return True


def create_user(session: Session, actor: Actor, data: NewUser) -> Saved:
    require(actor, MANAGE_USERS)
    check = Checker()
    login = (data.login or "").strip().lower()
    if not re.match(LOGIN_PATTERN, login):
        check.fail("login", "Поле «Логин»: от 2 до 60 латинских букв, цифр, точек, дефисов или подчёркиваний.")
    elif session.execute(select(User.id).where(User.login == login)).first():
        check.fail("login", f"Поле «Логин»: пользователь «{login}» уже есть, выберите другой логин.")
    check_new_password(check, "password", data.password, login)
    check_account(check, session, data.role, data.working_role, data.staff_id, data.office_ids)
    display_name = check.text("display_name", data.display_name, "Имя пользователя", max_length=200)
    check.done()
    user = User(
        login=login,
        password_hash=hash_password(data.password),
        role=data.role,
        staff_id=data.staff_id,
        working_role=data.working_role,
        display_name=display_name or login,
        password_changed_at=utc_now(),
        created_by=actor.user_id,
        # A password an administrator chose is known to two people: its owner replaces it at the first sign-in.
        # Accounts the program makes (first run, demo) have no such second person.
        must_change_password=actor.user_id is not None,
    )
    session.add(user)
    session.flush()
    write_offices(session, user.id, data.office_ids)
    fields = ["login", "role", "password", "display_name"]
    fields += [name for name, value in (("staff_id", data.staff_id), ("working_role", data.working_role),
                                        ("office_ids", data.office_ids)) if value]
    audit.record(session, actor, "create", "user", user.id, fields)
    return Saved(user.id, frozenset({USERS}))


def change_own_password(session: Session, actor: Actor, old_password: str, new_password: str) -> Saved:
    """The logged-in user changes their password; the current one must be given first."""
    user = session.get(User, actor.user_id) if actor.user_id is not None else None
    if user is None or not user.active:
        raise AuthenticationFailed("Учётная запись не найдена или отключена — войдите заново.")
    check = Checker()
    if not verify_password(user.password_hash, old_password or ""):
        check.fail("old_password", "Поле «Текущий пароль»: пароль неверный.")
    check_new_password(check, "new_password", new_password, user.login)
    if new_password and old_password and new_password == old_password:
        check.fail("new_password", "Поле «Новый пароль»: он должен отличаться от текущего.")
    check.done()
    user.password_hash = hash_password(new_password)
    user.password_changed_at = utc_now()
    user.must_change_password = False
    user.updated_by = actor.user_id
    audit.record(session, actor, "update", "user", user.id, ["password"])
    return Saved(user.id, frozenset({USERS}))


def count_users(session: Session) -> int:
    return session.execute(select(func.count(User.id))).scalar_one()


def user_office_ids(session: Session, user: User) -> frozenset[uuid.UUID]:
    """The offices a user works in: those assigned (user_offices) and their staff record's office.

    With neither, a centre with a single office means that office; with several offices nothing,
    until an administrator assigns one (a coordinator must not see every office by accident).
    """
    office_ids = set(session.execute(
        select(user_offices.c.office_id).where(user_offices.c.user_id == user.id)).scalars())
    if user.staff_id is not None:
        office = session.execute(select(Staff.office_id).where(Staff.id == user.staff_id)).scalar()
        if office is not None:
            office_ids.add(office)
    if not office_ids:
        all_offices = list(session.execute(select(Office.id).where(Office.active.is_(True)).limit(2)).scalars())
        if len(all_offices) == 1:
            office_ids.add(all_offices[0])
    return frozenset(office_ids)


def actor_for(session: Session, user: User, workstation: str | None = None) -> Actor:
    return Actor(
        user_id=user.id,
        login=user.login,
        role=user.role,
        staff_id=user.staff_id,
        office_ids=user_office_ids(session, user),
        display_name=user.display_name or user.login,
        working_role=user.working_role if user.role == ADMIN else None,
        **({"workstation": workstation} if workstation else {}),
    )


def authenticate(session: Session, login: str, password: str, workstation: str | None = None,
                 record: bool = True) -> LoginResult:
    """Check a password inside a write unit (failures and lockouts are recorded).

    Raises AuthenticationFailed with a message that does not reveal whether the login exists,
    except for a locked account, whose owner needs to know when to try again. The caller must
    commit even on failure so the failed attempt is counted: see `log_in` in `app.system.bootstrap`.
    `record=False` (a read-only database) checks the password and changes nothing, not even the audit log.
    """
    login = (login or "").strip().lower()
    user = session.execute(select(User).where(User.login == login)).scalar()
    now = utc_now()
    # What was typed into the login field is recorded only when it is a login: people type their password there.
    typed = login if user is not None else UNKNOWN_LOGIN
    probe = Actor(user_id=None, login=typed, role="", workstation=workstation or Actor(None, "", "").workstation)
    if user is None or not user.active:
        spend_verification_time(password or "")  # the same time as a wrong password for a real login
        if record:
            audit.record(session, probe, "login_failed", "user", None)
        raise AuthenticationFailed("Неверный логин или пароль.")
    if user.locked_until and user.locked_until > now:
        minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
        if record:
            audit.record(session, probe, "login_failed", "user", user.id, ["locked"])
        raise AuthenticationFailed(
            f"Учётная запись временно заблокирована после {MAX_FAILED_ATTEMPTS} неудачных попыток. "
            f"Повторите через {minutes} мин. или обратитесь к администратору."
        )
    if not verify_password(user.password_hash, password):
        if record:
            user.failed_attempts += 1
            if user.failed_attempts >= MAX_FAILED_ATTEMPTS:
                user.locked_until = now + LOCK_DURATION
            audit.record(session, probe, "login_failed", "user", user.id)
        raise AuthenticationFailed("Неверный логин или пароль.")
    if not record:
        return LoginResult(actor=actor_for(session, user, workstation), previous_login_at=user.last_login_at,
                           failed_attempts_since=user.failed_attempts, must_change_password=user.must_change_password)
    if needs_rehash(user.password_hash):
        # The hashing parameters were raised since this hash was made: upgrade it while we have the password.
        user.password_hash = hash_password(password)
    result = LoginResult(
        actor=actor_for(session, user, workstation),
        previous_login_at=user.last_login_at,
        failed_attempts_since=user.failed_attempts,
        must_change_password=user.must_change_password,
    )
    user.failed_attempts = 0
    user.locked_until = None
    user.last_login_at = now
    audit.record(session, result.actor, "login", "user", user.id)
    return result


@dataclass(frozen=True)
class LoginSummary:
    """What the main window tells the user after signing in."""

    previous_login_at: datetime | None
    failed_attempts_since: int
    must_change_password: bool


def login_summary(session: Session, actor: Actor) -> LoginSummary:
    """The previous sign-in and the failed attempts since, read back from the audit log.

    The log keeps every sign-in of the account (entity "user", its id), so the main window needs
    nothing handed over from the login dialog.
    """
    if actor.user_id is None:
        return LoginSummary(None, 0, False)
    ident = str(actor.user_id)
    logins = session.execute(
        select(AuditEntry.id, AuditEntry.at).where(AuditEntry.entity == "user", AuditEntry.entity_id == ident,
                                                   AuditEntry.action == "login")
        .order_by(AuditEntry.id.desc()).limit(2)).all()
    current_id = logins[0][0] if logins else None
    previous_id, previous_at = (logins[1][0], logins[1][1]) if len(logins) > 1 else (0, None)
    failed = 0
    if current_id is not None:
        failed = session.execute(select(func.count(AuditEntry.id)).where(
            AuditEntry.entity == "user", AuditEntry.entity_id == ident, AuditEntry.action == "login_failed",
            AuditEntry.id > previous_id, AuditEntry.id < current_id)).scalar_one()
    user = session.get(User, actor.user_id)
    return LoginSummary(previous_at, failed, bool(user and user.must_change_password))
