"""Bulk inserts of complete rows straight through the driver, with the values SQLAlchemy would store.

A journal of a million lines inserts about half a million sessions, a million participants and half a million
audit rows. Through `session.execute(insert(table), rows)` SQLAlchemy builds each row's parameters in Python
(per row: the compiled statement's parameter dictionary, a bind processor per UUID, date and flag column) —
a sizeable part of the write's CPU. Here the statement is compiled once per table and set of columns, each
column's bind processor is looked up once, and the rows go to the driver's `executemany` as plain tuples
(or dictionaries, for a driver with named parameters) in one pass: the same stored values (the same processors
do the converting), the same statement and transaction, no per-row bookkeeping.

Only for rows that name every column with a Python-side default (the insert would otherwise have to run that
default per row, which SQLAlchemy does and this does not): `insert_rows` refuses rows missing one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

Processor = Callable[[Any], Any] | None
_compiled: dict[tuple[int, str, tuple[str, ...]], tuple[str, list[str], list[Processor]]] = {}


def _statement(table: Table, dialect: Dialect, keys: tuple[str, ...]) -> tuple[str, list[str], list[Processor]]:
    """(SQL, parameter names in the driver's order, each one's bind processor) for inserting `keys`."""
    memo_key = (id(table), dialect.name, keys)
    found = _compiled.get(memo_key)
    if found is not None:
        return found
    defaulted = [c.name for c in table.columns if c.name not in keys and (c.default is not None or c.onupdate)]
    if defaulted:
        raise ValueError(f"{table.name}: rows lack columns with Python-side defaults: {', '.join(defaulted)}")
    compiled = insert(table).compile(dialect=dialect, column_keys=list(keys))
    names = list(compiled.positiontup) if compiled.positional and compiled.positiontup else list(compiled.params)
    # Each parameter is named after its column here (a plain INSERT … VALUES of the table's own columns).
    processors: list[Processor] = [table.columns[name].type.dialect_impl(dialect).bind_processor(dialect)
                                   for name in names]
    made = (compiled.string, [str(name) for name in names], processors)
    _compiled[memo_key] = made
    return made


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (dictionaries with the same keys, every column they set) with one driver executemany."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    sql, names, processors = _statement(table, dialect, tuple(rows[0]))
    pairs = list(zip(names, processors, strict=True))
    if dialect.positional:
        params: list[Any] = [tuple([row[name] if process is None else process(row[name]) for name, process in pairs])
                             for row in rows]
    else:
        params = [{name: row[name] if process is None else process(row[name]) for name, process in pairs}
                  for row in rows]
    connection.exec_driver_sql(sql, params)
