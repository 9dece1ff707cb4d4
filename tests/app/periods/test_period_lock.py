"""The period lock through the services: a coordinator submits a quarter, every kind of dated record of it is then
refused in that office, an administrator reopens it with a reason (audited), and the figures as submitted are
kept and compared with the figures now."""

from __future__ import annotations

import json
import uuid
from datetime import date

import pytest
from sqlalchemy import select, update

from app.cases.cases import close_case, open_case
from app.cases.papers import URGENT_ACT, PaperData, UrgentGiven, add_paper
from app.cases.plan_items import PlanItemData, add_plan_item, mark_plan_item_done
from app.core.actor import COORDINATOR, Actor
from app.core.errors import PermissionDenied, ValidationError
from app.events.events import create_event, update_event
from app.periods.lock import compare_submission, list_submissions, reopen_submission, submit_quarter
from app.rehab.sessions import AttendanceMark, create_session, mark_attendance, update_session
from app.reports.periods import quarter
from app.reports.quarterly import compute_quarterly
from app.trips.trips import PlannedFamily, plan_trip, update_trip
from app.visits.visits import create_visit, delete_visit, update_visit
from db.models import AuditEntry, Office, PeriodSubmission, SessionParticipant, UrgentService, User
from tests.app.case_setup import case_data
from tests.app.cases.test_papers import service
from tests.app.events.test_events import _event
from tests.app.family_setup import mother_and_child
from tests.app.rehab_setup import at, session_data
from tests.app.trip_setup import family_living_in, trip_data
from tests.app.visits.test_visits import _visit

LOCKED = "III квартал 2026 г. сдан"
IN_Q3 = date(2026, 8, 12)
IN_Q4 = date(2026, 10, 14)


def _refused(error: pytest.ExceptionInfo, field: str) -> None:
    assert LOCKED in error.value.errors[field]
    assert "только для чтения" in error.value.errors[field]


@pytest.fixture
def q3(database, world):
    """A family with a visit, a session (attendance not marked), a trip, an event, a case and a plan row, all dated
    in the third quarter of 2026, and the quarter submitted by the coordinator; returns the ids."""
    family = mother_and_child(database, world)
    with database.write() as session:
        visit = create_visit(session, world.specialist, _visit(world, session, family.id, family.child_id,
                                                               visit_date=IN_Q3, next_visit_on=None)).id
        rehab = create_session(session, world.specialist, session_data(
            world, session, at(IN_Q3, 10), [family.child_id], staff_id=world.specialist.staff_id)).id
        trip_family, _child = family_living_in(world, session, "Тихонова", world.far_settlement_id)
        trip = plan_trip(session, world.coordinator, trip_data(
            world, [PlannedFamily(trip_family, "Консультация")], trip_date=IN_Q3)).id
        event = create_event(session, world.coordinator, _event(world, session, starts_on=IN_Q3)).id
        case = open_case(session, world.specialist, case_data(session, world, family, opened_on=date(2026, 7, 1))).id
        plan = add_plan_item(session, world.specialist, case, PlanItemData(
            "Консультация психолога", executor_staff_id=world.psychologist_id, due_on=IN_Q3)).id
    with database.write() as session:
        submitted = submit_quarter(session, world.coordinator, 2026, 3).id
    return dict(family=family, visit=visit, session=rehab, trip=trip, event=event, case=case, plan=plan,
                submission=submitted)


def test_submitting_keeps_the_figures_as_submitted(database, world, q3):
    with database.read() as session:
        row = session.get(PeriodSubmission, q3["submission"])
        now = compute_quarterly(session, quarter(2026, 3), office_ids=[world.office_id])
        assert json.loads(row.figures) == json.loads(json.dumps(now.to_json_dict(), ensure_ascii=False))
        assert json.loads(row.figures)["visits"]["home_visits"] == 1
        [listed] = list_submissions(session, world.coordinator)
        assert listed.locked and listed.title == "III квартал 2026 г." and listed.submitted_login == "coord"
        assert session.execute(select(AuditEntry.action).where(AuditEntry.entity == "period_submission")
                               ).scalars().all() == ["submit"]
        comparison = compare_submission(session, world.admin, q3["submission"])
        assert not comparison.differs and comparison.records == ()


def test_every_kind_of_dated_record_is_refused_in_the_locked_quarter(database, world, q3):
    family = q3["family"]
    with pytest.raises(ValidationError) as error, database.write() as session:
        update_visit(session, world.specialist, q3["visit"], _visit(world, session, family.id, family.child_id,
                                                                    visit_date=IN_Q3, purpose="Другое",
                                                                    next_visit_on=None))
    _refused(error, "visit_date")
    with pytest.raises(ValidationError) as error, database.write() as session:
        delete_visit(session, world.specialist, q3["visit"])
    _refused(error, "visit_date")
    with pytest.raises(ValidationError) as error, database.write() as session:
        create_visit(session, world.specialist, _visit(world, session, family.id, family.child_id,
                                                       visit_date=date(2026, 9, 30), next_visit_on=None))
    _refused(error, "visit_date")
    with pytest.raises(ValidationError) as error, database.write() as session:
        data = session_data(world, session, at(IN_Q3, 12), [family.child_id], staff_id=world.specialist.staff_id)
        create_session(session, world.specialist, data)
    _refused(error, "starts_at")
    with pytest.raises(ValidationError) as error, database.write() as session:
        data = session_data(world, session, at(IN_Q3, 10), [family.child_id], staff_id=world.specialist.staff_id,
                            topic="Новая тема")
        update_session(session, world.specialist, q3["session"], data)
    _refused(error, "starts_at")
    with pytest.raises(ValidationError) as error, database.write() as session:
        participant = session.execute(select(SessionParticipant.id)
                                      .where(SessionParticipant.session_id == q3["session"])).scalar_one()
        mark_attendance(session, world.specialist, [AttendanceMark(participant, True)])
    _refused(error, "starts_at")
    with pytest.raises(ValidationError) as error, database.write() as session:
        update_trip(session, world.coordinator, q3["trip"], trip_data(world, [], trip_date=IN_Q3, vehicle="ГАЗель"))
    _refused(error, "trip_date")
    with pytest.raises(ValidationError) as error, database.write() as session:
        update_event(session, world.coordinator, q3["event"], _event(world, session, starts_on=IN_Q3, title="Иное"))
    _refused(error, "starts_on")
    with pytest.raises(ValidationError) as error, database.write() as session:
        create_event(session, world.coordinator, _event(world, session, starts_on=date(2026, 7, 1)))
    _refused(error, "starts_on")
    with pytest.raises(ValidationError) as error, database.write() as session:
        open_case(session, world.specialist, case_data(session, world, family, opened_on=date(2026, 9, 1)))
    _refused(error, "opened_on")
    with pytest.raises(ValidationError) as error, database.write() as session:
        mark_plan_item_done(session, world.specialist, q3["plan"], IN_Q3, "Проведена")
    _refused(error, "done_on")
    reason = None
    with pytest.raises(ValidationError) as error, database.write() as session:
        reason = world.code(session, "case_closing_reason", "family_moved")
        close_case(session, world.specialist, q3["case"], date(2026, 9, 15), reason)
    _refused(error, "closed_on")
    # Outside the quarter, and work on records dated elsewhere, go on.
    with database.write() as session:
        create_visit(session, world.specialist, _visit(world, session, family.id, family.child_id,
                                                       visit_date=IN_Q4, next_visit_on=None))
        create_event(session, world.coordinator, _event(world, session, starts_on=IN_Q4))
        mark_plan_item_done(session, world.specialist, q3["plan"], IN_Q4, "Проведена в октябре")
        close_case(session, world.specialist, q3["case"], IN_Q4, reason)


def test_a_coordinator_of_other_offices_cannot_lock_yours(database, world):
    with database.write() as session:
        own = session.get(Office, world.office_id)
        other = Office(name="Северное отделение", organization_id=own.organization_id)
        session.add(other)
        session.flush()
        stranger = Actor(uuid.uuid4(), "coord2", COORDINATOR, office_ids=frozenset({other.id}))
        with pytest.raises(PermissionDenied):
            submit_quarter(session, stranger, 2026, 3, [world.office_id])
        with pytest.raises(PermissionDenied):
            submit_quarter(session, world.specialist, 2026, 3)
        with pytest.raises(PermissionDenied):
            submit_quarter(session, world.admin, 2026, 3, [world.office_id])
        with pytest.raises(ValidationError) as error:
            submit_quarter(session, world.coordinator, 2026, 5)
        assert "Квартал" in error.value.errors["quarter"]
        submit_quarter(session, stranger, 2026, 3)
        assert [row.office_names for row in list_submissions(session, stranger)] == [("Северное отделение",)]
        assert list_submissions(session, world.coordinator) == []


def test_an_administrator_reopens_with_a_reason_and_the_report_shows_what_changed(database, world, q3):
    family = q3["family"]
    with database.write() as session:
        with pytest.raises(PermissionDenied):
            reopen_submission(session, world.coordinator, q3["submission"], "Ошибка в дате визита")
        with pytest.raises(ValidationError) as error:
            reopen_submission(session, world.admin, q3["submission"], "  ")
        assert "Причина" in error.value.errors["reason"]
        reopen_submission(session, world.admin, q3["submission"], "Ошибка в дате визита, исправляем")
    with database.write() as session:
        with pytest.raises(ValidationError):
            reopen_submission(session, world.admin, q3["submission"], "Ещё раз открыть период")
        create_visit(session, world.specialist, _visit(world, session, family.id, family.child_id,
                                                       visit_date=date(2026, 9, 1), next_visit_on=None))
        update_event(session, world.coordinator, q3["event"], _event(world, session, starts_on=IN_Q3, title="Иное"))
    with database.read() as session:
        [row] = list_submissions(session, world.admin)
        assert not row.locked and row.reopened_login == "admin" and "исправляем" in (row.reopen_reason or "")
        assert "открыт" in row.state_text
        actions = session.execute(select(AuditEntry.action).where(AuditEntry.entity == "period_submission")
                                  .order_by(AuditEntry.id)).scalars().all()
        assert actions == ["submit", "reopen"]
        comparison = compare_submission(session, world.admin, q3["submission"])
        changed = {change.label: (change.submitted, change.now) for change in comparison.figures}
        assert changed["Визиты и выезды · визитов на дом"] == (1.0, 2.0)
        assert [(r.what, r.action, r.day) for r in comparison.records] == [
            ("Визит", "добавлено", date(2026, 9, 1)), ("Мероприятие", "изменено", IN_Q3)]
    # Submitted again, the quarter is locked again with the new figures.
    with database.write() as session:
        submit_quarter(session, world.coordinator, 2026, 3)
    with pytest.raises(ValidationError), database.write() as session:
        delete_visit(session, world.specialist, q3["visit"])
    with database.read() as session:
        rows = list_submissions(session, world.coordinator)
        assert [r.locked for r in rows] == [True, False]


def test_a_quarter_already_submitted_is_not_submitted_twice(database, world, q3):
    with pytest.raises(ValidationError) as error, database.write() as session:
        submit_quarter(session, world.coordinator, 2026, 3)
    assert "уже сдан" in error.value.errors["quarter"]


def test_an_urgent_service_written_through_the_orm_is_dated_by_its_act_family(database, world, q3):
    """The guard's rule for urgent services finds the office through the act (the row has no family): a service
    row added or moved into the locked quarter by any ORM writer is refused, one in the next quarter is not."""
    family = q3["family"]
    with database.write() as session:
        food = service(session, "urg_food")
        act = add_paper(session, world.specialist, PaperData(
            URGENT_ACT, family.id, family.mother_id, "9", IN_Q4, urgent=[UrgentGiven(food, IN_Q4)])).id
    with pytest.raises(ValidationError) as error, database.write() as session:
        session.add(UrgentService(id=uuid.uuid4(), paper_id=act, service_id=service(session, "urg_food"),
                                  given_on=IN_Q3, quantity=1))
    _refused(error, "given_on")
    with pytest.raises(ValidationError) as error, database.write() as session:
        row = session.execute(select(UrgentService).where(UrgentService.paper_id == act)).scalar_one()
        row.given_on = IN_Q3
    _refused(error, "given_on")
    with database.write() as session:
        session.add(UrgentService(id=uuid.uuid4(), paper_id=act, service_id=service(session, "urg_food"),
                                  given_on=IN_Q4, quantity=2))
    with database.read() as session:
        assert session.execute(select(UrgentService.given_on).where(UrgentService.paper_id == act)
                               ).scalars().all() == [IN_Q4, IN_Q4]


def test_the_lock_line_names_who_submitted(database, world, q3):
    """People know each other by name: the user's display name when this installation has the user, the login of a
    user it does not have (a submission made at another office and carried here)."""
    with database.write() as session:
        session.execute(update(User).where(User.login == "coord").values(display_name="Петрова Анна Ивановна"))
        session.execute(update(User).where(User.login == "admin").values(display_name=""))
    with database.read() as session:
        [listed] = list_submissions(session, world.coordinator)
    assert (listed.submitted_login, listed.submitted_by) == ("coord", "Петрова Анна Ивановна")
    assert "(Петрова Анна Ивановна; " in listed.state_text
    with database.write() as session:
        session.execute(update(PeriodSubmission).values(submitted_login="office2.coord"))
    with database.write() as session:
        reopen_submission(session, world.admin, q3["submission"], "Исправление")
    with database.read() as session:
        [listed] = list_submissions(session, world.coordinator)
    # A user without a display name is shown by login too.
    assert (listed.submitted_by, listed.reopened_by) == ("office2.coord", "admin")
    assert "(admin): Исправление" in listed.state_text
