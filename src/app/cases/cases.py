"""Support cases of a family (сопровождение, ИППСУ, ИПР СОП, ИПРП, реабилитационный курс), listed with
their plans (the plan rows are written by `app.cases.plan_items`).

Writes check EDIT_RECORDS, audit field names and never commit; cases are soft-deleted.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, aliased

from app.cases.papers import CONTRACT_TERMINATED, contract_to_terminate
from app.core import audit, caseload
from app.core.access import family_scope, require_case, require_family
from app.core.actor import Actor
from app.core.changes import CASES, FAMILIES, Saved, assign
from app.core.checks import Checker
from app.core.dates import add_years, age_on
from app.core.lookups import check_active_staff, check_dictionary, check_reference, get_live
from app.core.permissions import EDIT_RECORDS, VIEW_RECORDS, require
from app.core.records import audit_changes, soft_delete, update_record
from app.core.text import format_date, full_name, short_name
from app.effectiveness.assessments import require_closing_assessment
from db.models import (
    DictionaryItem,
    Family,
    FamilyMember,
    Person,
    PlanItem,
    Service,
    SocialPaper,
    Staff,
    SupportCase,
)
from db.models import case_grounds as grounds_table

# Used when a case kind's dictionary entry has no `review_years`: ИППСУ is reviewed at least every 3 years.
DEFAULT_REVIEW_YEARS = {"ippsu": 3}
CASE_AREAS = frozenset({CASES, FAMILIES})


@dataclass(frozen=True)
class CaseData:
    family_id: uuid.UUID | None
    kind_id: uuid.UUID | None
    number: str | None = None
    child_person_id: uuid.UUID | None = None
    opened_on: date | None = None
    closed_on: date | None = None
    closing_reason_id: uuid.UUID | None = None
    responsible_staff_id: uuid.UUID | None = None
    review_due_on: date | None = None
    notes: str | None = None
    ground_ids: list[uuid.UUID] = field(default_factory=list)
    support_level_id: uuid.UUID | None = None  # the region's «уровень сопровождения» (dictionary support_level)
    outcome_id: uuid.UUID | None = None  # of a closed case (dictionary case_outcome)


@dataclass(frozen=True)
class PlanRow:
    id: uuid.UUID
    position: int
    measure: str
    service_id: uuid.UUID | None
    service_name: str | None
    executor_staff_id: uuid.UUID | None
    executor_agency_id: uuid.UUID | None
    executor_name: str
    due_on: date | None
    done_on: date | None
    done_note: str | None
    is_overdue: bool


@dataclass(frozen=True)
class CaseRow:
    id: uuid.UUID
    kind_id: uuid.UUID
    kind_code: str
    kind_name: str
    number: str | None
    child_person_id: uuid.UUID | None
    child_name: str | None
    opened_on: date
    closed_on: date | None
    closing_reason_id: uuid.UUID | None
    closing_reason_name: str | None
    responsible_staff_id: uuid.UUID | None
    responsible_name: str | None
    review_due_on: date | None
    notes: str | None
    ground_ids: tuple[uuid.UUID, ...]
    plan: tuple[PlanRow, ...]
    support_level_id: uuid.UUID | None = None
    support_level_name: str | None = None
    outcome_id: uuid.UUID | None = None
    outcome_name: str | None = None

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def overdue_count(self) -> int:
        return sum(1 for row in self.plan if row.is_overdue)


def _years_word(years: int) -> str:
    if years % 10 == 1 and years % 100 != 11:
        return "год"
    if years % 10 in (2, 3, 4) and years % 100 not in (12, 13, 14):
        return "года"
    return "лет"


def live_case(session: Session, case_id: uuid.UUID) -> SupportCase:
    """The case, which must exist and not be deleted (NotFound otherwise)."""
    return get_live(session, SupportCase, case_id, "Запись о сопровождении")


def _check_closing(check: Checker, session: Session, opened_on: date | None, closed_on: date | None,
                   reason_id: uuid.UUID | None, case_id: uuid.UUID | None) -> SocialPaper | None:
    """Check the closing date and reason; for «расторжение договора» return the contract it refers to."""
    check.past_date("closed_on", closed_on, "Дата закрытия")
    check.date_order("closed_on", opened_on, closed_on, "Дата закрытия", "Дата начала")
    if closed_on is not None:
        reason = check_dictionary(check, session, "closing_reason_id", reason_id, "case_closing_reason",
                                  "Причина закрытия")
        if reason is not None and reason.code == CONTRACT_TERMINATED:
            return contract_to_terminate(check, session, case_id, closed_on)
    elif reason_id is not None:
        check.fail("closed_on", "Поле «Дата закрытия» обязательно, если указана причина закрытия.")
    return None


def _terminate(session: Session, actor: Actor, contract: SocialPaper | None, closed_on: date | None) -> None:
    """Stamp the contract of a case closed for «расторжение договора» terminated on the closing day."""
    if contract is not None and contract.terminated_on is None and closed_on is not None:
        contract.terminated_on = closed_on
        contract.updated_by = actor.user_id
        audit.record(session, actor, "update", "social_paper", contract.id, ["terminated_on"])


def _review_due(check: Checker, kind: DictionaryItem | None, opened_on: date | None,
                review_due_on: date | None) -> date | None:
    """Default and bound the review date for kinds reviewed periodically (ИППСУ: every 3 years)."""
    years = None
    if kind is not None:
        years = (kind.attrs or {}).get("review_years") or DEFAULT_REVIEW_YEARS.get(kind.code)
    if review_due_on is None:
        return add_years(opened_on, years) if years and opened_on else None
    check.date_order("review_due_on", opened_on, review_due_on, "Срок пересмотра", "Дата начала")
    if years and opened_on and review_due_on > add_years(opened_on, years):
        check.fail("review_due_on", f"Поле «Срок пересмотра»: программа пересматривается не реже раза в "
                                    f"{years} {_years_word(years)} — укажите дату не позже "
                                    f"{format_date(add_years(opened_on, years))}.")
    return review_due_on


EARLY_HELP_KIND = "iprp"
EARLY_HELP_MAX_AGE = 3  # an ИПРП is for children from birth to three years


def _check_early_help_age(check: Checker, session: Session, child_id: uuid.UUID | None, opened_on: date) -> None:
    """An early-help programme (ИПРП) is opened for a child under three on its opening day."""
    if child_id is None:
        check.fail("child_person_id", "Поле «Ребёнок»: для индивидуальной программы ранней помощи (ИПРП) выберите "
                   "ребёнка.")
        return
    birth = session.execute(select(Person.birth_date).where(Person.id == child_id)).scalar()
    if birth is None:
        check.fail("child_person_id", "Поле «Ребёнок»: для ИПРП нужна дата рождения ребёнка — укажите её в "
                   "карточке ребёнка.")
    elif age_on(birth, opened_on) >= EARLY_HELP_MAX_AGE:
        check.fail("child_person_id", f"Поле «Ребёнок»: индивидуальная программа ранней помощи (ИПРП) открывается "
                   f"для ребёнка до {EARLY_HELP_MAX_AGE} лет, а на {format_date(opened_on)} ребёнку "
                   f"{age_on(birth, opened_on)} {_years(age_on(birth, opened_on))}. Выберите другой вид "
                   "сопровождения.")


def _years(number: int) -> str:
    if number % 10 == 1 and number % 100 != 11:
        return "год"
    return "года" if number % 10 in (2, 3, 4) and number % 100 not in (12, 13, 14) else "лет"


def _validate_case(check: Checker, session: Session, data: CaseData,
                   current: SupportCase | None) -> tuple[dict, list[uuid.UUID], SocialPaper | None]:
    family = check_reference(check, session, Family, "family_id", data.family_id, "Семья")
    if current is not None and data.family_id != current.family_id:
        check.fail("family_id", "Поле «Семья»: сопровождение нельзя перенести в другую семью.")
    kind = check_dictionary(check, session, "kind_id", data.kind_id, "case_kind", "Вид сопровождения")
    opened_on = check.past_date("opened_on", data.opened_on, "Дата начала", required=True)
    contract = _check_closing(check, session, opened_on, data.closed_on, data.closing_reason_id,
                              current.id if current is not None else None)
    if data.child_person_id is not None and family is not None and session.execute(
        select(FamilyMember.id).where(FamilyMember.family_id == family.id,
                                      FamilyMember.person_id == data.child_person_id).limit(1)
    ).first() is None:
        check.fail("child_person_id", "Поле «Ребёнок»: выберите члена этой семьи.")
    if kind is not None and kind.code == EARLY_HELP_KIND and opened_on is not None:
        _check_early_help_age(check, session, data.child_person_id, opened_on)
    check_active_staff(check, session, "responsible_staff_id", data.responsible_staff_id,
                       "Ответственный специалист", current=current.responsible_staff_id if current else None)
    check_dictionary(check, session, "support_level_id", data.support_level_id, "support_level",
                     "Уровень сопровождения", required=False)
    check_dictionary(check, session, "outcome_id", data.outcome_id, "case_outcome", "Результат сопровождения",
                     required=False)
    ground_ids = list(dict.fromkeys(data.ground_ids))
    for ground_id in ground_ids:
        check_dictionary(check, session, "ground_ids", ground_id, "need_ground", "Основания нуждаемости")
    values = {
        "family_id": data.family_id,
        "kind_id": data.kind_id,
        "number": check.text("number", data.number, "Номер", max_length=40),
        "child_person_id": data.child_person_id,
        "opened_on": opened_on,
        "closed_on": data.closed_on,
        "closing_reason_id": data.closing_reason_id if data.closed_on else None,
        "responsible_staff_id": data.responsible_staff_id,
        "review_due_on": _review_due(check, kind, opened_on, data.review_due_on),
        "notes": check.text("notes", data.notes, "Примечание", max_length=4000),
        "support_level_id": data.support_level_id,
        "outcome_id": data.outcome_id if data.closed_on else None,
    }
    return values, ground_ids, contract


def _store_grounds(session: Session, case_id: uuid.UUID, ground_ids: list[uuid.UUID]) -> bool:
    """Make the case's rows in case_grounds equal `ground_ids`; return whether anything changed."""
    current = set(session.execute(
        select(grounds_table.c.ground_id).where(grounds_table.c.case_id == case_id)).scalars())
    wanted = set(ground_ids)
    if removed := current - wanted:
        session.execute(delete(grounds_table).where(grounds_table.c.case_id == case_id,
                                                    grounds_table.c.ground_id.in_(removed)))
    if added := wanted - current:
        session.execute(insert(grounds_table), [{"case_id": case_id, "ground_id": g} for g in added])
    return current != wanted


def open_case(session: Session, actor: Actor, data: CaseData) -> Saved:
    require(actor, EDIT_RECORDS)
    if data.family_id is not None and session.get(Family, data.family_id) is not None:
        require_family(session, actor, data.family_id, edit=True)
    check = Checker()
    # A case entered already closed is history (an imported registry row): the closing-assessment rule of
    # «цели достигнуты» (#17) is for the closing itself — close_case, or update_case setting the reason.
    values, ground_ids, _contract = _validate_case(check, session, data, None)
    check.done()
    case = SupportCase(**values, created_by=actor.user_id, updated_by=actor.user_id)
    session.add(case)
    session.flush()
    _store_grounds(session, case.id, ground_ids)
    audit.record(session, actor, "create", "support_case", case.id, [*values, "ground_ids"])
    caseload.link(session, [(case.responsible_staff_id, case.family_id)])
    return Saved(case.id, CASE_AREAS)


def update_case(session: Session, actor: Actor, case_id: uuid.UUID, data: CaseData) -> Saved:
    case = require_case(session, actor, case_id, edit=True)
    check = Checker()
    values, ground_ids, contract = _validate_case(check, session, data, case)
    if data.closed_on is not None and (case.closed_on is None or case.closing_reason_id != data.closing_reason_id):
        require_closing_assessment(check, session, case.id, data.closing_reason_id)
    check.done()
    _terminate(session, actor, contract, data.closed_on)
    family_before = case.family_id
    changed = assign(case, values)
    if _store_grounds(session, case.id, ground_ids):
        changed.append("ground_ids")
    caseload.refresh(session, [family_before, case.family_id])
    return audit_changes(session, actor, case, "support_case", changed, CASE_AREAS)


def close_case(session: Session, actor: Actor, case_id: uuid.UUID, closed_on: date | None,
               closing_reason_id: uuid.UUID | None, outcome_id: uuid.UUID | None = None) -> Saved:
    """Close an open case with its date, reason and (optionally) outcome code (reopening is `update_case` with no
    closing date, or `app.cases.reopening`)."""
    case = require_case(session, actor, case_id, edit=True)
    check = Checker()
    if case.closed_on is not None:
        check.fail("closed_on", f"Сопровождение уже закрыто {format_date(case.closed_on)}.")
    check.past_date("closed_on", closed_on, "Дата закрытия", required=True)
    contract = _check_closing(check, session, case.opened_on, closed_on, closing_reason_id, case.id)
    require_closing_assessment(check, session, case.id, closing_reason_id)
    check_dictionary(check, session, "outcome_id", outcome_id, "case_outcome", "Результат сопровождения",
                     required=False)
    check.done()
    _terminate(session, actor, contract, closed_on)
    values = {"closed_on": closed_on, "closing_reason_id": closing_reason_id, "outcome_id": outcome_id}
    return update_record(session, actor, case, "support_case", values, CASE_AREAS)


def delete_case(session: Session, actor: Actor, case_id: uuid.UUID) -> Saved:
    """Soft-delete a case; its plan rows stay with it for history."""
    case = require_case(session, actor, case_id, edit=True)
    saved = soft_delete(session, actor, case, "support_case", CASE_AREAS)
    caseload.refresh(session, [case.family_id])
    return saved


def _plan_rows(session: Session, case_ids: list[uuid.UUID], today: date) -> dict[uuid.UUID, list[PlanRow]]:
    agency = aliased(DictionaryItem)
    rows = session.execute(
        select(PlanItem.case_id, PlanItem.id, PlanItem.position, PlanItem.measure, PlanItem.service_id,
               Service.name, PlanItem.executor_staff_id, PlanItem.executor_agency_id, Staff.last_name,
               Staff.first_name, Staff.middle_name, func.coalesce(agency.short_name, agency.name),
               PlanItem.due_on, PlanItem.done_on, PlanItem.done_note)
        .outerjoin(Service, Service.id == PlanItem.service_id)
        .outerjoin(Staff, Staff.id == PlanItem.executor_staff_id)
        .outerjoin(agency, agency.id == PlanItem.executor_agency_id)
        .where(PlanItem.case_id.in_(case_ids))
        .order_by(PlanItem.position, PlanItem.due_on.nulls_last(), PlanItem.created_at)
    )
    plans: dict[uuid.UUID, list[PlanRow]] = {}
    for (case_id, item_id, position, measure, service_id, service_name, staff_id, agency_id, last, first,
         middle, agency_name, due_on, done_on, done_note) in rows:
        executor = short_name(last, first, middle) if last else (agency_name or "")
        overdue = done_on is None and due_on is not None and due_on < today
        plans.setdefault(case_id, []).append(PlanRow(
            item_id, position, measure, service_id, service_name, staff_id, agency_id, executor, due_on,
            done_on, done_note, overdue))
    return plans


def list_cases(session: Session, actor: Actor, family_id: uuid.UUID, today: date | None = None) -> list[CaseRow]:
    """A family's live cases, open first and the latest opened first, each with its grounds and plan.

    Three queries whatever the number of cases; `is_overdue` of plan rows is judged on `today`.
    The access check rides on the first query (a family outside the actor's scope yields no rows);
    only an empty answer costs one more query, to tell "no cases" from "no access".
    """
    require(actor, VIEW_RECORDS)
    today = today or date.today()
    kind = aliased(DictionaryItem)
    reason = aliased(DictionaryItem)
    level = aliased(DictionaryItem)
    outcome = aliased(DictionaryItem)
    staff = aliased(Staff)
    rows = session.execute(
        select(SupportCase.id, SupportCase.kind_id, kind.code, func.coalesce(kind.short_name, kind.name),
               SupportCase.number, SupportCase.child_person_id, Person.last_name, Person.first_name,
               Person.middle_name, SupportCase.opened_on, SupportCase.closed_on, SupportCase.closing_reason_id,
               reason.name, SupportCase.responsible_staff_id, staff.last_name, staff.first_name,
               staff.middle_name, SupportCase.review_due_on, SupportCase.notes, SupportCase.support_level_id,
               level.name, SupportCase.outcome_id, outcome.name)
        .join(kind, kind.id == SupportCase.kind_id)
        .outerjoin(reason, reason.id == SupportCase.closing_reason_id)
        .outerjoin(level, level.id == SupportCase.support_level_id)
        .outerjoin(outcome, outcome.id == SupportCase.outcome_id)
        .outerjoin(staff, staff.id == SupportCase.responsible_staff_id)
        .outerjoin(Person, Person.id == SupportCase.child_person_id)
        .where(SupportCase.family_id == family_id, SupportCase.deleted_at.is_(None),
               # One probe of this family, not IN (every visible family): a coordinator's list of 20,000 ids was
               # built on each call (40 ms of every family card).
               select(Family.id).where(Family.id == family_id, family_scope(actor)).exists())
        .order_by(SupportCase.closed_on.is_not(None), SupportCase.opened_on.desc(), SupportCase.created_at)
    ).all()
    case_ids = [row[0] for row in rows]
    if not case_ids:
        require_family(session, actor, family_id)
        return []
    grounds: dict[uuid.UUID, list[uuid.UUID]] = {}
    for case_id, ground_id in session.execute(
        select(grounds_table.c.case_id, grounds_table.c.ground_id)
        .join(DictionaryItem, DictionaryItem.id == grounds_table.c.ground_id)
        .where(grounds_table.c.case_id.in_(case_ids))
        .order_by(DictionaryItem.sort_order)
    ):
        grounds.setdefault(case_id, []).append(ground_id)
    plans = _plan_rows(session, case_ids, today)
    result = []
    for (case_id, kind_id, kind_code, kind_name, number, child_id, child_last, child_first, child_middle,
         opened_on, closed_on, reason_id, reason_name, staff_id, staff_last, staff_first, staff_middle,
         review_due_on, notes, level_id, level_name, outcome_id, outcome_name) in rows:
        result.append(CaseRow(
            case_id, kind_id, kind_code, kind_name, number, child_id,
            full_name(child_last, child_first, child_middle) if child_last else None,
            opened_on, closed_on, reason_id, reason_name, staff_id,
            short_name(staff_last, staff_first, staff_middle) if staff_last else None,
            review_due_on, notes, tuple(grounds.get(case_id, ())), tuple(plans.get(case_id, ())),
            level_id, level_name, outcome_id, outcome_name))
    return result


def open_case_count(session: Session, family_id: uuid.UUID | None = None) -> int:
    """Open (not closed, not deleted) cases of one family, or of all live families when None."""
    query = (select(func.count(SupportCase.id))
             .join(Family, Family.id == SupportCase.family_id)
             .where(SupportCase.deleted_at.is_(None), SupportCase.closed_on.is_(None), Family.deleted_at.is_(None)))
    if family_id is not None:
        query = query.where(SupportCase.family_id == family_id)
    return session.execute(query).scalar_one()
