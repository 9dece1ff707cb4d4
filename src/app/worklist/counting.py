"""The deadlines counted on two database connections at once.

Each kind is one or two queries the database answers on its own (SQLite in this process, PostgreSQL on the server);
Python's sqlite3 and psycopg let other threads run while a query executes. An office PC has two cores or more, so
the kinds split into two halves of about equal cost, each counted in its own read unit, take about half the time
of one after another (bench/bench_worklist.py measures both). Both halves read committed data; a save landing
between them can make one kind's count one newer than another's, as it could between two kinds read in turn.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from app.core.actor import Actor
from app.worklist.deadlines import KindCount, count_deadlines, enabled_kinds
from db.session import Database

# Relative cost of counting each kind for a coordinator of a whole region (bench/README.md, #17); the rest cost 1.
COST = {"consent": 4, "no_contact": 3, "plan_overdue": 3, "early_help_age": 1, "sop_no_visit": 1}


def split_kinds(codes: Iterable[str], parts: int = 2) -> list[list[str]]:
    """The kinds in `parts` groups of about equal cost (the costliest first, each to the lightest group), each
    group in the order given; no empty group."""
    codes = list(codes)
    groups: list[list[str]] = [[] for _ in range(max(1, parts))]
    loads = [0] * len(groups)
    for code in sorted(codes, key=lambda code: -COST.get(code, 1)):
        lightest = loads.index(min(loads))
        groups[lightest].append(code)
        loads[lightest] += COST.get(code, 1)
    order = {code: position for position, code in enumerate(codes)}
    return [sorted(group, key=order.__getitem__) for group in groups if group]


def _shares_connections(database: Database) -> bool:
    """A second connection sees the same data: not for an in-memory SQLite database (each connection its own)."""
    url = database.engine.url
    return not (url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"))


def count_deadlines_together(database: Database, actor: Actor, today: date | None = None,
                             kinds: Iterable[str] | None = None) -> dict[str, KindCount]:
    """What `count_deadlines` gives (its permission check included), counted in two halves at once."""
    today = today or date.today()
    wanted = None if kinds is None else set(kinds)
    with database.read() as session:
        codes = [code for code in enabled_kinds(session) if wanted is None or code in wanted]
        groups = split_kinds(codes)
        if len(groups) < 2 or not _shares_connections(database):
            return count_deadlines(session, actor, today, codes)

    def count(group: list[str]) -> dict[str, KindCount]:
        with database.read() as session:
            return count_deadlines(session, actor, today, group)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="deadline-count") as pool:
        other = pool.submit(count, groups[1])
        counts = count(groups[0])  # this thread counts its half meanwhile
        counts.update(other.result())
    return {code: counts[code] for code in codes if code in counts}
