"""The families registry list: filtered, sorted, paged reads returning frozen rows.

Built for 20,000+ families: one query for a page of ids and its columns, one for the page's
categories and children, and a separate count. Nothing loads ORM objects.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from app.core.access import family_scope
from app.core.actor import Actor
from app.core.dates import ADULT_AGE, add_years
from app.core.permissions import VIEW_RECORDS, require
from app.core.text import fold, short_name
from app.registry.persons import is_snils_query, name_filter, snils_filter
from db.models import (
    ChildProfile,
    DictionaryItem,
    District,
    Family,
    FamilyCategory,
    FamilyMember,
    Person,
    Settlement,
    Staff,
    SupportCase,
)

SORT_KEYS = ("title", "settlement", "district", "registered_on")


@dataclass(frozen=True)
class FamilyFilter:
    """What the registry list is narrowed by; every field is optional."""

    text: str = ""
    category_id: uuid.UUID | None = None
    district_id: uuid.UUID | None = None
    settlement_id: uuid.UUID | None = None
    case_status: str | None = None  # "open" | "closed" | "none"
    responsible_staff_id: uuid.UUID | None = None
    has_disabled_child: bool = False
    child_age_min: int | None = None
    child_age_max: int | None = None
    office_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    district_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)  # any of them (reports)


@dataclass(frozen=True)
class FamilyRow:
    id: uuid.UUID
    title: str
    district: str
    settlement: str
    address: str
    phone: str
    registered_on: date
    responsible: str
    categories: tuple[str, ...]
    children: int
    has_disabled_child: bool


@dataclass(frozen=True)
class FamilyPage:
    rows: list[FamilyRow]
    total: int


def _settlement_ids_matching(session: Session, text: str) -> list[uuid.UUID]:
    # Settlements are a few hundred rows: folding in Python is exact for Cyrillic and fast.
    wanted = fold(text)
    rows = session.execute(select(Settlement.id, Settlement.name))
    return [sid for sid, name in rows if fold(name).startswith(wanted)]


def _conditions(session: Session, criteria: FamilyFilter, today: date) -> list:
    conditions: list = [Family.deleted_at.is_(None)]
    if criteria.office_ids:
        conditions.append(Family.office_id.in_(criteria.office_ids))
    text = criteria.text.strip()
    if text:
        person_match = snils_filter(text) if is_snils_query(text) else name_filter(text)
        member_families = (
            select(FamilyMember.family_id)
            .join(Person, Person.id == FamilyMember.person_id)
            .where(Person.deleted_at.is_(None), *person_match)
        )
        matches = [Family.id.in_(member_families)]
        if not is_snils_query(text):
            settlements = _settlement_ids_matching(session, text)
            if settlements:
                matches.append(Family.settlement_id.in_(settlements))
        conditions.append(or_(*matches))
    if criteria.category_id:
        conditions.append(exists().where(
            FamilyCategory.family_id == Family.id,
            FamilyCategory.category_id == criteria.category_id,
            or_(FamilyCategory.ended_on.is_(None), FamilyCategory.ended_on >= today),
        ))
    if criteria.district_id:
        conditions.append(Family.district_id == criteria.district_id)
    if criteria.district_ids:
        conditions.append(Family.district_id.in_(criteria.district_ids))
    if criteria.settlement_id:
        conditions.append(Family.settlement_id == criteria.settlement_id)
    if criteria.responsible_staff_id:
        conditions.append(Family.responsible_staff_id == criteria.responsible_staff_id)
    if criteria.case_status:
        any_case = exists().where(SupportCase.family_id == Family.id, SupportCase.deleted_at.is_(None))
        open_case = exists().where(SupportCase.family_id == Family.id, SupportCase.deleted_at.is_(None),
                                   SupportCase.closed_on.is_(None))
        conditions.append({"open": open_case, "closed": and_(any_case, ~open_case), "none": ~any_case}
                          [criteria.case_status])
    child_conditions = []
    if criteria.child_age_min is not None:
        child_conditions.append(Person.birth_date <= add_years(today, -criteria.child_age_min))
    if criteria.child_age_max is not None:
        # Younger than max+1 full years: born after the day max+1 years ago.
        child_conditions.append(Person.birth_date > add_years(today, -(criteria.child_age_max + 1)))
    if criteria.has_disabled_child:
        disabled = select(ChildProfile.person_id).where(ChildProfile.is_disabled.is_(True),
                                                        ChildProfile.deleted_at.is_(None))
        child_conditions.append(Person.id.in_(disabled))
    if child_conditions:
        children = (
            select(FamilyMember.family_id)
            .join(Person, Person.id == FamilyMember.person_id)
            .where(FamilyMember.left_on.is_(None), Person.deleted_at.is_(None),
                   Person.birth_date > add_years(today, -ADULT_AGE), *child_conditions)
        )
        conditions.append(Family.id.in_(children))
    return conditions


def _page_query(conditions: list, sort: str, descending: bool) -> Select:
    order_column = {
        "title": Family.title_key,
        "settlement": Settlement.name,
        "district": District.name,
        "registered_on": Family.registered_on,
    }[sort]
    order = order_column.desc() if descending else order_column.asc()
    return (
        select(Family.id, Family.title, District.name, Settlement.name, Family.street, Family.house,
               Family.apartment, Family.phone, Family.registered_on, Staff.last_name, Staff.first_name,
               Staff.middle_name)
        .outerjoin(District, District.id == Family.district_id)
        .outerjoin(Settlement, Settlement.id == Family.settlement_id)
        .outerjoin(Staff, Staff.id == Family.responsible_staff_id)
        .where(*conditions)
        .order_by(order, Family.title_key, Family.id)
    )


def _address(street: str | None, house: str | None, apartment: str | None) -> str:
    parts = [street or "", f"д. {house}" if house else "", f"кв. {apartment}" if apartment else ""]
    return ", ".join(part for part in parts if part)


def _page_details(session: Session, ids: list[uuid.UUID], today: date) -> tuple[dict, dict, set]:
    categories: dict[uuid.UUID, list[str]] = defaultdict(list)
    for family_id, short, name in session.execute(
        select(FamilyCategory.family_id, DictionaryItem.short_name, DictionaryItem.name)
        .join(DictionaryItem, DictionaryItem.id == FamilyCategory.category_id)
        .where(FamilyCategory.family_id.in_(ids),
               or_(FamilyCategory.ended_on.is_(None), FamilyCategory.ended_on >= today))
        .order_by(DictionaryItem.sort_order)
    ):
        categories[family_id].append(short or name)
    children: dict[uuid.UUID, int] = defaultdict(int)
    disabled: set[uuid.UUID] = set()
    adult_line = add_years(today, -ADULT_AGE)
    for family_id, is_disabled in session.execute(
        select(FamilyMember.family_id, ChildProfile.is_disabled)
        .join(Person, Person.id == FamilyMember.person_id)
        .outerjoin(ChildProfile, and_(ChildProfile.person_id == Person.id, ChildProfile.deleted_at.is_(None)))
        .where(FamilyMember.family_id.in_(ids), FamilyMember.left_on.is_(None), Person.deleted_at.is_(None),
               Person.birth_date > adult_line)
    ):
        children[family_id] += 1
        if is_disabled:
            disabled.add(family_id)
    return categories, children, disabled


def search_families(
    session: Session,
    criteria: FamilyFilter,
    *,
    actor: Actor | None = None,
    offset: int = 0,
    limit: int = 100,
    sort: str = "title",
    descending: bool = False,
    today: date | None = None,
) -> FamilyPage:
    """One page of the registry matching `criteria`, with the total count of matches.

    With `actor`, only the families that user works with (`app.core.access.family_scope`); screens
    always pass it. Without, the caller has checked the right itself (reports by office).
    """
    today = today or date.today()
    conditions = _conditions(session, criteria, today)
    if actor is not None:
        require(actor, VIEW_RECORDS)
        conditions.append(family_scope(actor, many=True, session=session))
    total = session.execute(select(func.count()).select_from(Family).where(*conditions)).scalar_one()
    rows = session.execute(_page_query(conditions, sort, descending).offset(offset).limit(limit)).all()
    ids = [row[0] for row in rows]
    categories, children, disabled = _page_details(session, ids, today) if ids else ({}, {}, set())
    page = [
        FamilyRow(
            id=row[0],
            title=row[1],
            district=row[2] or "",
            settlement=row[3] or "",
            address=_address(row[4], row[5], row[6]),
            phone=row[7] or "",
            registered_on=row[8],
            responsible=short_name(row[9], row[10], row[11]) if row[9] else "",
            categories=tuple(categories.get(row[0], ())),
            children=children.get(row[0], 0),
            has_disabled_child=row[0] in disabled,
        )
        for row in rows
    ]
    return FamilyPage(page, total)
