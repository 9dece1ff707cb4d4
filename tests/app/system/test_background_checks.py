"""The checks after sign-in (#15 items 5 and 7): a full integrity_check finds index-only damage that the start's
quick_check misses; the audit chain is checked for an administrator only."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from sqlalchemy import func, select, update

from app.system.background_checks import run_background_checks
from app.system.integrity import quick_check
from db.models import AuditEntry
from tests.app.audit_setup import drop_audit_triggers
from tests.app.family_setup import mother_and_child


def _damage_an_index(database) -> None:
    """Point an index at another column: its entries no longer match the table (quick_check still says ok)."""
    path = database.sqlite_path
    database.dispose()
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX ix_persons_snils ON persons (last_name)' "
                           "WHERE name = 'ix_persons_snils'")
        connection.commit()


def test_a_sound_database_gives_no_warning(sqlite_database, sqlite_world):
    assert run_background_checks(sqlite_database, sqlite_world.admin) == []


def test_index_only_damage_is_found_after_sign_in(sqlite_database, sqlite_world):
    mother_and_child(sqlite_database, sqlite_world)  # persons rows, so the index has entries to mismatch
    _damage_an_index(sqlite_database)
    assert quick_check(sqlite_database) == []  # what the start looks at does not see it
    warnings = run_background_checks(sqlite_database, sqlite_world.specialist)
    assert len(warnings) == 1 and "ix_persons_snils" in warnings[0] and "повреждения" in warnings[0]


def test_a_broken_chain_is_shown_to_an_administrator_only(sqlite_database, sqlite_world):
    drop_audit_triggers(sqlite_database)
    with sqlite_database.write() as session:
        last = session.execute(select(func.max(AuditEntry.id))).scalar_one()
        session.execute(update(AuditEntry).where(AuditEntry.id == last).values(login="someone"))
    assert run_background_checks(sqlite_database, sqlite_world.specialist) == []
    warnings = run_background_checks(sqlite_database, sqlite_world.admin)
    assert len(warnings) == 1 and f"№ {last}" in warnings[0]
