"""Read units on several connections see one state of the database (`db.snapshot`): a commit made while they start
falls after all of them or before all of them, never between; a database whose connections share nothing gives one
unit."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from db import engine as engine_module
from db.models import Office
from db.session import Database
from db.snapshot import snapshot_reads


def _rename_main_office(database: Database, name: str) -> None:
    with database.write() as session:
        session.execute(update(Office).where(Office.is_main.is_(True)).values(name=name))


def _main_office(session: Session) -> str:
    return session.execute(select(Office.name).where(Office.is_main.is_(True))).scalar_one()


@contextmanager
def _commit_while_the_second_unit_begins(database: Database) -> Iterator[threading.Thread]:
    """A writer renames the main office as the second unit begins (before its first read), and is given half a
    second: without the snapshot's arrangement its commit would land between the units."""
    begun: list[Session] = []
    writer = threading.Thread(target=_rename_main_office, args=(database, "Переименовано"))

    def began(session: Session, _transaction: object, _connection: object) -> None:
        begun.append(session)
        if len(begun) == 2:
            writer.start()
            writer.join(timeout=0.5)

    event.listen(Session, "after_begin", began)
    try:
        yield writer
    finally:
        event.remove(Session, "after_begin", began)


def test_a_commit_never_falls_between_the_units(database):
    with database.read() as session:
        before = _main_office(session)
    with _commit_while_the_second_unit_begins(database) as writer, snapshot_reads(database, 2) as sessions:
        assert len(sessions) == 2
        assert [_main_office(session) for session in sessions] == [before, before]
    writer.join(timeout=30)
    assert not writer.is_alive()
    with database.read() as session:
        assert _main_office(session) == "Переименовано"


def test_the_units_keep_their_state_to_the_end(database):
    with database.read() as session:
        before = _main_office(session)
    with snapshot_reads(database, 3) as sessions:
        assert len(sessions) == 3
        _rename_main_office(database, "Позже")  # the units have begun: a later commit is not theirs
        assert [_main_office(session) for session in sessions] == [before] * 3
        done: list[str] = []
        worker = threading.Thread(target=lambda: done.append(_main_office(sessions[1])))
        worker.start()
        worker.join()
        assert done == [before]  # a unit used on another thread reads the same state


def test_one_unit_where_connections_share_nothing():
    database = Database("sqlite://")
    try:
        with snapshot_reads(database, 2) as sessions:
            assert len(sessions) == 1
    finally:
        database.dispose()


@pytest.mark.parametrize("count", [0, 1])
def test_one_unit_when_one_is_asked(database, count):
    with snapshot_reads(database, count) as sessions:
        assert len(sessions) == 1
        assert _main_office(sessions[0])


def test_a_writer_holding_the_lock_past_the_timeout_leaves_one_unit(sqlite_database, monkeypatch):
    """The readers cannot be made to agree while another writer keeps the lock: the read runs on one connection
    rather than on two that might disagree."""
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 200)
    path = sqlite_database.sqlite_path
    assert path is not None
    sqlite_database.dispose()
    database = Database(f"sqlite:///{path}")
    blocker = sqlite3.connect(path)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with snapshot_reads(database, 2) as sessions:
            assert len(sessions) == 1
            assert _main_office(sessions[0])
    finally:
        blocker.rollback()
        blocker.close()
        database.dispose()
