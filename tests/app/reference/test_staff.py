"""Staff records: names, position, office, contacts; switching off and deleting only unused ones."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import func, select

from app.core.errors import RECORD_FIELD, PermissionDenied, ValidationError
from app.reference.dictionaries import deactivate_item
from app.reference.organization import OfficeData, create_office, deactivate_office
from app.reference.staff import (
    StaffData,
    create_staff,
    deactivate_staff,
    delete_staff,
    list_staff,
    reactivate_staff,
    update_staff,
)
from app.registry.families import FamilyData, NewFamily, register_family
from db.models import AuditEntry, BrigadeTrip, Staff, trip_members


def _data(session, world, **changes) -> StaffData:
    values = {
        "last_name": "Петрова-Водкина", "first_name": "Алёна", "middle_name": "Сергеевна",
        "position_id": world.code(session, "position", "defectologist"), "office_id": world.office_id,
        "phone": "+7 (914) 555-12-34", "email": "petrova@centr.ru",
    }
    return StaffData(**(values | changes))


def _count(session) -> int:
    return session.execute(select(func.count(Staff.id))).scalar_one()


def test_list_staff_with_position_and_short_name(database, world):
    with database.read() as session:
        rows = list_staff(session)
    assert [(row.short_name, row.position_name, row.position_code, row.office_name) for row in rows] == [
        ("Кузнецова А.П.", "Учитель-логопед", "speech_therapist", "Центральное отделение"),
        ("Смирнова О.И.", "Педагог-психолог", "psychologist", "Центральное отделение"),
    ]
    assert rows[1].full_name == "Смирнова Ольга Ивановна" and rows[1].id == world.psychologist_id


def test_list_staff_filters(database, world):
    with database.read() as session:
        psychologists = list_staff(session, position_code="psychologist")
        assert [row.id for row in psychologists] == [world.psychologist_id]
        assert list_staff(session, position_code="doctor") == []
        assert len(list_staff(session, office_id=world.office_id)) == 2
        assert list_staff(session, office_id=uuid.uuid4()) == []


def test_create_staff_cleans_names_and_audits_field_names(database, world):
    with database.read() as session:
        data = _data(session, world, last_name="  петрова-водкина ", first_name="алёна")
    with database.write() as session:
        saved = create_staff(session, world.admin, data)
    assert saved.changes == frozenset({"dictionaries"})
    with database.read() as session:
        row = next(row for row in list_staff(session) if row.id == saved.id)
        fields = session.execute(select(AuditEntry.fields)
                                 .where(AuditEntry.entity_id == str(saved.id))).scalar()
    assert (row.full_name, row.short_name, row.position_name) == (
        "Петрова-Водкина Алёна Сергеевна", "Петрова-Водкина А.С.", "Учитель-дефектолог")
    assert (row.phone, row.email, row.active) == ("+7 (914) 555-12-34", "petrova@centr.ru", True)
    assert fields == "email,first_name,last_name,middle_name,office_id,phone,position_id"
    assert "Петрова" not in fields


def test_sorting_treats_yo_as_ye(database, world):
    with database.read() as session:
        data = _data(session, world, last_name="Ёжикова", first_name="Ирина", middle_name=None)
    with database.write() as session:
        create_staff(session, world.admin, data)
    with database.read() as session:
        names = [row.short_name for row in list_staff(session)]
    assert names == ["Ёжикова И.", "Кузнецова А.П.", "Смирнова О.И."]


def test_staff_fields_are_checked_and_nothing_saved(database, world):
    with database.read() as session:
        wrong_list = world.code(session, "family_category", "large")
        data = StaffData("Smith", "", "Иванович1", wrong_list, uuid.uuid4(), phone="звоните", email="почта@")
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_staff(session, world.admin, data)
    errors = caught.value.errors
    assert set(errors) == {"last_name", "first_name", "middle_name", "position_id", "office_id", "phone",
                           "email"}
    assert "русские буквы" in errors["last_name"] and "«Фамилия»" in errors["last_name"]
    assert "обязательно" in errors["first_name"]
    assert "«Отчество»" in errors["middle_name"]
    assert "«Должность»" in errors["position_id"]
    assert "«Отделение»" in errors["office_id"]
    assert "«Телефон»" in errors["phone"]
    assert errors["email"] == "Поле «Электронная почта»: укажите адрес вида name@example.ru."
    with database.read() as session:
        assert _count(session) == 2


@pytest.mark.parametrize("email", ["a@b", "a b@c.ru", "@centr.ru", "name@centr."])
def test_bad_emails(database, world, email):
    with database.read() as session:
        data = _data(session, world, email=email)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_staff(session, world.admin, data)
    assert set(caught.value.errors) == {"email"}


def test_position_and_office_are_required(database, world):
    with database.read() as session:
        data = _data(session, world, position_id=None, office_id=None, phone=None, email=None)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_staff(session, world.admin, data)
    assert set(caught.value.errors) == {"position_id", "office_id"}
    assert "обязательно" in caught.value.errors["position_id"]


def test_switched_off_position_and_closed_office_are_refused_for_new_assignments(database, world):
    with database.write() as session:
        nurse = world.code(session, "position", "nurse")
        deactivate_item(session, world.admin, nurse)
        closed = create_office(session, world.admin, OfficeData("Старое отделение")).id
        deactivate_office(session, world.admin, closed)
    with database.read() as session:
        data = _data(session, world, position_id=nurse, office_id=closed)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_staff(session, world.admin, data)
    assert "отключено" in caught.value.errors["position_id"]
    assert "закрыто" in caught.value.errors["office_id"]


def test_update_staff(database, world):
    with database.read() as session:
        data = _data(session, world, last_name="Смирнова", first_name="Ольга", middle_name="Ивановна",
                     position_id=world.code(session, "position", "head_of_office"), phone=None, email=None)
    with database.write() as session:
        saved = update_staff(session, world.admin, world.psychologist_id, data)
        unchanged = update_staff(session, world.admin, world.psychologist_id, data)
    assert saved.changes == frozenset({"dictionaries"}) and unchanged.changes == frozenset()
    with database.read() as session:
        row = next(row for row in list_staff(session) if row.id == world.psychologist_id)
        fields = session.execute(select(AuditEntry.fields).where(
            AuditEntry.entity_id == str(world.psychologist_id), AuditEntry.action == "update")
        ).scalars().all()
    assert row.position_name == "Заведующий отделением"
    assert fields == ["position_id"]


def test_staff_in_use_cannot_be_deleted_but_can_be_deactivated(database, world):
    # The psychologist is linked to the specialist's user account.
    with database.write() as session, pytest.raises(ValidationError) as caught:
        delete_staff(session, world.admin, world.psychologist_id)
    message = caught.value.errors[RECORD_FIELD]
    assert message.startswith("Сотрудник «Смирнова О.И.» уже используется (пользователи)")
    assert "отключить" in message
    with database.write() as session:
        family = FamilyData(office_id=world.office_id, registered_on=date(2025, 1, 10),
                            responsible_staff_id=world.speech_therapist_id)
        register_family(session, world.specialist, NewFamily(family))
    with database.write() as session, pytest.raises(ValidationError) as caught:
        delete_staff(session, world.admin, world.speech_therapist_id)
    assert "(семьи)" in caught.value.errors[RECORD_FIELD]
    with database.write() as session:
        deactivate_staff(session, world.admin, world.speech_therapist_id)
    with database.read() as session:
        assert [row.short_name for row in list_staff(session)] == ["Смирнова О.И."]
        assert len(list_staff(session, include_inactive=True)) == 2
    with database.write() as session:
        reactivate_staff(session, world.admin, world.speech_therapist_id)
    with database.read() as session:
        assert len(list_staff(session)) == 2


def test_brigade_member_cannot_be_deleted(database, world):
    with database.read() as session:
        data = _data(session, world)
    with database.write() as session:
        staff_id = create_staff(session, world.admin, data).id
        trip = BrigadeTrip(office_id=world.office_id, trip_date=date(2025, 4, 1))
        session.add(trip)
        session.flush()
        session.execute(trip_members.insert().values(trip_id=trip.id, staff_id=staff_id))
    with database.write() as session, pytest.raises(ValidationError) as caught:
        delete_staff(session, world.admin, staff_id)
    assert "выезды мобильных бригад" in caught.value.errors[RECORD_FIELD]


def test_unused_staff_is_deleted(database, world):
    with database.read() as session:
        data = _data(session, world)
    with database.write() as session:
        staff_id = create_staff(session, world.admin, data).id
    with database.write() as session:
        delete_staff(session, world.admin, staff_id)
    with database.read() as session:
        assert session.get(Staff, staff_id) is None
        assert _count(session) == 2


def test_only_the_administrator_edits_staff(database, world):
    with database.read() as session:
        data = _data(session, world)
    for actor in (world.specialist, world.coordinator):
        for call in (
            lambda s, a: create_staff(s, a, data),
            lambda s, a: update_staff(s, a, world.speech_therapist_id, data),
            lambda s, a: deactivate_staff(s, a, world.speech_therapist_id),
            lambda s, a: reactivate_staff(s, a, world.speech_therapist_id),
            lambda s, a: delete_staff(s, a, world.speech_therapist_id),
        ):
            with database.write() as session, pytest.raises(PermissionDenied):
                call(session, actor)
    with database.read() as session:
        assert _count(session) == 2
        assert session.get(Staff, world.speech_therapist_id).last_name == "Кузнецова"
        assert session.get(Staff, world.speech_therapist_id).active is True
