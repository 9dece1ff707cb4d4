"""The Database handle: one engine, read and write units of work."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from db import cipher
from db.cipher import DatabaseKey
from db.engine import (
    BUSY_TIMEOUT_MS,
    WRITE_OPTION,
    create_database_engine,
    describe_location,
    is_sqlite,
    resolve_url,
)


class Database:
    """An open database: `write()` for a user action, `read()` for queries.

    One user action is one `write()` block: everything inside commits together or not at all.
    Sessions are thread-confined; ORM objects never leave the block that loaded them.
    """

    def __init__(self, url: str, engine: Engine | None = None, key: DatabaseKey | None = None) -> None:
        self.url = url
        self.is_sqlite = is_sqlite(url)
        self._key = key
        self._bind(engine or create_database_engine(url, key))

    def _bind(self, engine: Engine) -> None:
        self.engine = engine
        writer = self.engine.execution_options(**{WRITE_OPTION: True})
        self._write_sessions = sessionmaker(bind=writer, expire_on_commit=False)
        self._read_sessions = sessionmaker(bind=self.engine, expire_on_commit=False)

    @classmethod
    def open(cls, target: str | None = None, key: DatabaseKey | None = None) -> Database:
        """Open by `--db`, env or default; `key` for an encrypted SQLite file (see `app.system.keystore`)."""
        return cls(resolve_url(target), key=key)

    def __repr__(self) -> str:
        state = "encrypted" if self._key is not None else "plain"
        return f"Database({self.location!r}, {state})"

    @property
    def key(self) -> DatabaseKey | None:
        """The SQLCipher key this handle opens files with (None: plain SQLite or PostgreSQL)."""
        return self._key

    @property
    def is_encrypted(self) -> bool:
        return self._key is not None

    def needs_key(self) -> bool:
        """True when the SQLite file is encrypted and this handle has no key for it yet."""
        path = self.sqlite_path
        return self._key is None and path is not None and cipher.is_encrypted_file(path)

    def use_key(self, key: DatabaseKey | None) -> None:
        """Open from now on with `key` (None: plain). Pooled connections are closed first.

        Call it between units of work: after the file was encrypted in place, or once the key
        was found for a database opened without one.
        """
        if self.is_sqlite and self.sqlite_path is None and key is not None:
            raise ValueError("an in-memory database cannot be encrypted")
        self.engine.dispose()
        self._key = key
        self._bind(create_database_engine(self.url, key))

    @property
    def location(self) -> str:
        return describe_location(self.url)

    @property
    def sqlite_path(self) -> Path | None:
        """The database file on SQLite (None on PostgreSQL or in memory)."""
        if not self.is_sqlite:
            return None
        name = make_url(self.url).database
        return Path(name) if name and name != ":memory:" else None

    def connect_file(self, path: Path) -> sqlite3.Connection:
        """A raw DB-API connection to another SQLite file opened the way this database is opened.

        Backups, restores and integrity checks go through here so that a keyed (encrypted)
        database's copies are opened with the same key: a new file made through it (the target of
        `source.backup(target)`) is encrypted with the database's key. An existing plain file (a
        backup from before encryption) still opens, as plain SQLite, so it can be checked.
        """
        timeout = BUSY_TIMEOUT_MS / 1000
        if self._key is None:
            return sqlite3.connect(str(path), timeout=timeout)
        plain_existing = path.exists() and cipher.file_header(path) == cipher.SQLITE_HEADER
        # sqlcipher3's connection has sqlite3's interface (backup, execute, close).
        connection: sqlite3.Connection = cipher.connect(path, None if plain_existing else self._key, timeout)
        return connection

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work that commits on success and rolls back on any exception."""
        session = self._write_sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit: whatever it changed is rolled back."""
        session = self._read_sessions()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
