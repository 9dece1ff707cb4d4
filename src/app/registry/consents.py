"""Consents to personal-data processing (152-ФЗ): one document per person, signed by the person or,
for a child, by a legal representative; and the consent state of many persons in one query.

Writes check EDIT_RECORDS, audit field names and never commit.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from app.core.access import require_person
from app.core.actor import Actor
from app.core.changes import PERSONS, Saved
from app.core.checks import Checker
from app.core.dates import ADULT_AGE, age_on
from app.core.lookups import check_reference, chunks, get_live
from app.core.permissions import EDIT_RECORDS, require
from app.core.records import insert_record, soft_delete, update_record
from app.core.text import format_date, full_name
from db.models import Consent, Family, FamilyMember, Person


class ConsentState(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"
    MISSING = "missing"


@dataclass(frozen=True)
class ConsentData:
    """A consent as entered. `signer_name` may stay empty when `signer_person_id` names the signer."""

    signed_on: date | None
    signer_person_id: uuid.UUID | None = None
    signer_name: str | None = None
    scope: str | None = None
    includes_health: bool = True
    valid_until: date | None = None
    withdrawn_on: date | None = None


@dataclass(frozen=True)
class ConsentRow:
    id: uuid.UUID
    signer_person_id: uuid.UUID | None
    signer_name: str
    signed_on: date
    scope: str
    includes_health: bool
    valid_until: date | None
    withdrawn_on: date | None

    def state(self, today: date) -> ConsentState:
        return state_of(self.signed_on, self.valid_until, self.withdrawn_on, today)


def state_of(signed_on: date, valid_until: date | None, withdrawn_on: date | None, today: date) -> ConsentState:
    """The state of one consent on `today`; withdrawal counts from its own day."""
    if signed_on > today:
        return ConsentState.MISSING
    if withdrawn_on is not None and withdrawn_on <= today:
        return ConsentState.WITHDRAWN
    if valid_until is not None and valid_until < today:
        return ConsentState.EXPIRED
    return ConsentState.VALID


def _is_legal_representative_of(session: Session, signer_id: uuid.UUID, child_id: uuid.UUID) -> bool:
    """Whether `signer_id` is a current legal representative in a (live) family of the child."""
    child_families = select(FamilyMember.family_id).where(FamilyMember.person_id == child_id,
                                                          FamilyMember.left_on.is_(None))
    found = session.execute(
        select(FamilyMember.id)
        .join(Family, Family.id == FamilyMember.family_id)
        .where(FamilyMember.person_id == signer_id, FamilyMember.is_legal_representative.is_(True),
               FamilyMember.left_on.is_(None), FamilyMember.family_id.in_(child_families),
               Family.deleted_at.is_(None))
        .limit(1)
    ).first()
    return found is not None


def _validate_consent(check: Checker, session: Session, person: Person, data: ConsentData) -> dict:
    signed_on = check.past_date("signed_on", data.signed_on, "Дата подписания", required=True)
    check.date_order("signed_on", person.birth_date, signed_on, "Дата подписания", "Дата рождения")
    signer = check_reference(check, session, Person, "signer_person_id", data.signer_person_id, "Подписант",
                             required=False)
    is_child = person.birth_date is not None and age_on(person.birth_date, signed_on or date.today()) < ADULT_AGE
    if is_child and (signer is None or signer.id == person.id
                     or not _is_legal_representative_of(session, signer.id, person.id)):
        check.fail("signer_person_id", "Поле «Подписант»: согласие за ребёнка до 18 лет подписывает его "
                                       "законный представитель — выберите его из членов семьи ребёнка.")
    signer_name = check.text("signer_name", data.signer_name, "ФИО подписанта", max_length=300)
    if signer_name is None and signer is not None:
        signer_name = full_name(signer.last_name, signer.first_name, signer.middle_name)
    if signer_name is None:
        check.fail("signer_name", "Поле «ФИО подписанта» обязательно для заполнения.")
    if signed_on and data.valid_until and data.valid_until <= signed_on:
        check.fail("valid_until", "Поле «Действует до»: дата должна быть позже даты подписания.")
    withdrawn_on = check.past_date("withdrawn_on", data.withdrawn_on, "Дата отзыва")
    check.date_order("withdrawn_on", signed_on, withdrawn_on, "Дата отзыва", "Дата подписания")
    return {
        "signer_person_id": data.signer_person_id,
        "signer_name": signer_name,
        "signed_on": signed_on,
        "scope": check.text("scope", data.scope, "Цели и перечень данных", max_length=4000) or "",
        "includes_health": data.includes_health,
        "valid_until": data.valid_until,
        "withdrawn_on": withdrawn_on,
    }


def add_consent(session: Session, actor: Actor, person_id: uuid.UUID, data: ConsentData) -> Saved:
    person = require_person(session, actor, person_id, edit=True)
    check = Checker()
    values = _validate_consent(check, session, person, data)
    check.done()
    consent = insert_record(session, actor, Consent, "consent", values, person_id=person_id)
    return Saved(consent.id, frozenset({PERSONS}))


def update_consent(session: Session, actor: Actor, consent_id: uuid.UUID, data: ConsentData) -> Saved:
    require(actor, EDIT_RECORDS)
    consent = get_live(session, Consent, consent_id, "Запись о согласии")
    require_person(session, actor, consent.person_id, edit=True)
    person = get_live(session, Person, consent.person_id, "Запись о человеке")
    check = Checker()
    values = _validate_consent(check, session, person, data)
    check.done()
    return update_record(session, actor, consent, "consent", values, frozenset({PERSONS}))


def withdraw_consent(session: Session, actor: Actor, consent_id: uuid.UUID, withdrawn_on: date | None) -> Saved:
    """Record the withdrawal (отзыв) of a consent; the consent stays as a document."""
    require(actor, EDIT_RECORDS)
    consent = get_live(session, Consent, consent_id, "Запись о согласии")
    require_person(session, actor, consent.person_id, edit=True)
    check = Checker()
    if consent.withdrawn_on is not None:
        check.fail("withdrawn_on", f"Согласие уже отозвано {format_date(consent.withdrawn_on)}.")
    check.past_date("withdrawn_on", withdrawn_on, "Дата отзыва", required=True)
    check.date_order("withdrawn_on", consent.signed_on, withdrawn_on, "Дата отзыва", "Дата подписания")
    check.done()
    return update_record(session, actor, consent, "consent", {"withdrawn_on": withdrawn_on}, frozenset({PERSONS}))


def delete_consent(session: Session, actor: Actor, consent_id: uuid.UUID) -> Saved:
    """Soft-delete a consent entered by mistake (a real withdrawal is `withdraw_consent`)."""
    require(actor, EDIT_RECORDS)
    consent = get_live(session, Consent, consent_id, "Запись о согласии")
    require_person(session, actor, consent.person_id, edit=True)
    return soft_delete(session, actor, consent, "consent", frozenset({PERSONS}))


def list_consents(session: Session, actor: Actor, person_id: uuid.UUID) -> list[ConsentRow]:
    """A person's consents, the latest signed first."""
    require_person(session, actor, person_id)
    rows = session.execute(
        select(Consent.id, Consent.signer_person_id, Consent.signer_name, Consent.signed_on, Consent.scope,
               Consent.includes_health, Consent.valid_until, Consent.withdrawn_on)
        .where(Consent.person_id == person_id, Consent.deleted_at.is_(None))
        .order_by(Consent.signed_on.desc(), Consent.created_at.desc())
    )
    return [ConsentRow(*row) for row in rows]


def _fold_states(result: dict[uuid.UUID, ConsentState], rows: Iterable, today: date) -> None:
    """Fold consent rows (person_id, signed_on, valid_until, withdrawn_on) into per-person states.

    A valid consent wins; otherwise the latest signed one tells whether it ran out or was withdrawn.
    Rows with no consent (signed_on None, from an outer join) leave the person MISSING.
    """
    latest: dict[uuid.UUID, date] = {}
    for person_id, signed_on, valid_until, withdrawn_on in rows:
        result.setdefault(person_id, ConsentState.MISSING)
        if signed_on is None or result[person_id] is ConsentState.VALID:
            continue
        state = state_of(signed_on, valid_until, withdrawn_on, today)
        if state is ConsentState.MISSING:
            continue
        if state is ConsentState.VALID or person_id not in latest or signed_on > latest[person_id]:
            result[person_id] = state
            latest[person_id] = signed_on


_STATE_COLUMNS = (Consent.signed_on, Consent.valid_until, Consent.withdrawn_on)


def consent_status(session: Session, person_ids: Iterable[uuid.UUID], today: date) -> dict[uuid.UUID, ConsentState]:
    """The consent state of every given person on `today`: one query per 500 persons.

    VALID when any live consent was signed by `today`, is not withdrawn by `today` and has not run
    out (valid_until empty or not before `today`); otherwise the state of the latest consent signed
    by `today` (WITHDRAWN or EXPIRED); MISSING when there is none.
    """
    ids = list(dict.fromkeys(person_ids))
    result = dict.fromkeys(ids, ConsentState.MISSING)
    for chunk in chunks(ids):
        rows = session.execute(
            select(Consent.person_id, *_STATE_COLUMNS)
            .where(Consent.person_id.in_(chunk), Consent.deleted_at.is_(None), Consent.signed_on <= today)
        )
        _fold_states(result, rows, today)
    return result


def family_consent_status(session: Session, family_id: uuid.UUID, today: date) -> dict[uuid.UUID, ConsentState]:
    """The consent state (as `consent_status`) of every current member of a family, in one query."""
    rows = session.execute(
        select(FamilyMember.person_id, *_STATE_COLUMNS)
        .outerjoin(Consent, and_(Consent.person_id == FamilyMember.person_id, Consent.deleted_at.is_(None),
                                 Consent.signed_on <= today))
        .where(FamilyMember.family_id == family_id, FamilyMember.left_on.is_(None))
    )
    result: dict[uuid.UUID, ConsentState] = {}
    _fold_states(result, rows, today)
    return result
