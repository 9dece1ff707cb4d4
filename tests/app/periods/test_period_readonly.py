"""«Is this record locked, and why» (app.periods.readonly): the same answer as the guard for every kind of dated
record — whole records of the submitted quarter locked, the same kinds in the next quarter not, a case and a plan
row only in their dates that lie in it, nothing after the administrator reopens the period."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from app.cases.cases import close_case, open_case
from app.cases.papers import URGENT_ACT, PaperData, UrgentGiven, add_paper
from app.cases.plan_items import PlanItemData, add_plan_item, mark_plan_item_done
from app.core.errors import ValidationError
from app.effectiveness.assessments import (
    INTAKE,
    REVIEW,
    AssessmentData,
    delete_assessment,
    record_assessment,
    update_assessment,
)
from app.events.events import create_event
from app.periods.lock import reopen_submission, submit_quarter
from app.periods.readonly import record_lock, record_locks
from app.rehab.sessions import create_session
from app.trips.trips import PlannedFamily, plan_trip
from app.visits.visits import create_visit, update_visit
from db.models import SessionParticipant
from tests.app.assessment_setup import criteria, instrument_id
from tests.app.case_setup import case_data
from tests.app.cases.test_papers import service
from tests.app.events.test_events import _event
from tests.app.family_setup import mother_and_child
from tests.app.rehab_setup import at, session_data
from tests.app.trip_setup import family_living_in, trip_data
from tests.app.visits.test_visits import _visit

IN_Q3 = date(2026, 8, 12)
IN_Q4 = date(2026, 10, 14)
BANNER = "Период III квартал 2026 сдан"


def build_periods(database, world) -> dict:
    """Each kind of dated record (an urgent-services act among them) once in the third quarter of 2026 and once in
    the fourth, a case opened in the third and closed in it, one closed in the fourth, a plan row done in the third;
    the third quarter submitted by the coordinator. Returns the ids as {"<kind>": (locked id, open id), ...}."""
    family = mother_and_child(database, world)
    ids: dict = {"family": family}
    with database.write() as session:
        def visit(day: date):
            return create_visit(session, world.specialist, _visit(world, session, family.id, family.child_id,
                                                                  visit_date=day, next_visit_on=None)).id

        def rehab(day: date):
            return create_session(session, world.specialist, session_data(
                world, session, at(day, 10), [family.child_id], staff_id=world.specialist.staff_id)).id

        trip_family, _child = family_living_in(world, session, "Тихонова", world.far_settlement_id)

        def trip(day: date):
            return plan_trip(session, world.coordinator, trip_data(
                world, [PlannedFamily(trip_family, "Консультация")], trip_date=day)).id

        def event(day: date):
            return create_event(session, world.coordinator, _event(world, session, starts_on=day)).id

        ids["visit"] = (visit(IN_Q3), visit(IN_Q4))
        ids["session"] = (rehab(IN_Q3), rehab(IN_Q4))
        ids["trip"] = (trip(IN_Q3), trip(IN_Q4))
        ids["event"] = (event(IN_Q3), event(IN_Q4))
        reason = world.code(session, "case_closing_reason", "family_moved")
        closed_q3 = open_case(session, world.specialist, case_data(session, world, family, opened_on=date(2026, 7, 1)))
        closed_q4 = open_case(session, world.specialist, case_data(session, world, family, kind="ippsu",
                                                                   opened_on=date(2026, 7, 2)))
        done = add_plan_item(session, world.specialist, closed_q4.id, PlanItemData(
            "Консультация психолога", executor_staff_id=world.psychologist_id, due_on=IN_Q3)).id
        pending = add_plan_item(session, world.specialist, closed_q4.id, PlanItemData(
            "Патронаж", executor_staff_id=world.psychologist_id, due_on=IN_Q4)).id
        mark_plan_item_done(session, world.specialist, done, IN_Q3, "Проведена")
        close_case(session, world.specialist, closed_q3.id, date(2026, 9, 1), reason)
        close_case(session, world.specialist, closed_q4.id, IN_Q4, reason)
        ids["case"] = (closed_q3.id, closed_q4.id)
        ids["plan_item"] = (done, pending)
        urgent = service(session, "urg_food")
        ids["urgent_act"] = tuple(add_paper(session, world.specialist, PaperData(
            URGENT_ACT, family.id, family.mother_id, number, day, urgent=[UrgentGiven(urgent, day)])).id
            for number, day in (("7", IN_Q3), ("8", IN_Q4)))
        ids["assessment"] = tuple(record_assessment(session, world.specialist, assessment_data(
            session, world, family.id, closed_q4.id, kind, day)).id for kind, day in ((INTAKE, IN_Q3), (REVIEW, IN_Q4)))
        ids["participant"] = session.execute(select(SessionParticipant.id).where(
            SessionParticipant.session_id == ids["session"][0])).scalar_one()
    with database.write() as session:
        ids["submission"] = submit_quarter(session, world.coordinator, 2026, 3).id
    return ids


def assessment_data(session, world, family_id, case_id, kind: str, day: date, value: int = 2) -> AssessmentData:
    return AssessmentData(family_id, instrument_id(session), kind, day, world.psychologist_id, case_id=case_id,
                          values=dict.fromkeys(criteria(session), value))


@pytest.fixture
def periods(database, world):
    return build_periods(database, world)


def test_records_of_the_submitted_quarter_are_locked_as_the_guard_says(database, world, periods):
    with database.read() as session:
        for kind in ("visit", "session", "trip", "event", "urgent_act", "assessment"):
            locked, open_ = periods[kind]
            found = record_lock(session, kind, locked)
            assert found is not None and found.whole, kind
            assert found.message.startswith(BANNER) and "только для просмотра" in found.message
            assert "администратор" in found.message
            assert record_lock(session, kind, open_) is None, kind
        # An attendance row is dated by its session.
        assert record_lock(session, SessionParticipant, periods["participant"]) is not None
        case = record_lock(session, "case", periods["case"][0])
        assert case is not None and not case.whole and case.fields == ("opened_on", "closed_on")
        assert case.touches(frozenset({"closed_on"})) and not case.touches(frozenset({"notes"}))
        assert "дата начала сопровождения" in case.message
        # Opened in the submitted quarter, closed in the next one: only the opening date is fixed.
        later = record_lock(session, "case", periods["case"][1])
        assert later is not None and later.fields == ("opened_on",) and not later.touches(frozenset({"closed_on"}))
        plan = record_lock(session, "plan_item", periods["plan_item"][0])
        assert plan is not None and plan.fields == ("done_on",) and not plan.whole
        assert record_lock(session, "plan_item", periods["plan_item"][1]) is None
        assert record_lock(session, "visit", None) is None
        assert set(record_locks(session, "visit", list(periods["visit"]))) == {periods["visit"][0]}
    # The guard agrees: the locked visit is refused, the open one saved.
    family = periods["family"]
    with pytest.raises(ValidationError), database.write() as session:
        update_visit(session, world.specialist, periods["visit"][0], _visit(
            world, session, family.id, family.child_id, visit_date=IN_Q3, purpose="Иное", next_visit_on=None))
    with database.write() as session:
        update_visit(session, world.specialist, periods["visit"][1], _visit(
            world, session, family.id, family.child_id, visit_date=IN_Q4, purpose="Иное", next_visit_on=None))


def test_reopened_period_locks_nothing(database, world, periods):
    with database.write() as session:
        reopen_submission(session, world.admin, periods["submission"], "Исправление даты визита")
    with database.read() as session:
        for kind in ("visit", "session", "trip", "event", "case", "plan_item", "urgent_act", "assessment"):
            assert record_lock(session, kind, periods[kind][0]) is None, kind
        assert record_locks(session, "visit", list(periods["visit"])) == {}


def test_an_assessment_of_the_submitted_quarter_is_refused_every_way(database, world, periods):
    """The effectiveness report's evidence stays as submitted: a locked assessment cannot be changed (its notes,
    its steps alone, its date moved out of the quarter) nor deleted; the next quarter's one can."""
    family, case_id = periods["family"], periods["case"][1]
    locked, open_ = periods["assessment"]
    changes = [
        lambda s: update_assessment(s, world.specialist, locked, replace(assessment_data(
            s, world, family.id, case_id, INTAKE, IN_Q3), notes="Дополнено")),
        lambda s: update_assessment(s, world.specialist, locked, assessment_data(
            s, world, family.id, case_id, INTAKE, IN_Q3, value=3)),
        lambda s: update_assessment(s, world.specialist, locked, assessment_data(
            s, world, family.id, case_id, INTAKE, IN_Q4)),
        lambda s: delete_assessment(s, world.specialist, locked),
    ]
    for change in changes:
        with pytest.raises(ValidationError) as refused, database.write() as session:
            change(session)
        assert "III квартал 2026" in str(refused.value)
    with database.write() as session:
        update_assessment(session, world.specialist, open_, assessment_data(
            session, world, family.id, case_id, REVIEW, IN_Q4, value=3))
        delete_assessment(session, world.specialist, open_)
