"""Checks made when a database is opened, and the read-only mode they can switch on.

Read-only mode is an application-level guard on the Database's engine: a listener on "begin"
refuses every write unit of work (`database.write()`, which asks for BEGIN IMMEDIATE) with a
Russian explanation, before any SQL is sent. Reads keep working, so people can still look
things up while the database is restored or moved. The guard lives in app/ (db/ stays
unaware), is per Database object, and is lifted after a successful restore.
"""

from __future__ import annotations

import sqlite3
import weakref
from contextlib import closing
from dataclasses import dataclass

from sqlalchemy import event
from sqlalchemy.engine import Connection

from app.core.errors import OporaError
from app.system.network_share import network_share_kind
from app.system.storage_errors import storage_problem
from db.engine import WRITE_OPTION, is_read_only_file
from db.session import Database

CORRUPT = "corrupt"
NETWORK_SHARE = "network_share"


def _database_errors() -> tuple[type[Exception], ...]:
    # connect_file may hand back a SQLCipher connection, whose errors are its own classes.
    errors: list[type[Exception]] = [sqlite3.DatabaseError]
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        return tuple(errors)
    errors.append(dbapi2.DatabaseError)
    return tuple(errors)


DATABASE_ERRORS = _database_errors()


class ReadOnlyDatabase(OporaError):
    """A write was attempted while the database is open read-only; the text says why."""


@dataclass(frozen=True)
class WriteBlock:
    kind: str  # CORRUPT or NETWORK_SHARE
    message: str  # Russian, complete sentences


_blocks: weakref.WeakKeyDictionary[Database, WriteBlock] = weakref.WeakKeyDictionary()


def write_block(database: Database) -> WriteBlock | None:
    return _blocks.get(database)


def block_writes(database: Database, block: WriteBlock) -> None:
    """Refuse every write on `database` from now on with `block.message`."""
    already = database in _blocks
    _blocks[database] = block
    if already:
        return
    reference = weakref.ref(database)

    def refuse_writes(connection: Connection) -> None:
        target = reference()
        current = _blocks.get(target) if target is not None else None
        if current is not None and connection.get_execution_options().get(WRITE_OPTION, False):
            raise ReadOnlyDatabase(current.message)

    # insert=True: refuse before the engine's own listener sends BEGIN IMMEDIATE.
    event.listen(database.engine, "begin", refuse_writes, insert=True)


def unblock_writes(database: Database, kind: str | None = None) -> None:
    """Lift the block (only a block of `kind` when given); the listener then lets writes through."""
    block = _blocks.get(database)
    if block is not None and (kind is None or block.kind == kind):
        del _blocks[database]


def integrity_problems(connection: sqlite3.Connection, quick: bool = False) -> list[str]:
    """What `integrity_check` (or the faster `quick_check`) reports; empty when the file is sound."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        rows = connection.execute(f"PRAGMA {pragma}").fetchall()
    except DATABASE_ERRORS as error:
        return [str(error)]
    messages = [str(row[0]) for row in rows]
    return [] if messages == ["ok"] else messages


def quick_check(database: Database) -> list[str]:
    """`PRAGMA quick_check` on the live SQLite file: empty when sound (and always on PostgreSQL)."""
    path = database.sqlite_path
    if path is None or not path.exists():
        return []
    try:
        with closing(database.connect_file(path)) as connection:
            return integrity_problems(connection, quick=True)
    except DATABASE_ERRORS as error:
        return [str(error)]


def corruption_message(problems: list[str]) -> str:
    detail = "; ".join(problems[:3])
    return (
        "Файл базы данных повреждён (проверка целостности: " + detail + "). Изменения запрещены, "
        "чтобы не испортить данные сильнее. Восстановите базу из последней исправной резервной копии."
    )


def network_share_message(kind: str) -> str:
    return (
        f"Файл базы данных находится на сетевом диске ({kind}). SQLite на сетевом диске может "
        "испортить данные при одновременной работе, поэтому изменения запрещены — только просмотр. "
        "Перенесите файл базы на локальный диск этого компьютера, а для совместной работы "
        "нескольких компьютеров используйте сервер PostgreSQL."
    )


def check_on_open(database: Database, quick: bool = True) -> WriteBlock | None:
    """Refuse writes to a database on a network share or one that fails quick_check.

    Returns the block put in place (None when the database may be written).
    """
    path = database.sqlite_path
    if path is None:
        return None
    if is_read_only_file(path):
        problem = storage_problem("attempt to write a readonly database", str(path))
        assert problem is not None
        block = WriteBlock(problem.kind, problem.message)
        block_writes(database, block)
        return block
    kind = network_share_kind(path)
    if kind is not None:
        block = WriteBlock(NETWORK_SHARE, network_share_message(kind))
        block_writes(database, block)
        return block
    problems = quick_check(database) if quick else []
    storage = storage_problem(" ".join(problems), str(path)) if problems else None
    if storage is not None:  # a full disk, a read-only folder, a lost drive: not damage, no restore advice
        block = WriteBlock(storage.kind, storage.message)
        block_writes(database, block)
        return block
    if problems:
        block = WriteBlock(CORRUPT, corruption_message(problems))
        block_writes(database, block)
        return block
    return None
