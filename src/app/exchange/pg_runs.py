"""A run of one table's changes written to PostgreSQL set-wise (the adapter's writes, `app.exchange.pg_adapter`).

New rows go in with one COPY, updates with one `UPDATE … FROM` a temporary table COPY filled, per run and set of
changed columns. So the statement-level triggers of 0016 (`trg_mirror_*`, the mirror's log) fire once per run rather
than once per row, and the server parses one statement instead of a thousand. The values are copied in the form
SQLite stores them, which is valid input for each PostgreSQL column: a UUID as 32 hex digits, a time as
«2026-12-02 10:00:00.000000» (UTC: the apply sets the transaction's zone), a flag 0/1, JSON as its text, bytes as
bytes. Inside the caller's transaction; a value the server refuses refuses the package, naming the record type.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.exchange.envelope import PackageRefused
from app.exchange.merge import DANGLING_REFERENCE
from app.exchange.tables import title

log = logging.getLogger("opora.exchange")


def utc(session: Session) -> None:
    """The transaction reads times without a zone (SQLite's form) as UTC, which is what the offices store."""
    session.execute(text("SET LOCAL TIME ZONE 'UTC'"))


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


class RunWriter:
    def __init__(self, session: Session) -> None:
        raw = session.connection().connection.driver_connection
        assert isinstance(raw, psycopg.Connection)
        self.cursor = raw.cursor()
        self.temps: dict[tuple[str, tuple[str, ...]], str] = {}

    @contextmanager
    def _refusing(self, table: str) -> Iterator[None]:
        try:
            yield
        except psycopg.errors.ForeignKeyViolation as error:
            raise PackageRefused(f"Пакет не загружен: {DANGLING_REFERENCE} Здесь ничего не изменено.") from error
        except psycopg.Error as error:
            detail = error.diag.message_primary or str(error).splitlines()[0]
            raise PackageRefused(
                f"Пакет не загружен: записи «{title(table)}» не подходят к этой базе ({detail}). Сделайте пакет "
                "заново в отделении той же версии «Опоры»; здесь ничего не изменено.") from error

    def insert(self, table: str, names: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        with self._refusing(table), self.cursor.copy(f'COPY "{table}" ({_quoted(names)}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)

    def _temp(self, table: str, columns: tuple[str, ...]) -> str:
        name = self.temps.get((table, columns))
        if name is None:
            name = f"pg_run_{len(self.temps)}"
            self.cursor.execute(f'CREATE TEMPORARY TABLE {name} ON COMMIT DROP AS SELECT {_quoted(columns)} '
                                f'FROM "{table}" WITH NO DATA')
            self.temps[(table, columns)] = name
        return name

    def update(self, table: str, pks: Sequence[str], columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """`rows`: the key's values, then the new values of `columns`, each row a different key."""
        if not rows:
            return
        every = (*pks, *columns)
        with self._refusing(table):
            temp = self._temp(table, every)
            with self.cursor.copy(f"COPY {temp} ({_quoted(every)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            sets = ", ".join(f'"{column}" = u."{column}"' for column in columns)
            match = " AND ".join(f't."{pk}" = u."{pk}"' for pk in pks)
            self.cursor.execute(f'UPDATE "{table}" t SET {sets} FROM {temp} u WHERE {match}')
            self.cursor.execute(f"DELETE FROM {temp}")  # a TRUNCATE costs more for a thousand rows


class Steps:
    """Wall-clock and CPU time of an apply's steps, logged (INFO, `opora.exchange`) for the benchmarks: this
    process's CPU and, when the server runs on this machine and its process can be read, the server's."""

    def __init__(self, session: Session) -> None:
        self.server: Path | None = None
        if log.isEnabledFor(logging.INFO):
            pid = session.execute(text("SELECT pg_backend_pid()")).scalar()
            stat = Path(f"/proc/{pid}/stat")
            self.server = stat if os.access(stat, os.R_OK) else None
        self.wall, self.cpu, self.server_cpu = time.perf_counter(), time.process_time(), self._server_cpu()

    def _server_cpu(self) -> float:
        if self.server is None:
            return 0.0
        try:
            fields = self.server.read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
        except (OSError, IndexError, ValueError):
            self.server = None
            return 0.0

    def mark(self, step: str) -> None:
        if not log.isEnabledFor(logging.INFO):
            return
        wall, cpu, server = time.perf_counter(), time.process_time(), self._server_cpu()
        log.info("postgresql apply, %s: %.2f s wall, %.2f s CPU here, %.2f s CPU of the server's process", step,
                 wall - self.wall, cpu - self.cpu, server - self.server_cpu)
        self.wall, self.cpu, self.server_cpu = wall, cpu, server
