"""Home visits through the services: recording, editing, deleting, validation and the journal."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import event, select

from app.core.errors import NotFound, PermissionDenied, ValidationError
from app.registry.families import FamilyData, MemberData, NewFamily, register_family
from app.registry.persons import PersonData
from app.visits.visits import (
    GivenService,
    VisitData,
    create_visit,
    delete_visit,
    list_visits,
    load_visit,
    update_visit,
)
from db.models import AuditEntry, FamilyMember, HomeVisit, Person, Service, VisitService, visit_staff


def _register(world, session, last_name: str = "Королёва", settlement_id=None, district_id=None) -> tuple:
    """A family of a mother and a child; returns (family_id, mother_id, child_id)."""
    mother = PersonData(last_name, "Мария", "Петровна", "F", date(1988, 3, 4))
    child = PersonData(last_name[:-1] if last_name.endswith("а") else last_name, "Артём", None, "M",
                       date(2019, 5, 6))
    family = FamilyData(office_id=world.office_id, registered_on=date(2025, 1, 15),
                        district_id=district_id or world.district_id,
                        settlement_id=settlement_id or world.far_settlement_id)
    members = [MemberData(world.code(session, "member_role", "mother"), True, person=mother),
               MemberData(world.code(session, "member_role", "child"), False, person=child)]
    family_id = register_family(session, world.specialist, NewFamily(family, members)).id
    persons = dict(session.execute(
        select(Person.first_name, Person.id).join(FamilyMember, FamilyMember.person_id == Person.id)
        .where(FamilyMember.family_id == family_id)).all())
    return family_id, persons["Мария"], persons["Артём"]


def _service(session, code: str):
    return session.execute(select(Service.id).where(Service.code == code)).scalar_one()


def _visit(world, session, family_id, child_id, **overrides) -> VisitData:
    values = dict(
        family_id=family_id, visit_date=date(2026, 3, 10),
        staff_ids=[world.psychologist_id, world.speech_therapist_id],
        purpose="Обследование условий жизни",
        delivery_mode_id=world.code(session, "delivery_mode", "family_home"),
        services=[GivenService(_service(session, "psy_patronage"), child_id, 2),
                  GivenService(_service(session, "ped_patronage"), None, 1)],
        housing="Частный дом, печное отопление", income="Пособия", relationships="Доброжелательные",
        children_condition="Ребёнок опрятен", conclusions="Условия удовлетворительные",
        recommendations="Оформить ИПРА", next_visit_on=date(2026, 4, 10),
    )
    values.update(overrides)
    return VisitData(**values)


def _visit_count(session) -> int:
    return len(session.execute(select(HomeVisit.id)).all())


def test_create_visit_and_see_it_in_the_journal(database, world):
    with database.write() as session:
        family_id, _mother, child = _register(world, session)
        data = _visit(world, session, family_id, child)
        saved = create_visit(session, world.specialist, data)
    assert saved.changes == frozenset({"visits"})
    with database.read() as session:
        rows = list_visits(session, world.coordinator)
        loaded = load_visit(session, world.coordinator, saved.id)
        entry = session.execute(select(AuditEntry.action, AuditEntry.login, AuditEntry.fields)
                                .where(AuditEntry.entity == "home_visit")).one()
    # Specialists come back alphabetically, services by catalogue code; everything else as entered.
    assert loaded.staff_ids == [world.speech_therapist_id, world.psychologist_id]
    assert loaded.services == [data.services[1], data.services[0]]
    assert replace(loaded, staff_ids=data.staff_ids, services=data.services) == data
    assert len(rows) == 1
    row = rows[0]
    assert (row.id, row.visit_date, row.family_title, row.settlement) == (
        saved.id, date(2026, 3, 10), "Королёва Мария Петровна", "Дальнее")
    assert row.staff_names == "Кузнецова А.П., Смирнова О.И."
    assert row.service_count == 3
    assert row.next_visit_on == date(2026, 4, 10)
    assert (entry.action, entry.login) == ("create", "spec")
    assert {"family_id", "visit_date", "staff_ids", "services", "housing"} <= set(entry.fields.split(","))
    assert "Частный" not in entry.fields


def test_visit_without_specialist_and_in_future_is_refused_and_nothing_saved(database, world):
    with database.write() as session:
        family_id, _mother, child = _register(world, session)
        data = _visit(world, session, family_id, child, staff_ids=[],
                      visit_date=date.today() + timedelta(days=1), next_visit_on=None)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_visit(session, world.specialist, data)
    errors = caught.value.errors
    assert set(errors) == {"staff_ids", "visit_date"}
    assert "«Специалисты»" in errors["staff_ids"] and "хотя бы одного" in errors["staff_ids"]
    assert "в будущем" in errors["visit_date"]
    with database.read() as session:
        assert _visit_count(session) == 0
        assert session.execute(select(visit_staff)).all() == []


def test_each_visit_rule_names_its_field(database, world):
    with database.write() as session:
        family_id, _mother, child = _register(world, session)
        _other_family, stranger, _ = _register(world, session, last_name="Сидорова")
        data = _visit(
            world, session, family_id, child, purpose="  ",
            delivery_mode_id=world.code(session, "event_format", "remote"),
            next_visit_on=date(2026, 3, 10),
            services=[GivenService(_service(session, "psy_patronage"), stranger, 0),
                      GivenService(None, None, 51),
                      GivenService(_service(session, "psy_patronage"), child, None)],
            housing="х" * 4001,
        )
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_visit(session, world.specialist, data)
    errors = caught.value.errors
    assert set(errors) == {
        "purpose", "delivery_mode_id", "next_visit_on", "housing",
        "services.0.person_id", "services.0.quantity", "services.1.service_id", "services.1.quantity",
        "services.2.quantity",
    }
    assert "«Цель посещения» обязательно" in errors["purpose"]
    assert "«Форма работы»" in errors["delivery_mode_id"]
    assert "позже даты посещения" in errors["next_visit_on"]
    assert "члена этой семьи" in errors["services.0.person_id"]
    assert "от 1 до 50" in errors["services.0.quantity"]
    assert "от 1 до 50" in errors["services.1.quantity"]
    assert "«Услуга» обязательно" in errors["services.1.service_id"]
    assert "не длиннее 4000" in errors["housing"]
    with database.read() as session:
        assert _visit_count(session) == 0


def test_unknown_family_and_staff_are_refused(database, world):
    import uuid

    with database.read() as session:
        data = _visit(world, session, uuid.uuid4(), None, staff_ids=[uuid.uuid4()], services=[])
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_visit(session, world.specialist, data)
    assert "«Семья»" in caught.value.errors["family_id"]
    assert "не найден" in caught.value.errors["staff_ids"]


def test_update_replaces_specialists_and_services(database, world):
    with database.write() as session:
        family_id, mother, child = _register(world, session)
        visit_id = create_visit(session, world.specialist, _visit(world, session, family_id, child)).id
        changed = _visit(world, session, family_id, child, staff_ids=[world.speech_therapist_id],
                         services=[(_service(session, "leg_consulting"), mother, 1)],  # a plain tuple
                         conclusions="Нужна юридическая помощь")
    with database.write() as session:
        saved = update_visit(session, world.coordinator, visit_id, changed)
    assert saved.changes == frozenset({"visits"})
    with database.read() as session:
        loaded = load_visit(session, world.coordinator, visit_id)
        services = session.execute(
            select(VisitService.service_id, VisitService.person_id, VisitService.quantity)
            .where(VisitService.visit_id == visit_id)).all()
        entry = session.execute(select(AuditEntry.fields).where(AuditEntry.action == "update",
                                                                AuditEntry.entity == "home_visit")).one()
        updated_by = session.get(HomeVisit, visit_id).updated_by
    assert loaded.staff_ids == [world.speech_therapist_id]
    assert loaded.conclusions == "Нужна юридическая помощь"
    assert [tuple(s) for s in services] == [changed.services[0]]
    assert set(entry.fields.split(",")) == {"staff_ids", "services", "conclusions"}
    assert updated_by == world.coordinator.user_id


def test_update_without_changes_reports_nothing(database, world):
    with database.write() as session:
        family_id, _mother, child = _register(world, session)
        data = _visit(world, session, family_id, child)
        visit_id = create_visit(session, world.specialist, data).id
    with database.write() as session:
        assert update_visit(session, world.specialist, visit_id, data).changes == frozenset()


def test_delete_is_soft_and_hides_the_visit(database, world):
    with database.write() as session:
        family_id, _mother, child = _register(world, session)
        visit_id = create_visit(session, world.specialist, _visit(world, session, family_id, child)).id
    with database.write() as session:
        delete_visit(session, world.specialist, visit_id)
    with database.read() as session:
        assert list_visits(session, world.coordinator) == []
        assert session.get(HomeVisit, visit_id).deleted_at is not None
        with pytest.raises(NotFound):
            load_visit(session, world.coordinator, visit_id)
    with database.write() as session, pytest.raises(NotFound):
        delete_visit(session, world.specialist, visit_id)


def test_journal_filters_and_pages(database, world):
    with database.write() as session:
        far_family, _m, far_child = _register(world, session)
        near_family, _m2, near_child = _register(world, session, last_name="Сидорова",
                                                 settlement_id=world.other_settlement_id,
                                                 district_id=world.other_district_id)
        for day in (1, 5, 9):
            create_visit(session, world.specialist, _visit(world, session, far_family, far_child,
                                                           visit_date=date(2026, 2, day), next_visit_on=None))
        create_visit(session, world.specialist, _visit(world, session, near_family, near_child,
                                                       visit_date=date(2026, 2, 5), next_visit_on=None,
                                                       staff_ids=[world.speech_therapist_id]))
    with database.read() as session:
        all_rows = list_visits(session, world.coordinator)
        assert [r.visit_date.day for r in all_rows] == [9, 5, 5, 1]
        assert [r.visit_date.day for r in list_visits(session, world.coordinator, date_from=date(2026, 2, 2),
                                                      date_to=date(2026, 2, 8))] == [5, 5]
        other_district = list_visits(session, world.coordinator, district_id=world.other_district_id)
        assert {r.family_id for r in other_district} == {near_family}
        assert len(list_visits(session, world.coordinator, family_id=far_family)) == 3
        visits = list_visits(session, world.coordinator, staff_id=world.psychologist_id)
        assert [r.family_id for r in visits] == [far_family] * 3
        assert len(list_visits(session, world.coordinator, staff_id=world.speech_therapist_id)) == 4
        assert list_visits(session, world.coordinator, limit=2, offset=1) == all_rows[1:3]


def test_journal_is_two_queries_whatever_the_page_size(database, world):
    with database.write() as session:
        family_id, _mother, child = _register(world, session)
        for day in range(1, 13):
            create_visit(session, world.specialist, _visit(world, session, family_id, child,
                                                           visit_date=date(2026, 1, day), next_visit_on=None))
    statements = []

    def count(*_args) -> None:
        statements.append(1)

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        with database.read() as session:
            rows = list_visits(session, world.coordinator)
    finally:
        event.remove(database.engine, "before_cursor_execute", count)
    assert len(rows) == 12
    assert all(row.staff_names == "Кузнецова А.П., Смирнова О.И." for row in rows)
    assert len(statements) <= 3  # the page, the specialists' names, and at most a BEGIN on PostgreSQL


def test_administrator_cannot_record_visits(database, world):
    with database.write() as session:
        family_id, _mother, child = _register(world, session)
        data = _visit(world, session, family_id, child)
    with database.write() as session, pytest.raises(PermissionDenied):
        create_visit(session, world.admin, data)
