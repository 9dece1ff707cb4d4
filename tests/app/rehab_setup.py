"""A family of children and rehabilitation sessions scheduled for them, for the rehab tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from app.registry.families import FamilyData, MemberData, NewFamily, register_family
from app.registry.persons import PersonData
from app.rehab.sessions import SessionData, create_session
from db.models import FamilyMember, Person, Service

MONDAY = date(2026, 3, 2)
FIRST_NAMES = ["Артём", "Борис", "Вера", "Галина", "Денис", "Елена", "Жанна", "Зоя", "Иван", "Кира"]


def mother_with_children(world, session, children: int, last_name: str = "Королёв") -> tuple[list, object]:
    """A mother with `children` children; returns (child ids in name order, mother id)."""
    child_role = world.code(session, "member_role", "child")
    members = [MemberData(world.code(session, "member_role", "mother"), True,
                          person=PersonData("Королёва", "Мария", None, "F", date(1985, 1, 1)))]
    members += [MemberData(child_role, False, person=PersonData(last_name, FIRST_NAMES[i % 10], None, "M",
                                                                date(2016, 1, 1) + timedelta(days=i)))
                for i in range(children)]
    family = FamilyData(office_id=world.office_id, registered_on=date(2025, 1, 15))
    family_id = register_family(session, world.specialist, NewFamily(family, members)).id
    rows = session.execute(select(Person.id).join(FamilyMember, FamilyMember.person_id == Person.id)
                           .where(FamilyMember.family_id == family_id).order_by(Person.birth_date)).all()
    return [row.id for row in rows[1:]], rows[0].id


def service_by_code(session, code: str = "psy_correction"):
    return session.execute(select(Service.id).where(Service.code == code)).scalar_one()


def session_data(world, session, starts_at: datetime, person_ids: list, **overrides) -> SessionData:
    values = dict(starts_at=starts_at, duration_min=40, staff_id=world.psychologist_id,
                  service_id=service_by_code(session),
                  delivery_mode_id=world.code(session, "delivery_mode", "centre"),
                  person_ids=person_ids, is_group=len(person_ids) > 1, place="Кабинет 5", topic="Эмоции")
    values.update(overrides)
    return SessionData(**values)


def add_session(world, session, starts_at: datetime, person_ids: list, **overrides):
    """Schedule a session as the specialist giving it, or as the coordinator for another specialist
    (a specialist schedules only their own sessions); returns its id."""
    data = session_data(world, session, starts_at, person_ids, **overrides)
    actor = world.specialist if data.staff_id == world.specialist.staff_id else world.coordinator
    return create_session(session, actor, data).id


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


def children_and_mother(database, world) -> list:
    """Three children (by name) and, last, their mother."""
    with database.write() as session:
        children, mother = mother_with_children(world, session, 3)
    return [*children, mother]
