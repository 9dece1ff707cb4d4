"""Persons: registering, editing, soft deletion, search and duplicate detection."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from app.core import audit, caseload
from app.core.access import person_scope, require_person
from app.core.actor import SPECIALIST, Actor
from app.core.changes import FAMILIES, PERSONS, Saved, assign
from app.core.checks import Checker, digits_only
from app.core.permissions import EDIT_RECORDS, VIEW_RECORDS, require
from app.core.records import audit_changes, soft_delete
from app.core.text import fold, full_name, prefix_upper_bound
from db.models import CaseloadPerson, Person

SEXES = {"M": "мужской", "F": "женский"}


@dataclass(frozen=True)
class PersonData:
    """What a user enters about a person; services validate and normalise it."""

    last_name: str
    first_name: str
    middle_name: str | None = None
    sex: str | None = None
    birth_date: date | None = None
    snils: str | None = None
    inn: str | None = None
    oms_policy: str | None = None
    phone: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class PersonRow:
    id: uuid.UUID
    last_name: str
    first_name: str
    middle_name: str | None
    sex: str
    birth_date: date | None
    snils: str | None

    @property
    def full_name(self) -> str:
        return full_name(self.last_name, self.first_name, self.middle_name)


PERSON_ROW_COLUMNS = (
    Person.id, Person.last_name, Person.first_name, Person.middle_name, Person.sex, Person.birth_date,
    Person.snils,
)


def validate_person(check: Checker, data: PersonData, prefix: str = "", today: date | None = None) -> dict:
    """Check a person's fields; return the cleaned column values. Field names get `prefix`."""
    values = {
        "last_name": check.name(f"{prefix}last_name", data.last_name, "Фамилия", required=True),
        "first_name": check.name(f"{prefix}first_name", data.first_name, "Имя", required=True),
        "middle_name": check.name(f"{prefix}middle_name", data.middle_name, "Отчество"),
        "birth_date": check.past_date(f"{prefix}birth_date", data.birth_date, "Дата рождения", today=today),
        "snils": check.snils(f"{prefix}snils", data.snils),
        "inn": check.inn(f"{prefix}inn", data.inn),
        "oms_policy": check.oms_policy(f"{prefix}oms_policy", data.oms_policy),
        "phone": check.phone(f"{prefix}phone", data.phone),
        "notes": check.text(f"{prefix}notes", data.notes, "Примечание", max_length=4000),
    }
    if data.sex not in SEXES:
        check.fail(f"{prefix}sex", "Поле «Пол»: выберите «мужской» или «женский».")
    values["sex"] = data.sex
    return values


def _with_keys(values: dict) -> dict:
    return values | {
        "last_name_key": fold(values["last_name"]),
        "first_name_key": fold(values["first_name"]),
        "middle_name_key": fold(values["middle_name"]),
    }


def create_person_record(session: Session, actor: Actor, values: dict) -> Person:
    """Insert a person from already validated values (used by family registration too)."""
    person = Person(**_with_keys(values), created_by=actor.user_id, updated_by=actor.user_id)
    session.add(person)
    session.flush()
    audit.record(session, actor, "create", "person", person.id, values.keys())
    caseload.refresh_persons(session, [person.id])  # in no family yet: searchable by everyone who may add them
    return person


def create_person(session: Session, actor: Actor, data: PersonData) -> Saved:
    require(actor, EDIT_RECORDS)
    check = Checker()
    values = validate_person(check, data)
    check.done()
    person = create_person_record(session, actor, values)
    return Saved(person.id, frozenset({PERSONS, FAMILIES}))


def update_person(session: Session, actor: Actor, person_id: uuid.UUID, data: PersonData) -> Saved:
    person = require_person(session, actor, person_id, edit=True)
    check = Checker()
    values = validate_person(check, data)
    check.done()
    # The folded search keys follow the names: only the names themselves go to the audit log.
    assigned = assign(person, _with_keys(values))
    changed = [name for name in assigned if not name.endswith("_key")]
    if set(assigned) & set(caseload.PERSON_COPIED):
        caseload.refresh_persons(session, [person.id])  # the specialists' search rows carry the keys and СНИЛС
    return audit_changes(session, actor, person, "person", changed, frozenset({PERSONS, FAMILIES}))


def delete_person(session: Session, actor: Actor, person_id: uuid.UUID) -> Saved:
    person = require_person(session, actor, person_id, edit=True)
    return soft_delete(session, actor, person, "person", frozenset({PERSONS, FAMILIES}))


def name_filter(text: str) -> list:
    """Conditions for «Фамилия Имя Отчество» prefixes, each an index range on a folded key.

    Words match in order: surname, first name, patronymic; ё and е are the same letter.
    """
    keys = (Person.last_name_key, Person.first_name_key, Person.middle_name_key)
    conditions = []
    for column, word in zip(keys, fold(text).replace(".", " ").split()[:3], strict=False):
        conditions.append(and_(column >= word, column < prefix_upper_bound(word)))
    return conditions


def snils_filter(text: str) -> list:
    digits = digits_only(text)
    return [and_(Person.snils >= digits, Person.snils < prefix_upper_bound(digits))] if digits else []


def is_snils_query(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and all(ch.isdigit() or ch in "- " for ch in stripped)


def person_search_query(text: str) -> Select:
    """Persons matching a name prefix or a СНИЛС prefix, in alphabetical order."""
    conditions = snils_filter(text) if is_snils_query(text) else name_filter(text)
    query = select(*PERSON_ROW_COLUMNS).where(Person.deleted_at.is_(None), *conditions)
    if is_snils_query(text):
        return query.order_by(Person.snils)
    return query.order_by(Person.last_name_key, Person.first_name_key, Person.middle_name_key)


def search_persons(session: Session, actor: Actor, text: str, limit: int = 50) -> list[PersonRow]:
    """Persons whose «Фамилия Имя Отчество» starts with `text` words, or whose СНИЛС starts with digits.

    Only people of the families the actor works with (`app.core.access.person_scope`).
    """
    require(actor, VIEW_RECORDS)
    if not fold(text):
        return []
    if actor.user_id is not None and actor.case_role == SPECIALIST and actor.staff_id is not None:
        return _specialist_search(session, actor.staff_id, text, limit)
    scope = person_scope(actor, many=True, session=session)
    rows = session.execute(person_search_query(text).where(scope).limit(limit))
    return [PersonRow(*row) for row in rows]


def _specialist_search(session: Session, staff_id: uuid.UUID, text: str, limit: int) -> list[PersonRow]:
    """A specialist's search over their own `caseload_persons` rows (and those of people in no family), in the
    order of the search: one range scan of the table's key (names) or of its СНИЛС index per staff id, whatever
    the region's size.

    The person's own columns are checked again, so a row left stale by a conflicting exchange (until the caseload
    check repairs it) never shows a person under a name or a СНИЛС they no longer have."""
    entry = CaseloadPerson
    digits = digits_only(text) if is_snils_query(text) else ""
    if digits:
        order: tuple = (entry.snils,)
        conditions = [entry.snils >= digits, entry.snils < prefix_upper_bound(digits), *snils_filter(text)]
    else:
        order = (entry.last_name_key, entry.first_name_key, entry.middle_name_key)
        words = fold(text).replace(".", " ").split()[:3]
        conditions = [and_(column >= word, column < prefix_upper_bound(word))
                      for column, word in zip(order, words, strict=False)] + name_filter(text)
    found: list[tuple] = []
    for owner in (staff_id, caseload.NO_FAMILY):
        # Two ordered range scans merged here: an IN over both owners would make the database sort every match.
        query = (select(*order, *PERSON_ROW_COLUMNS).join(Person, Person.id == entry.person_id)
                 .where(entry.staff_id == owner, Person.deleted_at.is_(None), *conditions)
                 .order_by(*order).limit(limit))
        found.extend(tuple(row) for row in session.execute(query))
    found.sort(key=lambda row: row[:len(order)])
    return [PersonRow(*row[len(order):]) for row in found[:limit]]


def find_duplicates(
    session: Session, data: PersonData, exclude_id: uuid.UUID | None = None
) -> list[PersonRow]:
    """Registered persons with the same СНИЛС, or the same folded ФИО and birth date."""
    matches = []
    snils = digits_only(data.snils)
    if len(snils) == 11:
        matches.append(Person.snils == snils)
    if data.birth_date and data.last_name and data.first_name:
        matches.append(
            and_(
                Person.last_name_key == fold(data.last_name),
                Person.first_name_key == fold(data.first_name),
                Person.middle_name_key == fold(data.middle_name),
                Person.birth_date == data.birth_date,
            )
        )
    if not matches:
        return []
    query = select(*PERSON_ROW_COLUMNS).where(Person.deleted_at.is_(None), or_(*matches))
    if exclude_id is not None:
        query = query.where(Person.id != exclude_id)
    return [PersonRow(*row) for row in session.execute(query.limit(20))]


def load_person(session: Session, actor: Actor, person_id: uuid.UUID) -> PersonData:
    person = require_person(session, actor, person_id)
    return PersonData(
        last_name=person.last_name,
        first_name=person.first_name,
        middle_name=person.middle_name,
        sex=person.sex,
        birth_date=person.birth_date,
        snils=person.snils,
        inn=person.inn,
        oms_policy=person.oms_policy,
        phone=person.phone,
        notes=person.notes,
    )

