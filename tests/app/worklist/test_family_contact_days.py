"""The families' contact days (`family_contact_days`, migration 0021) stay equal to their sources whoever writes:
members joining, leaving and moving between families, visits and events made, moved, deleted and brought back,
families added to and removed from events, rows written in any order (as a changeset may apply them). After each
step the table equals its derivation (`check_contact_days`) and «без контакта» equals the slow reading of every
session, visit and event. The session-side writes are covered by test_contact_days (the same check).
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import delete, func, insert, select, text, update

from app.rehab.sessions import create_session
from app.visits.visits import VisitData, create_visit
from app.worklist.contact_days import check_contact_days, rebuild_contact_days
from db.models import (
    ContactSessionDay,
    Event,
    EventFamily,
    FamilyContactDay,
    FamilyMember,
    HomeVisit,
    RehabSession,
    SessionParticipant,
    VisitService,
    visit_staff,
)
from db.session import Database
from tests.app.rehab_setup import add_session, mother_with_children, session_data
from tests.app.worklist.test_contact_days import _assert_exact, _at, _program
from tests.app.worklist.test_deadlines import TODAY, _family, open_new_case
from tests.migration_files import migration_module

DELETED = datetime(2025, 12, 1, tzinfo=UTC)
DAYS = (TODAY - timedelta(days=40), TODAY, TODAY + timedelta(days=30))


def _days(database: Database, family_id: uuid.UUID) -> dict[date, int]:
    with database.read() as session:
        return {day: contacts for day, contacts in session.execute(
            select(FamilyContactDay.day, FamilyContactDay.contacts).where(FamilyContactDay.family_id == family_id))}


def _event(session, world, starts_on: date, families: list[uuid.UUID], person_id=None) -> uuid.UUID:
    event = Event(office_id=world.office_id, type_id=world.code(session, "event_type", "parent_club"),
                  title="Семинар для родителей", starts_on=starts_on, ends_on=starts_on,
                  format_id=world.code(session, "event_format", "mixed"))
    session.add(event)
    session.flush()
    for family_id in families:
        session.add(EventFamily(event_id=event.id, family_id=family_id, person_id=person_id))
    session.flush()
    return event.id


def _visit(session, world, family_id: uuid.UUID, day: date) -> uuid.UUID:
    return create_visit(session, world.coordinator, VisitData(
        family_id, day, [world.psychologist_id], "Патронаж", world.code(session, "delivery_mode", "family_home"))).id


def test_members_join_leave_and_move(database, world):
    first = _family(database, world, "Первова", date(2017, 3, 1))
    second = _family(database, world, "Вторая", date(2018, 3, 1))
    for family in (first, second):
        open_new_case(database, world, family, opened_on=TODAY - timedelta(days=300))
    with database.write() as session:
        add_session(world, session, _at(20), [first.child_id])
        add_session(world, session, _at(20, 15), [first.child_id])  # two places on one day: 2 contacts
        add_session(world, session, _at(70), [first.child_id])
    _assert_exact(database, _program(), DAYS)
    assert _days(database, first.id) == {TODAY - timedelta(days=20): 2, TODAY - timedelta(days=70): 1}
    assert _days(database, second.id) == {}
    with database.write() as session:  # the child also joins the second family (a guardian's)
        role = world.code(session, "member_role", "child")
        session.execute(insert(FamilyMember), [{"id": uuid.uuid4(), "family_id": second.id,
                                                "person_id": first.child_id, "role_id": role}])
    _assert_exact(database, _program(), DAYS)
    assert _days(database, second.id) == _days(database, first.id)
    with database.write() as session:  # leaves the first: its membership row moved to the second's mother's family
        session.execute(update(FamilyMember).where(FamilyMember.family_id == first.id,
                                                   FamilyMember.person_id == first.child_id)
                        .values(person_id=second.child_id))
    _assert_exact(database, _program(), DAYS)
    assert _days(database, first.id) == {}
    with database.write() as session:  # and the membership row deleted
        session.execute(delete(FamilyMember).where(FamilyMember.family_id == second.id,
                                                   FamilyMember.person_id == first.child_id))
    _assert_exact(database, _program(), DAYS)
    assert _days(database, second.id) == {}
    with database.read() as session:  # nothing kept at zero
        assert session.execute(select(func.min(FamilyContactDay.contacts))).scalar_one() in (None, 1)


def test_visits_and_events_made_moved_and_deleted(database, world):
    family = _family(database, world, "Событьева", date(2016, 5, 5))
    other = _family(database, world, "Гостева", date(2016, 6, 6))
    for each in (family, other):
        open_new_case(database, world, each, opened_on=TODAY - timedelta(days=400))
    with database.write() as session:
        visit = _visit(session, world, family.id, TODAY - timedelta(days=10))
        event = _event(session, world, TODAY - timedelta(days=10), [family.id, other.id])
        session.add(EventFamily(event_id=event, family_id=family.id, person_id=family.child_id))  # and a member
    _assert_exact(database, _program(), DAYS)
    assert _days(database, family.id) == {TODAY - timedelta(days=10): 3}
    steps = [
        update(HomeVisit).where(HomeVisit.id == visit).values(visit_date=TODAY - timedelta(days=50)),
        update(HomeVisit).where(HomeVisit.id == visit).values(family_id=other.id),
        update(HomeVisit).where(HomeVisit.id == visit).values(deleted_at=DELETED),
        update(HomeVisit).where(HomeVisit.id == visit).values(deleted_at=None),
        update(Event).where(Event.id == event).values(starts_on=TODAY - timedelta(days=100)),
        update(Event).where(Event.id == event).values(deleted_at=DELETED),
        update(Event).where(Event.id == event).values(deleted_at=None, starts_on=TODAY + timedelta(days=3)),
        # the member's row moved to the other family, then the other family's rows removed
        update(EventFamily).where(EventFamily.event_id == event, EventFamily.person_id.is_not(None))
        .values(family_id=other.id),
        delete(EventFamily).where(EventFamily.event_id == event, EventFamily.family_id == other.id),
        delete(visit_staff).where(visit_staff.c.visit_id == visit),
        delete(VisitService).where(VisitService.visit_id == visit),
        delete(HomeVisit).where(HomeVisit.id == visit),
    ]
    for step in steps:
        with database.write() as session:
            session.execute(step)
        _assert_exact(database, _program(), DAYS)
    assert _days(database, family.id) == {TODAY + timedelta(days=3): 1}
    assert _days(database, other.id) == {}
    with database.write() as session:  # the event itself deleted outright with its families
        session.execute(delete(EventFamily).where(EventFamily.event_id == event))
        session.execute(delete(Event).where(Event.id == event))
    _assert_exact(database, _program(), DAYS)
    assert _days(database, family.id) == {}


def test_children_written_before_their_parents(database, world):
    """A changeset may apply places before their session, an event's families before the event, a membership
    before the person's sessions: each contact is counted once, when its last row arrives."""
    if database.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL checks each foreign key at once: no writer there brings a child before its parent")
    family = _family(database, world, "Обратнова", date(2015, 1, 1))
    open_new_case(database, world, family, opened_on=TODAY - timedelta(days=200))
    session_id, event_id = uuid.uuid4(), uuid.uuid4()
    with database.write() as session:
        data = session_data(world, session, _at(15), [])
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
        session.execute(insert(SessionParticipant), [{"id": uuid.uuid4(), "session_id": session_id,
                                                      "person_id": family.child_id}])
        session.execute(insert(RehabSession), [{
            "id": session_id, "starts_at": _at(15), "duration_min": 40, "staff_id": world.psychologist_id,
            "service_id": data.service_id, "delivery_mode_id": world.code(session, "delivery_mode", "centre"),
            "cancelled": False, "is_group": False}])
        session.execute(insert(EventFamily), [{"id": uuid.uuid4(), "event_id": event_id, "family_id": family.id}])
        session.execute(insert(Event), [{
            "id": event_id, "office_id": world.office_id, "type_id": world.code(session, "event_type", "parent_club"),
            "title": "Клуб", "starts_on": TODAY - timedelta(days=15), "ends_on": TODAY - timedelta(days=15),
            "format_id": world.code(session, "event_format", "mixed")}])
    _assert_exact(database, _program(), DAYS)
    assert _days(database, family.id) == {TODAY - timedelta(days=15): 2}


def test_random_writes_on_every_source(database, world):
    """Random inserts, moves, soft and hard deletes on all six source tables; after each round the table equals
    its derivation and «без контакта» the slow reading, on several days."""
    rng = random.Random(21)
    families = [_family(database, world, name, date(2016, 1, 1) + timedelta(days=i))
                for i, name in enumerate(("Аленина", "Боброва", "Вишнева", "Голубева", "Дроздова"))]
    for each in families:
        open_new_case(database, world, each, opened_on=TODAY - timedelta(days=rng.randrange(30, 300)))
    with database.write() as session:
        extra, _mother = mother_with_children(world, session, 2, "Запасова")
    persons = [each.child_id for each in families] + extra
    family_ids = [each.id for each in families]
    with database.write() as session:
        role = world.code(session, "member_role", "child")
        service = session_data(world, session, _at(0), []).service_id
        mode = world.code(session, "delivery_mode", "centre")
    sessions: list[uuid.UUID] = []
    visits: list[uuid.UUID] = []
    events: list[uuid.UUID] = []
    for _round in range(4):
        with database.write() as session:
            for _ in range(15):
                sid = uuid.uuid4()
                session.execute(insert(RehabSession), [{
                    "id": sid, "starts_at": _at(rng.randrange(-20, 120), rng.randrange(8, 18)), "duration_min": 30,
                    "staff_id": world.psychologist_id, "service_id": service, "delivery_mode_id": mode,
                    "cancelled": rng.random() < 0.1, "is_group": True}])
                places = [{"id": uuid.uuid4(), "session_id": sid, "person_id": person}
                          for person in rng.sample(persons, rng.randint(0, 3))]
                if places:
                    session.execute(insert(SessionParticipant), places)
                sessions.append(sid)
            for _ in range(4):
                visits.append(_visit(session, world, rng.choice(family_ids), TODAY - timedelta(
                    days=rng.randrange(0, 120))))
                events.append(_event(session, world, TODAY - timedelta(days=rng.randrange(-10, 120)),
                                     rng.sample(family_ids, rng.randint(1, 3))))
            for person in rng.sample(persons, 2):  # memberships come and go
                target = rng.choice(family_ids)
                exists = session.execute(select(FamilyMember.id).where(
                    FamilyMember.family_id == target, FamilyMember.person_id == person)).first()
                if exists:
                    if rng.random() < 0.5:
                        session.execute(delete(FamilyMember).where(FamilyMember.id == exists.id))
                else:
                    session.execute(insert(FamilyMember), [{"id": uuid.uuid4(), "family_id": target,
                                                            "person_id": person, "role_id": role}])
            for sid in rng.sample(sessions, 5):
                session.execute(update(RehabSession).where(RehabSession.id == sid).values(
                    starts_at=_at(rng.randrange(-20, 120)), deleted_at=rng.choice((None, DELETED))))
            for visit in rng.sample(visits, 2):
                session.execute(update(HomeVisit).where(HomeVisit.id == visit).values(
                    visit_date=TODAY - timedelta(days=rng.randrange(0, 90)), family_id=rng.choice(family_ids),
                    deleted_at=rng.choice((None, DELETED))))
            for event in rng.sample(events, 2):
                session.execute(update(Event).where(Event.id == event).values(
                    starts_on=TODAY - timedelta(days=rng.randrange(-5, 90)), deleted_at=rng.choice((None, DELETED))))
            gone = rng.choice(events)
            events.remove(gone)
            session.execute(delete(EventFamily).where(EventFamily.event_id == gone))
            session.execute(delete(Event).where(Event.id == gone))
        _assert_exact(database, _program(), DAYS)


def test_the_migration_fill_equals_the_rebuild(database, world):
    family = _family(database, world, "Заливная", date(2016, 2, 2))
    with database.write() as session:
        children, _mother = mother_with_children(world, session, 2, "Наливкина")
        add_session(world, session, _at(3), children)
        create_session(session, world.coordinator, session_data(world, session, _at(3, 12), [family.child_id]))
        add_session(world, session, _at(3, 15), children)
        _visit(session, world, family.id, TODAY - timedelta(days=3))
        _event(session, world, TODAY - timedelta(days=4), [family.id])
    migration = migration_module("0021_family_contacts.py")
    with database.write() as session:
        session.execute(delete(FamilyContactDay))
        for statement in migration.fill_statements():
            session.execute(text(statement))
        assert check_contact_days(session).ok
        assert session.execute(select(func.sum(FamilyContactDay.contacts))).scalar_one() == 4 + 1 + 1 + 1
        persons = session.execute(select(func.count()).select_from(ContactSessionDay)).scalar_one()
        families = session.execute(select(func.count()).select_from(FamilyContactDay)).scalar_one()
        assert rebuild_contact_days(session) == persons + families
        assert check_contact_days(session).ok
