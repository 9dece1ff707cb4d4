"""A read split in two halves (`app.core.split_read`): the halves are balanced and cover each part once, run at once
on two threads in one snapshot, and come back in the order asked, finished in the same snapshot."""

from __future__ import annotations

import threading

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.core.split_read import balanced_groups, run_split
from db.models import Office
from db.session import Database

COST = {"a": 5, "b": 3, "c": 3, "d": 1, "e": 1}


def test_the_halves_cover_every_part_once_and_are_balanced():
    names = ["e", "a", "d", "b", "c", "f"]
    groups = balanced_groups(names, COST)
    assert sorted(name for group in groups for name in group) == sorted(names)
    loads = [sum(COST.get(name, 1) for name in group) for group in groups]
    assert abs(loads[0] - loads[1]) <= max(COST.values())
    for group in groups:
        assert group == [name for name in names if name in group]
    assert balanced_groups(["a"], COST) == [["a"]]
    assert balanced_groups([], COST) == []
    assert len(balanced_groups(names, COST, parts=3)) == 3


def _offices(session: Session) -> int:
    return session.execute(select(func.count()).select_from(Office)).scalar_one()


def test_two_threads_one_snapshot_in_order(database):
    threads: dict[str, str] = {}
    names = ["a", "b", "c", "d", "e"]

    def run(session: Session, part: list[str]) -> dict[str, tuple[int, str]]:
        found = {}
        for name in part:
            threads[name] = threading.current_thread().name
            found[name] = (_offices(session), session.execute(select(Office.name).where(Office.is_main.is_(True)))
                           .scalar_one())
            if name == "a":  # a commit meanwhile belongs to neither half
                with database.write() as writer:
                    writer.execute(update(Office).where(Office.is_main.is_(True)).values(name="Новое имя"))
        return found

    def finish(session: Session, results: dict[str, tuple[int, str]]) -> tuple[list[str], set, str]:
        return list(results), set(results.values()), session.execute(
            select(Office.name).where(Office.is_main.is_(True))).scalar_one()

    order, values, finished_with = run_split(database, iter(names), COST, run, finish, thread_name="half")
    assert order == names
    assert len(values) == 1 and next(iter(values))[1] != "Новое имя"
    assert finished_with != "Новое имя"
    assert {name for name, thread in threads.items() if thread.startswith("half")}  # the other half beside
    assert {name for name, thread in threads.items() if not thread.startswith("half")}


def test_one_unit_where_connections_share_nothing():
    database = Database("sqlite://")
    try:
        names = run_split(database, ["a", "b", "c"], COST,
                          lambda _session, part: {name: threading.current_thread().name for name in part},
                          lambda _session, results: results)
    finally:
        database.dispose()
    assert list(names) == ["a", "b", "c"]
    assert set(names.values()) == {threading.current_thread().name}
