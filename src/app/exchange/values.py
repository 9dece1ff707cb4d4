"""Values as SQLite stores them (the form changesets carry) and back, through each column's own SQLite
processors: a UUID is 32 hex digits, a time «2026-12-02 10:00:00.000000», a flag 0/1, JSON its text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Column
from sqlalchemy.dialects.sqlite.base import SQLiteDialect

_SQLITE = SQLiteDialect()


def to_raw(column: Column[Any], value: Any) -> Any:
    processor = column.type._cached_bind_processor(_SQLITE)
    return processor(value) if processor is not None and value is not None else value


def from_raw(column: Column[Any], value: Any) -> Any:
    processor = column.type._cached_result_processor(_SQLITE, None)
    return processor(value) if processor is not None and value is not None else value


def raw_row_maker(columns: Sequence[Column[Any]]) -> Callable[[Sequence[Any]], list[Any]]:
    """`to_raw` over a whole row, with each column's processor looked up once (copies run it millions of times)."""
    processors = [(index, processor) for index, column in enumerate(columns)
                  if (processor := column.type._cached_bind_processor(_SQLITE)) is not None]

    def make(row: Sequence[Any]) -> list[Any]:
        values = list(row)
        for index, processor in processors:
            value = values[index]
            if value is not None:
                values[index] = processor(value)
        return values

    return make
