"""The service catalogue: codes, kinds and forms, minutes, switching off, deleting only unused services."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest
from sqlalchemy import func, select

from app.core.errors import RECORD_FIELD, NotFound, PermissionDenied, ValidationError
from app.reference.catalogue import (
    ServiceData,
    create_service,
    deactivate_service,
    delete_service,
    list_services,
    reactivate_service,
    update_service,
)
from db.models import AuditEntry, RehabSession, Service

SEEDED = 60


def _data(session, world, **changes) -> ServiceData:
    values = {"name": "Арт-терапия для детей",
              "kind_id": world.code(session, "service_kind", "psychological"),
              "form_id": world.code(session, "service_form", "semi_stationary"), "code": None,
              "unit": "занятие", "minutes": 45}
    return ServiceData(**(values | changes))


def _count(session) -> int:
    return session.execute(select(func.count(Service.id))).scalar_one()


def _service_id(session, code: str) -> uuid.UUID:
    return session.execute(select(Service.id).where(Service.code == code)).scalar_one()


def test_list_services_in_kind_order(database, world):
    with database.read() as session:
        rows = list_services(session)
        psychological = list_services(session, kind_code="psychological")
        unknown = list_services(session, kind_code="no_such_kind")
    assert len(rows) == SEEDED
    assert [row.kind_order for row in rows] == sorted(row.kind_order for row in rows)
    assert rows[0].kind_code == "household" and rows[-1].kind_code == "urgent"
    assert {row.kind_order for row in rows} == set(range(1, 9))
    assert len(psychological) == 10
    assert {row.kind_name for row in psychological} == {"Социально-психологические услуги"}
    assert unknown == []
    diagnostics = next(row for row in rows if row.code == "psy_diagnostics")
    assert (diagnostics.kind_short_name, diagnostics.form_short_name, diagnostics.kind_order) == (
        "Социально-психологические", "Полустационарно", 3)
    assert diagnostics.form_name == "Полустационарная форма социального обслуживания"


def test_create_service_makes_an_ascii_code_from_the_name(database, world):
    with database.read() as session:
        data = _data(session, world)
    with database.write() as session:
        first = create_service(session, world.admin, data)
        second = create_service(session, world.admin, data)
    assert first.changes == frozenset({"dictionaries"})
    with database.read() as session:
        row = next(row for row in list_services(session, kind_code="psychological") if row.id == first.id)
        second_code = session.get(Service, second.id).code
        fields = session.execute(select(AuditEntry.fields)
                                 .where(AuditEntry.entity_id == str(first.id))).scalar()
    assert (row.code, row.name, row.unit, row.minutes, row.active) == (
        "art_terapiya_dlya_detey", "Арт-терапия для детей", "занятие", 45, True)
    assert second_code == "art_terapiya_dlya_detey_2"
    assert fields == "code,form_id,kind_id,minutes,name,unit"


def test_given_code_is_lowercased_and_must_be_free_and_latin(database, world):
    with database.read() as session:
        data = _data(session, world, code="ART_1")
    with database.write() as session:
        saved = create_service(session, world.admin, data)
    with database.read() as session:
        assert session.get(Service, saved.id).code == "art_1"
    refused = (("PSY_DIAGNOSTICS", "уже занят"), ("арт", "латинские буквы"), ("_x", "латинские буквы"))
    for code, text in refused:
        with database.read() as session:
            data = _data(session, world, code=code, name="Другая услуга")
        with database.write() as session, pytest.raises(ValidationError) as caught:
            create_service(session, world.admin, data)
        assert set(caught.value.errors) == {"code"} and text in caught.value.errors["code"]
    with database.read() as session:
        assert _count(session) == SEEDED + 1


def test_service_fields_are_checked_and_nothing_saved(database, world):
    with database.read() as session:
        data = _data(session, world, name=" ", kind_id=world.code(session, "service_form", "home"),
                     form_id=None, minutes=0, unit="у" * 41)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_service(session, world.admin, data)
    errors = caught.value.errors
    assert set(errors) == {"name", "kind_id", "form_id", "minutes", "unit"}
    assert "«Наименование услуги» обязательно" in errors["name"]
    assert "«Вид услуги»" in errors["kind_id"] and "«Форма обслуживания»" in errors["form_id"]
    assert errors["minutes"] == "Поле «Продолжительность, мин»: ожидается число от 1 до 1440."
    assert "не длиннее 40" in errors["unit"]
    with database.read() as session:
        assert _count(session) == SEEDED


@pytest.mark.parametrize(("minutes", "text"), [(1441, "от 1 до 1440"), (-5, "от 1 до 1440"), (30.5, "целое")])
def test_minutes_between_1_and_1440(database, world, minutes, text):
    with database.read() as session:
        data = _data(session, world, minutes=minutes)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_service(session, world.admin, data)
    assert text in caught.value.errors["minutes"]


def test_unit_defaults_and_minutes_may_be_empty(database, world):
    with database.read() as session:
        data = _data(session, world, unit="  ", minutes=None)
    with database.write() as session:
        saved = create_service(session, world.admin, data)
    with database.read() as session:
        service = session.get(Service, saved.id)
        assert (service.unit, service.minutes) == ("услуга", None)


def test_update_keeps_the_code_when_left_empty(database, world):
    with database.read() as session:
        diagnostics = _service_id(session, "psy_diagnostics")
        data = _data(session, world, name="Социально-психологическая диагностика", minutes=90)
    with database.write() as session:
        saved = update_service(session, world.admin, diagnostics, data)
    assert saved.changes == frozenset({"dictionaries"})
    with database.read() as session:
        service = session.get(Service, diagnostics)
        assert (service.code, service.name, service.minutes, service.unit) == (
            "psy_diagnostics", "Социально-психологическая диагностика", 90, "занятие")


def test_shipped_service_keeps_its_code_but_own_service_may_change_it(database, world):
    with database.read() as session:
        diagnostics = _service_id(session, "psy_diagnostics")
        data = _data(session, world, code="my_diagnostics")
    with database.write() as session, pytest.raises(ValidationError) as caught:
        update_service(session, world.admin, diagnostics, data)
    assert "поставляется с программой" in caught.value.errors["code"]
    with database.write() as session:
        own = create_service(session, world.admin, _data(session, world)).id
        update_service(session, world.admin, own, _data(session, world, code="art_children"))
    with database.read() as session:
        assert session.get(Service, own).code == "art_children"
        assert session.get(Service, diagnostics).code == "psy_diagnostics"


def test_deactivated_service_leaves_the_list(database, world):
    with database.read() as session:
        diagnostics = _service_id(session, "psy_diagnostics")
    with database.write() as session:
        deactivate_service(session, world.admin, diagnostics)
    with database.read() as session:
        assert "psy_diagnostics" not in [row.code for row in list_services(session)]
        assert len(list_services(session, include_inactive=True)) == SEEDED
    with database.write() as session:
        reactivate_service(session, world.admin, diagnostics)
    with database.read() as session:
        assert len(list_services(session)) == SEEDED


def test_service_in_use_cannot_be_deleted_but_can_be_deactivated(database, world):
    with database.write() as session:
        service_id = create_service(session, world.admin, _data(session, world)).id
        session.add(RehabSession(starts_at=datetime(2025, 3, 3, 10, 0), staff_id=world.psychologist_id,
                                 service_id=service_id,
                                 delivery_mode_id=world.code(session, "delivery_mode", "centre")))
    with database.write() as session, pytest.raises(ValidationError) as caught:
        delete_service(session, world.admin, service_id)
    message = caught.value.errors[RECORD_FIELD]
    assert message.startswith("Услуга «Арт-терапия для детей» уже используется (занятия)")
    with database.write() as session:
        deactivate_service(session, world.admin, service_id)
    with database.read() as session:
        assert session.get(Service, service_id).active is False


def test_shipped_service_cannot_be_deleted(database, world):
    with database.read() as session:
        diagnostics = _service_id(session, "psy_diagnostics")
    with database.write() as session, pytest.raises(ValidationError) as caught:
        delete_service(session, world.admin, diagnostics)
    assert "появится снова" in caught.value.errors[RECORD_FIELD]
    with database.read() as session:
        assert _count(session) == SEEDED


def test_unused_service_is_deleted(database, world):
    with database.write() as session:
        service_id = create_service(session, world.admin, _data(session, world)).id
    with database.write() as session:
        delete_service(session, world.admin, service_id)
    with database.read() as session:
        assert session.get(Service, service_id) is None
    with database.write() as session, pytest.raises(NotFound):
        delete_service(session, world.admin, service_id)


def test_only_the_administrator_edits_the_catalogue(database, world):
    with database.read() as session:
        data = _data(session, world)
        diagnostics = _service_id(session, "psy_diagnostics")
    for actor in (world.specialist, world.coordinator):
        for call in (
            lambda s, a: create_service(s, a, data),
            lambda s, a: update_service(s, a, diagnostics, data),
            lambda s, a: deactivate_service(s, a, diagnostics),
            lambda s, a: reactivate_service(s, a, diagnostics),
            lambda s, a: delete_service(s, a, diagnostics),
        ):
            with database.write() as session, pytest.raises(PermissionDenied):
                call(session, actor)
    with database.read() as session:
        assert _count(session) == SEEDED
        assert session.get(Service, diagnostics).active is True
