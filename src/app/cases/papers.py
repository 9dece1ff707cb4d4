"""The papers of 442-ФЗ a centre hands to a family, kept as records: the decision on recognising a citizen
as needing social services (ст. 15), the contract on providing social services (ст. 17, form of Приказ
Минтруда № 874н) and the act of urgent social services (ст. 21) with the services it lists.

Rules by kind (`PAPER_KINDS`):
- every paper has a number (unique among the live papers of its kind), a date that has happened, and a
  recipient who is a current member of the family;
- a decision answers an application (its date, not after the decision) and names the form of social service;
  it may be tied to the family's ИППСУ;
- a contract is concluded on an ИППСУ of this family (on or after the programme's date), names the form,
  may have a term and is terminated when its case is closed for «расторжение договора» (app.cases.cases);
- an urgent-services act lists at least one urgent service (kind «urgent»), each given on a day not after the
  act; it is never tied to an ИППСУ.
Writes check EDIT_RECORDS and the family's scope, audit field names and never commit; papers are
soft-deleted, the urgent services of an act are replaced with it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, aliased

from app.core import period_guard
from app.core.access import require_family
from app.core.actor import Actor
from app.core.changes import CASES, Saved, assign
from app.core.checks import Checker
from app.core.lookups import check_dictionary, check_reference, get_live
from app.core.permissions import EDIT_RECORDS, VIEW_RECORDS, require
from app.core.records import audit_changes, insert_record, soft_delete
from app.core.text import format_date, full_name
from db.models import DictionaryItem, FamilyMember, Person, Service, SocialPaper, SupportCase, UrgentService

NEED_DECISION = "need_decision"
CONTRACT = "contract"
URGENT_ACT = "urgent_act"
PAPER_KINDS = {
    NEED_DECISION: "Решение о признании гражданина нуждающимся в социальном обслуживании",
    CONTRACT: "Договор о предоставлении социальных услуг",
    URGENT_ACT: "Акт о предоставлении срочных социальных услуг",
}
CONTRACT_TERMINATED = "contract_terminated"  # the closing reason that refers to a contract
PAPER_AREAS = frozenset({CASES})


@dataclass(frozen=True)
class UrgentGiven:
    service_id: uuid.UUID | None
    given_on: date | None
    quantity: int | None = 1


@dataclass(frozen=True)
class PaperData:
    kind: str
    family_id: uuid.UUID
    person_id: uuid.UUID | None
    number: str | None
    issued_on: date | None
    case_id: uuid.UUID | None = None
    applied_on: date | None = None
    form_id: uuid.UUID | None = None
    valid_until: date | None = None
    terminated_on: date | None = None
    notes: str | None = None
    urgent: list[UrgentGiven] = field(default_factory=list)


@dataclass(frozen=True)
class UrgentRow:
    service_id: uuid.UUID
    service_name: str
    unit: str
    given_on: date
    quantity: int


@dataclass(frozen=True)
class PaperRow:
    id: uuid.UUID
    kind: str
    number: str
    issued_on: date
    person_id: uuid.UUID
    person_name: str
    case_id: uuid.UUID | None
    case_label: str | None
    applied_on: date | None
    form_id: uuid.UUID | None
    form_name: str | None
    valid_until: date | None
    terminated_on: date | None
    notes: str | None
    urgent: tuple[UrgentRow, ...]

    @property
    def kind_name(self) -> str:
        return PAPER_KINDS.get(self.kind, self.kind)


def _ippsu_case(check: Checker, session: Session, family_id: uuid.UUID, case_id: uuid.UUID | None,
                label: str, *, required: bool) -> SupportCase | None:
    if case_id is None:
        if required:
            check.fail("case_id", f"Поле «{label}»: выберите индивидуальную программу (ИППСУ) этой семьи.")
        return None
    case = session.get(SupportCase, case_id)
    kind = session.get(DictionaryItem, case.kind_id) if case is not None else None
    if case is None or case.deleted_at is not None or case.family_id != family_id or kind is None \
            or kind.code != "ippsu":
        check.fail("case_id", f"Поле «{label}»: выберите индивидуальную программу (ИППСУ) этой семьи.")
        return None
    return case


def _validate(check: Checker, session: Session, data: PaperData, current: SocialPaper | None) -> dict:
    check.choice("kind", data.kind, "Вид документа", PAPER_KINDS)
    if current is not None and (data.kind != current.kind or data.family_id != current.family_id):
        check.fail("kind", "Поле «Вид документа»: вид и семью внесённого документа изменить нельзя.")
    number = check.text("number", data.number, "Номер", required=True, max_length=40)
    issued_on = check.past_date("issued_on", data.issued_on, "Дата", required=True)
    if data.person_id is not None and session.execute(
            select(FamilyMember.id).where(FamilyMember.family_id == data.family_id,
                                          FamilyMember.person_id == data.person_id,
                                          FamilyMember.left_on.is_(None)).limit(1)).first() is None:
        check.fail("person_id", "Поле «Получатель»: выберите члена этой семьи.")
    check_reference(check, session, Person, "person_id", data.person_id, "Получатель")
    if number and data.kind in PAPER_KINDS:
        taken = session.execute(
            select(SocialPaper.issued_on).where(SocialPaper.kind == data.kind, SocialPaper.number == number,
                                                SocialPaper.deleted_at.is_(None),
                                                SocialPaper.id != (current.id if current else None))).first()
        if taken is not None:
            check.fail("number", f"Поле «Номер»: документ этого вида № {number} уже внесён "
                                 f"(от {format_date(taken[0])}).")
    values: dict[str, object] = {
        "kind": data.kind, "family_id": data.family_id, "person_id": data.person_id, "number": number,
        "issued_on": issued_on, "case_id": None, "applied_on": None, "form_id": None, "valid_until": None,
        "terminated_on": None, "notes": check.text("notes", data.notes, "Примечание", max_length=4000),
    }
    if data.kind == NEED_DECISION:
        applied = check.past_date("applied_on", data.applied_on, "Дата заявления", required=True)
        check.date_order("issued_on", applied, issued_on, "Дата", "Дата заявления")
        check_dictionary(check, session, "form_id", data.form_id, "service_form", "Форма социального обслуживания")
        _ippsu_case(check, session, data.family_id, data.case_id, "ИППСУ", required=False)
        values.update(applied_on=applied, form_id=data.form_id, case_id=data.case_id)
    elif data.kind == CONTRACT:
        case = _ippsu_case(check, session, data.family_id, data.case_id, "ИППСУ", required=True)
        if case is not None:
            check.date_order("issued_on", case.opened_on, issued_on, "Дата", "Дата составления ИППСУ")
        check_dictionary(check, session, "form_id", data.form_id, "service_form", "Форма социального обслуживания")
        if issued_on and data.valid_until and data.valid_until <= issued_on:
            check.fail("valid_until", "Поле «Срок действия»: дата должна быть позже даты договора.")
        check.past_date("terminated_on", data.terminated_on, "Дата расторжения")
        check.date_order("terminated_on", issued_on, data.terminated_on, "Дата расторжения", "Дата")
        values.update(case_id=data.case_id, form_id=data.form_id, valid_until=data.valid_until,
                      terminated_on=data.terminated_on)
    elif data.kind == URGENT_ACT:
        _validate_urgent(check, session, data, issued_on)
    return values


def _validate_urgent(check: Checker, session: Session, data: PaperData, issued_on: date | None) -> None:
    if not data.urgent:
        check.fail("urgent", "Поле «Срочные услуги»: добавьте хотя бы одну предоставленную срочную услугу.")
    for index, given in enumerate(data.urgent, start=1):
        where = f"Поле «Срочные услуги», строка {index}"
        service = session.get(Service, given.service_id) if given.service_id else None
        kind = session.get(DictionaryItem, service.kind_id) if service is not None else None
        if kind is None or kind.code != "urgent":
            check.fail("urgent", f"{where}: выберите срочную социальную услугу из справочника.")
        if given.given_on is None:
            check.fail("urgent", f"{where}: укажите дату предоставления в виде ДД.ММ.ГГГГ.")
        elif issued_on and given.given_on > issued_on:
            check.fail("urgent", f"{where}: услуга не может быть предоставлена позже даты акта.")
        elif given.given_on.year < 1900:
            check.fail("urgent", f"{where}: укажите дату после 1900 года.")
        if given.quantity is None or not 1 <= given.quantity <= 1000:
            check.fail("urgent", f"{where}: количество — число от 1 до 1000.")


def _store_urgent(session: Session, paper: SocialPaper, data: PaperData) -> bool:
    """Make the act's urgent services equal `data.urgent`; return whether they changed."""
    old = sorted((row.service_id, row.given_on, row.quantity) for row in session.execute(
        select(UrgentService.service_id, UrgentService.given_on, UrgentService.quantity)
        .where(UrgentService.paper_id == paper.id)))
    new = sorted((g.service_id, g.given_on, g.quantity) for g in data.urgent) if data.kind == URGENT_ACT else []
    if old == new:
        return False
    office = period_guard.family_office(session, paper.family_id)
    period_guard.refuse_rows(session, [(office, row[1]) for row in old + new], "urgent")
    session.execute(delete(UrgentService).where(UrgentService.paper_id == paper.id))
    if new:
        session.execute(insert(UrgentService), [
            {"id": uuid.uuid4(), "paper_id": paper.id, "service_id": s, "given_on": d, "quantity": q}
            for s, d, q in new])
    return True


def add_paper(session: Session, actor: Actor, data: PaperData) -> Saved:
    require_family(session, actor, data.family_id, edit=True)
    check = Checker()
    values = _validate(check, session, data, None)
    check.done()
    paper = insert_record(session, actor, SocialPaper, "social_paper", values)
    _store_urgent(session, paper, data)
    return Saved(paper.id, PAPER_AREAS)


def _live_paper(session: Session, actor: Actor, paper_id: uuid.UUID) -> SocialPaper:
    require(actor, EDIT_RECORDS)
    paper: SocialPaper = get_live(session, SocialPaper, paper_id, "Запись о документе")
    require_family(session, actor, paper.family_id, edit=True)
    return paper


def update_paper(session: Session, actor: Actor, paper_id: uuid.UUID, data: PaperData) -> Saved:
    paper = _live_paper(session, actor, paper_id)
    check = Checker()
    values = _validate(check, session, data, paper)
    check.done()
    changed = assign(paper, values)
    if _store_urgent(session, paper, data):
        changed.append("urgent_services")
    return audit_changes(session, actor, paper, "social_paper", changed, PAPER_AREAS)


def delete_paper(session: Session, actor: Actor, paper_id: uuid.UUID) -> Saved:
    """Soft-delete a paper entered by mistake."""
    paper = _live_paper(session, actor, paper_id)
    return soft_delete(session, actor, paper, "social_paper", PAPER_AREAS)


def contract_to_terminate(check: Checker, session: Session, case_id: uuid.UUID | None,
                          closed_on: date | None) -> SocialPaper | None:
    """The contract a case closed for «расторжение договора» refers to (the latest live one of the case).

    Fails the «Причина закрытия» field when the case has no contract, or when it was concluded after
    `closed_on`; the caller stamps `terminated_on` on the contract it gets back.
    """
    contract = None if case_id is None else session.execute(
        select(SocialPaper).where(SocialPaper.case_id == case_id, SocialPaper.kind == CONTRACT,
                                  SocialPaper.deleted_at.is_(None))
        .order_by(SocialPaper.issued_on.desc()).limit(1)).scalar()
    if contract is None:
        check.fail("closing_reason_id", "Поле «Причина закрытия»: по этой программе не внесён договор о "
                                        "предоставлении социальных услуг — внесите его на вкладке «Документы» "
                                        "или выберите другую причину.")
        return None
    if closed_on is not None and closed_on < contract.issued_on:
        check.fail("closed_on", f"Поле «Дата закрытия»: договор № {contract.number} заключён "
                                f"{format_date(contract.issued_on)}, расторгнуть его раньше нельзя.")
    return contract


def list_papers(session: Session, actor: Actor, family_id: uuid.UUID) -> list[PaperRow]:
    """A family's live papers, the latest first, each with its urgent services (two queries)."""
    require(actor, VIEW_RECORDS)
    require_family(session, actor, family_id)
    form = aliased(DictionaryItem)
    kind = aliased(DictionaryItem)
    rows = session.execute(
        select(SocialPaper.id, SocialPaper.kind, SocialPaper.number, SocialPaper.issued_on, SocialPaper.person_id,
               Person.last_name, Person.first_name, Person.middle_name, SocialPaper.case_id,
               func.coalesce(kind.short_name, kind.name), SupportCase.number, SupportCase.opened_on,
               SocialPaper.applied_on, SocialPaper.form_id, form.name, SocialPaper.valid_until,
               SocialPaper.terminated_on, SocialPaper.notes)
        .join(Person, Person.id == SocialPaper.person_id)
        .outerjoin(SupportCase, SupportCase.id == SocialPaper.case_id)
        .outerjoin(kind, kind.id == SupportCase.kind_id)
        .outerjoin(form, form.id == SocialPaper.form_id)
        .where(SocialPaper.family_id == family_id, SocialPaper.deleted_at.is_(None))
        .order_by(SocialPaper.issued_on.desc(), SocialPaper.created_at.desc())
    ).all()
    urgent: dict[uuid.UUID, list[UrgentRow]] = {}
    if rows:
        for paper_id, service_id, name, unit, given_on, quantity in session.execute(
                select(UrgentService.paper_id, UrgentService.service_id, Service.name, Service.unit,
                       UrgentService.given_on, UrgentService.quantity)
                .join(Service, Service.id == UrgentService.service_id)
                .where(UrgentService.paper_id.in_([row[0] for row in rows]))
                .order_by(UrgentService.given_on, Service.name)):
            urgent.setdefault(paper_id, []).append(UrgentRow(service_id, name, unit, given_on, quantity))
    result = []
    for (paper_id, kind_code, number, issued_on, person_id, last, first, middle, case_id, case_kind, case_number,
         case_opened, applied_on, form_id, form_name, valid_until, terminated_on, notes) in rows:
        case_label = None
        if case_id is not None:
            case_label = " ".join(part for part in (case_kind, f"№ {case_number}" if case_number else None,
                                                    f"от {format_date(case_opened)}") if part)
        result.append(PaperRow(paper_id, kind_code, number, issued_on, person_id, full_name(last, first, middle),
                               case_id, case_label, applied_on, form_id, form_name, valid_until, terminated_on,
                               notes, tuple(urgent.get(paper_id, ()))))
    return result
