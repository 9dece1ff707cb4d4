"""Applying a registry import plan through the family, person and child-profile services.

Runs inside the caller's write transaction: every record is validated and audited by the same
service a user's dialog calls (`persons.create_person`, `families.register_family`, `add_member`,
`update_family`, `add_category`, `children.save_child_profile`), so the import obeys every rule.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.cases.cases import CaseData, open_case
from app.core.actor import Actor
from app.core.progress import Progress, no_progress
from app.importing.bulk import insert_new_families
from app.importing.families_plan import FamilyGroup, FamilyPlan, Member
from app.importing.known import FAMILY_COLUMNS, existing_families
from app.importing.matching import DISTRICT
from app.importing.outcome import CREATE, ERROR, UPDATE, Checkpoint, ImportSummary
from app.reference.places import DistrictData, SettlementData, create_district, create_settlement
from app.registry.children import ChildProfileData, save_child_profile
from app.registry.families import (
    CategoryData,
    FamilyData,
    MemberData,
    NewFamily,
    add_category,
    add_member,
    register_family,
)
from app.registry.families import update_family as update_family_record
from app.registry.persons import PersonData, create_person, update_person
from db.models import Person, SupportCase

FRESH_CHUNK = 500  # new families inserted per statement batch, a checkpoint after each
_OVERLAID = ("district_id", "settlement_id", "street", "house", "building", "apartment", "phone")


def _person_data(values: dict) -> PersonData:
    fields: dict[str, Any] = {name: values.get(name) for name in PersonData.__dataclass_fields__}
    return PersonData(**fields)


def _update_person(session: Session, actor: Actor, member: Member) -> bool:
    assert member.match is not None
    if not member.changes:
        return False
    person = session.get(Person, member.match.id)
    current = PersonData(**{name: getattr(person, name) for name in PersonData.__dataclass_fields__})
    return bool(update_person(session, actor, member.match.id, replace(current, **member.changes)).changes)


def category_data(group: FamilyGroup, category_id: uuid.UUID, since: date | None) -> CategoryData:
    """A category of the file's family: with the КДН и ЗП decision the file gave, else (for СОП) pending."""
    number, day = group.decisions.get(category_id, (None, None))
    return CategoryData(category_id, since, kdn_intake_number=number, kdn_intake_date=day, decision_pending=True)


def _update_family(session: Session, actor: Actor, group: FamilyGroup, family_id: uuid.UUID) -> bool:
    """Overlay the file's address parts and add its missing categories; True when anything changed."""
    current, categories = existing_families(session, {family_id})[family_id]
    merged = dict(current)
    for name in _OVERLAID:
        if group.values.get(name) is not None:
            merged[name] = group.values[name]
    if group.values.get("settlement_id") is not None:
        merged["district_id"] = group.values.get("district_id") or merged["district_id"]
    changed = bool(update_family_record(session, actor, family_id, FamilyData(**merged)).changes)
    for category_id in group.category_ids:
        if category_id not in categories:
            add_category(session, actor, family_id, category_data(group, category_id, group.values["registered_on"]))
            changed = True
    return changed


def _create_places(session: Session, actor: Actor, plan: FamilyPlan, bad_rows: set[int]) -> None:
    """Create the districts and settlements the plan needs (through the dictionary services: validated,
    audited, allowed to administrators only) and put their real ids into the families' values."""
    used = {group.values.get(name) for group in plan.groups if set(group.rows) - bad_rows
            for name in ("district_id", "settlement_id")}
    used |= {place.district_id for place_id, place in plan.new_places.items()
             if place_id in used}  # a new settlement's new district is needed too
    real: dict[uuid.UUID, uuid.UUID] = {}
    for place_id, place in sorted(plan.new_places.items(), key=lambda item: item[1].kind != DISTRICT):
        if place_id not in used:
            continue
        if place.kind == DISTRICT:
            real[place_id] = create_district(session, actor, DistrictData(place.name, plan.office_id)).id
        else:
            district_id = real.get(place.district_id, place.district_id) if place.district_id else None
            real[place_id] = create_settlement(session, actor, SettlementData(district_id, place.name)).id
    for group in plan.groups:
        for name in ("district_id", "settlement_id"):
            if group.values.get(name) in real:
                group.values[name] = real[group.values[name]]


def _open_support(session: Session, actor: Actor, group: FamilyGroup, family_id: uuid.UUID) -> bool:
    """Open the family's support case from the file unless one of that kind is already open or was opened
    on that date (re-importing the same file changes nothing); True when a case was opened."""
    support = group.support
    if support is None:
        return False
    existing = session.execute(select(SupportCase.id).where(
        SupportCase.family_id == family_id, SupportCase.kind_id == support.kind_id,
        SupportCase.deleted_at.is_(None),
        or_(SupportCase.closed_on.is_(None), SupportCase.opened_on == support.opened_on)).limit(1)).first()
    if existing is not None:
        return False
    open_case(session, actor, CaseData(family_id, support.kind_id, opened_on=support.opened_on,
                                       closed_on=support.closed_on, closing_reason_id=support.closing_reason_id,
                                       responsible_staff_id=support.staff_id))
    return True


def _child_profile(session: Session, actor: Actor, member: Member, person_id: uuid.UUID) -> None:
    if member.disabled and member.disability_since is not None:
        save_child_profile(session, actor, person_id, ChildProfileData(is_disabled=True,
                                                                       disability_since=member.disability_since))


def _write_group(session: Session, actor: Actor, group: FamilyGroup, plan: FamilyPlan,
                 bad_rows: set[int]) -> tuple[set[int], set[int]]:
    """Write one family; returns the rows that created and the rows that updated something."""
    created: set[int] = set()
    updated: set[int] = set()
    members = [m for m in group.members if m.ok and m.row not in bad_rows and m.duplicate_of_row is None]
    new_members: list[Member] = []
    joining: list[Member] = []  # persons from the database without a family, joining the new one
    wants_update = False
    for member in members:
        decision = plan.decisions.for_row(member.row)
        if member.match is None or decision == CREATE:
            new_members.append(member)
            continue
        if decision == UPDATE:
            wants_update = True
            if _update_person(session, actor, member):
                updated.add(member.row)
        if member.match.family_id is None:
            joining.append(member)
    person_ids: dict[int, uuid.UUID] = {}
    for member in new_members:
        person_ids[id(member)] = create_person(session, actor, _person_data(member.person.values or {})).id
        created.add(member.row)
    target = group.target_family_id
    joins = any(plan.decisions.for_row(m.row) == UPDATE for m in joining)
    if target is None and (new_members or joins):
        links = [MemberData(m.role_id, m.is_legal_representative, person_id=person_ids[id(m)]) for m in new_members]
        links += [MemberData(m.role_id, m.is_legal_representative, person_id=m.match.id)  # type: ignore[union-attr]
                  for m in joining]
        values = {name: group.values.get(name) for name in FAMILY_COLUMNS if name in group.values}
        family = FamilyData(**values)
        saved = register_family(session, actor, NewFamily(family, links, [category_data(group, c, family.registered_on)
                                                                          for c in group.category_ids]))
        _open_support(session, actor, group, saved.id)
        updated.update(m.row for m in joining)
    elif target is not None:
        for member in new_members:
            add_member(session, actor, target, MemberData(member.role_id, False, person_id=person_ids[id(member)]))
        changed = wants_update and _update_family(session, actor, group, target)
        if wants_update and _open_support(session, actor, group, target):
            changed = True
        if changed:
            updated.update(m.row for m in members if m.match is not None and plan.decisions.for_row(m.row) == UPDATE)
    for member in new_members:
        _child_profile(session, actor, member, person_ids[id(member)])
    return created, updated


def _all_new(group: FamilyGroup, plan: FamilyPlan, bad_rows: set[int]) -> list[Member] | None:
    """The members to insert when the group is a brand-new family (nobody from the database in it)."""
    members = [m for m in group.members if m.ok and m.row not in bad_rows and m.duplicate_of_row is None]
    if group.target_family_id is not None or not members:
        return None
    if any(m.match is not None and plan.decisions.for_row(m.row) != CREATE for m in members):
        return None
    return members


def write_families(session: Session, actor: Actor, plan: FamilyPlan, progress: Progress = no_progress,
                   checkpoint: Checkpoint | None = None) -> ImportSummary:
    """Apply the plan in the caller's transaction, committing whole families at `checkpoint`s (see
    `runner.run_import`); counts are per sheet row."""
    checkpoint = checkpoint or Checkpoint()
    bad_rows = {r.row for r in plan.preview.rows if r.outcome == ERROR}
    _create_places(session, actor, plan, bad_rows)
    created: set[int] = set()
    updated: set[int] = set()
    total = len(plan.groups)
    fresh = [(group, members) for group in plan.groups
             if (members := _all_new(group, plan, bad_rows)) is not None]
    progress(0, total, "Запись новых семей")
    for start in range(0, len(fresh), FRESH_CHUNK):
        chunk = fresh[start:start + FRESH_CHUNK]
        person_ids = insert_new_families(session, actor, chunk, plan.review_years)
        for _group, members in chunk:
            created.update(m.row for m in members)
            for member in members:
                _child_profile(session, actor, member, person_ids[id(member)])
        progress(start + len(chunk), total, "Запись новых семей")
        checkpoint()
    done = {id(group) for group, _members in fresh}
    rest = [group for group in plan.groups if id(group) not in done]
    for index, group in enumerate(rest):
        if index % 20 == 0:
            progress(len(fresh) + index, total, "Обновление семей из базы")
        made, changed = _write_group(session, actor, group, plan, bad_rows)
        created |= made
        updated |= changed - made
        checkpoint()
    progress(total, total, "Запись семей")
    rows = [r.row for r in plan.preview.rows]
    return ImportSummary(created=len(created), updated=len(updated),
                         skipped=len(set(rows) - created - updated - bad_rows), errors=len(bad_rows))
