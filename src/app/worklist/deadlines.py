"""Deadlines computed from the records, for the «Сегодня» screen, `opora deadlines` and the weekly workbook.

Each kind (`app.worklist.settings.KINDS`) is one grouped query over the families the user works with
(`app.core.access.visible_family_ids`); switched-off kinds are not queried. Nothing is stored: the list is
always what the records say today.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, exists, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.functions import FunctionElement

from app.core.access import family_scope
from app.core.actor import COORDINATOR, Actor
from app.core.dates import ADULT_AGE, add_years
from app.core.permissions import VIEW_RECORDS, require
from app.core.text import format_date
from app.registry.family_card import decision_text
from app.worklist.settings import KIND_BY_CODE, read_deadline_settings
from db.models import (
    ChildProfile,
    Consent,
    ContactSessionDay,
    DictionaryItem,
    Event,
    EventFamily,
    Family,
    FamilyCategory,
    FamilyMember,
    HomeVisit,
    Office,
    Person,
    PersonConsentState,
    PlanItem,
    SupportCase,
)

EARLY_HELP_AGE = 3
LOOK_BACK_DAYS = 365  # an ended ИПРА or a passed birthday stays on the list this long


class Deadline(NamedTuple):
    """One deadline (a tuple: a coordinator of every office has some 17,000, built in a few ms)."""

    kind: str  # a code of `app.worklist.settings.KINDS`
    due_on: date | None  # None: already due (nothing recorded to count from)
    family_id: uuid.UUID
    family_title: str
    person_id: uuid.UUID | None
    person_name: str
    detail: str  # one Russian sentence
    record_id: uuid.UUID | None = None  # the case, plan row or consent it is about

    @property
    def title(self) -> str:
        return KIND_BY_CODE[self.kind].title

    def overdue(self, today: date) -> bool:
        return self.due_on is None or self.due_on < today


class unindexed(FunctionElement[Any]):
    """A column SQLite must not drive a query from (`+column`; the column itself elsewhere).

    Most kinds start from a few rows found by a date index (an ИПРА ending, a plan row overdue); the families the
    user works with are then a filter on each. SQLite, which has no statistics here, would otherwise start from
    the IN (…) list of every family in scope and walk all their members (hundreds of ms for a coordinator)."""

    inherit_cache = True
    name = "unindexed"

    def __init__(self, column: Any) -> None:
        super().__init__(column)
        self.type = column.type


@compiles(unindexed)
def _unindexed_default(element: unindexed, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element: unindexed, compiler: Any, **kw: Any) -> str:
    return "+" + str(compiler.process(element.clauses, **kw))


@dataclass(frozen=True)
class Scope:
    """The families the user works with, as two conditions on `Family`: `driving` for a query that walks them
    (indexed), `row` for a filter on each row a date index found (for a coordinator never the query's starting
    point; a specialist's few families are the better start for every kind, so both are the same for them)."""

    driving: ColumnElement[bool]
    row: ColumnElement[bool]
    wide: bool  # at least half of the region's offices: a set read once beats a probe per member


def deadline_scope(session: Session, actor: Actor) -> Scope:
    """A coordinator's families are those of their offices (`app.core.access.family_scope`): checked on the row
    found by its office, which costs nothing, instead of an IN over the ids of every family of the offices, which
    SQLite builds again for each kind (20,000 ids for a coordinator of every office, ~20 ms a kind)."""
    driving = family_scope(actor, Family, many=True)
    if actor.case_role == COORDINATOR and actor.user_id is not None and actor.office_ids:
        offices = session.execute(select(func.count()).select_from(Office)).scalar_one()
        return Scope(driving, unindexed(Family.office_id).in_(sorted(actor.office_ids)),
                     2 * len(actor.office_ids) >= offices)
    if actor.user_id is None:  # the program itself: every family
        return Scope(driving, unindexed(Family.id).in_(family_ids(actor)), True)
    # A specialist's families (a few hundred, from the caseload's key) are the better start for every kind: the
    # plan rows overdue of their cases by case, not every open overdue row of the region filtered (32 → 11 ms).
    return Scope(driving, driving, False)


def _name(last: str, first: str, middle: str | None) -> str:
    return " ".join(filter(None, (last, first, middle)))


def _current_members(scope: Scope, *, driving: bool = True) -> Select:
    """(family id, family title, person id, names, birth date) of the members who have not left; `driving`:
    walk the families in scope (else the caller's condition finds the rows and the scope filters them)."""
    condition = scope.driving if driving else scope.row
    return (select(Family.id, Family.title, Person.id, Person.last_name, Person.first_name, Person.middle_name,
                   Person.birth_date)
            .join(FamilyMember, FamilyMember.family_id == Family.id)
            .join(Person, Person.id == FamilyMember.person_id)
            .where(condition, Family.deleted_at.is_(None), Person.deleted_at.is_(None),
                   FamilyMember.left_on.is_(None)))


def _ipra(session: Session, scope: Scope, today: date, days: int) -> Iterable[Deadline]:
    query = (_current_members(scope, driving=False).add_columns(ChildProfile.ipra_until)
             .join(ChildProfile, ChildProfile.person_id == Person.id)
             .where(ChildProfile.deleted_at.is_(None), ChildProfile.ipra_until.is_not(None),
                    ChildProfile.ipra_until <= today + timedelta(days=days),
                    ChildProfile.ipra_until >= today - timedelta(days=LOOK_BACK_DAYS)))
    for family_id, title, person_id, last, first, middle, birth, until in session.execute(query):
        if birth is not None and add_years(birth, ADULT_AGE) <= today:
            continue
        text = (f"ИПРА истекла {format_date(until)}: нужно новое освидетельствование МСЭ" if until < today
                else f"ИПРА действует до {format_date(until)}: подготовить отчёт о реабилитации для МСЭ")
        yield Deadline("ipra", until, family_id, title, person_id, _name(last, first, middle), text)


def _ippsu_review(session: Session, scope: Scope, today: date, days: int) -> Iterable[Deadline]:
    query = (select(SupportCase.id, SupportCase.review_due_on, Family.id, Family.title)
             .join(Family, Family.id == SupportCase.family_id)
             .join(DictionaryItem, DictionaryItem.id == SupportCase.kind_id)
             .where(DictionaryItem.code == "ippsu", SupportCase.closed_on.is_(None),
                    SupportCase.deleted_at.is_(None), SupportCase.review_due_on.is_not(None),
                    SupportCase.review_due_on <= today + timedelta(days=days), scope.row))
    for case_id, due, family_id, title in session.execute(query):
        yield Deadline("ippsu_review", due, family_id, title, None, "",
                       f"ИППСУ пересматривается не реже раза в 3 года: срок {format_date(due)}", case_id)


def _consent(session: Session, scope: Scope, today: date, days: int) -> Iterable[Deadline]:
    """Members lacking a live consent today, then live consents ending within `days`.

    Each person's state (`consent_states`, kept by triggers, see db.models.consent_state) holds the last day their
    live consents cover: the persons lacking one today are a range of its index (some 8,400 rows for the region),
    so a coordinator of whole offices no longer walks every member (54,000) against the consents. A specialist's
    few members are probed one by one on the state's key instead."""
    if scope.wide:
        # The range as an IN list on the members' person index: written as a join, SQLite (no statistics) walked
        # every member and probed the state by key instead.
        uncovered = select(PersonConsentState.person_id).where(PersonConsentState.covered_until < today)
        lacking = (_current_members(scope, driving=False).add_columns(PersonConsentState.withdrawn)
                   .join(PersonConsentState, PersonConsentState.person_id == Person.id)
                   .where(FamilyMember.person_id.in_(uncovered)))
    else:
        lacking = (_current_members(scope).add_columns(PersonConsentState.withdrawn)
                   .join(PersonConsentState, PersonConsentState.person_id == Person.id)
                   .where(unindexed(PersonConsentState.covered_until) < today))
    for family_id, title, person_id, last, first, middle, _birth, was_withdrawn in session.execute(lacking):
        text = "согласие на обработку персональных данных отозвано" if was_withdrawn else \
            "нет действующего согласия на обработку персональных данных"
        yield Deadline("consent", None, family_id, title, person_id, _name(last, first, middle), text)
    expiring = (_current_members(scope, driving=False).add_columns(Consent.id, Consent.valid_until)
                .join(Consent, Consent.person_id == Person.id)
                .where(Consent.deleted_at.is_(None), Consent.withdrawn_on.is_(None),
                       Consent.valid_until.is_not(None), Consent.valid_until >= today,
                       Consent.valid_until <= today + timedelta(days=days)))
    for family_id, title, person_id, last, first, middle, _birth, consent_id, until in session.execute(expiring):
        yield Deadline("consent", until, family_id, title, person_id, _name(last, first, middle),
                       f"согласие действует до {format_date(until)}", consent_id)


def _plan_overdue(session: Session, scope: Scope, today: date, days: int) -> Iterable[Deadline]:
    query = (select(PlanItem.id, PlanItem.measure, PlanItem.due_on, Family.id, Family.title)
             .join(SupportCase, SupportCase.id == PlanItem.case_id)
             .join(Family, Family.id == SupportCase.family_id)
             .where(PlanItem.done_on.is_(None), PlanItem.due_on.is_not(None),
                    PlanItem.due_on < today - timedelta(days=days), SupportCase.closed_on.is_(None),
                    SupportCase.deleted_at.is_(None), scope.row))
    for item_id, measure, due, family_id, title in session.execute(query):
        short = measure if len(measure) <= 80 else measure[:79].rstrip() + "…"
        yield Deadline("plan_overdue", due, family_id, title, None, "",
                       f"мероприятие плана просрочено (срок {format_date(due)}): {short}", item_id)


def _last_visit(family_id: Any) -> Any:
    """The family's last live visit: one probe of the live visits' (family, date) index."""
    return (select(func.max(HomeVisit.visit_date)).where(HomeVisit.family_id == family_id,
                                                         HomeVisit.deleted_at.is_(None))
            .scalar_subquery())


def _sop_no_visit(session: Session, scope: Scope, today: date, days: int) -> Iterable[Deadline]:
    category = aliased(DictionaryItem)
    query = (select(Family.id, Family.title, func.min(FamilyCategory.started_on), _last_visit(Family.id))
             .join(FamilyCategory, FamilyCategory.family_id == Family.id)
             .join(category, category.id == FamilyCategory.category_id)
             .where(FamilyCategory.ended_on.is_(None), scope.row, Family.deleted_at.is_(None),
                    category.kind == "family_category", category.code.in_(_kdn_codes(session)))
             .group_by(Family.id, Family.title))
    for family_id, title, since, last in session.execute(query):
        due = (last or since) + timedelta(days=days)
        if due <= today:
            text = (f"семья в СОП: последнее посещение {format_date(last)}" if last
                    else f"семья в СОП с {format_date(since)}: посещений не было")
            yield Deadline("sop_no_visit", due, family_id, title, None, "", text)


def _kdn_review(session: Session, scope: Scope, today: date, days: int) -> Iterable[Deadline]:
    """The next date the КДН и ЗП reviews the prevention plan of a current СОП decision (kept with the decision);
    a passed date stays on the list until the next one is entered."""
    category = aliased(DictionaryItem)
    query = (select(FamilyCategory.id, FamilyCategory.kdn_review_on, FamilyCategory.kdn_intake_number,
                    FamilyCategory.kdn_intake_date, Family.id, Family.title)
             .join(Family, Family.id == FamilyCategory.family_id)
             .join(category, category.id == FamilyCategory.category_id)
             .where(FamilyCategory.ended_on.is_(None), FamilyCategory.kdn_review_on.is_not(None),
                    FamilyCategory.kdn_review_on <= today + timedelta(days=days),
                    FamilyCategory.kdn_review_on >= today - timedelta(days=LOOK_BACK_DAYS),
                    scope.row, Family.deleted_at.is_(None),
                    category.kind == "family_category", category.code.in_(_kdn_codes(session))))
    for row_id, due, number, decided, family_id, title in session.execute(query):
        decision = decision_text(number, decided)
        passed = due is not None and due < today
        text = (f"рассмотрение в КДН и ЗП было назначено на {format_date(due)}: внесите его итоги и следующую дату"
                if passed else f"рассмотрение в КДН и ЗП {format_date(due)}: подготовить информацию о результатах "
                               "индивидуальной профилактической работы")
        if decision:
            text += f" (постановление {decision})"
        yield Deadline("kdn_review", due, family_id, title, None, "", text, row_id)


def _kdn_codes(session: Session) -> list[str]:
    rows = session.execute(select(DictionaryItem.code, DictionaryItem.attrs)
                           .where(DictionaryItem.kind == "family_category")).all()
    return [code for code, attrs in rows if (attrs or {}).get("requires_kdn")]


def _birthday(session: Session, scope: Scope, today: date, days: int, age: int, kind: str,
              condition: Any, text: Callable[[date], str]) -> Iterable[Deadline]:
    latest, earliest = add_years(today + timedelta(days=days), -age), add_years(today, -age) - timedelta(
        days=LOOK_BACK_DAYS)
    query = _current_members(scope, driving=False).where(Person.birth_date.is_not(None), Person.birth_date <= latest,
                                              Person.birth_date > earliest, condition)
    for family_id, title, person_id, last, first, middle, birth in session.execute(query):
        day = add_years(birth, age)
        yield Deadline(kind, day, family_id, title, person_id, _name(last, first, middle), text(day))


def _early_help_age(session: Session, scope: Scope, today: date, days: int) -> Iterable[Deadline]:
    iprp = (select(SupportCase.child_person_id).join(DictionaryItem, DictionaryItem.id == SupportCase.kind_id)
            .where(DictionaryItem.code == "iprp", SupportCase.closed_on.is_(None), SupportCase.deleted_at.is_(None)))
    flagged = select(ChildProfile.person_id).where(ChildProfile.early_help_needed.is_(True),
                                                   ChildProfile.deleted_at.is_(None))
    return _birthday(session, scope, today, days, EARLY_HELP_AGE, "early_help_age",
                     or_(unindexed(Person.id).in_(iprp), unindexed(Person.id).in_(flagged)),
                     lambda day: f"{format_date(day)} исполняется 3 года: ИПРП заканчивается, передать семью "
                                 "в другие программы")


def _adulthood(session: Session, scope: Scope, today: date, days: int) -> Iterable[Deadline]:
    # The child roles by their dictionary attribute, read once: a JSON test inside the query scanned every row.
    roles = session.execute(select(DictionaryItem.id, DictionaryItem.attrs)
                            .where(DictionaryItem.kind == "member_role")).all()
    child_roles = [role_id for role_id, attrs in roles if (attrs or {}).get("is_child")]
    return _birthday(session, scope, today, days, ADULT_AGE, "adulthood", FamilyMember.role_id.in_(child_roles),
                     lambda day: f"{format_date(day)} исполняется 18 лет: ребёнок выходит из детских программ")


def _no_contact(session: Session, scope: Scope, today: date, days: int) -> Iterable[Deadline]:
    """Families on support with no visit, session or event in the last `days` days (and, without any contact
    ever, on support for longer than that).

    Each family on support is asked three EXISTS questions about the window (threshold, today], each one index
    seek: a live visit, an event, and for each member a day with a session in `contact_session_days` (kept by
    triggers, see db.models.contacts: a session planned ahead becomes a contact when its day comes, with no
    write). Only the few silent families then get the dates of their last contacts for the text."""
    threshold = today - timedelta(days=days)
    since = func.min(SupportCase.opened_on)
    on_support = (select(SupportCase.family_id, since.label("since"))
                  .join(Family, Family.id == SupportCase.family_id)
                  .where(SupportCase.closed_on.is_(None), SupportCase.deleted_at.is_(None), scope.row)
                  .group_by(SupportCase.family_id).subquery())
    visit = exists().where(HomeVisit.family_id == Family.id, HomeVisit.deleted_at.is_(None),
                           HomeVisit.visit_date > threshold, HomeVisit.visit_date <= today)
    event = exists().where(EventFamily.family_id == Family.id, Event.id == EventFamily.event_id,
                           Event.deleted_at.is_(None), Event.starts_on > threshold, Event.starts_on <= today)
    session_day = exists().where(FamilyMember.family_id == Family.id,
                                 ContactSessionDay.person_id == FamilyMember.person_id,
                                 ContactSessionDay.day > threshold, ContactSessionDay.day <= today)
    silent = session.execute(select(Family.id, Family.title, on_support.c.since)
                             .join(on_support, on_support.c.family_id == Family.id)
                             .where(Family.deleted_at.is_(None), ~visit, ~event, ~session_day)).all()
    lasts = _last_contacts(session, [family_id for family_id, _title, _since in silent], today)
    for family_id, title, since_on in silent:
        last = lasts.get(family_id)
        if (last or since_on) > threshold:  # on support for less than `days` and never heard of before
            continue
        text = (f"на сопровождении; последний контакт {format_date(last)}" if last
                else f"на сопровождении с {format_date(since_on)}; контактов не было")
        yield Deadline("no_contact", (last or since_on) + timedelta(days=days), family_id, title, None, "", text)


def _last_contacts(session: Session, ids: list[uuid.UUID], today: date) -> dict[uuid.UUID, date]:
    """The date of each family's last visit, event or session on or before today (families without one absent)."""
    member_day = (select(func.max(ContactSessionDay.day))
                  .where(ContactSessionDay.person_id == FamilyMember.person_id, ContactSessionDay.day <= today)
                  .scalar_subquery())  # one seek back from today per member
    queries = (
        lambda chunk: select(HomeVisit.family_id, func.max(HomeVisit.visit_date))
        .where(HomeVisit.family_id.in_(chunk), HomeVisit.deleted_at.is_(None), HomeVisit.visit_date <= today)
        .group_by(HomeVisit.family_id),
        lambda chunk: select(EventFamily.family_id, func.max(Event.starts_on))
        .join(Event, Event.id == EventFamily.event_id)
        .where(EventFamily.family_id.in_(chunk), Event.deleted_at.is_(None), Event.starts_on <= today)
        .group_by(EventFamily.family_id),
        lambda chunk: select(FamilyMember.family_id, member_day).where(FamilyMember.family_id.in_(chunk)),
    )
    lasts: dict[uuid.UUID, date] = {}
    for chunk in _chunks(ids):
        for query in queries:
            for family_id, value in session.execute(query(chunk)):
                if value is not None:
                    day = _as_date(value)
                    lasts[family_id] = max(day, lasts.get(family_id, day))
    return lasts


def _chunks(ids: list[uuid.UUID], size: int = 500) -> Iterable[list[uuid.UUID]]:
    return (ids[start:start + size] for start in range(0, len(ids), size))


def _as_date(value: Any) -> date:
    """A date from a date, a datetime or SQLite's text of either."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


COMPUTE: dict[str, Callable[[Session, Scope, date, int], Iterable[Deadline]]] = {
    "ipra": _ipra, "ippsu_review": _ippsu_review, "consent": _consent, "plan_overdue": _plan_overdue,
    "sop_no_visit": _sop_no_visit, "kdn_review": _kdn_review, "early_help_age": _early_help_age,
    "adulthood": _adulthood, "no_contact": _no_contact,
}


def family_ids(actor: Actor) -> Select:
    """The ids of the families the actor works with, in the form for IN over many families."""
    return select(Family.id).where(family_scope(actor, Family, many=True))


def compute_deadlines(session: Session, actor: Actor, today: date | None = None,
                      kinds: Iterable[str] | None = None) -> list[Deadline]:
    """Every deadline of the families this actor works with, the most pressing first."""
    require(actor, VIEW_RECORDS)
    today = today or date.today()
    wanted = set(kinds) if kinds is not None else None
    scope = deadline_scope(session, actor)
    found: list[Deadline] = []
    for setting in read_deadline_settings(session):
        code = setting.kind.code
        if setting.enabled and (wanted is None or code in wanted):
            found.extend(COMPUTE[code](session, scope, today, setting.days))
    return sort_deadlines(found)


def sort_deadlines(deadlines: Iterable[Deadline]) -> list[Deadline]:
    """The most pressing first (the order of `compute_deadlines`, also for lists gathered kind by kind)."""
    return sorted(deadlines, key=lambda d: (d.due_on or date.min, d.kind, d.family_title, d.person_name))


def enabled_kinds(session: Session) -> list[str]:
    """The kinds the administrator has switched on, in the order of `KINDS`."""
    return [setting.kind.code for setting in read_deadline_settings(session) if setting.enabled]
