"""What the visits journal and the visit editor show besides the visits: their pick-lists, and the
visit with its family's title and present members, each read in one unit."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.reference.catalogue import list_services
from app.reference.choices import Choice, family_workers
from app.reference.dictionaries import list_items
from app.reference.places import list_districts
from app.reference.staff import list_staff
from app.registry.members import MemberChoice, family_members, family_title
from app.visits.visits import VisitData, load_visit
from db.models import Family

HOME_MODE = "family_home"
ACTIVE = "active"  # the `code` of an active employee's choice


@dataclass(frozen=True)
class VisitChoices:
    staff: list[Choice]  # active and switched-off employees; `code` is ACTIVE or "" for switched-off ones
    services: list[Choice]  # `code` is the service's code
    inactive_services: frozenset[uuid.UUID]
    delivery_modes: list[Choice]
    home_mode_id: uuid.UUID | None
    districts: list[Choice]
    # Who works with families (not the brigade's drivers): with the family's office, the first group of the
    # editor's specialists.
    family_workers: frozenset[uuid.UUID] = frozenset()

    @property
    def active_staff(self) -> list[Choice]:
        return [choice for choice in self.staff if choice.code == ACTIVE]


@dataclass(frozen=True)
class VisitForm:
    """A visit as its editor opens it (`data` None for a new one) with its family's title and members."""

    data: VisitData | None
    family_title: str
    members: list[MemberChoice]
    office_id: uuid.UUID | None = None  # the family's office: its specialists are offered first


@dataclass(frozen=True)
class VisitFamily:
    """What the editor needs of a newly chosen family: its present members and its office."""

    members: list[MemberChoice]
    office_id: uuid.UUID | None


def load_visit_choices(session: Session) -> VisitChoices:
    """Staff (labelled «Фамилия И.О. — должность»), services, delivery modes and districts."""
    staff_rows = list_staff(session, include_inactive=True)
    staff = [Choice(row.id, row.label, row.office_id, ACTIVE if row.active else "") for row in staff_rows]
    services = list_services(session, include_inactive=True)
    modes = [Choice(row.id, row.name, code=row.code) for row in list_items(session, "delivery_mode")]
    return VisitChoices(
        staff=staff,
        services=[Choice(row.id, row.name, code=row.code, group=row.kind_name) for row in services],
        inactive_services=frozenset(row.id for row in services if not row.active),
        delivery_modes=modes,
        home_mode_id=next((mode.id for mode in modes if mode.code == HOME_MODE), None),
        districts=[Choice(row.id, row.name) for row in list_districts(session)],
        family_workers=family_workers(session, staff_rows),
    )


def load_visit_form(session: Session, actor: Actor, visit_id: uuid.UUID | None,
                    family_id: uuid.UUID | None = None) -> VisitForm:
    """The visit `visit_id` (or a new visit for `family_id`, or for no family yet). Nothing is audited."""
    data = load_visit(session, actor, visit_id) if visit_id is not None else None
    if data is not None:
        family_id = data.family_id
    if family_id is None:
        return VisitForm(data, "", [])
    family = visit_family(session, actor, family_id)
    return VisitForm(data, family_title(session, actor, family_id), family.members, family.office_id)


def visit_family(session: Session, actor: Actor, family_id: uuid.UUID) -> VisitFamily:
    """The present members and the office of `family_id` (access checked by `family_members`)."""
    members = family_members(session, actor, family_id)
    return VisitFamily(members, session.get_one(Family, family_id).office_id)
