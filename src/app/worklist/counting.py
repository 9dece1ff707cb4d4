"""The deadlines counted on two database connections at once (`app.core.split_read`).

Each kind is one or two queries; the kinds split into two halves of about equal cost, counted at once on two
connections that see the same data (bench/bench_worklist.py measures one unit against two).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.split_read import balanced_groups, run_split
from app.worklist.deadlines import KindCount, count_deadlines, enabled_kinds
from db.session import Database

# Relative cost of counting each kind for a coordinator of a whole region (bench/README.md, #17); the rest cost 1.
COST = {"consent": 4, "no_contact": 3, "plan_overdue": 3, "early_help_age": 1, "sop_no_visit": 1}


def split_kinds(codes: Iterable[str], parts: int = 2) -> list[list[str]]:
    """The kinds in `parts` groups of about equal cost, each group in the order given; no empty group."""
    return balanced_groups(codes, COST, parts)


def count_deadlines_together(database: Database, actor: Actor, today: date | None = None,
                             kinds: Iterable[str] | None = None) -> dict[str, KindCount]:
    """What `count_deadlines` gives (its permission check included), counted in two halves at once."""
    today = today or date.today()
    wanted = None if kinds is None else set(kinds)
    with database.read() as session:
        codes = [code for code in enabled_kinds(session) if wanted is None or code in wanted]
        if len(codes) < 2:
            return count_deadlines(session, actor, today, codes)

    def count(session: Session, group: list[str]) -> dict[str, KindCount]:
        return count_deadlines(session, actor, today, group)

    return run_split(database, codes, COST, count, lambda _session, counts: counts, thread_name="deadline-count")
