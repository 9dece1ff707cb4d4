"""The counts the «Сегодня» screen shows are the lengths of the lists the command line prints, kind by kind and
for each role, on a generated dataset (every kind present) and on several dates; a group's pages, read one after
another, are its list in order with no row twice; and nobody sees a deadline of a family outside their scope."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.core.actor import COORDINATOR, SPECIALIST, Actor
from app.worklist.deadlines import PAGE_SIZE, compute_deadlines, count_deadlines, deadline_page
from app.worklist.kinds import latest_birth
from app.worklist.settings import KINDS, write_deadline_setting
from db.models import Family, Office
from db.models.caseload import CaseloadEntry as Caseload
from tests.app.worklist.test_deadlines import TODAY

DAYS = (TODAY - timedelta(days=200), TODAY, TODAY + timedelta(days=60))


@pytest.fixture
def demo(database):
    from demo.generator import generate_demo

    generate_demo(database, families=60, seed=17, today=TODAY)
    return database


def _actors(session) -> dict[str, Actor]:
    offices = sorted(session.execute(select(Office.id)).scalars())
    busiest = session.execute(select(Caseload.staff_id).group_by(Caseload.staff_id)
                              .order_by(func.count().desc(), Caseload.staff_id).limit(1)).scalar_one()
    return {
        "coordinator of every office": Actor(uuid.uuid4(), "all", COORDINATOR, office_ids=frozenset(offices)),
        "coordinator of the first office": Actor(uuid.uuid4(), "one", COORDINATOR, office_ids=frozenset(offices[:1])),
        "busiest specialist": Actor(uuid.uuid4(), "spec", SPECIALIST, staff_id=busiest),
        "specialist without families": Actor(uuid.uuid4(), "idle", SPECIALIST, staff_id=uuid.uuid4()),
    }


def _check(session, actor: Actor, day: date, label: str) -> Counter:
    whole = compute_deadlines(session, actor, day)
    counts = count_deadlines(session, actor, day)
    by_kind = Counter(d.kind for d in whole)
    late = Counter(d.kind for d in whole if d.overdue(day))
    assert set(counts) == {kind.code for kind in KINDS}, label
    for code, count in counts.items():
        assert (count.total, count.overdue) == (by_kind[code], late[code]), (label, day, code)
        listed = [d for d in whole if d.kind == code]
        pages, offset = [], 0
        while True:
            page = deadline_page(session, actor, code, day, offset, 7)
            pages.extend(page)
            offset += 7
            if len(page) < 7:
                break
        assert pages == listed, (label, day, code)  # in the list's order, none twice, none left out
        assert deadline_page(session, actor, code, day) == listed[:PAGE_SIZE]
    return by_kind


def test_counts_equal_the_lists_for_every_kind_role_and_day(demo):
    with demo.read() as session:
        actors = _actors(session)
        office_of = {str(family_id): office for family_id, office in session.execute(select(Family.id,
                                                                                             Family.office_id))}
        linked = {str(family_id) for family_id in session.execute(select(Caseload.family_id).where(
            Caseload.staff_id == actors["busiest specialist"].staff_id)).scalars()}
        first_office = next(iter(actors["coordinator of the first office"].office_ids))
        seen: Counter = Counter()
        for day in DAYS:
            for label, actor in actors.items():
                found = _check(session, actor, day, label)
                seen.update(found)
                whole = compute_deadlines(session, actor, day)
                if label == "coordinator of the first office":
                    assert {office_of[d.family_id] for d in whole} <= {first_office}
                if label == "busiest specialist":
                    assert {d.family_id for d in whole} <= linked and whole
                if label == "specialist without families":
                    assert not whole
                    assert all(count.total == 0 for count in count_deadlines(session, actor, day).values())
    # the generated data has every kind on some day (else the comparison above proves little)
    assert all(seen[kind.code] for kind in KINDS if kind.code != "kdn_review"), seen


def test_a_switched_off_kind_is_neither_counted_nor_paged(database, world):
    with database.write() as session:
        write_deadline_setting(session, world.admin, "consent", False, 30)
    with database.read() as session:
        assert "consent" not in count_deadlines(session, world.coordinator, TODAY)
        assert deadline_page(session, world.coordinator, "consent", TODAY) == []
        assert count_deadlines(session, world.coordinator, TODAY, ["ipra"]).keys() == {"ipra"}


@pytest.mark.parametrize("day", [date(2026, 2, 28), date(2028, 2, 28), date(2028, 2, 29), date(2027, 3, 1),
                                 date(2025, 12, 31)])
def test_the_last_birth_date_of_an_age_agrees_with_add_years(day):
    from app.core.dates import add_years

    for age in (3, 18):
        born = latest_birth(day, age)
        assert add_years(born, age) <= day < add_years(born + timedelta(days=1), age)


def test_an_adults_ipra_is_not_listed_nor_counted(database, world):
    from app.core.dates import add_years
    from app.registry.children import ChildProfileData, save_child_profile
    from tests.app.worklist.test_deadlines import _family

    # registered as children; ten days on, one of them is 18
    ages = {"Старшая": add_years(TODAY, -18) + timedelta(days=5), "Младшая": add_years(TODAY, -18) + timedelta(days=20)}
    for last, birth in ages.items():
        family = _family(database, world, last, birth)
        with database.write() as session:
            save_child_profile(session, world.coordinator, family.child_id, ChildProfileData(
                is_disabled=True, disability_since=TODAY - timedelta(days=700), ipra_number="1/2025",
                ipra_date=TODAY - timedelta(days=700), ipra_term="2y", ipra_until=TODAY + timedelta(days=30)))
    later = TODAY + timedelta(days=10)
    with database.read() as session:
        assert len(compute_deadlines(session, world.coordinator, TODAY, ["ipra"])) == 2
        listed = compute_deadlines(session, world.coordinator, later, ["ipra"])
        assert [d.family_title.split()[0] for d in listed] == ["Младшая"]  # 18 already: no ИПРА of a child
        assert count_deadlines(session, world.coordinator, later, ["ipra"])["ipra"] == (1, 0)
