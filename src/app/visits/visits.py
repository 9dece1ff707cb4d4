"""Home visits (патронаж): recording, editing, soft deletion and the journal list.

A visit is recorded after it happened, shaped like «Акт обследования условий жизни семьи»:
specialists who went, purpose, findings, services given and the date of the next visit.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, time
from typing import NamedTuple

from sqlalchemy import Table, delete, exists, func, insert, select
from sqlalchemy.orm import Session

from app.core import audit, caseload
from app.core.access import require_family, require_visit, visit_scope
from app.core.actor import Actor
from app.core.changes import VISITS, Saved, assign
from app.core.checks import Checker
from app.core.lookups import check_dictionary, check_reference
from app.core.permissions import EDIT_RECORDS, VIEW_RECORDS, require
from app.core.records import audit_changes, soft_delete
from app.core.text import short_name
from db.models import (
    BrigadeTrip,
    Family,
    FamilyMember,
    HomeVisit,
    Service,
    Settlement,
    Staff,
    VisitService,
    visit_staff,
)

MAX_SERVICE_QUANTITY = 50
_TEXT_LIMIT = 4000
# Findings of the inspection act, in the order of the act's sections.
FINDING_LABELS = {
    "housing": "Жилищно-бытовые условия",
    "income": "Материальное положение, занятость",
    "relationships": "Взаимоотношения в семье",
    "children_condition": "Положение детей",
    "conclusions": "Выводы",
    "recommendations": "Рекомендации",
}


class GivenService(NamedTuple):
    """A catalogue service given during a visit, optionally to one family member."""

    service_id: uuid.UUID | None
    person_id: uuid.UUID | None = None
    quantity: int | None = 1


@dataclass(frozen=True)
class VisitData:
    """What a user enters about one visit; `staff_ids` are the specialists who went.

    `delivery_mode_id` is required (the dialog proposes «На дому у семьи»); trips set «mobile».
    """

    family_id: uuid.UUID | None
    visit_date: date | None
    staff_ids: list[uuid.UUID] = field(default_factory=list)
    purpose: str | None = None
    delivery_mode_id: uuid.UUID | None = None
    services: list[GivenService] = field(default_factory=list)
    housing: str | None = None
    income: str | None = None
    relationships: str | None = None
    children_condition: str | None = None
    conclusions: str | None = None
    recommendations: str | None = None
    next_visit_on: date | None = None
    trip_id: uuid.UUID | None = None
    act_number: str | None = None  # the number of the «Акт обследования» (the act shows it with the time)
    visit_time: time | None = None


@dataclass(frozen=True)
class VisitRow:
    """One line of the visits journal. `service_count` counts services with their quantities."""

    id: uuid.UUID
    visit_date: date
    family_id: uuid.UUID
    family_title: str
    settlement: str | None
    staff_names: str
    purpose: str
    service_count: int
    next_visit_on: date | None
    trip_id: uuid.UUID | None


@dataclass(frozen=True)
class ValidVisit:
    """A visit after validation: column values, specialists and service rows ready to insert."""

    values: dict
    staff_ids: list[uuid.UUID]
    services: list[tuple[uuid.UUID, uuid.UUID | None, int]]


def check_staff_list(check: Checker, session: Session, field: str, staff_ids: list[uuid.UUID] | None,
                     label: str) -> list[uuid.UUID]:
    """At least one existing employee; duplicates are dropped keeping the user's order."""
    unique = list(dict.fromkeys(staff_ids or []))
    if not unique:
        check.fail(field, f"Поле «{label}»: укажите хотя бы одного специалиста.")
        return []
    found = set(session.execute(select(Staff.id).where(Staff.id.in_(unique))).scalars())
    if len(found) != len(unique):
        check.fail(field, f"Поле «{label}»: один из выбранных сотрудников не найден, выберите заново.")
    return unique


def _check_services(check: Checker, session: Session, prefix: str, data: VisitData
                    ) -> list[tuple[uuid.UUID, uuid.UUID | None, int]]:
    # Plain (service_id, person_id, quantity) tuples are accepted as well.
    services = [GivenService(*given) for given in data.services]
    if not services:
        return []
    service_ids = {s.service_id for s in services if s.service_id is not None}
    known = set(session.execute(select(Service.id).where(Service.id.in_(service_ids))).scalars())
    members: set[uuid.UUID] = set()
    if data.family_id is not None:
        member_query = select(FamilyMember.person_id).where(FamilyMember.family_id == data.family_id)
        if data.visit_date is not None:
            # Someone who left the family before the visit cannot have been served in it.
            member_query = member_query.where(
                (FamilyMember.left_on.is_(None)) | (FamilyMember.left_on >= data.visit_date)
            )
        members = set(session.execute(member_query).scalars())
    rows = []
    for index, given in enumerate(services):
        field_prefix = f"{prefix}services.{index}."
        if given.service_id is None:
            check.fail(f"{field_prefix}service_id", "Поле «Услуга» обязательно: выберите услугу из перечня.")
        elif given.service_id not in known:
            check.fail(f"{field_prefix}service_id",
                       "Поле «Услуга»: услуга не найдена в перечне, выберите другую.")
        if given.person_id is not None and given.person_id not in members:
            check.fail(f"{field_prefix}person_id",
                       "Поле «Получатель услуги»: выберите члена этой семьи (или оставьте поле пустым).")
        quantity = given.quantity
        if isinstance(quantity, bool) or not isinstance(quantity, int):
            check.fail(f"{field_prefix}quantity",
                       f"Поле «Количество» обязательно: целое число от 1 до {MAX_SERVICE_QUANTITY}.")
        else:
            check.number_range(f"{field_prefix}quantity", quantity, "Количество", 1, MAX_SERVICE_QUANTITY)
        rows.append((given.service_id, given.person_id, quantity))
    return rows  # type: ignore[return-value]


def validate_visit(check: Checker, session: Session, data: VisitData, prefix: str = "") -> ValidVisit:
    """Check a visit; field names get `prefix` (trip completion validates several visits at once)."""
    check_reference(check, session, Family, f"{prefix}family_id", data.family_id, "Семья")
    check.past_date(f"{prefix}visit_date", data.visit_date, "Дата посещения", required=True)
    staff_ids = check_staff_list(check, session, f"{prefix}staff_ids", data.staff_ids, "Специалисты")
    check_dictionary(check, session, f"{prefix}delivery_mode_id", data.delivery_mode_id, "delivery_mode",
                     "Форма работы")
    if data.trip_id is not None:
        check_reference(check, session, BrigadeTrip, f"{prefix}trip_id", data.trip_id,
                        "Выезд мобильной бригады")
    if data.next_visit_on and data.visit_date and data.next_visit_on <= data.visit_date:
        check.fail(f"{prefix}next_visit_on",
                   "Поле «Дата следующего посещения»: дата должна быть позже даты посещения.")
    values = {
        "family_id": data.family_id,
        "visit_date": data.visit_date,
        "purpose": check.text(f"{prefix}purpose", data.purpose, "Цель посещения", required=True,
                              max_length=2000) or "",
        "delivery_mode_id": data.delivery_mode_id,
        "trip_id": data.trip_id,
        "next_visit_on": data.next_visit_on,
        "act_number": check.text(f"{prefix}act_number", data.act_number, "Номер акта", max_length=40),
        "visit_time": data.visit_time,
    }
    for name, label in FINDING_LABELS.items():
        values[name] = check.text(f"{prefix}{name}", getattr(data, name), label, max_length=_TEXT_LIMIT)
    services = _check_services(check, session, prefix, data)
    return ValidVisit(values, staff_ids, services)


def _write_staff_and_services(session: Session, visit_id: uuid.UUID, valid: ValidVisit) -> None:
    session.flush()
    session.execute(insert(visit_staff), [{"visit_id": visit_id, "staff_id": s} for s in valid.staff_ids])
    session.add_all(VisitService(visit_id=visit_id, service_id=service, person_id=person, quantity=quantity)
                    for service, person, quantity in valid.services)


def create_visit_record(session: Session, actor: Actor, valid: ValidVisit) -> HomeVisit:
    """Insert an already validated visit with its specialists and services (also used by trips)."""
    visit = HomeVisit(**valid.values, created_by=actor.user_id, updated_by=actor.user_id)
    session.add(visit)
    session.flush()
    _write_staff_and_services(session, visit.id, valid)
    session.flush()
    audit.record(session, actor, "create", "home_visit", visit.id, [*valid.values, "staff_ids", "services"])
    caseload.link(session, [(staff_id, visit.family_id) for staff_id in valid.staff_ids])
    return visit


def create_visit(session: Session, actor: Actor, data: VisitData) -> Saved:
    """Record a visit that has taken place, in the caller's transaction."""
    require(actor, EDIT_RECORDS)
    if data.family_id is not None and session.get(Family, data.family_id) is not None:
        require_family(session, actor, data.family_id, edit=True)
    check = Checker()
    valid = validate_visit(check, session, data)
    check.done()
    visit = create_visit_record(session, actor, valid)
    return Saved(visit.id, frozenset({VISITS}))


def _current_staff(session: Session, visit_id: uuid.UUID) -> set[uuid.UUID]:
    query = select(visit_staff.c.staff_id).where(visit_staff.c.visit_id == visit_id)
    return set(session.execute(query).scalars())


def _current_services(session: Session, visit_id: uuid.UUID) -> list[tuple]:
    rows = session.execute(select(VisitService.service_id, VisitService.person_id, VisitService.quantity)
                           .where(VisitService.visit_id == visit_id))
    return sorted((tuple(row) for row in rows), key=str)


def update_visit(session: Session, actor: Actor, visit_id: uuid.UUID, data: VisitData) -> Saved:
    """Edit a visit; the specialists and the services are replaced by those in `data`."""
    visit = require_visit(session, actor, visit_id, edit=True)
    check = Checker()
    valid = validate_visit(check, session, data)
    check.done()
    if valid.values.get("family_id", visit.family_id) != visit.family_id:
        require_family(session, actor, valid.values["family_id"], edit=True)
    family_before = visit.family_id
    changed = assign(visit, valid.values)
    if _current_staff(session, visit.id) != set(valid.staff_ids):
        session.execute(delete(visit_staff).where(visit_staff.c.visit_id == visit.id))
        session.execute(insert(visit_staff), [{"visit_id": visit.id, "staff_id": s} for s in valid.staff_ids])
        changed.append("staff_ids")
    if _current_services(session, visit.id) != sorted(valid.services, key=str):
        session.execute(delete(VisitService).where(VisitService.visit_id == visit.id))
        session.add_all(VisitService(visit_id=visit.id, service_id=s, person_id=p, quantity=q)
                        for s, p, q in valid.services)
        changed.append("services")
    caseload.refresh(session, [family_before, visit.family_id])
    return audit_changes(session, actor, visit, "home_visit", changed, frozenset({VISITS}))


def delete_visit(session: Session, actor: Actor, visit_id: uuid.UUID) -> Saved:
    """Soft-delete a visit; its services stay attached for history but drop out of every list."""
    visit = require_visit(session, actor, visit_id, edit=True)
    saved = soft_delete(session, actor, visit, "home_visit", frozenset({VISITS}))
    caseload.refresh(session, [visit.family_id])
    return saved


def staff_short_names(session: Session, link_table: Table, owner_column: str, owner_ids: list[uuid.UUID]
                      ) -> dict[uuid.UUID, str]:
    """«Смирнова О.И., Кузнецова А.П.» per owner (visit or trip), in one query for a whole page."""
    if not owner_ids:
        return {}
    owner = link_table.c[owner_column]
    rows = session.execute(
        select(owner, Staff.last_name, Staff.first_name, Staff.middle_name)
        .join(Staff, Staff.id == link_table.c.staff_id)
        .where(owner.in_(owner_ids))
        .order_by(owner, Staff.last_name, Staff.first_name)
    )
    names: dict[uuid.UUID, list[str]] = {}
    for owner_id, last, first, middle in rows:
        names.setdefault(owner_id, []).append(short_name(last, first, middle))
    return {key: ", ".join(value) for key, value in names.items()}


def list_visits(
    session: Session,
    actor: Actor,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    staff_id: uuid.UUID | None = None,
    district_id: uuid.UUID | None = None,
    family_id: uuid.UUID | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[VisitRow]:
    """A page of the visits journal, newest first, in two queries whatever the page size.

    Only visits to the families the actor works with.
    """
    require(actor, VIEW_RECORDS)
    service_count = (
        select(func.coalesce(func.sum(VisitService.quantity), 0))
        .where(VisitService.visit_id == HomeVisit.id)
        .scalar_subquery()
    )
    query = (
        select(HomeVisit.id, HomeVisit.visit_date, HomeVisit.family_id, Family.title, Settlement.name,
               HomeVisit.purpose, service_count, HomeVisit.next_visit_on, HomeVisit.trip_id)
        .join(Family, Family.id == HomeVisit.family_id)
        .outerjoin(Settlement, Settlement.id == Family.settlement_id)
        .where(HomeVisit.deleted_at.is_(None), visit_scope(actor))
    )
    if date_from is not None:
        query = query.where(HomeVisit.visit_date >= date_from)
    if date_to is not None:
        query = query.where(HomeVisit.visit_date <= date_to)
    if family_id is not None:
        query = query.where(HomeVisit.family_id == family_id)
    if district_id is not None:
        query = query.where(Family.district_id == district_id)
    if staff_id is not None:
        # EXISTS probes the (visit_id, staff_id) primary key row by row of the date range.
        query = query.where(exists().where(visit_staff.c.visit_id == HomeVisit.id,
                                           visit_staff.c.staff_id == staff_id))
    query = query.order_by(HomeVisit.visit_date.desc(), Family.title_key, HomeVisit.id)
    rows = session.execute(query.limit(limit).offset(offset)).all()
    names = staff_short_names(session, visit_staff, "visit_id", [row[0] for row in rows])
    return [
        VisitRow(id=row[0], visit_date=row[1], family_id=row[2], family_title=row[3], settlement=row[4],
                 staff_names=names.get(row[0], ""), purpose=row[5], service_count=int(row[6]),
                 next_visit_on=row[7], trip_id=row[8])
        for row in rows
    ]


def load_visit(session: Session, actor: Actor, visit_id: uuid.UUID) -> VisitData:
    """The visit as the edit dialog shows it (specialists in alphabetical order)."""
    visit = require_visit(session, actor, visit_id)
    staff_ids = list(session.execute(
        select(Staff.id).join(visit_staff, visit_staff.c.staff_id == Staff.id)
        .where(visit_staff.c.visit_id == visit.id).order_by(Staff.last_name, Staff.first_name)
    ).scalars())
    services = [GivenService(*row) for row in session.execute(
        select(VisitService.service_id, VisitService.person_id, VisitService.quantity)
        .join(Service, Service.id == VisitService.service_id)
        .where(VisitService.visit_id == visit.id).order_by(Service.code, VisitService.id)
    )]
    return VisitData(
        family_id=visit.family_id, visit_date=visit.visit_date, staff_ids=staff_ids, purpose=visit.purpose,
        delivery_mode_id=visit.delivery_mode_id, services=services, housing=visit.housing,
        income=visit.income,
        relationships=visit.relationships, children_condition=visit.children_condition,
        conclusions=visit.conclusions, recommendations=visit.recommendations,
        next_visit_on=visit.next_visit_on, trip_id=visit.trip_id, act_number=visit.act_number,
        visit_time=visit.visit_time,
    )
