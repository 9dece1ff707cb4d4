"""Mobile-brigade trips: planning, editing, cancelling, completion creating visits."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.core.errors import NotFound, PermissionDenied, ValidationError
from app.trips.reads import list_trips, load_trip
from app.trips.trips import (
    PlannedFamily,
    TripOutcome,
    TripVisit,
    cancel_trip,
    complete_trip,
    delete_trip,
    plan_trip,
    update_trip,
)
from app.visits.visits import GivenService, VisitData, list_visits, load_visit
from db.models import AuditEntry, BrigadeTrip, HomeVisit, Service, TripFamily
from tests.app.trip_setup import TRIP_DAY, family_living_in, trip_data


def _service(session):
    return session.execute(select(Service.id).where(Service.code == "psy_consulting_home")).scalar_one()


@pytest.fixture
def two_families(database, world) -> dict:
    with database.write() as session:
        near, near_child = family_living_in(world, session, "Иванова", world.near_settlement_id)
        far, far_child = family_living_in(world, session, "Петрова", world.far_settlement_id)
        other, _ = family_living_in(world, session, "Сидорова", world.other_settlement_id)
    return {"near": near, "near_child": near_child, "far": far, "far_child": far_child, "other": other}


def test_plan_trip_and_list_it(database, world, two_families):
    families = [PlannedFamily(two_families["far"], "Консультация психолога"),
                PlannedFamily(two_families["near"], "Логопед")]
    future = date.today() + timedelta(days=30)
    with database.write() as session:
        saved = plan_trip(session, world.specialist, trip_data(world, families, trip_date=future))
    assert saved.changes == frozenset({"trips"})
    with database.read() as session:
        rows = list_trips(session, world.coordinator)
        card = load_trip(session, world.coordinator, saved.id)
        audit_fields = session.execute(select(AuditEntry.fields).where(AuditEntry.entity == "brigade_trip")
                                       ).scalar_one()
    assert len(rows) == 1
    row = rows[0]
    assert (row.trip_date, row.status, row.vehicle) == (future, "planned", "УАЗ «Профи»")
    assert row.route == "Центральный → Дальнее"
    assert row.members == "Кузнецова А.П., Смирнова О.И."
    assert (row.families_planned, row.families_done) == (2, 0)
    assert card.status == "planned"
    assert card.data.settlement_ids == [world.near_settlement_id, world.far_settlement_id]
    assert set(card.data.staff_ids) == {world.psychologist_id, world.speech_therapist_id}
    # Families come in the order the brigade reaches them: the near settlement first.
    assert [f.family_title for f in card.families] == ["Иванова Мария", "Петрова Мария"]
    assert card.data.families == [PlannedFamily(two_families["near"], "Логопед"),
                                  PlannedFamily(two_families["far"], "Консультация психолога")]
    assert {"trip_date", "staff_ids", "settlement_ids", "families"} <= set(audit_fields.split(","))


def test_trip_rules_name_their_fields_and_save_nothing(database, world, two_families):
    families = [PlannedFamily(two_families["other"], "Не по пути"), PlannedFamily(two_families["near"], None),
                PlannedFamily(two_families["near"], None)]
    data = trip_data(world, families, staff_ids=[],
                     settlement_ids=[world.near_settlement_id, world.far_settlement_id, world.near_settlement_id],
                     trip_date=date.today() + timedelta(days=400), vehicle="x" * 121)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        plan_trip(session, world.specialist, data)
    errors = caught.value.errors
    assert set(errors) == {"staff_ids", "settlement_ids", "trip_date", "vehicle", "families.0.family_id",
                           "families.2.family_id"}
    assert "«Состав бригады»" in errors["staff_ids"]
    assert "«Центральный» указан дважды" in errors["settlement_ids"]
    assert "на год вперёд" in errors["trip_date"]
    assert "нет в маршруте" in errors["families.0.family_id"]
    assert "«Сидорова Мария»" in errors["families.0.family_id"]
    assert "уже есть в списке" in errors["families.2.family_id"]
    with database.read() as session:
        assert session.execute(select(BrigadeTrip.id)).all() == []


def test_empty_route_is_refused(database, world):
    with database.write() as session, pytest.raises(ValidationError) as caught:
        plan_trip(session, world.specialist, trip_data(world, [], settlement_ids=[], trip_date=None))
    assert "хотя бы один населённый пункт" in caught.value.errors["settlement_ids"]
    assert "«Дата выезда» обязательно" in caught.value.errors["trip_date"]


def test_update_keeps_rows_of_families_that_stay(database, world, two_families):
    with database.write() as session:
        planned = [PlannedFamily(two_families["near"], "А"), PlannedFamily(two_families["far"], "Б")]
        trip_id = plan_trip(session, world.specialist, trip_data(world, planned)).id
        kept_row = session.execute(select(TripFamily.id).where(TripFamily.family_id == two_families["near"])
                                   ).scalar_one()
    new = trip_data(world, [(two_families["near"], "А, и ещё консультация")],
                    settlement_ids=[world.far_settlement_id, world.near_settlement_id],
                    staff_ids=[world.psychologist_id])
    with database.write() as session:
        saved = update_trip(session, world.coordinator, trip_id, new)
    assert saved.changes == frozenset({"trips"})
    with database.read() as session:
        card = load_trip(session, world.coordinator, trip_id)
        fields = session.execute(select(AuditEntry.fields).where(
            AuditEntry.action == "update", AuditEntry.entity == "brigade_trip")).scalar_one()
    assert [f.id for f in card.families] == [kept_row]
    assert card.families[0].planned_work == "А, и ещё консультация"
    assert card.data.settlement_ids == [world.far_settlement_id, world.near_settlement_id]
    assert card.data.staff_ids == [world.psychologist_id]
    assert set(fields.split(",")) == {"staff_ids", "settlement_ids", "families"}
    with database.write() as session:
        assert update_trip(session, world.coordinator, trip_id, new).changes == frozenset()


def test_complete_trip_creates_visits_and_marks_it_done(database, world, two_families):
    with database.write() as session:
        planned = [PlannedFamily(two_families["near"], "Патронаж"),
                   PlannedFamily(two_families["far"], "Консультация")]
        trip_id = plan_trip(session, world.specialist, trip_data(world, planned)).id
        service = _service(session)
        mobile = world.code(session, "delivery_mode", "mobile")
    with database.read() as session:
        rows = {row.family_id: row.id for row in load_trip(session, world.coordinator, trip_id).families}
    outcomes = [
        TripOutcome(rows[two_families["near"]], True, "Проведена беседа", TripVisit(
            housing="Квартира, удовлетворительно", conclusions="Без замечаний",
            next_visit_on=date(2026, 9, 1), services=[GivenService(service, two_families["near_child"], 2)])),
        TripOutcome(rows[two_families["far"]], False, "Семьи не было дома"),
    ]
    with database.write() as session:
        saved = complete_trip(session, world.specialist, trip_id, outcomes)
    assert saved.changes == frozenset({"trips", "visits"})
    with database.read() as session:
        card = load_trip(session, world.coordinator, trip_id)
        visits = list_visits(session, world.coordinator)
        visit = load_visit(session, world.coordinator, visits[0].id)
        trip_row = list_trips(session, world.coordinator)[0]
    assert card.status == "done"
    assert {(f.family_id, f.done, f.result) for f in card.families} == {
        (two_families["near"], True, "Проведена беседа"), (two_families["far"], False, "Семьи не было дома")}
    assert len(visits) == 1
    assert visits[0].service_count == 2
    assert visit == VisitData(
        family_id=two_families["near"], visit_date=TRIP_DAY,
        staff_ids=[world.speech_therapist_id, world.psychologist_id], purpose="Патронаж",
        delivery_mode_id=mobile, services=[GivenService(service, two_families["near_child"], 2)],
        housing="Квартира, удовлетворительно", conclusions="Без замечаний", next_visit_on=date(2026, 9, 1),
        trip_id=trip_id)
    assert (trip_row.families_planned, trip_row.families_done) == (2, 1)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        complete_trip(session, world.specialist, trip_id, outcomes)
    assert "уже проведён" in caught.value.errors["status"]
    with database.write() as session, pytest.raises(ValidationError) as caught:
        update_trip(session, world.specialist, trip_id, trip_data(world, []))
    assert "уже проведён" in caught.value.errors["status"]


def test_completion_rules_and_nothing_saved(database, world, two_families):
    with database.write() as session:
        trip_id = plan_trip(session, world.specialist, trip_data(world, [
            PlannedFamily(two_families["near"], "Патронаж"), PlannedFamily(two_families["far"], "")])).id
        service = _service(session)
    with database.read() as session:
        rows = {row.family_id: row.id for row in load_trip(session, world.coordinator, trip_id).families}
    visit = TripVisit(services=[GivenService(service, two_families["far_child"], 1)])
    outcomes = [TripOutcome(rows[two_families["near"]], True, None, visit),
                TripOutcome(rows[two_families["near"]], False, "Повтор")]
    with database.write() as session, pytest.raises(ValidationError) as caught:
        complete_trip(session, world.specialist, trip_id, outcomes)
    errors = caught.value.errors
    assert set(errors) == {"outcomes.0.visit.services.0.person_id", "outcomes.1.trip_family_id", "outcomes"}
    assert "Петрова Мария" in errors["outcomes"]
    outcomes = [TripOutcome(rows[two_families["near"]], False, "  ", TripVisit(purpose="Беседа")),
                TripOutcome(rows[two_families["far"]], True, None, TripVisit())]
    with database.write() as session, pytest.raises(ValidationError) as caught:
        complete_trip(session, world.specialist, trip_id, outcomes)
    errors = caught.value.errors
    # The far family had no planned work and the visit gives no purpose, so the purpose is missing.
    assert set(errors) == {"outcomes.0.result", "outcomes.0.visit", "outcomes.1.visit.purpose"}
    assert "почему работа" in errors["outcomes.0.result"]
    with database.read() as session:
        assert session.execute(select(HomeVisit.id)).all() == []
        assert session.get(BrigadeTrip, trip_id).status == "planned"
        assert session.execute(select(TripFamily.done).where(TripFamily.done.is_not(None))).all() == []


def test_future_trip_cannot_be_completed(database, world, two_families):
    with database.write() as session:
        trip_id = plan_trip(session, world.specialist,
                            trip_data(world, [], trip_date=date.today() + timedelta(days=1))).id
    with database.write() as session, pytest.raises(ValidationError) as caught:
        complete_trip(session, world.specialist, trip_id, [])
    assert "в день выезда или позже" in caught.value.errors["trip_date"]


def test_cancel_and_delete(database, world, two_families):
    with database.write() as session:
        trip_id = plan_trip(session, world.specialist, trip_data(world, [])).id
    with database.write() as session:
        assert cancel_trip(session, world.specialist, trip_id).changes == frozenset({"trips"})
    with database.read() as session:
        assert [r.status for r in list_trips(session, world.coordinator)] == ["cancelled"]
        assert list_trips(session, world.coordinator, status="planned") == []
    with database.write() as session, pytest.raises(ValidationError) as caught:
        complete_trip(session, world.specialist, trip_id, [])
    assert "отменён" in caught.value.errors["status"]
    with database.write() as session:
        delete_trip(session, world.specialist, trip_id)
    with database.read() as session:
        assert list_trips(session, world.coordinator) == []
        with pytest.raises(NotFound):
            load_trip(session, world.coordinator, trip_id)


def test_administrator_cannot_plan_trips(database, world):
    with database.write() as session, pytest.raises(PermissionDenied):
        plan_trip(session, world.admin, trip_data(world, []))
