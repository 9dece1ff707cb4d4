"""Small families registered through the services, and the audit rows a test reads back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.registry.families import FamilyData, MemberData, NewFamily, register_family
from app.registry.persons import PersonData
from db.models import AuditEntry, FamilyMember, Person

TODAY = date.today()


@dataclass(frozen=True)
class MotherAndChild:
    id: object
    mother_id: object
    child_id: object


@dataclass(frozen=True)
class MotherFatherChild:
    id: object
    mother_id: object
    father_id: object
    child_id: object


def _member_ids(session, family_id) -> dict[str, object]:
    """Person ids of the family's members by first name."""
    return dict(session.execute(
        select(Person.first_name, Person.id).join(FamilyMember, FamilyMember.person_id == Person.id)
        .where(FamilyMember.family_id == family_id)).all())


def mother_and_child(database, world, last_name: str = "Белова") -> MotherAndChild:
    """Mother (legal representative) and a daughter born 06.05.2019."""
    with database.write() as session:
        role = {code: world.code(session, "member_role", code) for code in ("mother", "child")}
        data = NewFamily(FamilyData(office_id=world.office_id, registered_on=date(2024, 1, 10)), [
            MemberData(role["mother"], True, person=PersonData(last_name, "Ирина", "Сергеевна", "F",
                                                               date(1990, 2, 3))),
            MemberData(role["child"], False, person=PersonData(last_name, "Дарья", "Павловна", "F",
                                                               date(2019, 5, 6))),
        ])
        family_id = register_family(session, world.specialist, data).id
        ids = _member_ids(session, family_id)
    return MotherAndChild(family_id, ids["Ирина"], ids["Дарья"])


def mother_father_child(database, world, last_name: str = "Белова") -> MotherFatherChild:
    """Mother (legal representative), father (not marked as one) and a child of 6."""
    with database.write() as session:
        def role(code: str) -> object:
            return world.code(session, "member_role", code)

        male = last_name[:-1]
        data = NewFamily(FamilyData(office_id=world.office_id, registered_on=date(2024, 1, 10)), [
            MemberData(role("mother"), True, person=PersonData(last_name, "Ирина", "Сергеевна", "F",
                                                               date(1990, 2, 3))),
            MemberData(role("father"), False, person=PersonData(male, "Павел", "Андреевич", "M",
                                                                date(1988, 7, 9))),
            MemberData(role("child"), False, person=PersonData(last_name, "Дарья", "Павловна", "F",
                                                               date(TODAY.year - 6, 1, 15))),
        ])
        family_id = register_family(session, world.specialist, data).id
        ids = _member_ids(session, family_id)
    return MotherFatherChild(family_id, ids["Ирина"], ids["Павел"], ids["Дарья"])


def audit_entries(database, entity: str) -> list[tuple[str, str]]:
    """(action, fields) of the audit rows about `entity`, oldest first."""
    with database.read() as session:
        return [tuple(row) for row in session.execute(
            select(AuditEntry.action, AuditEntry.fields).where(AuditEntry.entity == entity)
            .order_by(AuditEntry.id))]
