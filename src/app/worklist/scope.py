"""The families a deadline query covers (`deadline_scope`), and `unindexed`, which keeps SQLite from starting a
query from a column that only filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from app.core.access import family_scope
from app.core.actor import COORDINATOR, Actor
from db.models import Family, Office


class unindexed(FunctionElement[Any]):
    """A column SQLite must not drive a query from (`+column`; the column itself elsewhere).

    Most kinds start from a few rows found by a date index (an ИПРА ending, a plan row overdue); the families the
    user works with are then a filter on each. SQLite, which has no statistics here, would otherwise start from
    the IN (…) list of every family in scope and walk all their members (hundreds of ms for a coordinator)."""

    inherit_cache = True
    name = "unindexed"

    def __init__(self, column: Any) -> None:
        super().__init__(column)
        self.type = column.type


@compiles(unindexed)
def _unindexed_default(element: unindexed, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element: unindexed, compiler: Any, **kw: Any) -> str:
    return "+" + str(compiler.process(element.clauses, **kw))


@dataclass(frozen=True)
class Scope:
    """The families the user works with, as two conditions on `Family`: `driving` for a query that walks them
    (indexed), `row` for a filter on each row a date index found (for a coordinator never the query's starting
    point; a specialist's few families are the better start for every kind, so both are the same for them)."""

    driving: ColumnElement[bool]
    row: ColumnElement[bool]
    wide: bool  # at least half of the region's offices: a set read once beats a probe per member


def family_ids(actor: Actor) -> Select:
    """The ids of the families the actor works with, in the form for IN over many families."""
    return select(Family.id).where(family_scope(actor, Family, many=True))


def deadline_scope(session: Session, actor: Actor) -> Scope:
    """A coordinator's families are those of their offices (`app.core.access.family_scope`): checked on the row
    found by its office, which costs nothing, instead of an IN over the ids of every family of the offices, which
    SQLite builds again for each kind (20,000 ids for a coordinator of every office, ~20 ms a kind)."""
    driving = family_scope(actor, Family, many=True)
    if actor.case_role == COORDINATOR and actor.user_id is not None and actor.office_ids:
        offices = session.execute(select(func.count()).select_from(Office)).scalar_one()
        return Scope(driving, unindexed(Family.office_id).in_(sorted(actor.office_ids)),
                     2 * len(actor.office_ids) >= offices)
    if actor.user_id is None:  # the program itself: every family
        return Scope(driving, unindexed(Family.id).in_(family_ids(actor)), True)
    # A specialist's families (a few hundred, from the caseload's key) are the better start for every kind: the
    # plan rows overdue of their cases by case, not every open overdue row of the region filtered (32 → 11 ms).
    return Scope(driving, driving, False)
