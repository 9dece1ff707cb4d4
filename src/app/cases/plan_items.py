"""The plan of a support case: rows «мероприятие | исполнитель (our specialist or another agency) | срок |
отметка о выполнении», added, edited, marked done and deleted (they are read with the case by
`app.cases.cases.list_cases`).

Writes check EDIT_RECORDS, audit field names and never commit; plan rows have no deleted_at and are
deleted for real.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import audit, caseload
from app.core.access import require_case
from app.core.actor import Actor
from app.core.changes import CASES, Saved
from app.core.checks import Checker
from app.core.dates import add_years
from app.core.lookups import check_active_staff, check_dictionary, check_reference, get_live
from app.core.permissions import EDIT_RECORDS, require
from app.core.records import insert_record, update_record
from app.core.text import format_date
from db.models import PlanItem, Service, SupportCase

# Plan due dates must fall between the case's opening and this many years after it.
PLAN_HORIZON_YEARS = 5
PLAN_AREAS = frozenset({CASES})


@dataclass(frozen=True)
class PlanItemData:
    """A plan row; `position` None puts a new row last and keeps an edited row where it is."""

    measure: str | None
    service_id: uuid.UUID | None = None
    executor_staff_id: uuid.UUID | None = None
    executor_agency_id: uuid.UUID | None = None
    due_on: date | None = None
    position: int | None = None


def _validate_plan_item(check: Checker, session: Session, case: SupportCase, data: PlanItemData,
                        current: PlanItem | None) -> dict:
    measure = check.text("measure", data.measure, "Мероприятие", required=True, max_length=2000)
    if data.service_id is not None:
        check_reference(check, session, Service, "service_id", data.service_id, "Услуга")
    if (data.executor_staff_id is None) == (data.executor_agency_id is None):
        check.fail("executor_staff_id", "Поле «Исполнитель»: укажите одного исполнителя — специалиста центра "
                                        "или другое ведомство.")
    check_active_staff(check, session, "executor_staff_id", data.executor_staff_id, "Исполнитель",
                       current=current.executor_staff_id if current else None)
    check_dictionary(check, session, "executor_agency_id", data.executor_agency_id, "agency",
                     "Ведомство-исполнитель", required=False)
    latest = add_years(case.opened_on, PLAN_HORIZON_YEARS)
    if data.due_on is not None and not case.opened_on <= data.due_on <= latest:
        check.fail("due_on", f"Поле «Срок»: укажите дату с {format_date(case.opened_on)} (начало сопровождения) "
                             f"по {format_date(latest)}.")
    check.number_range("position", data.position, "Порядковый номер", 0, 10000)
    values: dict[str, object] = {
        "measure": measure,
        "service_id": data.service_id,
        "executor_staff_id": data.executor_staff_id,
        "executor_agency_id": data.executor_agency_id,
        "due_on": data.due_on,
    }
    if data.position is not None:
        values["position"] = data.position
    return values


def add_plan_item(session: Session, actor: Actor, case_id: uuid.UUID, data: PlanItemData) -> Saved:
    case = require_case(session, actor, case_id, edit=True)
    check = Checker()
    values = _validate_plan_item(check, session, case, data, None)
    check.done()
    if "position" not in values:
        last = session.execute(select(func.max(PlanItem.position)).where(PlanItem.case_id == case_id)).scalar()
        values["position"] = 0 if last is None else last + 1
    item = insert_record(session, actor, PlanItem, "plan_item", values, case_id=case_id)
    caseload.link(session, [(item.executor_staff_id, case.family_id)])
    return Saved(item.id, PLAN_AREAS)


def _live_item(session: Session, actor: Actor, item_id: uuid.UUID) -> tuple[PlanItem, SupportCase]:
    item = get_live(session, PlanItem, item_id, "Строка плана")
    return item, require_case(session, actor, item.case_id, edit=True)


def update_plan_item(session: Session, actor: Actor, item_id: uuid.UUID, data: PlanItemData) -> Saved:
    require(actor, EDIT_RECORDS)
    item, case = _live_item(session, actor, item_id)
    check = Checker()
    values = _validate_plan_item(check, session, case, data, item)
    check.done()
    saved = update_record(session, actor, item, "plan_item", values, PLAN_AREAS)
    caseload.refresh(session, [case.family_id])
    return saved


def mark_plan_item_done(session: Session, actor: Actor, item_id: uuid.UUID, done_on: date | None,
                        note: str | None = None) -> Saved:
    """Mark a plan row done on `done_on` with a note; `done_on` None takes the mark off."""
    require(actor, EDIT_RECORDS)
    item, case = _live_item(session, actor, item_id)
    check = Checker()
    check.past_date("done_on", done_on, "Дата выполнения")
    check.date_order("done_on", case.opened_on, done_on, "Дата выполнения", "Дата начала сопровождения")
    cleaned = check.text("done_note", note, "Отметка о выполнении", max_length=2000)
    check.done()
    values = {"done_on": done_on, "done_note": cleaned if done_on else None}
    return update_record(session, actor, item, "plan_item", values, PLAN_AREAS)


def delete_plan_item(session: Session, actor: Actor, item_id: uuid.UUID) -> Saved:
    require(actor, EDIT_RECORDS)
    item, case = _live_item(session, actor, item_id)
    audit.record(session, actor, "delete", "plan_item", item.id)
    session.delete(item)
    session.flush()
    caseload.refresh(session, [case.family_id])
    return Saved(item_id, PLAN_AREAS)
