"""Writing the demo rows fast: batched inserts of prepared tuples, a page cache sized to the data, ids in
creation order (see `generator` for why the services are not used)."""

from __future__ import annotations

import random
import struct
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, FromClause, Table, Uuid, insert
from sqlalchemy.orm import Session

from db.base import UtcDateTime


class SqliteCache:
    """A page cache as large as the data being written (SQLite only), restored afterwards.

    The inserts update many indexes; once the default 2 MB cache is full SQLite spills pages to
    the WAL mid-transaction and reads them back, which made the inserts three times slower. The
    cache grows only as pages are used (about 75 KB per family). The connection returns to the
    pool afterwards, so the previous value is put back.
    """

    def __init__(self, session: Session, enabled: bool, families: int) -> None:
        self._session = session
        self._enabled = enabled
        self._kib = max(65_536, families * 80)
        self._previous: Any = None
        self._driver: Any = None

    def __enter__(self) -> None:
        if self._enabled:
            # The driver's connection itself: after a failed statement SQLAlchemy refuses new
            # statements until rollback, but the pragma must still be put back.
            self._driver = self._session.connection().connection.dbapi_connection
            self._previous = self._driver.execute("PRAGMA cache_size").fetchone()[0]
            self._driver.execute(f"PRAGMA cache_size = -{self._kib}")

    def __exit__(self, *exc: object) -> None:
        if self._driver is not None and self._previous is not None:
            self._driver.execute(f"PRAGMA cache_size = {int(self._previous)}")


class Writer:
    """Batched inserts of rows prepared as tuples, counting rows per table.

    Rows hold values in SQLite's storage form: UUIDs as 32 hex digits, dates as 'YYYY-MM-DD',
    timestamps as 'YYYY-MM-DD HH:MM:SS.ffffff' (UTC for the UtcDateTime columns), booleans as
    bool — exactly what SQLAlchemy's Uuid, Date and DateTime types write there. On SQLite the rows
    go straight to the driver's executemany: SQLAlchemy's per-row bind processing costs about
    20 µs a row, i.e. a minute for the three million rows of 20,000 families. On any other
    database the values are converted back to Python objects and written by a Core insert, which
    is slower but portable.
    """

    def __init__(self, session: Session, sqlite: bool) -> None:
        self._session = session
        self._sqlite = sqlite
        self.counts: dict[str, int] = {}
        self._deferred: dict[str, list[str]] = {}

    def insert(self, table: FromClause, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        assert isinstance(table, Table)  # a model's `__table__`, typed by SQLAlchemy as any FromClause
        if not rows:
            return
        if self._sqlite:
            connection = self._session.connection()
            if table.name not in self.counts:
                self._defer_indexes(table.name)
            sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            connection.exec_driver_sql(sql, rows)
            self.counts[table.name] = self.counts.get(table.name, 0) + len(rows)
            return
        self.counts[table.name] = self.counts.get(table.name, 0) + len(rows)
        converters = [to_python(table.c[name].type) for name in columns]
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append({
                name: (value if convert is None or value is None else convert(value))
                for name, convert, value in zip(columns, converters, row, strict=True)
            })
            if len(batch) >= 10_000:
                self._session.execute(insert(table), batch)
                batch = []
        if batch:
            self._session.execute(insert(table), batch)

    def _defer_indexes(self, table: str) -> None:
        """Drop the secondary indexes of a table that is still empty; `finish` recreates them.

        Building an index once from sorted data is several times cheaper than maintaining it
        row by row where keys land in the middle of the B-tree (service, staff and person keys
        of the session tables). The statements are SQLite's own stored `CREATE INDEX` text, so the
        indexes come back exactly as the migrations made them, unique ones re-checked; all of it
        happens inside the one transaction, so a cancelled run leaves the schema untouched.
        """
        connection = self._session.connection()
        if connection.exec_driver_sql(f"SELECT 1 FROM {table} LIMIT 1").first() is not None:
            return
        indexes = connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL "
            "ORDER BY name", (table,)).all()
        for name, _sql in indexes:
            connection.exec_driver_sql(f'DROP INDEX "{name}"')
        self._deferred[table] = [sql for _name, sql in indexes]

    def finish(self) -> None:
        """Recreate the indexes dropped by `_defer_indexes` (SQLite only)."""
        connection = self._session.connection()
        for statements in self._deferred.values():
            for sql in statements:
                connection.exec_driver_sql(sql)
        self._deferred.clear()


def aware_utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def to_python(column_type: object) -> Callable[[Any], Any] | None:
    """The converter from the SQLite storage form to what SQLAlchemy expects, or None."""
    if isinstance(column_type, Uuid):
        return lambda value: uuid.UUID(hex=value)
    if isinstance(column_type, UtcDateTime):
        return aware_utc
    if isinstance(column_type, DateTime):
        return datetime.fromisoformat
    if isinstance(column_type, Date):
        return date.fromisoformat
    return None


_VARIANT_BITS = bytes((value & 0x3F) | 0x80 for value in range(256))
_PACK_HEADS = struct.Struct(">4096Q").pack


def id_stream(seed: int, today: date) -> Iterator[str]:
    """Deterministic UUIDs with the version-7 layout (time prefix, then random bits), as hex.

    Consecutive ids sort in creation order, so primary-key and foreign-key index inserts append
    at the end of their B-trees instead of landing on random pages. Ids are made 4096 at a time
    (one "millisecond" of the v7 layout) with byte operations: formatting three million 128-bit
    integers one by one took several seconds.
    """
    rng = random.Random(f"opora-demo-ids-{seed}")
    millisecond = int(datetime(today.year, today.month, today.day, tzinfo=UTC).timestamp() * 1000)
    while True:
        first = millisecond << 16 | 0x7000  # 48-bit time, version 7, 12-bit sequence
        heads = _PACK_HEADS(*range(first, first + 4096))
        tails = bytearray(rng.randbytes(8 * 4096))
        tails[0::8] = tails[0::8].translate(_VARIANT_BITS)  # variant 10xx
        raw = bytearray(16 * 4096)
        for offset in range(8):
            raw[offset::16] = heads[offset::8]
            raw[8 + offset::16] = tails[offset::8]
        text = raw.hex()
        yield from [text[start:start + 32] for start in range(0, 32 * 4096, 32)]
        millisecond += 1
