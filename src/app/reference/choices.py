"""The lists that fill a screen's pickers, read in one unit so a screen needs one round trip."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.reference.dictionaries import DictionaryRow, list_items
from app.reference.places import list_districts, list_settlements
from app.reference.staff import StaffRow, list_staff
from db.models import Office


@dataclass(frozen=True)
class Choice:
    id: uuid.UUID
    label: str
    parent_id: uuid.UUID | None = None  # e.g. the district of a settlement
    code: str = ""
    group: str = ""  # a heading the picker groups by, e.g. the kind of a service (442-ФЗ, art. 20)


@dataclass(frozen=True)
class RegistryChoices:
    categories: list[Choice]
    districts: list[Choice]
    settlements: list[Choice]
    staff: list[Choice]
    member_roles: list[Choice]
    removal_reasons: list[Choice]
    offices: list[Choice]
    # Staff who work with families (not the brigade's drivers): the first group of the staff pickers.
    family_workers: frozenset[uuid.UUID] = frozenset()


def _items(rows: list[DictionaryRow]) -> list[Choice]:
    return [Choice(row.id, row.name, code=row.code) for row in rows]


def family_workers(session: Session, staff_rows: Iterable[StaffRow]) -> frozenset[uuid.UUID]:
    """The employees who work with families: all but those whose position is the brigade's transport."""
    transport = {row.code for row in list_items(session, "position") if row.attrs.get("brigade_transport")}
    return frozenset(row.id for row in staff_rows if row.position_code not in transport)


def registry_choices(session: Session) -> RegistryChoices:
    """Active entries for the registry's filters and the family card's pickers."""
    staff_rows = list_staff(session)
    offices = [Choice(office_id, name) for office_id, name in
               session.execute(select(Office.id, Office.name).where(Office.active.is_(True)).order_by(Office.name))]
    return RegistryChoices(
        categories=_items(list_items(session, "family_category")),
        districts=[Choice(row.id, row.name, row.office_id) for row in list_districts(session)],
        settlements=[Choice(row.id, row.title, row.district_id) for row in list_settlements(session)],
        staff=[Choice(row.id, row.label, row.office_id, row.position_code) for row in staff_rows],
        member_roles=_items(list_items(session, "member_role")),
        removal_reasons=_items(list_items(session, "category_removal_reason")),
        offices=offices,
        family_workers=family_workers(session, staff_rows),
    )


@dataclass(frozen=True)
class FamilyCardChoices:
    """Pickers of the family card and its dialogs, with the dictionary attributes the forms react to."""

    registry: RegistryChoices
    distances: dict[uuid.UUID, float | None]
    may_represent: frozenset[uuid.UUID]  # member roles that may be a legal representative
    child_roles: frozenset[uuid.UUID]
    kdn_categories: frozenset[uuid.UUID]  # family categories that need a КДН и ЗП decision (СОП)
    case_kinds: list[Choice]
    closing_reasons: list[Choice]
    agencies: list[Choice]
    grounds: list[Choice]
    document_kinds: list[Choice]
    support_levels: list[Choice] = field(default_factory=list)  # the region's levels of support (#17)
    case_outcomes: list[Choice] = field(default_factory=list)  # outcome codes of a closed case (#17)


def family_card_choices(session: Session) -> FamilyCardChoices:
    """Every list the family card's pickers need, in one read (active entries only)."""
    roles = list_items(session, "member_role")
    categories = list_items(session, "family_category")
    return FamilyCardChoices(
        registry=registry_choices(session),
        distances={row.id: row.distance_km for row in list_settlements(session)},
        may_represent=frozenset(r.id for r in roles if r.attrs.get("may_represent")),
        child_roles=frozenset(r.id for r in roles if r.attrs.get("is_child")),
        kdn_categories=frozenset(c.id for c in categories if c.attrs.get("requires_kdn")),
        case_kinds=[Choice(r.id, r.short_name or r.name, code=r.code) for r in list_items(session, "case_kind")],
        closing_reasons=_items(list_items(session, "case_closing_reason")),
        agencies=_items(list_items(session, "agency")),
        grounds=_items(list_items(session, "need_ground")),
        document_kinds=_items(list_items(session, "document_kind")),
        support_levels=_items(list_items(session, "support_level")),
        case_outcomes=_items(list_items(session, "case_outcome")),
    )
