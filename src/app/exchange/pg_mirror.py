"""A PostgreSQL centre's SQLite mirror of its travelling tables: what its packages are diffed from.

SQLite's session extension diffs only SQLite files, so a centre on PostgreSQL keeps one (in the data directory,
beside its baselines, which are plain SQLite files too) holding every travelling row in the form SQLite stores it.
It is built whole once; afterwards each package first catches it up with the rows changed since: the triggers
`trg_mirror_*` (migration 0016) log the primary keys each statement touched in `exchange_mirror_log`, and a catch-up
takes those keys out of the log, deletes them from the mirror and copies their current rows (if any still exist)
back from PostgreSQL. Inserts, updates, soft and hard deletes all come out as «this key is now as PostgreSQL has
it», so a key logged twice or read again is harmless.

Crash safety: the log rows are deleted in the PostgreSQL transaction that commits after the mirror's own
transaction. A crash before the mirror commits leaves both as they were; one between the two commits leaves the log
rows in place, so the next catch-up reads those keys again (their rows as they are then). A token in
`exchange_mirror_state`, renewed at every refresh and kept by the mirror with the one before it, tells whether the
log continues what this mirror last read; when it does not (another machine's refresh took the log, the server was
restored, the file was lost or damaged, the schema changed) the mirror is built whole again, into a new file that
replaces the old one only when complete.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import apsw
from sqlalchemy import Column, Table, and_, cast, literal_column, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from app.exchange import engine
from app.exchange.tables import TRAVELLING, title
from app.exchange.values import raw_row_maker, to_raw
from db import migrate
from db.base import Base, utc_now
from db.engine import data_dir
from db.models.exchange import ExchangeMirrorState
from db.session import Database

log = logging.getLogger("opora.exchange")
Progress = Callable[[int, int, str], None]
META = "_opora_mirror"  # the mirror's own bookkeeping; not travelling, so no diff reads it
CHANGED = "_opora_mirror_tables"  # per table, the generation (one per refresh) that last changed it
BATCH = 5000


def folder(database: Database) -> Path:
    name = (database.engine.url.database or "opora").replace("/", "_")
    return data_dir() / "exchange" / f"pg-{name}"


def mirror_file(database: Database) -> Path:
    return folder(database) / "mirror.db"


@cache
def travelling_schema() -> tuple[tuple[str, str], ...]:
    """(table, CREATE TABLE statement) of every travelling table as the migrations make it on SQLite: the offices'
    column order (the models' order differs where a migration appended a column, and a changeset is positional)."""
    from sqlalchemy import create_engine

    where = Path(tempfile.mkdtemp(prefix="opora-schema-"))
    bind = create_engine(f"sqlite:///{where / 'schema.db'}")
    try:
        migrate.upgrade(bind)
        with bind.connect() as connection:
            statement = "SELECT name, sql FROM sqlite_master WHERE type = 'table'"
            rows: dict[str, str] = dict(connection.exec_driver_sql(statement).all())
    finally:
        bind.dispose()
        shutil.rmtree(where, ignore_errors=True)
    return tuple((name, rows[name]) for name in TRAVELLING if name in rows)


def _tables() -> list[str]:
    return [name for name, _ in travelling_schema() if name in Base.metadata.tables]


@dataclass(frozen=True)
class Level:
    """A state of the mirror: `epoch` names one build of it (a rebuild starts a new one), `generation` counts the
    refreshes (kept in PostgreSQL, so it only grows). A baseline records per table the level of the mirror it
    equals (app.exchange.pg_levels)."""
    epoch: str
    generation: int


NO_LEVEL = Level("", -1)


@dataclass(frozen=True)
class Refresh:
    path: Path
    rebuilt: bool
    keys: int  # keys read from the log (a catch-up) — 0 for a rebuild
    whole: tuple[str, ...]  # tables copied whole in a catch-up (no triggers, or truncated)
    level: Level = NO_LEVEL
    changed: dict[str, int] = field(default_factory=dict)  # table -> the generation that last changed it


def current_generation(database: Database) -> int:
    """The refreshes so far, read after waiting for one under way: an import marks the tables it touched with it,
    and only a refresh after that (a higher generation) has read the import's writes."""
    with database.write() as session:
        generation = session.execute(select(ExchangeMirrorState.generation).where(ExchangeMirrorState.id == 1)
                                     .with_for_update(read=True)).scalar()
    return generation if generation is not None else -1


# --- the mirror's bookkeeping ----------------------------------------------------------------------------------

def _read_meta(path: Path) -> dict[str, str] | None:
    """The mirror's revision and tokens, or None when there is no usable mirror."""
    if not path.is_file():
        return None
    try:
        connection = engine.connect(path, None)
        try:
            return {key: value for key, value in connection.execute(f"SELECT key, value FROM {META}")}
        finally:
            connection.close()
    except apsw.Error as error:  # damaged or not ours: built anew
        log.warning("the centre's mirror %s is not usable (%s); it is built again", path, error)
        return None


def _write_meta(connection: apsw.Connection, revision: str, token: uuid.UUID, previous: uuid.UUID, level: Level,
                changed: Iterable[str]) -> dict[str, int]:
    """The bookkeeping after a refresh at `level`, the tables it changed stamped with its generation; returns every
    table's last change."""
    connection.execute(f"CREATE TABLE IF NOT EXISTS {META} (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    connection.execute(f"CREATE TABLE IF NOT EXISTS {CHANGED} (name TEXT PRIMARY KEY, generation INTEGER NOT NULL)")
    connection.executemany(f"INSERT OR REPLACE INTO {META} VALUES (?, ?)", [
        ("revision", revision), ("token", token.hex), ("previous", previous.hex), ("epoch", level.epoch),
        ("generation", str(level.generation))])
    connection.executemany(f"INSERT OR REPLACE INTO {CHANGED} VALUES (?, ?)",
                           [(name, level.generation) for name in changed])
    return {name: generation for name, generation in connection.execute(f"SELECT name, generation FROM {CHANGED}")}


# --- copying rows from PostgreSQL ------------------------------------------------------------------------------

def _columns(mirror: apsw.Connection, name: str) -> list[Column[Any]]:
    table = Base.metadata.tables[name]
    return [table.c[column] for column in engine.columns_of(mirror, name)]


def _copy(session: Session, mirror: apsw.Connection, name: str, statement: Any,
          columns: Sequence[Column[Any]]) -> int:
    """Rows of `statement` (selecting `columns`) into the mirror's table, each value in its SQLite form."""
    make = raw_row_maker(columns)
    insert = f'INSERT INTO "{name}" VALUES ({", ".join("?" for _ in columns)})'
    count = 0
    result = session.execute(statement.execution_options(yield_per=BATCH))
    for rows in result.partitions():
        mirror.executemany(insert, [make(row) for row in rows])
        count += len(rows)
    return count


def _copy_whole(session: Session, mirror: apsw.Connection, name: str) -> int:
    columns = _columns(mirror, name)
    return _copy(session, mirror, name, select(*columns), columns)


def build(database: Database, path: Path, progress: Progress | None = None) -> None:
    """Every travelling row of PostgreSQL into a new SQLite file `path` (the offices' schema), without bookkeeping:
    the whole copy a rebuild starts from (and what a test compares the mirror with)."""
    connection = engine.connect(path, None)
    try:
        with engine.transaction(connection):
            for _, sql in travelling_schema():
                connection.execute(sql)
        names = _tables()
        with database.read() as session, engine.transaction(connection):
            for done, name in enumerate(names):
                if progress is not None:
                    progress(done, len(names), f"Изменения собираются: {title(name)}…")
                _copy_whole(session, connection, name)
    finally:
        connection.close()


# --- the catch-up ----------------------------------------------------------------------------------------------

def tracked_tables(session: Session) -> set[str]:
    """Travelling tables whose insert, update and delete triggers are all in place and enabled."""
    rows = session.execute(text(
        "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE t.tgname LIKE 'trg\\_mirror\\_%' AND t.tgenabled <> 'D' AND c.relnamespace = "
        "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())")).all()
    names = {name for _, name in rows}
    return {table for table in TRAVELLING
            if {f"trg_mirror_{table}_{event}" for event in ("ins", "upd", "del")} <= names}


def _key_value(column: Column[Any], value: Any) -> Any:
    """A primary key value from the log's JSON (a UUID as text with dashes) in Python form."""
    if value is None:
        return None
    kind = column.type.python_type
    return value if isinstance(value, kind) else kind(value)


def _catch_up_table(session: Session, mirror: apsw.Connection, name: str) -> int:
    """The logged keys of one table: deleted from the mirror, their current rows copied back."""
    table: Table = Base.metadata.tables[name]
    pks = list(table.primary_key.columns)
    where = " AND ".join(f'"{column.name}" = ?' for column in pks)
    delete = f'DELETE FROM "{name}" WHERE {where}'
    keys = session.execute(text("SELECT row_key FROM mirror_taken WHERE table_name = :name")
                           .bindparams(name=name).execution_options(yield_per=BATCH))
    count = 0
    for rows in keys.partitions():
        raw = []
        for (row_key,) in rows:
            values = json.loads(row_key)
            raw.append([to_raw(column, _key_value(column, value)) for column, value in zip(pks, values, strict=True)])
        mirror.executemany(delete, raw)
        count += len(raw)
    columns = _columns(mirror, name)
    join = and_(literal_column("k.table_name") == name, *(
        column == cast(literal_column(f"(k.row_key::jsonb ->> {index})"), column.type)
        for index, column in enumerate(pks)))
    statement = select(*columns).select_from(table).join(text("mirror_taken AS k"), join)
    _copy(session, mirror, name, statement, columns)
    return count


def _catch_up(session: Session, connection: apsw.Connection,
              progress: Progress | None) -> tuple[int, list[str], list[str]]:
    session.execute(text("CREATE TEMPORARY TABLE mirror_taken (table_name varchar(60), row_key text) "
                         "ON COMMIT DROP"))
    session.execute(text("WITH taken AS (DELETE FROM exchange_mirror_log RETURNING table_name, row_key) "
                         "INSERT INTO mirror_taken SELECT DISTINCT table_name, row_key FROM taken"))
    session.execute(text("ANALYZE mirror_taken"))
    logged: dict[str, bool] = dict(session.execute(text(
        "SELECT table_name, bool_or(row_key IS NULL) FROM mirror_taken GROUP BY table_name")).all())
    tracked = tracked_tables(session)
    names = _tables()
    whole = [name for name in names if name not in tracked or logged.get(name)]
    if any(name not in tracked for name in names):
        log.warning("tables without mirror triggers, copied whole for every package: %s",
                    ", ".join(name for name in names if name not in tracked))
    keys = 0
    for done, name in enumerate(names):
        if progress is not None:
            progress(done, len(names), f"Изменения собираются: {title(name)}…")
        if name in whole:
            connection.execute(f'DELETE FROM "{name}"')
            _copy_whole(session, connection, name)
        elif name in logged:
            keys += _catch_up_table(session, connection, name)
    return keys, whole, [name for name in names if name in whole or name in logged]


def _ensure_state(database: Database) -> None:
    """The state row, committed before any copy starts: from then on every change is logged, so nothing committed
    while a mirror is being built can be missed."""
    with database.write() as session:
        session.execute(pg_insert(ExchangeMirrorState).values(id=1, token=uuid.uuid4(), generation=0,
                                                              refreshed_at=utc_now())
                        .on_conflict_do_nothing(index_elements=["id"]))


def refresh(database: Database, progress: Progress | None = None) -> Refresh:
    """Bring the mirror up to what PostgreSQL holds now and return it. `progress` may raise Cancelled: then the
    mirror and the log are as they were (or the mirror is ahead and the log still names those keys)."""
    path = mirror_file(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    revision = migrate.current_revision(database.engine) or ""
    _ensure_state(database)
    meta = _read_meta(path)
    token = uuid.uuid4()
    with database.write() as session:
        state = session.execute(select(ExchangeMirrorState).where(ExchangeMirrorState.id == 1)
                                .with_for_update()).scalar_one()
        previous = state.token
        generation = state.generation + 1
        usable = (meta is not None and meta.get("revision") == revision and "epoch" in meta
                  and previous.hex in (meta.get("token"), meta.get("previous")))
        if usable:
            assert meta is not None
            level = Level(meta["epoch"], generation)
            connection = engine.connect(path, None)
            try:
                with engine.transaction(connection):
                    keys, whole, touched = _catch_up(session, connection, progress)
                    changed = _write_meta(connection, revision, token, previous, level, touched)
            finally:
                connection.close()
            result = Refresh(path, False, keys, tuple(whole), level, changed)
        else:
            # Everything logged so far is in the copy about to be made (the log only gains later changes).
            session.execute(text("DELETE FROM exchange_mirror_log"))
            fresh = path.with_name(path.name + ".new")
            _remove(fresh)
            try:
                build(database, fresh, progress)
                level = Level(uuid.uuid4().hex, generation)
                connection = engine.connect(fresh, None)
                try:
                    with engine.transaction(connection):
                        changed = _write_meta(connection, revision, token, previous, level, _tables())
                finally:
                    connection.close()
                os.replace(fresh, path)
            except BaseException:
                _remove(fresh)
                raise
            result = Refresh(path, True, 0, (), level, changed)
        state.token = token
        state.generation = generation
        state.refreshed_at = utc_now()
    return result


def _remove(path: Path) -> None:
    for name in (path, path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal")):
        name.unlink(missing_ok=True)


def rows_of(connection: apsw.Connection, tables: Iterable[str]) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables, sorted (tests compare the mirror with a whole copy)."""
    return {name: sorted((tuple(row) for row in connection.execute(f'SELECT * FROM "{name}"')), key=repr)
            for name in tables}
