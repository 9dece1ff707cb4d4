"""Administrator editing of dictionaries: codes, uniqueness, fixed lists, usage checks, order."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.core.errors import RECORD_FIELD, NotFound, PermissionDenied, ValidationError
from app.core.resources import resources_dir
from app.reference.dictionaries import (
    DICTIONARY_KINDS,
    create_item,
    deactivate_item,
    delete_item,
    list_items,
    move_item,
    reactivate_item,
    rename_item,
    transliterate,
)
from app.registry.families import CategoryData, FamilyData, NewFamily, register_family
from db.models import AuditEntry, DictionaryItem, RehabSession, Service


def _items(session, kind: str) -> dict[str, str]:
    return dict(session.execute(select(DictionaryItem.name, DictionaryItem.code)
                                .where(DictionaryItem.kind == kind)).all())


def test_every_seeded_kind_has_a_russian_title():
    seeded = json.loads((resources_dir() / "seed/dictionaries.json").read_text(encoding="utf-8"))
    assert set(DICTIONARY_KINDS) == set(seeded)
    assert DICTIONARY_KINDS["family_category"] == "Категории семей"
    assert all(any("а" <= ch <= "я" for ch in title.lower()) for title in DICTIONARY_KINDS.values())


def test_list_items_in_seed_order_and_hides_switched_off(database, world):
    with database.read() as session:
        rows = list_items(session, "delivery_mode")
    assert [row.code for row in rows] == ["centre", "mobile", "family_home", "home_microcentre", "remote"]
    assert rows[0].name == "В центре" and rows[0].active and not rows[0].fixed_by_law
    with database.write() as session:
        deactivate_item(session, world.admin, rows[1].id)
    with database.read() as session:
        assert "mobile" not in [row.code for row in list_items(session, "delivery_mode")]
        assert "mobile" in [row.code for row in list_items(session, "delivery_mode", include_inactive=True)]
        service_kinds = list_items(session, "service_kind")
    assert len(service_kinds) == 8 and all(row.fixed_by_law for row in service_kinds)
    assert service_kinds[0].attrs["order"] == 1


def test_create_item_makes_an_ascii_code_and_appends(database, world):
    with database.write() as session:
        saved = create_item(session, world.admin, "event_type", "  Школа   приёмных родителей — выезд ",
                            "ШПР")
    assert saved.changes == frozenset({"dictionaries"})
    with database.read() as session:
        item = session.get(DictionaryItem, saved.id)
        assert item.name == "Школа приёмных родителей — выезд"
        assert item.short_name == "ШПР"
        assert item.code == "shkola_priemnykh_roditeley_vyezd"
        assert item.code.isascii()
        assert list_items(session, "event_type")[-1].id == saved.id
        entry = session.execute(
            select(AuditEntry.action, AuditEntry.entity, AuditEntry.login, AuditEntry.fields)
            .where(AuditEntry.entity_id == str(saved.id))).one()
    assert tuple(entry) == ("create", "dictionary_item", "admin", "code,kind,name,short_name")


def test_generated_code_gets_a_counter_when_taken(database, world):
    with database.write() as session:
        first = create_item(session, world.admin, "vehicle", "Газель")
        second = create_item(session, world.admin, "vehicle", "Газель!")
        third = create_item(session, world.admin, "vehicle", "«Газель»?")
    with database.read() as session:
        codes = [session.get(DictionaryItem, saved.id).code for saved in (first, second, third)]
    assert codes == ["gazel", "gazel_2", "gazel_3"]
    assert transliterate("№ 5 «Ёлочка»") == "5_elochka"
    assert transliterate("«»") == "item"


def test_given_code_is_used_and_checked(database, world):
    with database.write() as session:
        saved = create_item(session, world.admin, "agency", "Прокуратура", code="Prosecutor")
    with database.read() as session:
        assert session.get(DictionaryItem, saved.id).code == "prosecutor"
    for code, text in (("police", "уже занят"), ("код", "латинские буквы"), ("a b", "латинские буквы")):
        with database.write() as session, pytest.raises(ValidationError) as caught:
            create_item(session, world.admin, "agency", "Другое ведомство", code=code)
        assert set(caught.value.errors) == {"code"}
        assert text in caught.value.errors["code"] and "«Код»" in caught.value.errors["code"]
    with database.read() as session:
        assert "Другое ведомство" not in _items(session, "agency")


@pytest.mark.parametrize("name", ["многодетная семья", "МНОГОДЕТНАЯ  СЕМЬЯ", "Многодетная семья "])
def test_name_is_unique_within_kind_ignoring_case(database, world, name):
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_item(session, world.admin, "family_category", name)
    assert "уже есть" in caught.value.errors["name"]
    assert "«Наименование»" in caught.value.errors["name"]
    with database.read() as session:
        assert len(list_items(session, "family_category")) == 10


def test_name_uniqueness_treats_yo_as_ye_and_is_per_kind(database, world):
    with database.write() as session:
        create_item(session, world.admin, "absence_reason", "Ёлка во дворце")
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_item(session, world.admin, "absence_reason", "елка во дворце")
    assert "name" in caught.value.errors
    with database.write() as session:
        create_item(session, world.admin, "event_type", "Ёлка во дворце")  # another list: allowed


def test_empty_and_long_names_are_refused(database, world):
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_item(session, world.admin, "vehicle", "  ", short_name="х" * 61)
    assert "обязательно" in caught.value.errors["name"]
    assert "не длиннее 60" in caught.value.errors["short_name"]
    with database.read() as session:
        assert len(list_items(session, "vehicle")) == 6


def test_unknown_kind_is_not_found(database, world):
    with database.write() as session, pytest.raises(NotFound):
        create_item(session, world.admin, "no_such_list", "Что-то")


def test_rename_item_and_duplicate_rename(database, world):
    with database.read() as session:
        mobile = world.code(session, "delivery_mode", "mobile")
    with database.write() as session:
        saved = rename_item(session, world.admin, mobile, "Выездная бригада", "Выезд")
        unchanged = rename_item(session, world.admin, mobile, "Выездная бригада", "Выезд")
    assert saved.changes == frozenset({"dictionaries"}) and unchanged.changes == frozenset()
    with database.read() as session:
        item = session.get(DictionaryItem, mobile)
        assert (item.name, item.short_name, item.code) == ("Выездная бригада", "Выезд", "mobile")
    with database.write() as session, pytest.raises(ValidationError) as caught:
        rename_item(session, world.admin, mobile, "в центре")
    assert "уже есть" in caught.value.errors["name"]
    with database.read() as session:
        assert session.get(DictionaryItem, mobile).name == "Выездная бригада"


def test_service_kinds_and_forms_are_fixed_by_law_but_may_be_renamed(database, world):
    with database.read() as session:
        labour = world.code(session, "service_kind", "labour")
        home = world.code(session, "service_form", "home")
    for kind in ("service_kind", "service_form"):
        with database.write() as session, pytest.raises(ValidationError) as caught:
            create_item(session, world.admin, kind, "Социально-досуговые услуги")
        assert "442-ФЗ" in caught.value.errors[RECORD_FIELD]
        assert "переименовать" in caught.value.errors[RECORD_FIELD]
    for item_id, article in ((labour, "статьёй 20"), (home, "статьёй 19")):
        for action in (delete_item, deactivate_item):
            with database.write() as session, pytest.raises(ValidationError) as caught:
                action(session, world.admin, item_id)
            assert article in caught.value.errors[RECORD_FIELD]
    with database.write() as session:
        rename_item(session, world.admin, labour, "Социально-трудовые услуги (ст. 20)", "Социально-трудовые")
    with database.read() as session:
        assert len(list_items(session, "service_kind")) == 8
        assert len(list_items(session, "service_form")) == 3
        assert session.get(DictionaryItem, labour).name == "Социально-трудовые услуги (ст. 20)"
        assert session.get(DictionaryItem, home).active


def test_delete_unused_item(database, world):
    with database.write() as session:
        saved = create_item(session, world.admin, "vehicle", "Снегоход «Буран»")
    with database.write() as session:
        result = delete_item(session, world.admin, saved.id)
    assert result.changes == frozenset({"dictionaries"})
    with database.read() as session:
        assert session.get(DictionaryItem, saved.id) is None
        actions = session.execute(select(AuditEntry.action).where(AuditEntry.entity_id == str(saved.id))
                                  .order_by(AuditEntry.id)).scalars().all()
    assert actions == ["create", "delete"]


def test_shipped_item_cannot_be_deleted_because_seeding_would_bring_it_back(database, world):
    with database.read() as session:
        niva = world.code(session, "vehicle", "lada_niva")
    with database.write() as session, pytest.raises(ValidationError) as caught:
        delete_item(session, world.admin, niva)
    assert "поставляется с программой" in caught.value.errors[RECORD_FIELD]
    with database.read() as session:
        assert session.get(DictionaryItem, niva) is not None


def test_item_in_use_is_refused_delete_and_can_be_deactivated(database, world):
    with database.write() as session:
        category = create_item(session, world.admin, "family_category", "Семья участника СВО").id
    with database.write() as session:
        family = FamilyData(office_id=world.office_id, registered_on=date(2025, 3, 1))
        register_family(session, world.specialist,
                        NewFamily(family, [], [CategoryData(category, date(2025, 3, 1))]))
    with database.write() as session, pytest.raises(ValidationError) as caught:
        delete_item(session, world.admin, category)
    message = caught.value.errors[RECORD_FIELD]
    assert "«Семья участника СВО» уже используется (категории семей)" in message
    assert "отключить" in message
    with database.write() as session:
        deactivate_item(session, world.admin, category)
    with database.read() as session:
        assert session.get(DictionaryItem, category).active is False
        assert "Семья участника СВО" not in [row.name for row in list_items(session, "family_category")]
    with database.write() as session:
        reactivate_item(session, world.admin, category)
    with database.read() as session:
        assert session.get(DictionaryItem, category).active is True


def test_item_used_by_a_session_is_refused_delete(database, world):
    with database.write() as session:
        mode = create_item(session, world.admin, "delivery_mode", "Онлайн-консультация").id
        service_id = session.execute(select(Service.id).limit(1)).scalar_one()
        session.add(RehabSession(starts_at=datetime(2025, 3, 3, 10, 0), staff_id=world.psychologist_id,
                                 service_id=service_id, delivery_mode_id=mode))
    with database.write() as session, pytest.raises(ValidationError) as caught:
        delete_item(session, world.admin, mode)
    assert "(занятия)" in caught.value.errors[RECORD_FIELD]


def test_move_item_renumbers_the_list(database, world):
    with database.read() as session:
        remote = world.code(session, "delivery_mode", "remote")
    with database.write() as session:
        saved = move_item(session, world.admin, remote, 0)
        again = move_item(session, world.admin, remote, 0)
    assert saved.changes == frozenset({"dictionaries"}) and again.changes == frozenset()
    with database.read() as session:
        rows = list_items(session, "delivery_mode")
    assert [row.code for row in rows] == ["remote", "centre", "mobile", "family_home", "home_microcentre"]
    assert [row.sort_order for row in rows] == [0, 1, 2, 3, 4]
    with database.write() as session:
        move_item(session, world.admin, remote, 99)  # beyond the end: placed last
    with database.read() as session:
        assert list_items(session, "delivery_mode")[-1].code == "remote"


def test_only_the_administrator_edits_dictionaries(database, world):
    with database.read() as session:
        mobile = world.code(session, "delivery_mode", "mobile")
    for actor in (world.specialist, world.coordinator):
        for call in (
            lambda s, a: create_item(s, a, "vehicle", "Катер"),
            lambda s, a: rename_item(s, a, mobile, "Выезд"),
            lambda s, a: deactivate_item(s, a, mobile),
            lambda s, a: reactivate_item(s, a, mobile),
            lambda s, a: delete_item(s, a, mobile),
            lambda s, a: move_item(s, a, mobile, 0),
        ):
            with database.write() as session, pytest.raises(PermissionDenied) as caught:
                call(session, actor)
            assert "администратор" in str(caught.value)
    with database.read() as session:
        assert session.get(DictionaryItem, mobile).name == "Выездная (мобильная бригада)"
        assert "Катер" not in _items(session, "vehicle")
        # Reading is open to every role: the call takes no actor at all.
        assert len(list_items(session, "vehicle")) == 6
