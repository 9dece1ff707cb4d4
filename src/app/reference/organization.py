"""The centre's own details and its district offices (отделения)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import Actor
from app.core.changes import DICTIONARIES, SETTINGS, Saved
from app.core.checks import Checker
from app.core.errors import RECORD_FIELD, NotFound, ValidationError
from app.core.permissions import MANAGE_DICTIONARIES, require
from app.core.records import insert_record, update_record
from app.core.text import fold
from db.models import Office, Organization


@dataclass(frozen=True)
class OrganizationData:
    name: str
    short_name: str | None = None
    inn: str | None = None
    address: str | None = None
    director_name: str | None = None


@dataclass(frozen=True)
class OrganizationRow:
    id: uuid.UUID
    name: str
    short_name: str | None
    inn: str | None
    address: str | None
    director_name: str | None


@dataclass(frozen=True)
class OfficeData:
    name: str
    address: str | None = None
    phone: str | None = None
    is_main: bool = False


@dataclass(frozen=True)
class OfficeRow:
    id: uuid.UUID
    name: str
    address: str | None
    phone: str | None
    is_main: bool
    active: bool


def load_organization(session: Session) -> OrganizationRow:
    """The organisation's details (there is one per database, created by first setup)."""
    row = session.execute(
        select(Organization.id, Organization.name, Organization.short_name, Organization.inn,
               Organization.address, Organization.director_name).order_by(Organization.created_at).limit(1)
    ).first()
    if row is None:
        raise NotFound("Сведения об организации ещё не заполнены: выполните первоначальную настройку.")
    return OrganizationRow(*row)


def update_organization(session: Session, actor: Actor, data: OrganizationData) -> Saved:
    """Edit the name, ИНН (10 digits of a legal entity, checksum verified), address and director."""
    require(actor, MANAGE_DICTIONARIES)
    organization = session.get(Organization, load_organization(session).id)
    check = Checker()
    director = check.name("director_name", data.director_name, "ФИО руководителя")
    # A full name is several words: each starts with a capital letter («Иванова Мария Петровна»).
    director = " ".join(word[:1].upper() + word[1:] for word in director.split()) if director else None
    values = {
        "name": check.text("name", data.name, "Полное наименование", required=True, max_length=300),
        "short_name": check.text("short_name", data.short_name, "Краткое наименование", max_length=120),
        "inn": check.inn("inn", data.inn, "ИНН организации", person=False),
        "address": check.text("address", data.address, "Адрес", max_length=300),
        "director_name": director,
    }
    check.done()
    return update_record(session, actor, organization, "organization", values, frozenset({SETTINGS}))


def list_offices(session: Session, include_inactive: bool = False) -> list[OfficeRow]:
    """Offices, the main one first, then by name (ё = е)."""
    query = select(Office.id, Office.name, Office.address, Office.phone, Office.is_main, Office.active)
    if not include_inactive:
        query = query.where(Office.active.is_(True))
    rows = [OfficeRow(*row) for row in session.execute(query)]
    return sorted(rows, key=lambda row: (not row.is_main, fold(row.name)))


def _validate_office(check: Checker, session: Session, data: OfficeData, own_id: uuid.UUID | None) -> dict:
    name = check.text("name", data.name, "Наименование отделения", required=True, max_length=200)
    if name:
        others = session.execute(select(Office.id, Office.name)).all()
        if any(fold(other) == fold(name) and other_id != own_id for other_id, other in others):
            check.fail("name", f"Поле «Наименование отделения»: отделение «{name}» уже есть.")
    return {
        "name": name,
        "address": check.text("address", data.address, "Адрес", max_length=300),
        "phone": check.phone("phone", data.phone),
        "is_main": bool(data.is_main),
    }


def _demote_other_main_offices(session: Session, actor: Actor, office_id: uuid.UUID) -> None:
    """Only one office is the main one: making an office main demotes the previous one."""
    previous = select(Office).where(Office.is_main.is_(True), Office.id != office_id)
    for other in session.execute(previous).scalars():
        other.is_main = False
        other.updated_by = actor.user_id
        audit.record(session, actor, "update", "office", other.id, ["is_main"])


def create_office(session: Session, actor: Actor, data: OfficeData) -> Saved:
    require(actor, MANAGE_DICTIONARIES)
    organization_id = load_organization(session).id
    check = Checker()
    values = _validate_office(check, session, data, None)
    check.done()
    office = insert_record(session, actor, Office, "office", values, organization_id=organization_id)
    if office.is_main:
        _demote_other_main_offices(session, actor, office.id)
    return Saved(office.id, frozenset({DICTIONARIES}))


def _get_office(session: Session, office_id: uuid.UUID) -> Office:
    office = session.get(Office, office_id)
    if office is None:
        raise NotFound("Отделение не найдено.")
    return office


def update_office(session: Session, actor: Actor, office_id: uuid.UUID, data: OfficeData) -> Saved:
    require(actor, MANAGE_DICTIONARIES)
    office = _get_office(session, office_id)
    check = Checker()
    values = _validate_office(check, session, data, office.id)
    if office.is_main and not values["is_main"]:
        check.fail("is_main", "Поле «Головное отделение»: чтобы снять отметку, назначьте головным другое "
                              "отделение.")
    check.done()
    becomes_main = values["is_main"] and not office.is_main
    saved = update_record(session, actor, office, "office", values, frozenset({DICTIONARIES}))
    if becomes_main:
        _demote_other_main_offices(session, actor, office.id)
    return saved


def deactivate_office(session: Session, actor: Actor, office_id: uuid.UUID) -> Saved:
    """Close an office: it leaves choice lists; its families, staff and history stay as they are.

    The last open office and the main office cannot be closed (make another office main first).
    """
    require(actor, MANAGE_DICTIONARIES)
    office = _get_office(session, office_id)
    if not office.active:
        return Saved(office.id, frozenset())
    open_count = session.execute(select(func.count(Office.id)).where(Office.active.is_(True))).scalar_one()
    if open_count <= 1:
        raise ValidationError({RECORD_FIELD: (
            f"Отделение «{office.name}» — последнее действующее, закрыть его нельзя: в программе должно "
            f"оставаться хотя бы одно отделение."
        )})
    if office.is_main:
        raise ValidationError({RECORD_FIELD: (
            f"Отделение «{office.name}» — головное. Сначала назначьте головным другое отделение, "
            f"затем закройте это."
        )})
    return update_record(session, actor, office, "office", {"active": False}, frozenset({DICTIONARIES}))


def reactivate_office(session: Session, actor: Actor, office_id: uuid.UUID) -> Saved:
    require(actor, MANAGE_DICTIONARIES)
    office = _get_office(session, office_id)
    return update_record(session, actor, office, "office", {"active": True}, frozenset({DICTIONARIES}))
