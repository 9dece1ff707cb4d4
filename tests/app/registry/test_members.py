"""A family's present members as a pick-list: a light read, access checked like the card, never audited."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.core.errors import PermissionDenied
from app.registry.families import FamilyData, MemberData, NewFamily, register_family, remove_member
from app.registry.members import family_members, family_title, short_role
from app.registry.persons import PersonData
from db.models import AuditEntry, FamilyMember
from tests.app.family_setup import mother_father_child


def _audit_rows(database) -> int:
    with database.read() as session:
        return session.execute(select(func.count(AuditEntry.id))).scalar_one()


def test_lists_the_members_with_their_roles(database, world):
    family = mother_father_child(database, world, "Белова")
    before = _audit_rows(database)
    with database.read() as session:
        members = family_members(session, world.specialist, family.id)
        title = family_title(session, world.specialist, family.id)
    assert members[0].id == family.mother_id  # the legal representative first
    assert {m.id for m in members} == {family.mother_id, family.father_id, family.child_id}
    labels = {m.id: m.label for m in members}
    assert labels[family.mother_id] == "Белова Ирина Сергеевна (мать)"
    assert labels[family.child_id] == "Белова Дарья Павловна (ребёнок)"  # not «(ребёнок (сын, дочь))»
    assert all(label.count("(") == 1 for label in labels.values())
    assert title == "Белова Ирина Сергеевна"
    assert _audit_rows(database) == before  # unlike opening the card, nothing is audited


def test_a_role_with_its_own_brackets_is_shortened():
    assert short_role("Сожитель (сожительница) родителя") == "сожитель родителя"
    assert short_role("Подопечный (под опекой, попечительством)") == "подопечный"
    assert short_role("Мать") == "мать"


def test_members_who_left_are_not_offered(database, world):
    family = mother_father_child(database, world, "Белова")
    with database.write() as session:
        link = session.execute(select(FamilyMember.id).where(FamilyMember.person_id == family.father_id)).scalar_one()
        remove_member(session, world.specialist, link)
    with database.read() as session:
        members = family_members(session, world.specialist, family.id)
    assert {m.id for m in members} == {family.mother_id, family.child_id}


def test_refuses_a_family_outside_a_specialists_scope(database, world):
    with database.write() as session:
        role = world.code(session, "member_role", "mother")
        member = MemberData(role, True, person=PersonData("Чужая", "Ольга", "Ивановна", "F", date(1990, 1, 1)))
        data = FamilyData(world.office_id, date(2025, 1, 15))  # no responsible specialist
        family_id = register_family(session, world.coordinator, NewFamily(data, [member])).id
    with database.read() as session:
        assert [m.label for m in family_members(session, world.coordinator, family_id)] == [
            "Чужая Ольга Ивановна (мать)"]
    with database.read() as session, pytest.raises(PermissionDenied):
        family_members(session, world.specialist, family_id)
    with database.read() as session, pytest.raises(PermissionDenied):
        family_title(session, world.specialist, family_id)
