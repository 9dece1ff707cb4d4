"""The deadline kinds as SQL (all but «без контакта», see `app.worklist.no_contact`).

Each kind is one or more SELECTs of the same labelled `COLUMNS`, and the screen, the command line and the workbook
all read those same queries: the screen counts a kind in the database (`count(*)` over them, no row reaches
Python), reads one page of a group when it is opened, and the full list reads them whole — so a count always
equals the length of its list. Every condition a kind has is therefore in the SQL (an adult's ИПРА, a СОП family's
last visit), never a filter in Python after the read. `sort_due` orders a kind's rows as their dates do (a birth
date for a birthday, the last visit for a СОП family) and says which are overdue (`KindSql.overdue_before`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Date, Select, String, cast, exists, func, null, or_, select, type_coerce
from sqlalchemy.orm import Session, aliased

from app.core.dates import ADULT_AGE, add_years
from app.core.text import format_date
from app.registry.family_card import decision_text
from app.worklist.scope import Scope, unindexed
from db.models import (
    ChildProfile,
    Consent,
    DictionaryItem,
    Family,
    FamilyCategory,
    FamilyMember,
    HomeVisit,
    Person,
    PersonConsentState,
    PlanItem,
    SupportCase,
)

EARLY_HELP_AGE = 3
LOOK_BACK_DAYS = 365  # an ended ИПРА or a passed birthday stays on the list this long
COLUMNS = ("sort_due", "family_id", "family_title", "person_id", "last_name", "first_name", "middle_name",
           "record_id", "a", "b")  # a, b: what the kind's sentence needs

Make = Callable[[Any, Any, Any], tuple[date | None, str]]  # (sort_due, a, b) -> (the deadline's date, sentence)


@dataclass(frozen=True)
class KindSql:
    parts: tuple[Select, ...]  # their rows together are the kind's list (UNION ALL)
    overdue_before: date  # a row is overdue when its sort_due is NULL or before this day
    make: Make


def _columns(sort_due: Any, *, person: bool, family_id: Any = Family.id, family_title: Any = Family.title,
             record_id: Any = None, a: Any = None, b: Any = None) -> list[Any]:
    """The COLUMNS, labelled. Ids as the stored text: no UUID object is made for a row nobody opens."""
    values = [sort_due, type_coerce(family_id, String), family_title,
              type_coerce(Person.id, String) if person else null(),
              Person.last_name if person else null(), Person.first_name if person else null(),
              Person.middle_name if person else null(),
              null() if record_id is None else type_coerce(record_id, String),
              null() if a is None else a, null() if b is None else b]
    return [value.label(name) for value, name in zip(values, COLUMNS, strict=True)]


def _members(columns: list[Any], scope: Scope, *, driving: bool = True) -> Select:
    """The members who have not left; `driving`: walk the families in scope (else the caller's condition finds
    the rows and the scope filters them)."""
    return (select(*columns).select_from(Family)
            .join(FamilyMember, FamilyMember.family_id == Family.id)
            .join(Person, Person.id == FamilyMember.person_id)
            .where(scope.driving if driving else scope.row, Family.deleted_at.is_(None),
                   Person.deleted_at.is_(None), FamilyMember.left_on.is_(None)))


def latest_birth(day: date, age: int) -> date:
    """The last birth date of someone who is `age` years old on `day` (`add_years` moves 29 February to the 28th,
    so that child is one day «older» than add_years(day, -age) says in a common year)."""
    born = add_years(day, -age)
    while add_years(born + timedelta(days=1), age) <= day:
        born += timedelta(days=1)
    while add_years(born, age) > day:
        born -= timedelta(days=1)
    return born


def _ipra(session: Session, scope: Scope, today: date, days: int) -> KindSql:
    query = (_members(_columns(ChildProfile.ipra_until, person=True), scope, driving=False)
             .join(ChildProfile, ChildProfile.person_id == Person.id)
             .where(ChildProfile.deleted_at.is_(None), ChildProfile.ipra_until.is_not(None),
                    ChildProfile.ipra_until <= today + timedelta(days=days),
                    ChildProfile.ipra_until >= today - timedelta(days=LOOK_BACK_DAYS),
                    or_(Person.birth_date.is_(None), Person.birth_date > latest_birth(today, ADULT_AGE))))

    def make(until: date, _a: Any, _b: Any) -> tuple[date, str]:
        return until, (f"ИПРА истекла {format_date(until)}: нужно новое освидетельствование МСЭ" if until < today
                       else f"ИПРА действует до {format_date(until)}: подготовить отчёт о реабилитации для МСЭ")
    return KindSql((query,), today, make)


def _ippsu_review(session: Session, scope: Scope, today: date, days: int) -> KindSql:
    query = (select(*_columns(SupportCase.review_due_on, person=False, record_id=SupportCase.id))
             .select_from(SupportCase)
             .join(Family, Family.id == SupportCase.family_id)
             .join(DictionaryItem, DictionaryItem.id == SupportCase.kind_id)
             .where(DictionaryItem.code == "ippsu", SupportCase.closed_on.is_(None),
                    SupportCase.deleted_at.is_(None), SupportCase.review_due_on.is_not(None),
                    SupportCase.review_due_on <= today + timedelta(days=days), scope.row))
    return KindSql((query,), today, lambda due, _a, _b: (
        due, f"ИППСУ пересматривается не реже раза в 3 года: срок {format_date(due)}"))


def _consent(session: Session, scope: Scope, today: date, days: int) -> KindSql:
    """Members lacking a live consent today (a NULL date: due now), then live consents ending within `days`.

    Each person's state (`consent_states`, kept by triggers, see db.models.consent_state) holds the last day their
    live consents cover: the persons lacking one today are a range of its index (some 8,400 rows for the region),
    so a coordinator of whole offices does not walk every member (54,000) against the consents. A specialist's
    few members are probed one by one on the state's key instead."""
    # A typed NULL: PostgreSQL takes an untyped one in a subquery for text, which no date compares with.
    lacking_columns = _columns(cast(null(), Date), person=True, a=PersonConsentState.withdrawn)
    if scope.wide:
        # The range as an IN list on the members' person index: written as a join, SQLite (no statistics) walked
        # every member and probed the state by key instead.
        uncovered = select(PersonConsentState.person_id).where(PersonConsentState.covered_until < today)
        lacking = (_members(lacking_columns, scope, driving=False)
                   .join(PersonConsentState, PersonConsentState.person_id == Person.id)
                   .where(FamilyMember.person_id.in_(uncovered)))
    else:
        lacking = (_members(lacking_columns, scope)
                   .join(PersonConsentState, PersonConsentState.person_id == Person.id)
                   .where(unindexed(PersonConsentState.covered_until) < today))
    expiring = (_members(_columns(Consent.valid_until, person=True, record_id=Consent.id), scope, driving=False)
                .join(Consent, Consent.person_id == Person.id)
                .where(Consent.deleted_at.is_(None), Consent.withdrawn_on.is_(None),
                       Consent.valid_until.is_not(None), Consent.valid_until >= today,
                       Consent.valid_until <= today + timedelta(days=days)))

    def make(until: date | None, withdrawn: Any, _b: Any) -> tuple[date | None, str]:
        if until is not None:
            return until, f"согласие действует до {format_date(until)}"
        return None, ("согласие на обработку персональных данных отозвано" if withdrawn
                      else "нет действующего согласия на обработку персональных данных")
    return KindSql((lacking, expiring), today, make)


def _plan_overdue(session: Session, scope: Scope, today: date, days: int) -> KindSql:
    query = (select(*_columns(PlanItem.due_on, person=False, record_id=PlanItem.id, a=PlanItem.measure))
             .select_from(PlanItem)
             .join(SupportCase, SupportCase.id == PlanItem.case_id)
             .join(Family, Family.id == SupportCase.family_id)
             .where(PlanItem.done_on.is_(None), PlanItem.due_on.is_not(None),
                    PlanItem.due_on < today - timedelta(days=days), SupportCase.closed_on.is_(None),
                    SupportCase.deleted_at.is_(None), scope.row))

    def make(due: date, measure: str, _b: Any) -> tuple[date, str]:
        short = measure if len(measure) <= 80 else measure[:79].rstrip() + "…"
        return due, f"мероприятие плана просрочено (срок {format_date(due)}): {short}"
    return KindSql((query,), today, make)


def _kdn_codes(session: Session) -> list[str]:
    rows = session.execute(select(DictionaryItem.code, DictionaryItem.attrs)
                           .where(DictionaryItem.kind == "family_category")).all()
    return [code for code, attrs in rows if (attrs or {}).get("requires_kdn")]


def _sop_no_visit(session: Session, scope: Scope, today: date, days: int) -> KindSql:
    """A СОП family is due `days` after its last visit (or, never visited, after it was put on the register);
    the families whose day has come. The last visit is one probe of the live visits' (family, date) index."""
    category = aliased(DictionaryItem)
    last = (select(func.max(HomeVisit.visit_date))
            .where(HomeVisit.family_id == Family.id, HomeVisit.deleted_at.is_(None)).scalar_subquery())
    sop = (select(Family.id, Family.title, func.min(FamilyCategory.started_on).label("since"), last.label("last"))
           .join(FamilyCategory, FamilyCategory.family_id == Family.id)
           .join(category, category.id == FamilyCategory.category_id)
           .where(FamilyCategory.ended_on.is_(None), scope.row, Family.deleted_at.is_(None),
                  category.kind == "family_category", category.code.in_(_kdn_codes(session)))
           .group_by(Family.id, Family.title).subquery("sop"))
    counted_from = func.coalesce(sop.c.last, sop.c.since, type_=Date)
    query = (select(*_columns(counted_from, person=False, family_id=sop.c.id, family_title=sop.c.title,
                              a=sop.c.last, b=sop.c.since))
             .where(counted_from <= today - timedelta(days=days)))

    def make(counted: date, last_on: date | None, since: date) -> tuple[date, str]:
        text = (f"семья в СОП: последнее посещение {format_date(last_on)}" if last_on
                else f"семья в СОП с {format_date(since)}: посещений не было")
        return counted + timedelta(days=days), text
    return KindSql((query,), today - timedelta(days=days), make)


def _kdn_review(session: Session, scope: Scope, today: date, days: int) -> KindSql:
    """The next date the КДН и ЗП reviews the prevention plan of a current СОП decision (kept with the decision);
    a passed date stays on the list until the next one is entered."""
    category = aliased(DictionaryItem)
    query = (select(*_columns(FamilyCategory.kdn_review_on, person=False, record_id=FamilyCategory.id,
                              a=FamilyCategory.kdn_intake_number, b=FamilyCategory.kdn_intake_date))
             .select_from(FamilyCategory)
             .join(Family, Family.id == FamilyCategory.family_id)
             .join(category, category.id == FamilyCategory.category_id)
             .where(FamilyCategory.ended_on.is_(None), FamilyCategory.kdn_review_on.is_not(None),
                    FamilyCategory.kdn_review_on <= today + timedelta(days=days),
                    FamilyCategory.kdn_review_on >= today - timedelta(days=LOOK_BACK_DAYS),
                    scope.row, Family.deleted_at.is_(None),
                    category.kind == "family_category", category.code.in_(_kdn_codes(session))))

    def make(due: date, number: str | None, decided: date | None) -> tuple[date, str]:
        text = (f"рассмотрение в КДН и ЗП было назначено на {format_date(due)}: внесите его итоги и следующую дату"
                if due < today else f"рассмотрение в КДН и ЗП {format_date(due)}: подготовить информацию о "
                                    "результатах индивидуальной профилактической работы")
        decision = decision_text(number, decided)
        return due, text + (f" (постановление {decision})" if decision else "")
    return KindSql((query,), today, make)


def _birthday(scope: Scope, today: date, days: int, age: int, condition: Any,
              text: Callable[[date], str]) -> KindSql:
    """Members turning `age` within `days` (or within the last year). Ordered by birth date, which orders them as
    their birthdays; overdue: the birthday has passed."""
    latest = latest_birth(today + timedelta(days=days), age)
    earliest = add_years(today, -age) - timedelta(days=LOOK_BACK_DAYS)
    query = (_members(_columns(Person.birth_date, person=True), scope, driving=False)
             .where(Person.birth_date.is_not(None), Person.birth_date <= latest, Person.birth_date > earliest,
                    condition))

    def make(birth: date, _a: Any, _b: Any) -> tuple[date, str]:
        day = add_years(birth, age)
        return day, text(day)
    return KindSql((query,), latest_birth(today - timedelta(days=1), age) + timedelta(days=1), make)


def _early_help_age(session: Session, scope: Scope, today: date, days: int) -> KindSql:
    """Children in early help: an open ИПРП case (its kind's id read first: joining the dictionary cost a probe
    per case of the region), or flagged on their profile — probed by person for the few born in the window
    instead of a list of every flagged profile built for each query."""
    iprp_kinds = list(session.scalars(select(DictionaryItem.id).where(DictionaryItem.code == "iprp")))
    iprp = select(SupportCase.child_person_id).where(SupportCase.kind_id.in_(iprp_kinds),
                                                     SupportCase.closed_on.is_(None), SupportCase.deleted_at.is_(None))
    flagged = exists().where(ChildProfile.person_id == Person.id, ChildProfile.early_help_needed.is_(True),
                             ChildProfile.deleted_at.is_(None))
    return _birthday(scope, today, days, EARLY_HELP_AGE, or_(unindexed(Person.id).in_(iprp), flagged),
                     lambda day: f"{format_date(day)} исполняется 3 года: ИПРП заканчивается, передать семью "
                                 "в другие программы")


def _adulthood(session: Session, scope: Scope, today: date, days: int) -> KindSql:
    # The child roles by their dictionary attribute, read once: a JSON test inside the query scanned every row.
    roles = session.execute(select(DictionaryItem.id, DictionaryItem.attrs)
                            .where(DictionaryItem.kind == "member_role")).all()
    child_roles = [role_id for role_id, attrs in roles if (attrs or {}).get("is_child")]
    return _birthday(scope, today, days, ADULT_AGE, FamilyMember.role_id.in_(child_roles),
                     lambda day: f"{format_date(day)} исполняется 18 лет: ребёнок выходит из детских программ")


KIND_SQL: dict[str, Callable[[Session, Scope, date, int], KindSql]] = {
    "ipra": _ipra, "ippsu_review": _ippsu_review, "consent": _consent, "plan_overdue": _plan_overdue,
    "sop_no_visit": _sop_no_visit, "kdn_review": _kdn_review, "early_help_age": _early_help_age,
    "adulthood": _adulthood,
}
