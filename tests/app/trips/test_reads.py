"""Reading mobile-brigade trips: the trip list and the suggestions whom to visit on a route."""

from __future__ import annotations

from datetime import date

from app.trips.reads import list_trips, suggest_families
from app.trips.trips import plan_trip
from app.visits.visits import VisitData, create_visit
from db.models import PlanItem, SupportCase
from tests.app.trip_setup import family_living_in, trip_data


def test_list_filters_by_dates(database, world):
    with database.write() as session:
        for day in (1, 10, 20):
            plan_trip(session, world.specialist, trip_data(world, [], trip_date=date(2026, 5, day)))
    with database.read() as session:
        assert [r.trip_date.day for r in list_trips(session, world.coordinator)] == [20, 10, 1]
        assert [r.trip_date.day for r in list_trips(session, world.coordinator, date_from=date(2026, 5, 5),
                                                    date_to=date(2026, 5, 15))] == [10]
        assert [r.trip_date.day for r in list_trips(session, world.coordinator, limit=1, offset=1)] == [10]


def test_suggestions_give_reasons(database, world):
    on_date = date(2026, 6, 30)
    with database.write() as session:
        due, _ = family_living_in(world, session, "Антонова", world.far_settlement_id)
        planned, _ = family_living_in(world, session, "Борисова", world.far_settlement_id)
        fresh, _ = family_living_in(world, session, "Власова", world.far_settlement_id)
        family_living_in(world, session, "Гусева", world.near_settlement_id)
        family_living_in(world, session, "Сидорова", world.other_settlement_id)
        home = world.code(session, "delivery_mode", "family_home")

        def visit(family_id, day, next_on) -> None:
            create_visit(session, world.specialist, VisitData(
                family_id=family_id, visit_date=day, staff_ids=[world.psychologist_id], purpose="Патронаж",
                delivery_mode_id=home, next_visit_on=next_on))

        visit(due, date(2026, 6, 1), date(2026, 6, 25))
        visit(fresh, date(2026, 6, 20), date(2026, 8, 1))
        visit(planned, date(2026, 6, 15), None)
        case = SupportCase(family_id=planned, kind_id=world.code(session, "case_kind", "social_support"),
                           opened_on=date(2026, 1, 10))
        closed = SupportCase(family_id=planned, kind_id=world.code(session, "case_kind", "ippsu"),
                             opened_on=date(2025, 1, 10), closed_on=date(2025, 12, 1))
        session.add_all([case, closed])
        session.flush()
        session.add_all([
            PlanItem(case_id=case.id, measure="Консультация юриста", due_on=date(2026, 6, 20)),
            PlanItem(case_id=case.id, measure="Занятия с логопедом", due_on=date(2026, 6, 30)),
            PlanItem(case_id=case.id, measure="Уже сделано", due_on=date(2026, 6, 1),
                     done_on=date(2026, 6, 1)),
            PlanItem(case_id=case.id, measure="Позже", due_on=date(2026, 7, 15)),
            PlanItem(case_id=closed.id, measure="Закрытый случай", due_on=date(2025, 6, 1)),
        ])
    with database.read() as session:
        rows = suggest_families(session, world.coordinator,
                                [world.far_settlement_id, world.near_settlement_id], on_date)
    by_title = {row.title: row for row in rows}
    assert [row.title for row in rows] == ["Антонова Мария", "Борисова Мария", "Власова Мария",
                                           "Гусева Мария"]
    assert by_title["Антонова Мария"].reasons == ("Подошёл срок следующего посещения (25.06.2026)",)
    assert by_title["Борисова Мария"].reasons == ("Мероприятия плана со сроком до 30.06.2026: 2",)
    assert by_title["Борисова Мария"].due_plan_items == 2
    assert by_title["Власова Мария"].reasons == ()
    assert by_title["Власова Мария"].next_visit_on == date(2026, 8, 1)
    assert by_title["Гусева Мария"].reasons == ("Посещений ещё не было",)
    with database.read() as session:
        autumn = {row.title: row.reasons for row in suggest_families(
            session, world.coordinator, [world.far_settlement_id], date(2026, 10, 1))}
    assert "Не посещали больше 90 дней (последний раз 20.06.2026)" in autumn["Власова Мария"]
    assert autumn["Власова Мария"][0] == "Подошёл срок следующего посещения (01.08.2026)"
    assert autumn["Борисова Мария"][0] == "Мероприятия плана со сроком до 01.10.2026: 3"
