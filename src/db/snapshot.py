"""Several read units that see one and the same state of the database, for one read split across connections.

A long read (the region's consolidated report) runs its parts on two connections at once so that both cores of an
office PC work (the drivers release the interpreter while a query runs). The parts must still add up as one report
read in one unit would: each connection has to see the same committed data.

- SQLite (WAL): a reader's snapshot is fixed by its first read. A third connection takes the write lock (BEGIN
  IMMEDIATE: it waits for a writer in progress to finish) while every reader makes its first read, so no commit can
  fall between them; the lock is released at once, before the readers' real work. A database opened immutable
  (read-only media) cannot change, so it needs no lock.
- PostgreSQL: the first unit exports its snapshot (REPEATABLE READ, `pg_export_snapshot`) and the others import it
  (`SET TRANSACTION SNAPSHOT`), as pg_dump's parallel jobs do. The units are REPEATABLE READ, so every statement of
  the whole read sees that snapshot too.

Where connections cannot share data (an in-memory SQLite database: each connection its own) or the lock cannot be
had, one unit is yielded and the caller runs everything on it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from db.engine import WRITE_OPTION
from db.session import Database

_log = logging.getLogger(__name__)
_SNAPSHOT_ID = re.compile(r"^[0-9A-Fa-f]+(-[0-9A-Fa-f]+)+$")
_FIRST_READ = "SELECT count(*) FROM sqlite_master"


def shares_connections(database: Database) -> bool:
    """A second connection sees the same data: not for an in-memory SQLite database (each connection its own)."""
    url = database.engine.url
    return not (url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"))


@contextmanager
def snapshot_reads(database: Database, count: int) -> Iterator[list[Session]]:
    """`count` read units on their own connections, all seeing the same committed state; or a list of one unit
    when that cannot be arranged. Each unit must be used by one thread at a time."""
    with ExitStack() as stack:
        if count < 2 or not shares_connections(database):
            yield [stack.enter_context(database.read())]
            return
        sessions = [stack.enter_context(database.read()) for _ in range(count)]
        shared = _share_postgresql(sessions) if database.engine.dialect.name == "postgresql" \
            else _share_sqlite(database, sessions)
        yield sessions if shared else sessions[:1]


def _share_sqlite(database: Database, sessions: list[Session]) -> bool:
    holder = database.engine.connect().execution_options(**{WRITE_OPTION: True})
    try:
        try:
            holder.begin()  # BEGIN IMMEDIATE (db.engine): no commit until the readers have their snapshot
        except OperationalError as error:
            if "readonly" in str(error).replace(" ", "").lower():
                _log.debug("a read-only database: its readers need no lock to agree")
            else:  # a writer held the lock past the busy timeout: one unit, as a plain read would be
                _log.warning("no shared snapshot (%s): the read runs on one connection", error.orig)
                return False
        for session in sessions:
            session.connection().exec_driver_sql(_FIRST_READ).scalar()
        return True
    finally:
        holder.rollback()
        holder.close()


def _share_postgresql(sessions: list[Session]) -> bool:
    repeatable = {"isolation_level": "REPEATABLE READ"}
    sessions[0].connection(execution_options=repeatable)
    snapshot = sessions[0].execute(text("SELECT pg_export_snapshot()")).scalar_one()
    if not _SNAPSHOT_ID.match(snapshot):  # it is inlined below (the statement takes no parameters)
        raise ValueError(f"unexpected snapshot id {snapshot!r}")
    for session in sessions[1:]:
        session.connection(execution_options=repeatable)
        session.execute(text(f"SET TRANSACTION SNAPSHOT '{snapshot}'"))
    return True
