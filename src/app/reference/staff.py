"""Staff records: employees of the centre with their position and office.

A person who has ever worked with families is switched off when leaving, never deleted: visits,
sessions, cases and user accounts keep pointing at the record.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.changes import DICTIONARIES, Saved
from app.core.checks import Checker
from app.core.errors import NotFound
from app.core.lookups import check_active_entry, check_active_office
from app.core.permissions import MANAGE_DICTIONARIES, require
from app.core.records import insert_record, update_record
from app.core.text import fold, full_name, short_name
from app.reference.usage import delete_unused
from db.models import DictionaryItem, Office, Staff

# Loose on purpose: something@domain.zone; the mail server is the real judge of an address.
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


@dataclass(frozen=True)
class StaffData:
    last_name: str
    first_name: str
    middle_name: str | None
    position_id: uuid.UUID | None
    office_id: uuid.UUID | None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class StaffRow:
    id: uuid.UUID
    last_name: str
    first_name: str
    middle_name: str | None
    position_id: uuid.UUID
    position_code: str
    position_name: str
    office_id: uuid.UUID
    office_name: str
    phone: str | None
    email: str | None
    active: bool

    @property
    def full_name(self) -> str:
        return full_name(self.last_name, self.first_name, self.middle_name)

    @property
    def short_name(self) -> str:
        """«Смирнова О.И.»."""
        return short_name(self.last_name, self.first_name, self.middle_name)

    @property
    def label(self) -> str:
        """«Смирнова О.И. — психолог»: how every picker and list names an employee."""
        return staff_label(self.short_name, self.position_name)


def staff_label(short: str, position_name: str) -> str:
    """«Фамилия И.О. — должность», the one spelling of an employee in pickers."""
    return f"{short} — {position_name.lower()}"


def list_staff(
    session: Session, office_id: uuid.UUID | None = None, position_code: str | None = None,
    include_inactive: bool = False,
) -> list[StaffRow]:
    """Staff by surname, first name and patronymic (ё = е), optionally of one office or position."""
    query = (
        select(Staff.id, Staff.last_name, Staff.first_name, Staff.middle_name, Staff.position_id,
               DictionaryItem.code, DictionaryItem.name, Staff.office_id, Office.name.label("office_name"),
               Staff.phone, Staff.email, Staff.active)
        .join(DictionaryItem, DictionaryItem.id == Staff.position_id)
        .join(Office, Office.id == Staff.office_id)
    )
    if office_id is not None:
        query = query.where(Staff.office_id == office_id)
    if position_code is not None:
        query = query.where(DictionaryItem.code == position_code)
    if not include_inactive:
        query = query.where(Staff.active.is_(True))
    rows = [StaffRow(*tuple(row)) for row in session.execute(query)]
    return sorted(rows, key=lambda row: (fold(row.last_name), fold(row.first_name), fold(row.middle_name)))


def _get_staff(session: Session, staff_id: uuid.UUID) -> Staff:
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise NotFound("Сотрудник не найден.")
    return staff


def _validate_staff(check: Checker, session: Session, data: StaffData, current: Staff | None) -> dict:
    email = check.text("email", data.email, "Электронная почта", max_length=120)
    if email and not EMAIL_PATTERN.match(email):
        check.fail("email", "Поле «Электронная почта»: укажите адрес вида name@example.ru.")
    check_active_entry(check, session, "position_id", data.position_id, "position", "Должность",
                       current=current.position_id if current else None)
    check_active_office(check, session, "office_id", data.office_id,
                        current=current.office_id if current else None)
    return {
        "last_name": check.name("last_name", data.last_name, "Фамилия", required=True),
        "first_name": check.name("first_name", data.first_name, "Имя", required=True),
        "middle_name": check.name("middle_name", data.middle_name, "Отчество"),
        "position_id": data.position_id,
        "office_id": data.office_id,
        "phone": check.phone("phone", data.phone),
        "email": email,
    }


def create_staff(session: Session, actor: Actor, data: StaffData) -> Saved:
    require(actor, MANAGE_DICTIONARIES)
    check = Checker()
    values = _validate_staff(check, session, data, None)
    check.done()
    staff = insert_record(session, actor, Staff, "staff", values)
    return Saved(staff.id, frozenset({DICTIONARIES}))


def update_staff(session: Session, actor: Actor, staff_id: uuid.UUID, data: StaffData) -> Saved:
    require(actor, MANAGE_DICTIONARIES)
    staff = _get_staff(session, staff_id)
    check = Checker()
    values = _validate_staff(check, session, data, staff)
    check.done()
    return _save(session, actor, staff, values)


def deactivate_staff(session: Session, actor: Actor, staff_id: uuid.UUID) -> Saved:
    """Mark an employee as no longer working: gone from choice lists, history kept."""
    require(actor, MANAGE_DICTIONARIES)
    return _save(session, actor, _get_staff(session, staff_id), {"active": False})


def reactivate_staff(session: Session, actor: Actor, staff_id: uuid.UUID) -> Saved:
    require(actor, MANAGE_DICTIONARIES)
    return _save(session, actor, _get_staff(session, staff_id), {"active": True})


def delete_staff(session: Session, actor: Actor, staff_id: uuid.UUID) -> Saved:
    """Delete a record entered by mistake; refused (ValidationError) once anything refers to it —
    families, cases, plans, visits, trips, sessions or a user account."""
    require(actor, MANAGE_DICTIONARIES)
    staff = _get_staff(session, staff_id)
    what = f"Сотрудник «{short_name(staff.last_name, staff.first_name, staff.middle_name)}»"
    return delete_unused(session, actor, staff, "staff", what)


def _save(session: Session, actor: Actor, staff: Staff, values: dict) -> Saved:
    return update_record(session, actor, staff, "staff", values, frozenset({DICTIONARIES}))
