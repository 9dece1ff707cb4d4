"""Completing a trip in one go: outcomes, visits and the children's sessions in one transaction."""

from __future__ import annotations

from datetime import time

import pytest
from sqlalchemy import select

from app.core.errors import ValidationError
from app.rehab.sessions import cancel_session
from app.trips.completion import (
    FamilyCompletion,
    TripSession,
    complete_trip_with_sessions,
    suggest_trip_families,
    trip_children,
)
from app.trips.reads import load_trip
from app.trips.trips import PlannedFamily, TripOutcome, TripVisit, plan_trip
from db.models import BrigadeTrip, HomeVisit, RehabSession, SessionParticipant
from tests.app.rehab_setup import add_session, at, service_by_code
from tests.app.trip_setup import TRIP_DAY, family_living_in, trip_data


@pytest.fixture
def planned(database, world) -> dict:
    with database.write() as session:
        near, near_child = family_living_in(world, session, "Иванова", world.near_settlement_id)
        far, far_child = family_living_in(world, session, "Петрова", world.far_settlement_id)
        trip_id = plan_trip(session, world.specialist, trip_data(
            world, [PlannedFamily(near, "Логопед"), PlannedFamily(far, "Психолог")])).id
    with database.read() as session:
        rows = {row.family_id: row.id for row in load_trip(session, world.coordinator, trip_id).families}
        service = service_by_code(session)
    return {"trip": trip_id, "near": rows[near], "far": rows[far], "near_child": near_child,
            "far_child": far_child, "service": service}


def test_trip_children_lists_the_minors_of_planned_families(database, planned, world):
    with database.read() as session:
        children = trip_children(session, world.coordinator, planned["trip"])
    assert {(c.trip_family_id, c.person_id, c.name) for c in children} == {
        (planned["near"], planned["near_child"], "Иванова Ира"), (planned["far"], planned["far_child"], "Петрова Ира")}


def test_completion_creates_visits_and_sessions_in_one_go(database, world, planned):
    families = [
        FamilyCompletion(TripOutcome(planned["near"], True, "Проведено", TripVisit(purpose="Патронаж")),
                         [TripSession(planned["near_child"], planned["service"], world.speech_therapist_id,
                                      time(11, 30), 30, "Звуки")]),
        FamilyCompletion(TripOutcome(planned["far"], False, "Семьи не было дома")),
    ]
    with database.write() as session:
        saved = complete_trip_with_sessions(session, world.specialist, planned["trip"], families)
    assert saved.changes == frozenset({"trips", "visits", "sessions"})
    with database.read() as session:
        assert session.get(BrigadeTrip, planned["trip"]).status == "done"
        assert session.execute(select(HomeVisit.purpose)).scalars().all() == ["Патронаж"]
        row = session.execute(select(RehabSession.starts_at, RehabSession.duration_min, RehabSession.staff_id,
                                     RehabSession.delivery_mode_id, RehabSession.place, RehabSession.topic)
                              ).one()
        person = session.execute(select(SessionParticipant.person_id)).scalar_one()
        mode = world.code(session, "delivery_mode", "mobile")
    assert (row.starts_at.date(), row.starts_at.time(), row.duration_min) == (TRIP_DAY, time(11, 30), 30)
    assert (row.staff_id, row.delivery_mode_id, row.place, row.topic) == (
        world.speech_therapist_id, mode, "Центральный", "Звуки")
    assert person == planned["near_child"]


def test_a_refused_session_saves_nothing(database, world, planned):
    families = [
        FamilyCompletion(TripOutcome(planned["near"], True, None, TripVisit(purpose="Патронаж")),
                         [TripSession(planned["far_child"], planned["service"], world.psychologist_id),
                          TripSession(planned["near_child"], None, world.psychologist_id)]),
        FamilyCompletion(TripOutcome(planned["far"], False, "Не застали"),
                         [TripSession(planned["far_child"], planned["service"], world.psychologist_id)]),
    ]
    with pytest.raises(ValidationError) as caught, database.write() as session:
        complete_trip_with_sessions(session, world.specialist, planned["trip"], families)
    errors = caught.value.errors
    assert "из этой семьи" in errors["outcomes.0.sessions.0.person_id"]
    assert "«Услуга»" in errors["outcomes.0.sessions.1.service_id"]
    assert "выполнена" in errors["outcomes.1.sessions.0.person_id"]
    with database.read() as session:
        assert session.get(BrigadeTrip, planned["trip"]).status == "planned"
        assert session.execute(select(HomeVisit.id)).all() == []
        assert session.execute(select(RehabSession.id)).all() == []


def test_suggestions_add_children_with_sessions_on_the_trip_day(database, world, planned):
    with database.write() as session:
        add_session(world, session, at(TRIP_DAY, 11), [planned["far_child"]])
        add_session(world, session, at(TRIP_DAY, 14), [planned["far_child"]])
        cancelled = add_session(world, session, at(TRIP_DAY, 16), [planned["near_child"]])
        cancel_session(session, world.specialist, cancelled)
    with database.read() as session:
        rows = suggest_trip_families(session, world.coordinator,
                                     [world.far_settlement_id, world.near_settlement_id], TRIP_DAY)
    assert [row.title for row in rows] == ["Петрова Мария", "Иванова Мария"]  # route order kept
    far, near = rows
    assert far.reasons[-1] == "Занятия детей на дату выезда: 2"
    assert not any("Занятия" in reason for reason in near.reasons)
