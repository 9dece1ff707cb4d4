"""Logging in, lockout, user creation and the audit chain."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError

from app.audit import verify_chain
from app.bootstrap import log_in
from app.errors import AuthenticationFailed, PermissionDenied, ValidationError
from app.users import MAX_FAILED_ATTEMPTS, NewUser, create_user
from db.base import utc_now
from db.models import AuditEntry, User
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
