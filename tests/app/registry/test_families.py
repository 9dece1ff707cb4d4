"""Family registration, members, categories and search through the services."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.errors import PermissionDenied, ValidationError
from app.registry.families import CategoryData, FamilyData, MemberData, NewFamily, add_member, register_family
from app.registry.persons import PersonData, find_duplicates, search_persons


def _family(world, session, **overrides) -> NewFamily:
    mother = PersonData("Королёва", "Мария", "Петровна", "F", date(1988, 3, 4), snils="112-233-445 95")
    child = PersonData("Королёв", "Артём", "Сергеевич", "M", date(2019, 5, 6))
    family = FamilyData(office_id=world.office_id, registered_on=date(2025, 1, 15),
                        district_id=world.district_id, settlement_id=world.far_settlement_id,
                        street="Лесная", house="5", phone="+7 (914) 123-45-67")
    members = [
        MemberData(world.code(session, "member_role", "mother"), True, person=mother),
        MemberData(world.code(session, "member_role", "child"), False, person=child),
    ]
    categories = [CategoryData(world.code(session, "family_category", "large"), date(2025, 1, 15))]
    return NewFamily(overrides.get("family", family), overrides.get("members", members), categories)


def test_register_family_with_members_and_find_it(database, world):
    with database.write() as session:
        saved = register_family(session, world.specialist, _family(world, session))
    assert "families" in saved.changes
    with database.read() as session:
        for query in ("коро", "КОРОЛЕВА", "королева мар", "Королёв Артём", "К", "112-233"):
            names = {row.full_name for row in search_persons(session, world.coordinator, query)}
            assert names & {"Королёва Мария Петровна", "Королёв Артём Сергеевич"}, query
        assert search_persons(session, world.coordinator, "Иванов") == []


def test_bad_snils_names_the_field_and_saves_nothing(database, world):
    with database.read() as session:
        data = _family(world, session)
    bad = PersonData("Петрова", "Анна", None, "F", date(1990, 1, 1), snils="112-233-445 96")
    data = NewFamily(data.family, [MemberData(data.members[0].role_id, True, person=bad)])
    with database.write() as session, pytest.raises(ValidationError) as caught:
        register_family(session, world.specialist, data)
    assert "members.0.snils" in caught.value.errors
    assert "СНИЛС" in caught.value.errors["members.0.snils"]
    with database.read() as session:
        assert search_persons(session, world.coordinator, "Петрова") == []


def test_child_role_for_adult_is_refused(database, world):
    with database.read() as session:
        data = _family(world, session)
        child_role = world.code(session, "member_role", "child")
    adult = PersonData("Сидоров", "Иван", None, "M", date(1970, 1, 1))
    data = NewFamily(data.family, [MemberData(child_role, False, person=adult)])
    with database.write() as session, pytest.raises(ValidationError) as caught:
        register_family(session, world.specialist, data)
    assert "до 18 лет" in caught.value.errors["members.0.role_id"]


def test_sop_category_requires_kdn_decision(database, world):
    with database.write() as session:
        family_id = register_family(session, world.specialist, _family(world, session)).id
        sop = world.code(session, "family_category", "sop")
    from app.registry.families import add_category

    with database.write() as session, pytest.raises(ValidationError) as caught:
        add_category(session, world.specialist, family_id, CategoryData(sop, date(2025, 2, 1)))
    assert set(caught.value.errors) == {"kdn_intake_number", "kdn_intake_date"}


def test_duplicates_by_snils_and_by_name_with_birth_date(database, world):
    with database.write() as session:
        register_family(session, world.specialist, _family(world, session))
    with database.read() as session:
        by_snils = find_duplicates(session, PersonData("Другая", "Фамилия", None, "F", None, "11223344595"))
        by_name = find_duplicates(session, PersonData("королева", "МАРИЯ", "петровна", "F", date(1988, 3, 4)))
    assert [row.full_name for row in by_snils] == ["Королёва Мария Петровна"]
    assert [row.full_name for row in by_name] == ["Королёва Мария Петровна"]


def test_administrator_cannot_edit_families(database, world):
    with database.write() as session, pytest.raises(PermissionDenied):
        register_family(session, world.admin, _family(world, session))


def test_future_registration_date_is_refused(database, world):
    with database.read() as session:
        data = _family(world, session)
    family = FamilyData(office_id=world.office_id, registered_on=date(2999, 1, 1))
    with database.write() as session, pytest.raises(ValidationError) as caught:
        register_family(session, world.specialist, NewFamily(family, data.members))
    assert "в будущем" in caught.value.errors["registered_on"]


def test_add_member_later_updates_title(database, world):
    with database.write() as session:
        data = _family(world, session)
        family_id = register_family(session, world.specialist, NewFamily(data.family, data.members[1:])).id
    with database.write() as session:
        add_member(session, world.specialist, family_id, data.members[0])
    from db.models import Family

    with database.read() as session:
        assert session.get(Family, family_id).title == "Королёва Мария Петровна"
