"""The Database handle: one engine, read and write units of work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
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
