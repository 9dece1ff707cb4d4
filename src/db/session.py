"""The Database handle: one engine, read and write units of work."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from db.engine import WRITE_OPTION, create_database_engine, describe_location, is_sqlite, resolve_url


class Database:
    """An open database: `write()` for a user action, `read()` for queries.

    One user action is one `write()` block: everything inside commits together or not at all.
    Sessions are thread-confined; ORM objects never leave the block that loaded them.
    """

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        self.url = url
        self.engine = engine or create_database_engine(url)
        self.is_sqlite = is_sqlite(url)
        writer = self.engine.execution_options(**{WRITE_OPTION: True})
        self._write_sessions = sessionmaker(bind=writer, expire_on_commit=False)
        self._read_sessions = sessionmaker(bind=self.engine, expire_on_commit=False)

    @classmethod
    def open(cls, target: str | None = None) -> Database:
        return cls(resolve_url(target))

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
        database's copies are opened with the same key.
        """
        return sqlite3.connect(str(path), timeout=15)

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
