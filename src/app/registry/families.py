"""Families: registration with members, editing, categories, members and soft deletion."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import audit, caseload
from app.core.access import require_family, require_office, require_person
from app.core.actor import SPECIALIST, Actor
from app.core.changes import FAMILIES, PERSONS, Saved, assign
from app.core.checks import Checker
from app.core.dates import ADULT_AGE, age_on
from app.core.errors import NotFound
from app.core.lookups import check_dictionary, check_reference, get_live
from app.core.permissions import EDIT_RECORDS, require
from app.core.records import insert_record, soft_delete, update_record
from app.core.text import fold, full_name
from app.registry.persons import PersonData, create_person_record, validate_person
from db.models import (
    DictionaryItem,
    District,
    Family,
    FamilyCategory,
    FamilyMember,
    Office,
    Person,
    Settlement,
    Staff,
)

EARLY_AGE_LIMIT = 3


@dataclass(frozen=True)
class FamilyData:
    office_id: uuid.UUID | None
    registered_on: date | None
    district_id: uuid.UUID | None = None
    settlement_id: uuid.UUID | None = None
    street: str | None = None
    house: str | None = None
    building: str | None = None
    apartment: str | None = None
    phone: str | None = None
    email: str | None = None
    responsible_staff_id: uuid.UUID | None = None
    notes: str | None = None


@dataclass(frozen=True)
class MemberData:
    """A new member: either an existing person (`person_id`) or a new one (`person`)."""

    role_id: uuid.UUID | None
    is_legal_representative: bool = False
    person: PersonData | None = None
    person_id: uuid.UUID | None = None
    joined_on: date | None = None


@dataclass(frozen=True)
class CategoryData:
    category_id: uuid.UUID | None
    started_on: date | None
    ended_on: date | None = None
    end_reason_id: uuid.UUID | None = None
    kdn_intake_number: str | None = None
    kdn_intake_date: date | None = None
    kdn_closure_number: str | None = None
    kdn_closure_date: date | None = None
    kdn_review_on: date | None = None  # the commission's next review of the plan's results (may be ahead)
    # A registry import may put a family into СОП before the КДН и ЗП decision is at hand: the category is
    # kept and shown «нет постановления КДН — дополнить» until the decision is entered (never when closing).
    decision_pending: bool = False


@dataclass(frozen=True)
class NewFamily:
    family: FamilyData
    members: list[MemberData] = field(default_factory=list)
    categories: list[CategoryData] = field(default_factory=list)


def _validate_family(check: Checker, session: Session, data: FamilyData) -> dict:
    check_reference(check, session, Office, "office_id", data.office_id, "Отделение")
    check.past_date("registered_on", data.registered_on, "Дата постановки на учёт", required=True)
    district = check_reference(check, session, District, "district_id", data.district_id, "Район",
                               required=False)
    settlement = check_reference(check, session, Settlement, "settlement_id", data.settlement_id,
                                 "Населённый пункт", required=False)
    if settlement is not None and district is not None and settlement.district_id != district.id:
        check.fail("settlement_id", "Поле «Населённый пункт»: выберите пункт из выбранного района.")
    if data.responsible_staff_id is not None:
        check_reference(check, session, Staff, "responsible_staff_id", data.responsible_staff_id,
                        "Ответственный специалист")
    return {
        "office_id": data.office_id,
        "registered_on": data.registered_on,
        "district_id": data.district_id if settlement is None else settlement.district_id,
        "settlement_id": data.settlement_id,
        "street": check.text("street", data.street, "Улица", max_length=200),
        "house": check.text("house", data.house, "Дом", max_length=20),
        "building": check.text("building", data.building, "Корпус", max_length=20),
        "apartment": check.text("apartment", data.apartment, "Квартира", max_length=20),
        "phone": check.phone("phone", data.phone),
        "email": check.text("email", data.email, "Электронная почта", max_length=120),
        "responsible_staff_id": data.responsible_staff_id,
        "notes": check.text("notes", data.notes, "Примечание", max_length=4000),
    }


def _check_member_age(check: Checker, field: str, role: DictionaryItem | None, birth: date | None,
                      legal_rep: bool) -> None:
    if role is None or birth is None:
        return
    age = age_on(birth, date.today())
    if role.attrs.get("is_child") and age >= ADULT_AGE:
        check.fail(field, f"Поле «Роль в семье»: «{role.name}» — ребёнок до 18 лет, а человеку {age}.")
    if legal_rep and age < ADULT_AGE:
        check.fail(field, "Поле «Законный представитель»: законным представителем может быть только "
                          "совершеннолетний.")


def _validate_member(
    check: Checker, session: Session, index: int, member: MemberData
) -> tuple[dict | None, DictionaryItem | None]:
    prefix = f"members.{index}."
    role = check_dictionary(check, session, f"{prefix}role_id", member.role_id, "member_role", "Роль в семье")
    values = None
    birth = None
    if member.person is not None:
        values = validate_person(check, member.person, prefix)
        birth = values["birth_date"]
    elif member.person_id is not None:
        person = check_reference(check, session, Person, f"{prefix}person_id", member.person_id, "Человек")
        birth = person.birth_date if person else None
    else:
        check.fail(f"{prefix}person", "Укажите данные члена семьи.")
    if member.is_legal_representative and role is not None and not role.attrs.get("may_represent", False):
        check.fail(f"{prefix}is_legal_representative",
                   f"Поле «Законный представитель»: роль «{role.name}» не может быть законным представителем.")
    _check_member_age(check, f"{prefix}role_id", role, birth, member.is_legal_representative)
    return values, role


def _validate_category(check: Checker, session: Session, prefix: str, data: CategoryData) -> dict:
    category = check_dictionary(check, session, f"{prefix}category_id", data.category_id, "family_category",
                                "Категория семьи")
    check.past_date(f"{prefix}started_on", data.started_on, "Дата постановки в категорию", required=True)
    check.past_date(f"{prefix}ended_on", data.ended_on, "Дата снятия")
    check.date_order(f"{prefix}ended_on", data.started_on, data.ended_on, "Дата снятия",
                     "Дата постановки в категорию")
    if data.ended_on is not None:
        check_dictionary(check, session, f"{prefix}end_reason_id", data.end_reason_id,
                         "category_removal_reason", "Причина снятия")
    pending = data.decision_pending and data.ended_on is None and not (data.kdn_intake_number or "").strip() \
        and data.kdn_intake_date is None
    if category is not None and category.attrs.get("requires_kdn") and not pending:
        check.text(f"{prefix}kdn_intake_number", data.kdn_intake_number,
                   "№ постановления КДН и ЗП о постановке на учёт", required=True, max_length=40)
        check.past_date(f"{prefix}kdn_intake_date", data.kdn_intake_date,
                        "Дата постановления КДН и ЗП о постановке", required=True)
        if data.ended_on is not None:
            check.text(f"{prefix}kdn_closure_number", data.kdn_closure_number,
                       "№ постановления КДН и ЗП о снятии с учёта", required=True, max_length=40)
            check.past_date(f"{prefix}kdn_closure_date", data.kdn_closure_date,
                            "Дата постановления КДН и ЗП о снятии", required=True)
    review_label = "Дата следующего рассмотрения в КДН и ЗП"
    if data.kdn_review_on is not None and (category is None or not category.attrs.get("requires_kdn")):
        check.fail(f"{prefix}kdn_review_on", f"Поле «{review_label}»: только для категорий по постановлению КДН и ЗП.")
    check.date_order(f"{prefix}kdn_review_on", data.kdn_intake_date, data.kdn_review_on, review_label,
                     "Дата постановления КДН и ЗП о постановке")
    if data.kdn_review_on is not None and data.kdn_review_on.year > date.today().year + 5:
        check.fail(f"{prefix}kdn_review_on", f"Поле «{review_label}»: дата слишком далеко в будущем.")
    return {
        "category_id": data.category_id,
        "started_on": data.started_on,
        "ended_on": data.ended_on,
        "end_reason_id": data.end_reason_id if data.ended_on else None,
        "kdn_intake_number": (data.kdn_intake_number or "").strip() or None,
        "kdn_intake_date": data.kdn_intake_date,
        "kdn_closure_number": (data.kdn_closure_number or "").strip() or None,
        "kdn_closure_date": data.kdn_closure_date,
        "kdn_review_on": data.kdn_review_on,
    }


def refresh_title(session: Session, family: Family) -> None:
    """Name the family after its first legal representative, else its first member."""
    rows = session.execute(
        select(Person.last_name, Person.first_name, Person.middle_name)
        .join(FamilyMember, FamilyMember.person_id == Person.id)
        .where(FamilyMember.family_id == family.id, FamilyMember.left_on.is_(None), Person.deleted_at.is_(None))
        .order_by(FamilyMember.is_legal_representative.desc(), Person.birth_date, Person.last_name_key)
        .limit(1)
    ).first()
    family.title = full_name(*rows) if rows else ""
    family.title_key = fold(family.title)


def register_family(session: Session, actor: Actor, data: NewFamily) -> Saved:
    """Register a family with its members and categories in one unit of work."""
    require(actor, EDIT_RECORDS)
    require_office(actor, data.family.office_id)
    check = Checker()
    values = _validate_family(check, session, data.family)
    if values["responsible_staff_id"] is None and actor.case_role == SPECIALIST:
        # A specialist registering a family works with it until a coordinator says otherwise.
        values["responsible_staff_id"] = actor.staff_id
    for member in data.members:
        if member.person_id is not None:
            require_person(session, actor, member.person_id)
    members = [_validate_member(check, session, i, m) for i, m in enumerate(data.members)]
    categories = [_validate_category(check, session, f"categories.{i}.", c) for i, c in enumerate(data.categories)]
    check.done()
    family = insert_record(session, actor, Family, "family", values)
    for member, (person_values, _role) in zip(data.members, members, strict=True):
        person_id = member.person_id
        if person_values is not None:
            person_id = create_person_record(session, actor, person_values).id
        session.add(FamilyMember(family_id=family.id, person_id=person_id, role_id=member.role_id,
                                 is_legal_representative=member.is_legal_representative,
                                 joined_on=member.joined_on))
    for category in categories:
        session.add(FamilyCategory(family_id=family.id, **category, created_by=actor.user_id))
    session.flush()
    refresh_title(session, family)
    caseload.refresh(session, [family.id])
    return Saved(family.id, frozenset({FAMILIES, PERSONS}))


def update_family(session: Session, actor: Actor, family_id: uuid.UUID, data: FamilyData) -> Saved:
    family = require_family(session, actor, family_id, edit=True)
    if data.office_id != family.office_id:
        require_office(actor, data.office_id)
    check = Checker()
    values = _validate_family(check, session, data)
    check.done()
    saved = update_record(session, actor, family, "family", values, frozenset({FAMILIES}))
    caseload.refresh(session, [family.id])
    return saved


def delete_family(session: Session, actor: Actor, family_id: uuid.UUID) -> Saved:
    """Soft-delete a family; its members' person records stay for other families and history."""
    family = require_family(session, actor, family_id, edit=True)
    saved = soft_delete(session, actor, family, "family", frozenset({FAMILIES}))
    caseload.refresh(session, [family.id])  # the caseload holds live families only
    return saved


def add_member(session: Session, actor: Actor, family_id: uuid.UUID, member: MemberData) -> Saved:
    family = require_family(session, actor, family_id, edit=True)
    if member.person_id is not None:
        require_person(session, actor, member.person_id)
    check = Checker()
    person_values, _role = _validate_member(check, session, 0, member)
    if member.person_id is not None and session.execute(
        select(FamilyMember.id).where(FamilyMember.family_id == family_id,
                                      FamilyMember.person_id == member.person_id)
    ).first():
        check.fail("members.0.person_id", "Этот человек уже состоит в семье.")
    check.done()
    person_id = member.person_id
    if person_values is not None:
        person_id = create_person_record(session, actor, person_values).id
    link = FamilyMember(family_id=family.id, person_id=person_id, role_id=member.role_id,
                        is_legal_representative=member.is_legal_representative, joined_on=member.joined_on)
    session.add(link)
    session.flush()
    audit.record(session, actor, "create", "family_member", link.id, ["role_id", "is_legal_representative"])
    refresh_title(session, family)
    caseload.refresh(session, [family.id])  # the new member's sessions link their specialists to the family
    return Saved(link.id, frozenset({FAMILIES, PERSONS}))


def update_member(session: Session, actor: Actor, member_id: uuid.UUID, role_id: uuid.UUID | None,
                  is_legal_representative: bool) -> Saved:
    require(actor, EDIT_RECORDS)
    link = session.get(FamilyMember, member_id)
    if link is None:
        raise NotFound("Член семьи не найден.")
    require_family(session, actor, link.family_id, edit=True)
    person = session.get(Person, link.person_id)
    check = Checker()
    role = check_dictionary(check, session, "role_id", role_id, "member_role", "Роль в семье")
    if is_legal_representative and role is not None and not role.attrs.get("may_represent", False):
        check.fail("is_legal_representative",
                   f"Поле «Законный представитель»: роль «{role.name}» не может быть законным представителем.")
    _check_member_age(check, "role_id", role, person.birth_date if person else None, is_legal_representative)
    check.done()
    changed = assign(link, {"role_id": role_id, "is_legal_representative": is_legal_representative})
    if changed:
        audit.record(session, actor, "update", "family_member", link.id, changed)
        refresh_title(session, get_live(session, Family, link.family_id, "Семья"))
    return Saved(link.id, frozenset({FAMILIES}) if changed else frozenset())


def remove_member(session: Session, actor: Actor, member_id: uuid.UUID, left_on: date | None = None) -> Saved:
    """A member leaves the family (the link keeps the date; the person record stays)."""
    require(actor, EDIT_RECORDS)
    link = session.get(FamilyMember, member_id)
    if link is None:
        raise NotFound("Член семьи не найден.")
    require_family(session, actor, link.family_id, edit=True)
    check = Checker()
    check.past_date("left_on", left_on, "Дата выбытия")
    check.done()
    link.left_on = left_on or date.today()
    audit.record(session, actor, "update", "family_member", link.id, ["left_on"])
    refresh_title(session, get_live(session, Family, link.family_id, "Семья"))
    return Saved(link.id, frozenset({FAMILIES}))


def add_category(session: Session, actor: Actor, family_id: uuid.UUID, data: CategoryData) -> Saved:
    require_family(session, actor, family_id, edit=True)
    check = Checker()
    values = _validate_category(check, session, "", data)
    check.done()
    row = FamilyCategory(family_id=family_id, **values, created_by=actor.user_id)
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", "family_category", row.id, values.keys())
    return Saved(row.id, frozenset({FAMILIES}))


def update_category(session: Session, actor: Actor, category_row_id: uuid.UUID, data: CategoryData) -> Saved:
    """Edit a category span, e.g. close it with the date, reason and КДН decision."""
    require(actor, EDIT_RECORDS)
    row = session.get(FamilyCategory, category_row_id)
    if row is None:
        raise NotFound("Категория семьи не найдена.")
    require_family(session, actor, row.family_id, edit=True)
    check = Checker()
    values = _validate_category(check, session, "", data)
    check.done()
    return update_record(session, actor, row, "family_category", values, frozenset({FAMILIES}))
