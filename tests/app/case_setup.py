"""A support case of a `MotherAndChild` family opened through the services, and its plan rows."""

from __future__ import annotations

from datetime import date

from app.cases.cases import CaseData, list_cases, open_case
from app.cases.plan_items import PlanItemData, add_plan_item
from app.core.actor import system_actor
from db.models import Staff
from tests.app.family_setup import MotherAndChild

OPENED = date(2024, 3, 1)


def case_data(session, world, family: MotherAndChild, kind: str = "social_support", **overrides) -> CaseData:
    values = {
        "family_id": family.id,
        "kind_id": world.code(session, "case_kind", kind),
        "number": " 12/2024 ",
        "child_person_id": family.child_id,
        "opened_on": OPENED,
        "responsible_staff_id": world.psychologist_id,
        "notes": "Первичный приём",
        "ground_ids": [world.code(session, "need_ground", "child_adaptation_difficulties"),
                       world.code(session, "need_ground", "no_work_no_means")],
    }
    return CaseData(**(values | overrides))


def open_new_case(database, world, family: MotherAndChild, kind: str = "social_support", **overrides):
    """Open a case as the specialist; returns its id."""
    with database.write() as session:
        return open_case(session, world.specialist, case_data(session, world, family, kind, **overrides)).id


def family_cases(database, family: MotherAndChild, today: date | None = None):
    with database.read() as session:
        return list_cases(session, system_actor("test"), family.id, today)


def add_plan_row(database, world, case_id, data: PlanItemData):
    """Add a plan row as the specialist; returns its id."""
    with database.write() as session:
        return add_plan_item(session, world.specialist, case_id, data).id


def retire_staff(database, staff_id) -> None:
    with database.write() as session:
        session.get(Staff, staff_id).active = False
