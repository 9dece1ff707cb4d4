"""One read split in two halves run at once, on two connections that see the same data (`db.snapshot`).

Each part of such a read is one or a few queries the database answers on its own (SQLite in this process, PostgreSQL
on the server); Python's sqlite3 and psycopg let other threads run while a query executes. An office PC has two cores
or more, so parts split into two halves of about equal cost take about half the time of one after another. The
halves read one snapshot, so their figures fit together as if one unit had read them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from sqlalchemy.orm import Session

from db.session import Database
from db.snapshot import snapshot_reads

T = TypeVar("T")
R = TypeVar("R")
Run = Callable[[Session, list[str]], dict[str, T]]


def balanced_groups(names: Iterable[str], cost: Mapping[str, float], parts: int = 2) -> list[list[str]]:
    """The names in `parts` groups of about equal cost (the costliest first, each to the lightest group; a name
    missing from `cost` costs 1), each group in the order given; no empty group."""
    names = list(names)
    groups: list[list[str]] = [[] for _ in range(max(1, parts))]
    loads = [0.0] * len(groups)
    for name in sorted(names, key=lambda name: -cost.get(name, 1)):
        lightest = loads.index(min(loads))
        groups[lightest].append(name)
        loads[lightest] += cost.get(name, 1)
    order = {name: position for position, name in enumerate(names)}
    return [sorted(group, key=order.__getitem__) for group in groups if group]


def run_split(database: Database, names: Iterable[str], cost: Mapping[str, float], run: Run[T],
              finish: Callable[[Session, dict[str, T]], R], thread_name: str = "split-read") -> R:
    """`run(session, part_of_names)` for two balanced halves of `names` at once (this thread runs the first, a
    worker thread the second), then `finish(session, results)` (results in the order of `names`) in the same
    snapshot; one unit when there is one part or the database cannot share a snapshot across connections."""
    names = list(names)
    groups = balanced_groups(names, cost)
    with snapshot_reads(database, 2 if len(groups) > 1 else 1) as sessions:
        if len(sessions) < 2:
            results = run(sessions[0], names)
        else:
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix=thread_name) as pool:
                other = pool.submit(run, sessions[1], groups[1])
                results = run(sessions[0], groups[0])
                results.update(other.result())
        return finish(sessions[0], {name: results[name] for name in names if name in results})
