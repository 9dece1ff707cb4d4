"""The deadlines counted in two halves on two connections at once give what one unit gives, for every role and
any choice of kinds; the permission check still holds; the halves are balanced and cover every kind once."""

from __future__ import annotations

import threading

import pytest

from app.core.errors import PermissionDenied
from app.worklist import counting
from app.worklist.counting import COST, count_deadlines_together, split_kinds
from app.worklist.deadlines import count_deadlines
from app.worklist.settings import KINDS
from tests.app.worklist.test_deadlines import TODAY, built  # noqa: F401 (a fixture)


def test_the_halves_cover_every_kind_once_and_are_balanced():
    codes = [kind.code for kind in KINDS]
    groups = split_kinds(codes)
    assert len(groups) == 2
    assert sorted(code for group in groups for code in group) == sorted(codes)
    loads = [sum(COST.get(code, 1) for code in group) for group in groups]
    assert abs(loads[0] - loads[1]) <= max(COST.values())
    for group in groups:  # each half keeps the order it was given
        assert group == [code for code in codes if code in group]
    assert split_kinds(["ipra"]) == [["ipra"]]
    assert split_kinds([]) == []


def test_the_same_counts_as_one_unit(database, world, built, monkeypatch):  # noqa: F811
    threads: set[str] = set()
    real = counting.count_deadlines

    def spying(session, actor, today, kinds):
        threads.add(threading.current_thread().name)
        return real(session, actor, today, kinds)

    monkeypatch.setattr(counting, "count_deadlines", spying)
    for actor in (world.coordinator, world.specialist):
        with database.read() as session:
            expected = count_deadlines(session, actor, TODAY)
        assert count_deadlines_together(database, actor, TODAY) == expected
        assert list(count_deadlines_together(database, actor, TODAY)) == list(expected)  # the kinds' order
        assert sum(count.total for count in expected.values()) > 0
        with database.read() as session:
            some = count_deadlines(session, actor, TODAY, ["consent", "ipra", "no_contact"])
        assert count_deadlines_together(database, actor, TODAY, iter(["no_contact", "consent", "ipra"])) == some
    assert any(name.startswith("deadline-count") for name in threads)  # the second half ran beside


def test_outside_the_permission(database, world):
    with pytest.raises(PermissionDenied):
        count_deadlines_together(database, world.admin, TODAY)
