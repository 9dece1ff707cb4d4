"""SQLCipher at the database layer: keyed engine, pragmas, locking, wrong or missing keys, copies."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from db import cipher, migrate
from db.cipher import DatabaseKey, KeyMissing, WrongKey
from db.models import DictionaryItem
from db.session import Database

MARKER = "Шифрованнова"


@pytest.fixture
def key() -> DatabaseKey:
    return DatabaseKey.generate()


@pytest.fixture
def encrypted(sqlite_template: Path, tmp_path: Path, key: DatabaseKey) -> Iterator[Database]:
    """An encrypted copy of the populated test template."""
    target = tmp_path / "encrypted.db"
    cipher.export_encrypted(sqlite_template, target, key)
    database = Database.open(str(target), key=key)
    yield database
    database.dispose()


def _add_marker(database: Database, code: str = "marker") -> None:
    with database.write() as session:
        session.add(DictionaryItem(kind="test", code=code, name=MARKER))


def test_file_is_not_plain_sqlite_and_starts_with_the_key_id(encrypted, key):
    header = cipher.file_header(encrypted.sqlite_path)
    assert header != cipher.SQLITE_HEADER
    assert header == key.salt
    assert cipher.key_id_of(encrypted.sqlite_path) == key.key_id
    assert cipher.is_encrypted_file(encrypted.sqlite_path)


def test_connection_settings_hold_for_the_cipher_driver(encrypted):
    with encrypted.engine.connect() as connection:
        pragma = {name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                  for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout", "cache_size",
                               "cipher_version")}
    assert pragma["journal_mode"] == "wal"
    assert pragma["synchronous"] == 2
    assert pragma["foreign_keys"] == 1
    assert pragma["busy_timeout"] == 15000
    assert pragma["cache_size"] == -32000
    assert pragma["cipher_version"]
    assert migrate.current_revision(encrypted.engine) == migrate.head_revision()


def test_plain_database_has_no_cipher(sqlite_database):
    assert not sqlite_database.is_encrypted
    assert not sqlite_database.needs_key()
    with sqlite_database.engine.connect() as connection:
        # The plain driver knows no cipher pragmas: the statement returns nothing at all.
        assert connection.exec_driver_sql("PRAGMA cipher_version").returns_rows is False


def test_driver_errors_are_sqlalchemy_errors(encrypted):
    _add_marker(encrypted, "dup")
    with pytest.raises(IntegrityError):
        _add_marker(encrypted, "dup")


def test_encrypted_writes_take_the_lock_at_begin(encrypted, key):
    other = Database(encrypted.url, key=key)
    order: list[str] = []

    def second_writer() -> None:
        with other.write() as session:
            session.connection()
            order.append("second started")
            session.add(DictionaryItem(kind="test", code="b", name="Б"))

    with encrypted.write() as session:
        session.add(DictionaryItem(kind="test", code="a", name="А"))
        session.flush()
        thread = threading.Thread(target=second_writer)
        thread.start()
        time.sleep(0.3)
        order.append("first committing")
    thread.join(10)
    other.dispose()
    assert order == ["first committing", "second started"]


def test_without_the_key_the_file_does_not_open(encrypted):
    path = encrypted.sqlite_path
    encrypted.dispose()
    keyless = Database.open(str(path))
    assert keyless.needs_key()
    with pytest.raises(KeyMissing, match="зашифрована"), keyless.read() as session:
        session.execute(text("SELECT 1"))
    keyless.dispose()
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchall()
    with pytest.raises(KeyMissing):
        cipher.connect(path, None)


def test_a_wrong_key_does_not_open_the_file(encrypted, key):
    path = encrypted.sqlite_path
    wrong = DatabaseKey(DatabaseKey.generate().key, key.salt)
    with pytest.raises(WrongKey):
        cipher.connect(path, wrong)
    other = Database.open(str(path), key=wrong)
    with pytest.raises(WrongKey), other.read() as session:
        session.execute(text("SELECT 1"))
    other.dispose()


def test_the_key_never_shows(encrypted, key):
    secret = key.key.hex()
    shown = [repr(key), str(key), repr(encrypted), str(encrypted.engine), encrypted.url, encrypted.location,
             str(KeyMissing(encrypted.sqlite_path)), str(WrongKey(encrypted.sqlite_path))]
    assert all(secret not in item and secret.upper() not in item for item in shown)
    assert key.key_id in repr(key)


def test_name_is_in_neither_the_file_nor_its_wal(encrypted):
    _add_marker(encrypted)
    wal = encrypted.sqlite_path.with_name(encrypted.sqlite_path.name + "-wal")
    assert wal.stat().st_size > 0  # the row is still in the WAL: no checkpoint yet
    for path in (encrypted.sqlite_path, wal):
        data = path.read_bytes()
        assert MARKER.encode("utf-8") not in data
        assert MARKER.encode("utf-16-le") not in data


def test_backup_through_connect_file_is_encrypted_with_the_same_key(encrypted, key, tmp_path):
    _add_marker(encrypted)
    target = tmp_path / "backup.db"
    source = encrypted.connect_file(encrypted.sqlite_path)
    destination = encrypted.connect_file(target)
    source.backup(destination)
    destination.close()
    source.close()
    data = target.read_bytes()
    assert data[:16] == key.salt
    assert MARKER.encode("utf-8") not in data and MARKER.encode("utf-16-le") not in data
    with pytest.raises(KeyMissing):
        cipher.connect(target, None)
    reopened = encrypted.connect_file(target)
    assert reopened.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert reopened.execute("SELECT name FROM dictionary_items WHERE code = 'marker'").fetchone()[0] == MARKER
    reopened.close()
    restored = Database.open(str(target), key=key)
    with restored.read() as session:
        assert session.execute(select(DictionaryItem.name).where(DictionaryItem.code == "marker")).scalar() == MARKER
    restored.dispose()


def test_an_old_plain_backup_still_opens_but_is_never_written_plain(encrypted, sqlite_template, tmp_path):
    old = tmp_path / "old-plain.db"
    shutil.copyfile(sqlite_template, old)
    plain = encrypted.connect_file(old)
    assert plain.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    source = encrypted.connect_file(encrypted.sqlite_path)
    # SQLCipher refuses to copy encrypted pages into a plain file rather than writing them in clear.
    with pytest.raises(Exception, match="SQL logic error"):
        source.backup(plain)
    source.close()
    plain.close()
    assert cipher.file_header(old) == cipher.SQLITE_HEADER


def test_use_key_switches_an_open_handle(encrypted, key):
    path = encrypted.sqlite_path
    encrypted.dispose()
    handle = Database.open(str(path))
    handle.use_key(key)
    assert handle.is_encrypted and not handle.needs_key()
    with handle.read() as session:
        assert session.execute(select(DictionaryItem.id).limit(1)).scalar() is not None
    handle.dispose()


def test_export_keeps_every_row(sqlite_template, encrypted):
    plain = sqlite3.connect(sqlite_template)
    copy = encrypted.connect_file(encrypted.sqlite_path)
    tables = [name for (name,) in plain.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert tables
    schema = sorted(plain.execute("SELECT type, name, sql FROM sqlite_master").fetchall(), key=str)
    assert sorted(copy.execute("SELECT type, name, sql FROM sqlite_master").fetchall(), key=str) == schema
    for table in tables:
        query = f'SELECT * FROM "{table}" ORDER BY 1'
        assert copy.execute(query).fetchall() == plain.execute(query).fetchall(), table
    plain.close()
    copy.close()
