"""The organisation's details and its offices."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from app.core.errors import RECORD_FIELD, NotFound, PermissionDenied, ValidationError
from app.reference.organization import (
    OfficeData,
    OrganizationData,
    create_office,
    deactivate_office,
    list_offices,
    load_organization,
    reactivate_office,
    update_office,
    update_organization,
)
from db.models import AuditEntry, Office

ORG_NAME = "ГБУ «Тестовый центр помощи семье и детям»"
VALID_ORG_INN = "7707083893"
CENTRAL = "Центральное отделение"


def test_load_organization(database, world):
    with database.read() as session:
        organization = load_organization(session)
    assert (organization.name, organization.inn, organization.director_name) == (ORG_NAME, None, None)


def test_update_organization(database, world):
    data = OrganizationData(name="ГБУ «Центр помощи семье и детям»", short_name="ЦПСД", inn=" 7707 083 893 ",
                            address="г. Тестовск, ул. Лесная, 5", director_name=" иванова  мария петровна ")
    with database.write() as session:
        saved = update_organization(session, world.admin, data)
        unchanged = update_organization(session, world.admin, data)
    assert saved.changes == frozenset({"settings"}) and unchanged.changes == frozenset()
    with database.read() as session:
        organization = load_organization(session)
        fields = session.execute(select(AuditEntry.fields).where(
            AuditEntry.entity == "organization", AuditEntry.action == "update")).scalars().all()
    assert organization.inn == VALID_ORG_INN
    assert organization.director_name == "Иванова Мария Петровна"
    assert (organization.short_name, organization.address) == ("ЦПСД", "г. Тестовск, ул. Лесная, 5")
    assert fields == ["address,director_name,inn,name,short_name"]


@pytest.mark.parametrize(("inn", "text"), [
    ("500100732259", "нужно 10 цифр"),   # a valid ИНН of a person is not an organisation's
    ("770708389", "нужно 10 цифр"),
    ("7707083894", "контрольные цифры"),
])
def test_organization_inn_is_ten_digits_with_checksum(database, world, inn, text):
    with database.write() as session, pytest.raises(ValidationError) as caught:
        update_organization(session, world.admin, OrganizationData(ORG_NAME, inn=inn))
    assert set(caught.value.errors) == {"inn"}
    assert "«ИНН организации»" in caught.value.errors["inn"] and text in caught.value.errors["inn"]


def test_organization_name_required_and_director_checked(database, world):
    with database.write() as session, pytest.raises(ValidationError) as caught:
        update_organization(session, world.admin, OrganizationData("  ", director_name="Ivanova M.P."))
    assert set(caught.value.errors) == {"name", "director_name"}
    assert "«Полное наименование» обязательно" in caught.value.errors["name"]
    assert "«ФИО руководителя»" in caught.value.errors["director_name"]
    with database.read() as session:
        assert load_organization(session).name == ORG_NAME


def test_list_and_create_offices(database, world):
    with database.read() as session:
        assert [(row.name, row.is_main, row.active) for row in list_offices(session)] == [
            ("Центральное отделение", True, True)]
    with database.write() as session:
        data = OfficeData("Ёлкинское отделение", "с. Ёлкино", "8 (41234) 2-11-22")
        saved = create_office(session, world.admin, data)
    assert saved.changes == frozenset({"dictionaries"})
    with database.read() as session:
        rows = list_offices(session)
    assert [(row.name, row.is_main) for row in rows] == [("Центральное отделение", True),
                                                         ("Ёлкинское отделение", False)]
    assert (rows[1].address, rows[1].phone) == ("с. Ёлкино", "+7 (41234) 2-11-22")  # the trunk 8 written as +7


def test_office_fields_are_checked(database, world):
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_office(session, world.admin, OfficeData("", phone="нет"))
    assert set(caught.value.errors) == {"name", "phone"}
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_office(session, world.admin, OfficeData("центральное  ОТДЕЛЕНИЕ"))
    assert "уже есть" in caught.value.errors["name"]
    with database.read() as session:
        assert len(list_offices(session, include_inactive=True)) == 1


def test_making_an_office_main_demotes_the_previous_one(database, world):
    with database.write() as session:
        new_main = create_office(session, world.admin, OfficeData("Новое головное", is_main=True)).id
    with database.read() as session:
        assert [(row.name, row.is_main) for row in list_offices(session)] == [
            ("Новое головное", True), ("Центральное отделение", False)]
    with database.write() as session, pytest.raises(ValidationError) as caught:
        update_office(session, world.admin, new_main, OfficeData("Новое головное", is_main=False))
    assert "назначьте головным другое" in caught.value.errors["is_main"]
    with database.write() as session:
        update_office(session, world.admin, world.office_id, OfficeData(CENTRAL, is_main=True))
    with database.read() as session:
        assert session.get(Office, new_main).is_main is False
        assert session.get(Office, world.office_id).is_main is True


def test_the_last_open_office_and_the_main_office_cannot_be_closed(database, world):
    with database.write() as session, pytest.raises(ValidationError) as caught:
        deactivate_office(session, world.admin, world.office_id)
    assert "последнее действующее" in caught.value.errors[RECORD_FIELD]
    with database.write() as session:
        branch = create_office(session, world.admin, OfficeData("Филиал")).id
    with database.write() as session, pytest.raises(ValidationError) as caught:
        deactivate_office(session, world.admin, world.office_id)
    assert "головное" in caught.value.errors[RECORD_FIELD]
    with database.write() as session:
        saved = deactivate_office(session, world.admin, branch)
    assert saved.changes == frozenset({"dictionaries"})
    with database.read() as session:
        assert [row.name for row in list_offices(session)] == ["Центральное отделение"]
        assert [row.active for row in list_offices(session, include_inactive=True)] == [True, False]
    with database.write() as session, pytest.raises(ValidationError):
        update_office(session, world.admin, world.office_id, OfficeData(CENTRAL, is_main=False))
    with database.write() as session:
        reactivate_office(session, world.admin, branch)
    with database.read() as session:
        assert len(list_offices(session)) == 2


def test_unknown_office_is_not_found(database, world):
    with database.write() as session, pytest.raises(NotFound):
        update_office(session, world.admin, uuid.uuid4(), OfficeData("Нет такого"))


def test_only_the_administrator_edits_the_organization(database, world):
    for actor in (world.specialist, world.coordinator):
        for call in (
            lambda s, a: update_organization(s, a, OrganizationData("Другое имя")),
            lambda s, a: create_office(s, a, OfficeData("Новое отделение")),
            lambda s, a: update_office(s, a, world.office_id, OfficeData("Другое имя", is_main=True)),
            lambda s, a: deactivate_office(s, a, world.office_id),
            lambda s, a: reactivate_office(s, a, world.office_id),
        ):
            with database.write() as session, pytest.raises(PermissionDenied):
                call(session, actor)
    with database.read() as session:
        assert load_organization(session).name == ORG_NAME
        assert [row.name for row in list_offices(session, include_inactive=True)] == ["Центральное отделение"]
