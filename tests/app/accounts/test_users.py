"""Logging in, lockout, user creation and the audit chain."""

from __future__ import annotations

from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError

from app.accounts.passwords import needs_rehash
from app.accounts.user_admin import UserData, list_users, reset_password, set_active, unlock, update_user
from app.accounts.users import (
    LOCK_DURATION,
    MAX_FAILED_ATTEMPTS,
    NewUser,
    change_own_password,
    count_users,
    create_user,
)
from app.core.audit import verify_chain
from app.core.errors import AuthenticationFailed, PermissionDenied, ValidationError
from app.system.bootstrap import log_in, open_database
from db.base import utc_now
from db.models import AuditEntry, Office, User
from db.session import Database
from tests.app.audit_setup import drop_audit_triggers
from tests.world import PASSWORD


def test_right_password_logs_in_and_is_audited(database, world):
    result = log_in(database, "SPEC ", PASSWORD)
    assert result.actor.login == "spec"
    assert result.actor.role == "specialist"
    assert result.actor.staff_id == world.psychologist_id
    with database.read() as session:
        actions = session.execute(select(AuditEntry.action).order_by(AuditEntry.id)).scalars().all()
    assert actions[-1] == "login"


def test_wrong_password_is_counted_and_locks_after_five(database, world):
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(AuthenticationFailed, match="Неверный логин или пароль"):
            log_in(database, "spec", "wrong-password1")
    with pytest.raises(AuthenticationFailed, match="заблокирована"):
        log_in(database, "spec", PASSWORD)
    with database.write() as session:
        session.execute(update(User).where(User.login == "spec").values(locked_until=utc_now() - timedelta(seconds=1)))
    result = log_in(database, "spec", PASSWORD)
    assert result.failed_attempts_since == MAX_FAILED_ATTEMPTS


def test_unknown_login_gives_the_same_message(database):
    with pytest.raises(AuthenticationFailed, match="Неверный логин или пароль"):
        log_in(database, "nobody", PASSWORD)


def test_create_user_rules(database, world):
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_user(session, world.admin, NewUser("Иван", "short", "boss"))
    assert set(caught.value.errors) == {"login", "password", "role"}
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_user(session, world.admin, NewUser("spec", "another1pass", "specialist"))
    assert "уже есть" in caught.value.errors["login"]
    with database.write() as session, pytest.raises(PermissionDenied):
        create_user(session, world.coordinator, NewUser("new.user", "another1pass", "specialist"))


def test_audit_chain_verifies_and_detects_tampering(database, world):
    log_in(database, "coord", PASSWORD)
    with database.read() as session:
        check = verify_chain(session)
    assert check.ok and check.rows >= 4
    with database.read() as session:
        second = session.execute(select(AuditEntry.id).order_by(AuditEntry.id).offset(1).limit(1)).scalar_one()
    # The database itself refuses to rewrite or remove history…
    for statement in (update(AuditEntry).where(AuditEntry.id == second).values(action="logout"),
                      delete(AuditEntry).where(AuditEntry.id == second)):
        with pytest.raises(DBAPIError, match="append-only"), database.write() as session:
            session.execute(statement)
    # …so a tamperer has to drop the trigger first; the hash chain still gives them away.
    drop_audit_triggers(database)
    with database.write() as session:
        session.execute(update(AuditEntry).where(AuditEntry.id == second).values(action="logout"))
    with database.read() as session:
        assert verify_chain(session).first_broken_id == second


def test_hash_with_old_parameters_is_upgraded_at_login(database, world):
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    with database.write() as session:
        session.execute(update(User).where(User.login == "spec").values(password_hash=weak.hash(PASSWORD)))
    with database.read() as session:
        old_hash = session.execute(select(User.password_hash).where(User.login == "spec")).scalar_one()
    assert needs_rehash(old_hash)
    log_in(database, "spec", PASSWORD)
    with database.read() as session:
        new_hash = session.execute(select(User.password_hash).where(User.login == "spec")).scalar_one()
    assert new_hash != old_hash and new_hash.startswith("$argon2id$") and not needs_rehash(new_hash)
    assert log_in(database, "spec", PASSWORD).actor.login == "spec"


def test_lock_survives_a_restart(database, world):
    """The counter and the lock live in the database: a new process (a fresh Database) still refuses."""
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(AuthenticationFailed):
            log_in(database, "coord", "wrong-password1")
    fresh = Database(database.url)
    try:
        with pytest.raises(AuthenticationFailed, match="заблокирована"):
            log_in(fresh, "coord", PASSWORD)
        with fresh.read() as session:
            user = session.execute(select(User).where(User.login == "coord")).scalar_one()
            remaining = user.locked_until - utc_now()
        assert timedelta(minutes=14) < remaining <= LOCK_DURATION
    finally:
        fresh.dispose()


def test_login_reports_the_previous_login_and_failures_since(database, world):
    first = log_in(database, "spec", PASSWORD)
    for _ in range(2):
        with pytest.raises(AuthenticationFailed):
            log_in(database, "spec", "wrong-password1")
    second = log_in(database, "spec", PASSWORD)
    assert second.failed_attempts_since == 2
    assert second.previous_login_at is not None and first.previous_login_at != second.previous_login_at
    assert log_in(database, "spec", PASSWORD).failed_attempts_since == 0


def test_change_own_password_needs_the_old_one(database, world):
    with database.write() as session, pytest.raises(ValidationError) as caught:
        change_own_password(session, world.specialist, "not-mine-1", "brand-new-1")
    assert set(caught.value.errors) == {"old_password"}
    with database.write() as session, pytest.raises(ValidationError) as caught:
        change_own_password(session, world.specialist, PASSWORD, "short")
    assert set(caught.value.errors) == {"new_password"}
    with database.write() as session:
        change_own_password(session, world.specialist, PASSWORD, "brand-new-1")
    with pytest.raises(AuthenticationFailed):
        log_in(database, "spec", PASSWORD)
    assert log_in(database, "spec", "brand-new-1").actor.login == "spec"


def test_admin_resets_a_password_and_the_user_must_change_it(database, world):
    with database.write() as session, pytest.raises(PermissionDenied):
        reset_password(session, world.coordinator, world.specialist.user_id, "temporary-1")
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(AuthenticationFailed):
            log_in(database, "spec", "wrong-password1")
    with database.write() as session:
        reset_password(session, world.admin, world.specialist.user_id, "temporary-1")
    result = log_in(database, "spec", "temporary-1")  # the reset also lifted the lock
    assert result.must_change_password
    with database.write() as session:
        change_own_password(session, result.actor, "temporary-1", "my-own-pass-2")
    assert not log_in(database, "spec", "my-own-pass-2").must_change_password
    with database.read() as session:
        fields = session.execute(select(AuditEntry.fields).where(
            AuditEntry.entity == "user", AuditEntry.action == "update")).scalars().all()
    assert fields == ["must_change_password,password", "password"]  # names only, never values


def test_admin_unlocks_and_deactivates(database, world):
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(AuthenticationFailed):
            log_in(database, "coord", "wrong-password1")
    with database.write() as session:
        unlock(session, world.admin, world.coordinator.user_id)
    assert log_in(database, "coord", PASSWORD).actor.role == "coordinator"
    with database.write() as session:
        set_active(session, world.admin, world.coordinator.user_id, False)
    with pytest.raises(AuthenticationFailed, match="Неверный логин или пароль"):
        log_in(database, "coord", PASSWORD)
    with database.write() as session, pytest.raises(ValidationError, match="собственную"):
        set_active(session, world.admin, world.admin.user_id, False)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        update_user(session, world.admin, world.admin.user_id, UserData("Админ", "coordinator"))
    assert "последний администратор" in caught.value.errors["role"]


def test_admin_edits_role_offices_staff_and_working_role(database, world):
    with database.write() as session:
        other = Office(organization_id=session.execute(select(Office.organization_id)).scalar(), name="Второе")
        session.add(other)
        session.flush()
        other_id = other.id
    with database.write() as session, pytest.raises(ValidationError) as caught:
        update_user(session, world.admin, world.coordinator.user_id,
                    UserData("Координатор", "coordinator", working_role="specialist"))
    assert "working_role" in caught.value.errors
    with database.write() as session, pytest.raises(ValidationError) as caught:
        update_user(session, world.admin, world.admin.user_id, UserData("Админ", "admin", "specialist"))
    assert "staff_id" in caught.value.errors  # a specialist's families come from the staff link
    with database.write() as session:
        update_user(session, world.admin, world.coordinator.user_id,
                    UserData("Координатор второго", "coordinator", office_ids=(other_id,)))
        update_user(session, world.admin, world.admin.user_id,
                    UserData("Админ", "admin", "specialist", staff_id=world.speech_therapist_id))
    coordinator = log_in(database, "coord", PASSWORD).actor
    assert coordinator.office_ids == frozenset({other_id})
    admin = log_in(database, "admin", PASSWORD).actor
    assert (admin.case_role, admin.staff_id) == ("specialist", world.speech_therapist_id)
    with database.read() as session:
        rows = {row.login: row for row in list_users(session, world.admin)}
    assert rows["coord"].offices == "Второе" and rows["admin"].working_role == "specialist"
    assert rows["admin"].staff_name == "Кузнецова А.П."


def test_no_account_exists_before_the_administrator_creates_one(tmp_path):
    """No default or demo login ships with the program: a new database has only the first-run admin."""
    database = open_database(str(tmp_path / "fresh.db"))
    try:
        with database.read() as session:
            assert count_users(session) == 0
        for login in ("admin", "administrator", "user", "demo", "opora"):
            with pytest.raises(AuthenticationFailed):
                log_in(database, login, login)
    finally:
        database.dispose()
