"""Districts and settlements: lists, validation, switching off, deleting only what is unused."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import func, select

from app.core.errors import RECORD_FIELD, NotFound, PermissionDenied, ValidationError
from app.reference.dictionaries import deactivate_item
from app.reference.organization import OfficeData, create_office, deactivate_office
from app.reference.places import (
    DistrictData,
    SettlementData,
    create_district,
    create_settlement,
    deactivate_district,
    deactivate_settlement,
    delete_district,
    delete_settlement,
    list_districts,
    list_settlements,
    reactivate_district,
    reactivate_settlement,
    update_district,
    update_settlement,
)
from app.registry.families import FamilyData, NewFamily, register_family
from db.models import AuditEntry, BrigadeTrip, District, Settlement, TripStop


def _register_family(database, world, **address) -> None:
    with database.write() as session:
        family = FamilyData(office_id=world.office_id, registered_on=date(2025, 2, 1), **address)
        register_family(session, world.specialist, NewFamily(family))


def _count(session, model) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_list_districts_sorted_with_office(database, world):
    with database.read() as session:
        rows = list_districts(session)
    assert [(row.name, row.office_name, row.active) for row in rows] == [
        ("Соседний район", "Центральное отделение", True),
        ("Тестовый район", "Центральное отделение", True),
    ]
    assert rows[1].id == world.district_id and rows[1].office_id == world.office_id


def test_list_settlements_with_district_and_remote_flag(database, world):
    with database.read() as session:
        everything = list_settlements(session)
        own = list_settlements(session, district_id=world.district_id)
        strict = list_settlements(session, district_id=world.district_id, remote_km=200)
    assert [(row.district_name, row.name, row.distance_km, row.is_remote) for row in everything] == [
        ("Соседний район", "Соседнее", 40, False),
        ("Тестовый район", "Дальнее", 150, True),
        ("Тестовый район", "Центральный", 0, False),
    ]
    assert [row.id for row in own] == [world.far_settlement_id, world.near_settlement_id]
    assert own[0].municipality == "Дальнее МО" and own[0].title == "Дальнее"
    assert not any(row.is_remote for row in strict)


def test_create_district_and_update_it(database, world):
    with database.write() as session:
        saved = create_district(session, world.admin, DistrictData("  Северный   район ", world.office_id))
    assert saved.changes == frozenset({"dictionaries"})
    with database.write() as session:
        update_district(session, world.admin, saved.id, DistrictData("Северный муниципальный округ", None))
    with database.read() as session:
        district = session.get(District, saved.id)
        assert (district.name, district.office_id) == ("Северный муниципальный округ", None)
        fields = session.execute(select(AuditEntry.action, AuditEntry.fields)
                                 .where(AuditEntry.entity_id == str(saved.id)).order_by(AuditEntry.id)).all()
    assert [tuple(row) for row in fields] == [("create", "name,office_id"), ("update", "name,office_id")]


@pytest.mark.parametrize("name", ["тестовый РАЙОН", "Тестовый  район", " Тестовый район"])
def test_district_name_is_unique_ignoring_case(database, world, name):
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_district(session, world.admin, DistrictData(name))
    assert "уже есть" in caught.value.errors["name"]
    assert "«Наименование района»" in caught.value.errors["name"]
    with database.read() as session:
        assert _count(session, District) == 2


def test_district_name_treats_yo_as_ye(database, world):
    with database.write() as session:
        create_district(session, world.admin, DistrictData("Ёлкинский район"))
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_district(session, world.admin, DistrictData("елкинский район"))
    assert "name" in caught.value.errors
    with database.write() as session, pytest.raises(ValidationError) as caught:
        update_district(session, world.admin, world.other_district_id, DistrictData("ЕЛКИНСКИЙ РАЙОН"))
    assert "name" in caught.value.errors
    with database.write() as session:  # keeping its own name is not a clash
        update_district(session, world.admin, world.district_id,
                        DistrictData("тестовый район", world.office_id))


def test_district_requires_name_and_an_existing_open_office(database, world):
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_district(session, world.admin, DistrictData("", uuid.uuid4()))
    assert set(caught.value.errors) == {"name", "office_id"}
    assert "обязательно" in caught.value.errors["name"]
    assert "«Отделение»" in caught.value.errors["office_id"]
    with database.write() as session:
        closed = create_office(session, world.admin, OfficeData("Закрытое отделение")).id
        deactivate_office(session, world.admin, closed)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_district(session, world.admin, DistrictData("Новый район", closed))
    assert "закрыто" in caught.value.errors["office_id"]
    with database.read() as session:
        assert _count(session, District) == 2


def test_deactivated_district_hides_its_settlements(database, world):
    with database.write() as session:
        saved = deactivate_district(session, world.admin, world.district_id)
        again = deactivate_district(session, world.admin, world.district_id)
    assert saved.changes == frozenset({"dictionaries"}) and again.changes == frozenset()
    with database.read() as session:
        assert [row.name for row in list_districts(session)] == ["Соседний район"]
        assert [row.name for row in list_districts(session, include_inactive=True)] == [
            "Соседний район", "Тестовый район"]
        assert [row.name for row in list_settlements(session)] == ["Соседнее"]
        assert len(list_settlements(session, include_inactive=True)) == 3
    with database.write() as session:
        reactivate_district(session, world.admin, world.district_id)
    with database.read() as session:
        assert len(list_settlements(session)) == 3


def test_district_in_use_cannot_be_deleted_but_can_be_deactivated(database, world):
    with database.write() as session, pytest.raises(ValidationError) as caught:
        delete_district(session, world.admin, world.district_id)
    message = caught.value.errors[RECORD_FIELD]
    assert message.startswith("Район «Тестовый район» уже используется (населённые пункты)")
    assert "отключить" in message
    with database.write() as session:
        empty = create_district(session, world.admin, DistrictData("Пустой район")).id
    _register_family(database, world, district_id=empty)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        delete_district(session, world.admin, empty)
    assert "(семьи)" in caught.value.errors[RECORD_FIELD]
    with database.write() as session:
        deactivate_district(session, world.admin, empty)
    with database.read() as session:
        assert session.get(District, empty).active is False


def test_unused_district_is_deleted(database, world):
    with database.write() as session:
        saved = create_district(session, world.admin, DistrictData("Лишний район"))
    with database.write() as session:
        delete_district(session, world.admin, saved.id)
    with database.read() as session:
        assert session.get(District, saved.id) is None
        assert session.execute(select(AuditEntry.action).where(AuditEntry.entity_id == str(saved.id))
                               .order_by(AuditEntry.id.desc()).limit(1)).scalar() == "delete"
    with database.write() as session, pytest.raises(NotFound):
        delete_district(session, world.admin, saved.id)


def test_create_settlement_with_kind_and_distance(database, world):
    with database.read() as session:
        village = world.code(session, "settlement_kind", "village")
    with database.write() as session:
        saved = create_settlement(session, world.admin, SettlementData(
            world.district_id, " Лесное ", "Лесное сельское поселение", village, 72.5))
    with database.read() as session:
        row = next(row for row in list_settlements(session) if row.id == saved.id)
    assert (row.title, row.municipality, row.distance_km, row.is_remote, row.kind_id) == (
        "с. Лесное", "Лесное сельское поселение", 72.5, True, village)


@pytest.mark.parametrize("distance", [-1, 2000.5, 5000])
def test_distance_must_be_between_0_and_2000(database, world, distance):
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_settlement(session, world.admin,
                          SettlementData(world.district_id, "Лесное", distance_km=distance))
    assert caught.value.errors == {
        "distance_km": "Поле «Расстояние до отделения, км»: ожидается число от 0 до 2000."}
    with database.read() as session:
        assert _count(session, Settlement) == 3


def test_settlement_fields_are_checked(database, world):
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_settlement(session, world.admin, SettlementData(None, "", kind_id=world.psychologist_id))
    assert set(caught.value.errors) == {"district_id", "name", "kind_id"}
    assert "«Район»" in caught.value.errors["district_id"]
    assert "«Наименование населённого пункта»" in caught.value.errors["name"]
    assert "«Тип населённого пункта»" in caught.value.errors["kind_id"]
    with database.read() as session:
        position = world.code(session, "position", "psychologist")
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_settlement(session, world.admin, SettlementData(world.district_id, "Лесное", kind_id=position))
    assert "выберите значение из списка" in caught.value.errors["kind_id"]
    with database.read() as session:
        assert _count(session, Settlement) == 3


def test_settlement_name_is_unique_within_district_and_municipality(database, world):
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_settlement(session, world.admin, SettlementData(world.district_id, "дальнее", "ДАЛЬНЕЕ МО"))
    assert "уже есть" in caught.value.errors["name"]
    with database.write() as session:  # another municipality or another district: a different place
        create_settlement(session, world.admin, SettlementData(world.district_id, "Дальнее", "Другое МО"))
        create_settlement(session, world.admin,
                          SettlementData(world.other_district_id, "Дальнее", "Дальнее МО"))
    with database.read() as session:
        assert [row.municipality for row in list_settlements(session) if row.name == "Дальнее"] == [
            "Дальнее МО", "Дальнее МО", "Другое МО"]


def test_switched_off_district_and_kind_are_refused_for_new_settlements(database, world):
    with database.read() as session:
        aul = world.code(session, "settlement_kind", "aul")
    with database.write() as session:
        deactivate_district(session, world.admin, world.other_district_id)
        deactivate_item(session, world.admin, aul)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_settlement(session, world.admin, SettlementData(world.other_district_id, "Новое", kind_id=aul))
    assert "отключён" in caught.value.errors["district_id"]
    assert "отключено" in caught.value.errors["kind_id"]
    with database.write() as session:  # an existing settlement keeps its switched-off district
        update_settlement(session, world.admin, world.other_settlement_id,
                          SettlementData(world.other_district_id, "Соседнее", "Соседнее МО", distance_km=45))
    with database.read() as session:
        assert session.get(Settlement, world.other_settlement_id).distance_km == 45


def test_update_settlement_moves_it(database, world):
    with database.write() as session:
        saved = update_settlement(session, world.admin, world.far_settlement_id,
                                  SettlementData(world.other_district_id, "Дальнее", "Новое МО", None, 300))
    assert saved.changes == frozenset({"dictionaries"})
    with database.read() as session:
        settlement = session.get(Settlement, world.far_settlement_id)
        assert (settlement.district_id, settlement.municipality, settlement.distance_km) == (
            world.other_district_id, "Новое МО", 300)


def test_settlement_in_use_cannot_be_deleted_but_can_be_deactivated(database, world):
    _register_family(database, world, district_id=world.district_id, settlement_id=world.far_settlement_id)
    with database.write() as session:
        trip = BrigadeTrip(office_id=world.office_id, trip_date=date(2025, 4, 1))
        session.add(trip)
        session.flush()
        session.add(TripStop(trip_id=trip.id, position=1, settlement_id=world.other_settlement_id))
    used = ((world.far_settlement_id, "семьи"), (world.other_settlement_id, "маршруты"))
    for settlement_id, used_by in used:
        with database.write() as session, pytest.raises(ValidationError) as caught:
            delete_settlement(session, world.admin, settlement_id)
        assert "уже используется" in caught.value.errors[RECORD_FIELD]
        assert used_by in caught.value.errors[RECORD_FIELD]
        with database.write() as session:
            deactivate_settlement(session, world.admin, settlement_id)
    with database.read() as session:
        assert [row.name for row in list_settlements(session)] == ["Центральный"]
    with database.write() as session:
        reactivate_settlement(session, world.admin, world.far_settlement_id)
    with database.read() as session:
        assert [row.name for row in list_settlements(session)] == ["Дальнее", "Центральный"]


def test_unused_settlement_is_deleted(database, world):
    with database.write() as session:
        delete_settlement(session, world.admin, world.near_settlement_id)
    with database.read() as session:
        assert session.get(Settlement, world.near_settlement_id) is None
        assert _count(session, Settlement) == 2


def test_only_the_administrator_edits_places(database, world):
    for actor in (world.specialist, world.coordinator):
        for call in (
            lambda s, a: create_district(s, a, DistrictData("Новый район")),
            lambda s, a: update_district(s, a, world.district_id, DistrictData("Другое имя")),
            lambda s, a: deactivate_district(s, a, world.district_id),
            lambda s, a: reactivate_district(s, a, world.district_id),
            lambda s, a: delete_district(s, a, world.district_id),
            lambda s, a: create_settlement(s, a, SettlementData(world.district_id, "Новое")),
            lambda s, a: update_settlement(s, a, world.near_settlement_id,
                                           SettlementData(world.district_id, "Х")),
            lambda s, a: deactivate_settlement(s, a, world.near_settlement_id),
            lambda s, a: reactivate_settlement(s, a, world.near_settlement_id),
            lambda s, a: delete_settlement(s, a, world.near_settlement_id),
        ):
            with database.write() as session, pytest.raises(PermissionDenied):
                call(session, actor)
    with database.read() as session:
        assert _count(session, District) == 2 and _count(session, Settlement) == 3
        assert session.get(Settlement, world.near_settlement_id).name == "Центральный"
