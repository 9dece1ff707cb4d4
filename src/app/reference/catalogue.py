"""The service catalogue: services of the eight kinds (442-ФЗ ст. 20) in a form (ст. 19)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.changes import DICTIONARIES, Saved
from app.core.checks import Checker
from app.core.errors import RECORD_FIELD, NotFound, ValidationError
from app.core.lookups import check_active_entry
from app.core.permissions import MANAGE_DICTIONARIES, require
from app.core.records import insert_record, update_record
from app.core.resources import load_json
from app.core.text import fold
from app.reference.dictionaries import check_code, unique_code
from app.reference.usage import delete_unused
from db.models import DictionaryItem, Service

DEFAULT_UNIT = "услуга"
MAX_MINUTES = 1440


@dataclass(frozen=True)
class ServiceData:
    name: str
    kind_id: uuid.UUID | None
    form_id: uuid.UUID | None
    code: str | None = None
    unit: str | None = DEFAULT_UNIT
    minutes: int | None = None


@dataclass(frozen=True)
class ServiceRow:
    id: uuid.UUID
    code: str
    name: str
    kind_id: uuid.UUID
    kind_code: str
    kind_name: str
    kind_short_name: str
    kind_order: int
    form_id: uuid.UUID
    form_name: str
    form_short_name: str
    unit: str
    minutes: int | None
    active: bool


@lru_cache(maxsize=1)
def _shipped_codes() -> frozenset[str]:
    return frozenset(item["code"] for item in load_json("seed/services.json"))


def is_shipped_service(code: str) -> bool:
    """True for services the program seeds: seeding re-adds a missing code at every start."""
    return code in _shipped_codes()


def list_services(session: Session, include_inactive: bool = False,
                  kind_code: str | None = None) -> list[ServiceRow]:
    """Services in report order: by kind (its `attrs.order`), then by name (ё = е)."""
    entries: dict[uuid.UUID, Any] = {
        row.id: row for row in session.execute(
            select(DictionaryItem.id, DictionaryItem.kind, DictionaryItem.code, DictionaryItem.name,
                   DictionaryItem.short_name, DictionaryItem.attrs, DictionaryItem.sort_order)
            .where(DictionaryItem.kind.in_(("service_kind", "service_form"))))
    }
    query = select(Service.id, Service.code, Service.name, Service.kind_id, Service.form_id, Service.unit,
                   Service.minutes, Service.active)
    if kind_code is not None:
        kind_ids = [row.id for row in entries.values()
                    if row.kind == "service_kind" and row.code == kind_code]
        query = query.where(Service.kind_id.in_(kind_ids))
    if not include_inactive:
        query = query.where(Service.active.is_(True))
    rows = []
    for service in session.execute(query):
        kind, form = entries[service.kind_id], entries[service.form_id]
        rows.append(ServiceRow(
            service.id, service.code, service.name, kind.id, kind.code, kind.name,
            kind.short_name or kind.name, int((kind.attrs or {}).get("order", kind.sort_order + 1)),
            form.id, form.name, form.short_name or form.name, service.unit, service.minutes, service.active,
        ))
    return sorted(rows, key=lambda row: (row.kind_order, fold(row.name)))


def _get_service(session: Session, service_id: uuid.UUID) -> Service:
    service = session.get(Service, service_id)
    if service is None:
        raise NotFound("Услуга не найдена.")
    return service


def _validate_service(check: Checker, session: Session, data: ServiceData, current: Service | None) -> dict:
    name = check.text("name", data.name, "Наименование услуги", required=True, max_length=400)
    check_active_entry(check, session, "kind_id", data.kind_id, "service_kind", "Вид услуги",
                       current=current.kind_id if current else None)
    check_active_entry(check, session, "form_id", data.form_id, "service_form", "Форма обслуживания",
                       current=current.form_id if current else None)
    unit = check.text("unit", data.unit, "Единица измерения", max_length=40) or DEFAULT_UNIT
    check.number_range("minutes", data.minutes, "Продолжительность, мин", 1, MAX_MINUTES)
    if data.minutes is not None and int(data.minutes) != data.minutes:
        check.fail("minutes", "Поле «Продолжительность, мин»: укажите целое число минут.")
    taken = {code.lower() for code, in session.execute(
        select(Service.code).where(Service.id != current.id) if current else select(Service.code))}
    code = check_code(check, "code", data.code)
    if code is None:
        # Editing with the code left empty keeps the code; a new service gets one made from its name.
        code = current.code if current else unique_code(name or "", taken)
    elif code in taken:
        check.fail("code", f"Поле «Код»: код «{code}» уже занят другой услугой.")
    if current is not None and code != current.code and is_shipped_service(current.code):
        check.fail("code", "Поле «Код»: услуга поставляется с программой, её код менять нельзя.")
    return {"code": code, "name": name, "kind_id": data.kind_id, "form_id": data.form_id, "unit": unit,
            "minutes": int(data.minutes) if data.minutes is not None else None}


def create_service(session: Session, actor: Actor, data: ServiceData) -> Saved:
    """Add a service; when the code is empty it is made from the name (ASCII, with a counter if taken)."""
    require(actor, MANAGE_DICTIONARIES)
    check = Checker()
    values = _validate_service(check, session, data, None)
    check.done()
    service = insert_record(session, actor, Service, "service", values)
    return Saved(service.id, frozenset({DICTIONARIES}))


def update_service(session: Session, actor: Actor, service_id: uuid.UUID, data: ServiceData) -> Saved:
    require(actor, MANAGE_DICTIONARIES)
    service = _get_service(session, service_id)
    check = Checker()
    values = _validate_service(check, session, data, service)
    check.done()
    return _save(session, actor, service, values)


def deactivate_service(session: Session, actor: Actor, service_id: uuid.UUID) -> Saved:
    """Take a service out of choice lists; sessions, visits and plans that have it keep it."""
    require(actor, MANAGE_DICTIONARIES)
    return _save(session, actor, _get_service(session, service_id), {"active": False})


def reactivate_service(session: Session, actor: Actor, service_id: uuid.UUID) -> Saved:
    require(actor, MANAGE_DICTIONARIES)
    return _save(session, actor, _get_service(session, service_id), {"active": True})


def delete_service(session: Session, actor: Actor, service_id: uuid.UUID) -> Saved:
    """Delete a service the program does not ship and no session, visit or plan row refers to."""
    require(actor, MANAGE_DICTIONARIES)
    service = _get_service(session, service_id)
    if is_shipped_service(service.code):
        raise ValidationError({RECORD_FIELD: (
            f"Услуга «{service.name}» поставляется с программой и при следующем запуске появится снова. "
            f"Отключите её: она исчезнет из списков выбора."
        )})
    return delete_unused(session, actor, service, "service", f"Услуга «{service.name}»")


def _save(session: Session, actor: Actor, service: Service, values: dict) -> Saved:
    return update_record(session, actor, service, "service", values, frozenset({DICTIONARIES}))
