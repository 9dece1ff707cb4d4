"""Families living on a brigade's route and trips planned for them, for the trip tests."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.registry.families import FamilyData, MemberData, NewFamily, register_family
from app.registry.persons import PersonData
from app.trips.trips import PlannedFamily, TripData
from db.models import FamilyMember, Person

TRIP_DAY = date(2026, 6, 16)


def family_living_in(world, session, last_name: str, settlement_id) -> tuple:
    """A mother with a child living in `settlement_id`; returns (family_id, child_id)."""
    family = FamilyData(office_id=world.office_id, registered_on=date(2025, 1, 15),
                        settlement_id=settlement_id)
    members = [
        MemberData(world.code(session, "member_role", "mother"), True,
                   person=PersonData(last_name, "Мария", None, "F", date(1988, 3, 4))),
        MemberData(world.code(session, "member_role", "child"), False,
                   person=PersonData(last_name, "Ира", None, "F", date(2018, 2, 3))),
    ]
    family_id = register_family(session, world.specialist, NewFamily(family, members)).id
    child = session.execute(
        select(Person.id).join(FamilyMember, FamilyMember.person_id == Person.id)
        .where(FamilyMember.family_id == family_id, Person.first_name == "Ира")).scalar_one()
    return family_id, child


def trip_data(world, families: list[PlannedFamily], **overrides) -> TripData:
    """A trip on TRIP_DAY with two specialists along the near and the far settlement."""
    values = dict(office_id=world.office_id, trip_date=TRIP_DAY, vehicle="УАЗ «Профи»",
                  staff_ids=[world.psychologist_id, world.speech_therapist_id],
                  settlement_ids=[world.near_settlement_id, world.far_settlement_id], families=families,
                  notes="Выезд по графику")
    values.update(overrides)
    return TripData(**values)
