"""Everything the family card shows, read in a handful of queries into frozen rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session, aliased

from app.core import audit
from app.core.access import require_family
from app.core.actor import Actor
from app.core.dates import age_on
from app.core.text import format_date, full_name, short_name
from app.registry.consents import consent_status
from db.models import (
    ChildProfile,
    DictionaryItem,
    District,
    Event,
    EventFamily,
    Family,
    FamilyCategory,
    FamilyMember,
    HomeVisit,
    Office,
    Person,
    PlanItem,
    RehabSession,
    Service,
    SessionParticipant,
    Settlement,
    Staff,
    SupportCase,
)

HISTORY_LIMIT = 200


@dataclass(frozen=True)
class MemberRow:
    member_id: uuid.UUID
    person_id: uuid.UUID
    full_name: str
    sex: str
    birth_date: date | None
    age: int | None
    role_id: uuid.UUID
    role: str
    is_child_role: bool
    is_legal_representative: bool
    snils: str | None
    left_on: date | None
    is_disabled: bool
    has_ovz: bool
    health_group: int | None
    early_help_needed: bool
    consent: str  # valid | expired | withdrawn | missing


@dataclass(frozen=True)
class CategoryRow:
    """A category span; the КДН и ЗП decisions are kept as entered and shown as «№ 12 от 05.06.2026»."""

    id: uuid.UUID
    category_id: uuid.UUID
    name: str
    code: str
    started_on: date
    ended_on: date | None
    end_reason: str
    end_reason_id: uuid.UUID | None = None
    kdn_intake_number: str | None = None
    kdn_intake_date: date | None = None
    kdn_closure_number: str | None = None
    kdn_closure_date: date | None = None
    decision_missing: bool = False  # a current СОП span without its КДН и ЗП decision: «дополнить»
    kdn_review_on: date | None = None  # the commission's next review of the prevention plan

    @property
    def kdn_intake(self) -> str:
        return decision_text(self.kdn_intake_number, self.kdn_intake_date)

    @property
    def kdn_closure(self) -> str:
        return decision_text(self.kdn_closure_number, self.kdn_closure_date)


def decision_text(number: str | None, day: date | None) -> str:
    """A КДН и ЗП decision as the card shows it: «№ 12 от 05.06.2026», «№ 12», «05.06.2026» or ""."""
    return " от ".join(part for part in (f"№ {number}" if number else "", format_date(day)) if part)


@dataclass(frozen=True)
class CaseSummary:
    id: uuid.UUID
    kind: str
    number: str
    opened_on: date
    closed_on: date | None
    responsible: str
    plan_rows: int
    plan_done: int
    plan_overdue: int


@dataclass(frozen=True)
class HistoryRow:
    kind: str  # visit | session | event
    id: uuid.UUID
    day: date
    title: str
    detail: str


@dataclass(frozen=True)
class FamilyCard:
    id: uuid.UUID
    title: str
    office: str
    district_id: uuid.UUID | None
    district: str
    settlement_id: uuid.UUID | None
    settlement: str
    distance_km: float | None
    street: str | None
    house: str | None
    building: str | None
    apartment: str | None
    phone: str | None
    email: str | None
    registered_on: date
    responsible_staff_id: uuid.UUID | None
    responsible: str
    notes: str | None
    members: list[MemberRow]
    categories: list[CategoryRow]
    cases: list[CaseSummary]
    history: list[HistoryRow]
    office_id: uuid.UUID | None = None

    @property
    def members_without_consent(self) -> list[MemberRow]:
        return [m for m in self.members if m.left_on is None and m.consent != "valid"]


def _members(session: Session, family_id: uuid.UUID, today: date) -> list[MemberRow]:
    role = aliased(DictionaryItem)
    rows = session.execute(
        select(FamilyMember, Person, role.name, role.attrs, ChildProfile)
        .join(Person, Person.id == FamilyMember.person_id)
        .join(role, role.id == FamilyMember.role_id)
        .outerjoin(ChildProfile, and_(ChildProfile.person_id == Person.id, ChildProfile.deleted_at.is_(None)))
        .where(FamilyMember.family_id == family_id, Person.deleted_at.is_(None))
        .order_by(FamilyMember.left_on.is_not(None), FamilyMember.is_legal_representative.desc(), Person.birth_date)
    ).all()
    consents = consent_status(session, [person.id for _m, person, *_ in rows], today)
    return [
        MemberRow(
            member_id=member.id,
            person_id=person.id,
            full_name=full_name(person.last_name, person.first_name, person.middle_name),
            sex=person.sex,
            birth_date=person.birth_date,
            age=age_on(person.birth_date, today) if person.birth_date else None,
            role_id=member.role_id,
            role=role_name,
            is_child_role=bool((role_attrs or {}).get("is_child")),
            is_legal_representative=member.is_legal_representative,
            snils=person.snils,
            left_on=member.left_on,
            is_disabled=bool(profile and profile.is_disabled),
            has_ovz=bool(profile and profile.has_ovz),
            health_group=profile.health_group if profile else None,
            early_help_needed=bool(profile and profile.early_help_needed),
            consent=str(consents.get(person.id, "missing")),
        )
        for member, person, role_name, role_attrs, profile in rows
    ]


def _categories(session: Session, family_id: uuid.UUID) -> list[CategoryRow]:
    category, reason = aliased(DictionaryItem), aliased(DictionaryItem)
    rows = session.execute(
        select(FamilyCategory, category.name, category.code, reason.name, category.attrs)
        .join(category, category.id == FamilyCategory.category_id)
        .outerjoin(reason, reason.id == FamilyCategory.end_reason_id)
        .where(FamilyCategory.family_id == family_id)
        .order_by(FamilyCategory.ended_on.is_not(None), category.sort_order, FamilyCategory.started_on)
    ).all()
    return [
        CategoryRow(row.id, row.category_id, name, code, row.started_on, row.ended_on, reason_name or "",
                    row.end_reason_id, row.kdn_intake_number, row.kdn_intake_date, row.kdn_closure_number,
                    row.kdn_closure_date, decision_missing(row, attrs), kdn_review_on=row.kdn_review_on)
        for row, name, code, reason_name, attrs in rows
    ]


def decision_missing(row: FamilyCategory, attrs: dict | None) -> bool:
    """A current span of a category set by a КДН и ЗП decision (СОП) whose decision is not entered yet
    (a registry import brings such families in; the card asks to complete it)."""
    return bool((attrs or {}).get("requires_kdn")) and row.ended_on is None and \
        (not row.kdn_intake_number or row.kdn_intake_date is None)


def _cases(session: Session, family_id: uuid.UUID, today: date) -> list[CaseSummary]:
    kind = aliased(DictionaryItem)
    plan = (
        select(
            PlanItem.case_id,
            func.count(PlanItem.id).label("rows"),
            func.count(PlanItem.done_on).label("done"),
            func.sum(case((and_(PlanItem.done_on.is_(None), PlanItem.due_on < today), 1), else_=0)).label("overdue"),
        )
        # Only this family's plan rows: grouping the whole table would cost ~50 ms on 80,000 rows.
        .where(PlanItem.case_id.in_(select(SupportCase.id).where(SupportCase.family_id == family_id)))
        .group_by(PlanItem.case_id)
        .subquery()
    )
    rows = session.execute(
        select(SupportCase, kind.name, Staff.last_name, Staff.first_name, Staff.middle_name,
               plan.c.rows, plan.c.done, plan.c.overdue)
        .join(kind, kind.id == SupportCase.kind_id)
        .outerjoin(Staff, Staff.id == SupportCase.responsible_staff_id)
        .outerjoin(plan, plan.c.case_id == SupportCase.id)
        .where(SupportCase.family_id == family_id, SupportCase.deleted_at.is_(None))
        .order_by(SupportCase.closed_on.is_not(None), SupportCase.opened_on.desc())
    ).all()
    return [
        CaseSummary(case.id, kind_name, case.number or "", case.opened_on, case.closed_on,
                    short_name(last, first, middle) if last else "", rows_ or 0, done or 0, int(overdue or 0))
        for case, kind_name, last, first, middle, rows_, done, overdue in rows
    ]


def _history(session: Session, family_id: uuid.UUID, person_ids: list[uuid.UUID]) -> list[HistoryRow]:
    history = [
        HistoryRow("visit", visit_id, day, "Визит", purpose or "")
        for visit_id, day, purpose in session.execute(
            select(HomeVisit.id, HomeVisit.visit_date, HomeVisit.purpose)
            .where(HomeVisit.family_id == family_id, HomeVisit.deleted_at.is_(None))
            .order_by(HomeVisit.visit_date.desc()).limit(HISTORY_LIMIT)
        )
    ]
    if person_ids:
        for session_id, starts_at, service, attended, cancelled, last, first in session.execute(
            select(RehabSession.id, RehabSession.starts_at, Service.name, SessionParticipant.attended,
                   RehabSession.cancelled, Person.last_name, Person.first_name)
            .join(SessionParticipant, SessionParticipant.session_id == RehabSession.id)
            .join(Service, Service.id == RehabSession.service_id)
            .join(Person, Person.id == SessionParticipant.person_id)
            .where(SessionParticipant.person_id.in_(person_ids), RehabSession.deleted_at.is_(None))
            .order_by(RehabSession.starts_at.desc()).limit(HISTORY_LIMIT)
        ):
            state = "отменено" if cancelled else {True: "посещено", False: "пропуск", None: "не отмечено"}[attended]
            history.append(HistoryRow("session", session_id, starts_at.date(), "Занятие",
                                      f"{last} {first}: {service} ({state})"))
    for event_id, day, title in session.execute(
        select(Event.id, Event.starts_on, Event.title)
        .join(EventFamily, EventFamily.event_id == Event.id)
        .where(EventFamily.family_id == family_id, Event.deleted_at.is_(None))
        .group_by(Event.id, Event.starts_on, Event.title)
        .order_by(Event.starts_on.desc()).limit(HISTORY_LIMIT)
    ):
        history.append(HistoryRow("event", event_id, day, "Мероприятие", title))
    history.sort(key=lambda row: row.day, reverse=True)
    return history


def load_family_card(session: Session, actor: Actor, family_id: uuid.UUID, today: date | None = None, *,
                     audited: bool = True) -> FamilyCard:
    """The whole card of one family; raises NotFound for a missing or deleted family.

    Opening a card is audited, so call it inside a write unit for the row to be kept. `audited` False: the
    database cannot be written and the caller records the view elsewhere (`app.system.view_audit`).
    """
    today = today or date.today()
    family: Family = require_family(session, actor, family_id)
    if audited:
        audit.record(session, actor, "view", "family", family_id)
    office = session.get(Office, family.office_id)
    district = session.get(District, family.district_id) if family.district_id else None
    settlement = session.get(Settlement, family.settlement_id) if family.settlement_id else None
    staff = session.get(Staff, family.responsible_staff_id) if family.responsible_staff_id else None
    members = _members(session, family_id, today)
    return FamilyCard(
        id=family.id,
        title=family.title,
        office=office.name if office else "",
        district_id=family.district_id,
        district=district.name if district else "",
        settlement_id=family.settlement_id,
        settlement=settlement.name if settlement else "",
        distance_km=settlement.distance_km if settlement else None,
        street=family.street,
        house=family.house,
        building=family.building,
        apartment=family.apartment,
        phone=family.phone,
        email=family.email,
        registered_on=family.registered_on,
        responsible_staff_id=family.responsible_staff_id,
        responsible=short_name(staff.last_name, staff.first_name, staff.middle_name) if staff else "",
        notes=family.notes,
        members=members,
        categories=_categories(session, family_id),
        cases=_cases(session, family_id, today),
        history=_history(session, family_id, [m.person_id for m in members]),
        office_id=family.office_id,
    )

