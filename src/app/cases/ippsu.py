"""The service rows of an ИППСУ (Приказ Минтруда № 874н): «наименование социальной услуги | объём |
периодичность | срок | поставщик | отметка о выполнении», added, edited, marked done, deleted and listed.

An ИППСУ is a support case of kind «ippsu»; its rows name catalogue services of every kind but the urgent
ones (urgent social services are given without an ИППСУ, 442-ФЗ ст. 21, and confirmed by their own act).
Writes check EDIT_RECORDS and the family's scope, audit field names and never commit; rows are deleted
for real (the case keeps its history in the audit log).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.core import audit
from app.core.access import require_case
from app.core.actor import Actor
from app.core.changes import CASES, Saved
from app.core.checks import Checker
from app.core.lookups import check_active_reference, get_live
from app.core.permissions import EDIT_RECORDS, require
from app.core.records import insert_record, update_record
from app.core.text import format_date
from db.models import DictionaryItem, IppsuService, Service, SupportCase

IPPSU_KIND = "ippsu"
URGENT_KIND = "urgent"
IPPSU_AREAS = frozenset({CASES})


@dataclass(frozen=True)
class IppsuServiceData:
    """A row as entered; `provider` None means the centre itself; `position` None keeps or appends."""

    service_id: uuid.UUID | None
    volume: str | None
    periodicity: str | None
    starts_on: date | None = None
    ends_on: date | None = None
    provider: str | None = None
    position: int | None = None


@dataclass(frozen=True)
class IppsuServiceRow:
    id: uuid.UUID
    position: int
    service_id: uuid.UUID
    service_name: str
    kind_code: str
    kind_name: str
    kind_order: int
    volume: str
    periodicity: str
    starts_on: date | None
    ends_on: date | None
    provider: str | None
    done_on: date | None
    done_note: str | None

    @property
    def term(self) -> str:
        """«01.10.2026 – 31.12.2026», «с 01.10.2026», «по 31.12.2026» or empty."""
        if self.starts_on and self.ends_on:
            return f"{format_date(self.starts_on)} – {format_date(self.ends_on)}"
        if self.starts_on:
            return f"с {format_date(self.starts_on)}"
        return f"по {format_date(self.ends_on)}" if self.ends_on else ""


def kind_code_of(session: Session, case: SupportCase) -> str:
    return session.execute(select(DictionaryItem.code).where(DictionaryItem.id == case.kind_id)).scalar() or ""


def _require_ippsu(check: Checker, session: Session, case: SupportCase) -> None:
    if kind_code_of(session, case) != IPPSU_KIND:
        check.fail("service_id", "Поле «Услуга»: перечень социальных услуг ведётся только в индивидуальной "
                                 "программе (ИППСУ); выберите сопровождение вида ИППСУ.")
    if case.closed_on is not None:
        check.fail("service_id", f"Поле «Услуга»: программа закрыта {format_date(case.closed_on)}, "
                                 "изменять её перечень услуг нельзя.")


def _validate(check: Checker, session: Session, case: SupportCase, data: IppsuServiceData,
              current: IppsuService | None) -> dict:
    _require_ippsu(check, session, case)
    service = check_active_reference(check, session, Service, "service_id", data.service_id, "Услуга",
                                     "услуга «{name}» отключена в справочнике, выберите другую.",
                                     current=current.service_id if current else None)
    if service is not None and session.execute(
            select(DictionaryItem.code).where(DictionaryItem.id == service.kind_id)).scalar() == URGENT_KIND:
        check.fail("service_id", "Поле «Услуга»: срочные социальные услуги предоставляются без ИППСУ — "
                                 "оформите их актом о предоставлении срочных социальных услуг.")
    volume = check.text("volume", data.volume, "Объём", required=True, max_length=100)
    periodicity = check.text("periodicity", data.periodicity, "Периодичность", required=True, max_length=100)
    check.date_order("ends_on", data.starts_on, data.ends_on, "Срок: по", "Срок: с")
    for field, value, label in (("starts_on", data.starts_on, "Срок: с"), ("ends_on", data.ends_on, "Срок: по")):
        if value is None:
            continue
        if value < case.opened_on:
            check.fail(field, f"Поле «{label}»: дата не может быть раньше составления программы "
                              f"({format_date(case.opened_on)}).")
        elif case.review_due_on is not None and value > case.review_due_on:
            check.fail(field, f"Поле «{label}»: программа действует по {format_date(case.review_due_on)} — "
                              "укажите дату не позже.")
    check.number_range("position", data.position, "Порядковый номер", 0, 10000)
    values: dict[str, object] = {
        "service_id": data.service_id, "volume": volume, "periodicity": periodicity,
        "starts_on": data.starts_on, "ends_on": data.ends_on,
        "provider": check.text("provider", data.provider, "Поставщик", max_length=300),
    }
    if data.position is not None:
        values["position"] = data.position
    return values


def add_ippsu_service(session: Session, actor: Actor, case_id: uuid.UUID, data: IppsuServiceData) -> Saved:
    case = require_case(session, actor, case_id, edit=True)
    check = Checker()
    values = _validate(check, session, case, data, None)
    check.done()
    if "position" not in values:
        last = session.execute(select(func.max(IppsuService.position))
                               .where(IppsuService.case_id == case_id)).scalar()
        values["position"] = 0 if last is None else last + 1
    row = insert_record(session, actor, IppsuService, "ippsu_service", values, case_id=case_id)
    return Saved(row.id, IPPSU_AREAS)


def _live_row(session: Session, actor: Actor, row_id: uuid.UUID) -> tuple[IppsuService, SupportCase]:
    require(actor, EDIT_RECORDS)
    row = get_live(session, IppsuService, row_id, "Строка ИППСУ")
    return row, require_case(session, actor, row.case_id, edit=True)


def update_ippsu_service(session: Session, actor: Actor, row_id: uuid.UUID, data: IppsuServiceData) -> Saved:
    row, case = _live_row(session, actor, row_id)
    check = Checker()
    values = _validate(check, session, case, data, row)
    check.done()
    return update_record(session, actor, row, "ippsu_service", values, IPPSU_AREAS)


def mark_ippsu_service_done(session: Session, actor: Actor, row_id: uuid.UUID, done_on: date | None,
                            note: str | None = None) -> Saved:
    """The «отметка о выполнении» of a row: the day and a note; `done_on` None takes the mark off."""
    row, case = _live_row(session, actor, row_id)
    check = Checker()
    check.past_date("done_on", done_on, "Дата выполнения")
    check.date_order("done_on", row.starts_on or case.opened_on, done_on, "Дата выполнения",
                     "Срок: с" if row.starts_on else "Дата составления программы")
    cleaned = check.text("done_note", note, "Отметка о выполнении", max_length=2000)
    check.done()
    return update_record(session, actor, row, "ippsu_service",
                         {"done_on": done_on, "done_note": cleaned if done_on else None}, IPPSU_AREAS)


def delete_ippsu_service(session: Session, actor: Actor, row_id: uuid.UUID) -> Saved:
    row, case = _live_row(session, actor, row_id)
    check = Checker()
    _require_ippsu(check, session, case)
    check.done()
    audit.record(session, actor, "delete", "ippsu_service", row.id)
    session.delete(row)
    session.flush()
    return Saved(row_id, IPPSU_AREAS)


def list_ippsu_services(session: Session, actor: Actor, case_id: uuid.UUID) -> list[IppsuServiceRow]:
    """The case's rows in the form's order: by kind of service (442-ФЗ ст. 20), then by position."""
    require_case(session, actor, case_id)
    kind = aliased(DictionaryItem)
    rows = session.execute(
        select(IppsuService.id, IppsuService.position, IppsuService.service_id, Service.name, kind.code, kind.name,
               kind.attrs, kind.sort_order, IppsuService.volume, IppsuService.periodicity, IppsuService.starts_on,
               IppsuService.ends_on, IppsuService.provider, IppsuService.done_on, IppsuService.done_note)
        .join(Service, Service.id == IppsuService.service_id)
        .join(kind, kind.id == Service.kind_id)
        .where(IppsuService.case_id == case_id)
    ).all()
    result = [IppsuServiceRow(row_id, position, service_id, name, kind_code, kind_name,
                              int((attrs or {}).get("order", sort_order + 1)), volume, periodicity, starts_on,
                              ends_on, provider, done_on, done_note)
              for (row_id, position, service_id, name, kind_code, kind_name, attrs, sort_order, volume, periodicity,
                   starts_on, ends_on, provider, done_on, done_note) in rows]
    return sorted(result, key=lambda row: (row.kind_order, row.position))
