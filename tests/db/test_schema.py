"""The database layer: migrations agree with the models, connection settings, write locking."""

from __future__ import annotations

import threading
import time

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select

from db import migrate
from db.base import Base
from db.models import DictionaryItem, Service
from db.session import Database


def test_migrations_and_models_agree(database):
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_database_is_at_head_and_has_every_table(database):
    assert migrate.current_revision(database.engine) == migrate.head_revision()
    tables = set(inspect(database.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_upgrade_twice_is_harmless(database):
    migrate.upgrade(database.engine)
    assert not migrate.needs_upgrade(database.engine)


def test_seeded_dictionaries(database):
    with database.read() as session:
        kinds = {kind for (kind,) in session.execute(select(DictionaryItem.kind).distinct())}
        service_kinds = session.execute(
            select(DictionaryItem.code).where(DictionaryItem.kind == "service_kind")).scalars().all()
        services = session.execute(select(Service)).scalars().all()
    assert {"position", "family_category", "case_kind", "event_type", "case_closing_reason",
            "absence_reason", "service_kind", "service_form", "delivery_mode"} <= kinds
    assert sorted(service_kinds) == sorted(
        ["household", "medical", "psychological", "pedagogical", "labour", "legal", "communication", "urgent"])
    assert len(services) >= 40


def test_sqlite_connection_settings(sqlite_database):
    with sqlite_database.engine.connect() as connection:
        pragma = {name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                  for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")}
    assert pragma == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 15000}


def test_sqlite_writes_take_the_lock_at_begin(sqlite_database):
    """A second writer waits for the first instead of failing with 'database is locked'."""
    other = Database(sqlite_database.url)
    order: list[str] = []

    def second_writer() -> None:
        with other.write() as session:
            session.connection()  # emits BEGIN IMMEDIATE, which waits for the first writer
            order.append("second started")
            session.add(DictionaryItem(kind="test", code="b", name="Б"))

    with sqlite_database.write() as session:
        session.add(DictionaryItem(kind="test", code="a", name="А"))
        session.flush()
        thread = threading.Thread(target=second_writer)
        thread.start()
        time.sleep(0.3)
        order.append("first committing")
    thread.join(10)
    other.dispose()
    assert order == ["first committing", "second started"]
    with sqlite_database.read() as session:
        assert session.execute(select(DictionaryItem.code).where(DictionaryItem.kind == "test")).scalars().all() \
            in (["a", "b"], ["b", "a"])


def test_read_units_roll_back(database):
    with database.read() as session:
        session.add(DictionaryItem(kind="test", code="x", name="X"))
        session.flush()
    with database.read() as session:
        assert session.execute(select(DictionaryItem).where(DictionaryItem.kind == "test")).first() is None
