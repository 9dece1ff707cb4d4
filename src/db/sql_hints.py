"""Planner hints that differ between SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class without_index(FunctionElement[Any]):
    """The column's value, but not usable as an index key (SQLite: unary `+`; elsewhere the column).

    SQLite has no statistics unless ANALYZE ran, and in a correlated EXISTS it may drive the loop
    from a selective-looking index on the outer filter (all of one specialist's sessions) instead of
    from the correlated row (one family's members): thousands of steps per family instead of tens.
    Hiding that index leaves it only the right way round. PostgreSQL plans from its statistics.
    """

    inherit_cache = True
    name = "without_index"

    def __init__(self, column: Any) -> None:
        super().__init__(column)
        self.type = column.type


@compiles(without_index)
def _plain(element: without_index, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(without_index, "sqlite")
def _unary_plus(element: without_index, compiler: Any, **kw: Any) -> str:
    return f"+{compiler.process(element.clauses, **kw)}"
