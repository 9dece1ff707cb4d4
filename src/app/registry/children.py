"""A child's profile (disability category, ИПРА, ОВЗ by ПМПК, health group, early help) and diagnoses.

Every write takes the caller's session, checks EDIT_RECORDS, validates all fields at once,
writes an audit row with the changed field names and never commits.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import audit
from app.core.access import require_health
from app.core.actor import Actor
from app.core.changes import PERSONS, Saved, assign
from app.core.checks import Checker
from app.core.dates import ADULT_AGE, add_years, age_on
from app.core.lookups import get_live
from app.core.permissions import EDIT_RECORDS, require
from app.core.records import audit_changes, insert_record, soft_delete, update_record
from db.models import ChildProfile, Diagnosis, Person

# The seven life activities of an ИПРА, in the order of the form.
LIMITATION_LABELS: dict[str, str] = {
    "lim_self_care": "Самообслуживание",
    "lim_mobility": "Передвижение",
    "lim_orientation": "Ориентация",
    "lim_communication": "Общение",
    "lim_behaviour": "Контроль поведения",
    "lim_learning": "Обучение",
    "lim_work": "Трудовая деятельность",
}
IPRA_TERMS: dict[str, str] = {"1y": "на 1 год", "2y": "на 2 года", "until_18": "до достижения 18 лет"}
# Early help is for children 0–3; the Концепция развития ранней помощи allows it up to 7 years inclusive.
EARLY_HELP_AGE_LIMIT = 8
HEALTH_GROUPS = (1, 5)

_DISABILITY_FIELDS = ("disability_since", "disability_until", "ipra_number", "ipra_date", "ipra_term",
                      "ipra_until", "mse_bureau", *LIMITATION_LABELS)


@dataclass(frozen=True)
class ChildProfileData:
    """What a user enters about a child. Without `is_disabled` the disability and ИПРА fields are not kept."""

    is_disabled: bool = False
    disability_since: date | None = None
    disability_until: date | None = None
    ipra_number: str | None = None
    ipra_date: date | None = None
    ipra_term: str | None = None
    ipra_until: date | None = None
    mse_bureau: str | None = None
    lim_self_care: int | None = None
    lim_mobility: int | None = None
    lim_orientation: int | None = None
    lim_communication: int | None = None
    lim_behaviour: int | None = None
    lim_learning: int | None = None
    lim_work: int | None = None
    has_ovz: bool = False
    pmpk_number: str | None = None
    pmpk_date: date | None = None
    pmpk_conclusion: str | None = None
    health_group: int | None = None
    early_help_needed: bool = False


@dataclass(frozen=True)
class DiagnosisData:
    icd_code: str | None
    title: str | None = None
    is_main: bool = False
    diagnosed_on: date | None = None


@dataclass(frozen=True)
class DiagnosisRow:
    id: uuid.UUID
    icd_code: str
    title: str
    is_main: bool
    diagnosed_on: date | None


def _not_before_birth(check: Checker, field: str, value: date | None, birth: date | None, label: str) -> None:
    check.date_order(field, birth, value, label, "Дата рождения")


def _check_child(check: Checker, birth: date | None, today: date) -> None:
    if birth is None:
        check.fail("person_id", "Профиль ребёнка: в карточке человека не указана дата рождения — "
                                "сначала укажите её.")
    elif age_on(birth, today) >= ADULT_AGE:
        check.fail("person_id", "Профиль ребёнка ведётся только для детей до 18 лет, "
                                "а этому человеку уже исполнилось 18.")


def ipra_valid_until(term: str | None, ipra_date: date | None, birth: date | None) -> date | None:
    """«ИПРА действует до» from its term: a year or two from its date, or the 18th birthday."""
    if term == "until_18":
        return add_years(birth, ADULT_AGE) if birth else None
    if term in ("1y", "2y") and ipra_date is not None:
        return add_years(ipra_date, 1 if term == "1y" else 2)
    return None


def _validate_ipra(check: Checker, data: ChildProfileData, birth: date | None) -> dict:
    number = check.text("ipra_number", data.ipra_number, "№ ИПРА", max_length=40)
    if number is None and data.ipra_date is not None:
        check.fail("ipra_number", "Поле «№ ИПРА» обязательно, если указана дата ИПРА.")
    ipra_date = check.past_date("ipra_date", data.ipra_date, "Дата ИПРА", required=number is not None)
    _not_before_birth(check, "ipra_date", ipra_date, birth, "Дата ИПРА")
    check.choice("ipra_term", data.ipra_term, "Срок ИПРА", IPRA_TERMS, required=ipra_date is not None)
    until = data.ipra_until
    if until is None and ipra_date is not None:
        until = ipra_valid_until(data.ipra_term, ipra_date, birth)
    check.date_order("ipra_until", ipra_date, until, "ИПРА действует до", "Дата ИПРА")
    return {
        "ipra_number": number,
        "ipra_date": ipra_date,
        "ipra_term": data.ipra_term,
        "ipra_until": until,
        "mse_bureau": check.text("mse_bureau", data.mse_bureau, "Бюро МСЭ", max_length=200),
    }


def _validate_disability(check: Checker, data: ChildProfileData, birth: date | None) -> dict:
    """Children get the category «ребёнок-инвалид» (no disability group), at most until 18."""
    if not data.is_disabled:
        # The dialog hides these fields when the box is unticked; what it still holds is not kept.
        return dict.fromkeys(_DISABILITY_FIELDS)
    since = check.past_date("disability_since", data.disability_since, "Дата установления инвалидности",
                            required=True)
    _not_before_birth(check, "disability_since", since, birth, "Дата установления инвалидности")
    check.date_order("disability_until", since, data.disability_until, "Инвалидность установлена до",
                     "Дата установления инвалидности")
    if birth and data.disability_until and data.disability_until > add_years(birth, ADULT_AGE):
        check.fail("disability_until", "Поле «Инвалидность установлена до»: категория «ребёнок-инвалид» "
                                       "устанавливается не дольше чем до 18 лет.")
    values: dict[str, object] = {"disability_since": since, "disability_until": data.disability_until}
    values |= _validate_ipra(check, data, birth)
    for field, label in LIMITATION_LABELS.items():
        values[field] = check.number_range(field, getattr(data, field), label, 0, 3)
    return values


def _validate_profile(check: Checker, data: ChildProfileData, birth: date | None, today: date) -> dict:
    _check_child(check, birth, today)
    values: dict = {"is_disabled": data.is_disabled}
    values |= _validate_disability(check, data, birth)
    if data.has_ovz and not (data.pmpk_number or "").strip():
        check.fail("pmpk_number", "Поле «№ заключения ПМПК»: статус ОВЗ подтверждается заключением ПМПК — "
                                  "укажите его номер.")
    if data.has_ovz and data.pmpk_date is None:
        check.fail("pmpk_date", "Поле «Дата заключения ПМПК»: статус ОВЗ подтверждается заключением ПМПК — "
                                "укажите его дату.")
    pmpk_date = check.past_date("pmpk_date", data.pmpk_date, "Дата заключения ПМПК")
    _not_before_birth(check, "pmpk_date", pmpk_date, birth, "Дата заключения ПМПК")
    values |= {
        "has_ovz": data.has_ovz,
        "pmpk_number": check.text("pmpk_number", data.pmpk_number, "№ заключения ПМПК", max_length=40),
        "pmpk_date": pmpk_date,
        "pmpk_conclusion": check.text("pmpk_conclusion", data.pmpk_conclusion, "Заключение ПМПК",
                                      max_length=4000),
        "health_group": check.number_range("health_group", data.health_group, "Группа здоровья",
                                           *HEALTH_GROUPS),
        "early_help_needed": data.early_help_needed,
    }
    if data.early_help_needed and birth and age_on(birth, today) >= EARLY_HELP_AGE_LIMIT:
        check.fail("early_help_needed", "Поле «Нуждается в ранней помощи»: ранняя помощь оказывается детям "
                                        "до 3 лет, по Концепции развития ранней помощи — до 7 лет включительно; "
                                        "ребёнку уже исполнилось 8.")
    return values


def save_child_profile(session: Session, actor: Actor, person_id: uuid.UUID, data: ChildProfileData) -> Saved:
    """Create or update the one profile of a child (a person under 18 today)."""
    person = require_health(session, actor, person_id, edit=True)
    check = Checker()
    values = _validate_profile(check, data, person.birth_date, date.today())
    check.done()
    # The profile row is unique per person; a soft-deleted one is brought back rather than duplicated.
    profile = session.execute(select(ChildProfile).where(ChildProfile.person_id == person_id)).scalar()
    if profile is None:
        profile = insert_record(session, actor, ChildProfile, "child_profile", values, person_id=person_id)
        return Saved(profile.id, frozenset({PERSONS}))
    changed = assign(profile, values)
    if profile.deleted_at is not None:
        profile.deleted_at = None
        changed.append("deleted_at")
    return audit_changes(session, actor, profile, "child_profile", changed, frozenset({PERSONS}))


def load_child_profile(session: Session, actor: Actor, person_id: uuid.UUID, *,
                       audited: bool = True) -> ChildProfileData | None:
    """The child's profile as the dialog edits it, or None when none was saved (viewing is audited; see
    `access.require_health` for `audited`)."""
    require_health(session, actor, person_id, part="child_profile", audited=audited)
    columns = [getattr(ChildProfile, item.name) for item in fields(ChildProfileData)]
    row = session.execute(
        select(*columns).where(ChildProfile.person_id == person_id, ChildProfile.deleted_at.is_(None))
    ).first()
    return ChildProfileData(*row) if row else None


def _validate_diagnosis(check: Checker, data: DiagnosisData, birth: date | None) -> dict:
    diagnosed_on = check.past_date("diagnosed_on", data.diagnosed_on, "Дата установления диагноза")
    _not_before_birth(check, "diagnosed_on", diagnosed_on, birth, "Дата установления диагноза")
    return {
        "icd_code": check.icd10("icd_code", data.icd_code),
        "title": check.text("title", data.title, "Диагноз", max_length=300) or "",
        "is_main": data.is_main,
        "diagnosed_on": diagnosed_on,
    }


def _clear_other_main(session: Session, actor: Actor, person_id: uuid.UUID, keep_id: uuid.UUID | None) -> None:
    """A person has one main diagnosis: marking a new one unmarks the previous.

    Runs and flushes before the new main one is written, because a partial unique index
    refuses two live main diagnoses even for a moment.
    """
    query = select(Diagnosis).where(Diagnosis.person_id == person_id, Diagnosis.is_main.is_(True),
                                    Diagnosis.deleted_at.is_(None))
    if keep_id is not None:
        query = query.where(Diagnosis.id != keep_id)
    for other in session.execute(query).scalars().all():
        other.is_main = False
        other.updated_by = actor.user_id
        audit.record(session, actor, "update", "diagnosis", other.id, ["is_main"])
    session.flush()


def add_diagnosis(session: Session, actor: Actor, person_id: uuid.UUID, data: DiagnosisData) -> Saved:
    person = require_health(session, actor, person_id, edit=True)
    check = Checker()
    values = _validate_diagnosis(check, data, person.birth_date)
    check.done()
    if values["is_main"]:
        _clear_other_main(session, actor, person_id, None)
    diagnosis = insert_record(session, actor, Diagnosis, "diagnosis", values, person_id=person_id)
    return Saved(diagnosis.id, frozenset({PERSONS}))


def update_diagnosis(session: Session, actor: Actor, diagnosis_id: uuid.UUID, data: DiagnosisData) -> Saved:
    require(actor, EDIT_RECORDS)
    diagnosis = get_live(session, Diagnosis, diagnosis_id, "Запись о диагнозе")
    require_health(session, actor, diagnosis.person_id, edit=True)
    person = session.get(Person, diagnosis.person_id)
    check = Checker()
    values = _validate_diagnosis(check, data, person.birth_date if person else None)
    check.done()
    if values["is_main"] and not diagnosis.is_main:
        _clear_other_main(session, actor, diagnosis.person_id, diagnosis.id)
    return update_record(session, actor, diagnosis, "diagnosis", values, frozenset({PERSONS}))


def delete_diagnosis(session: Session, actor: Actor, diagnosis_id: uuid.UUID) -> Saved:
    require(actor, EDIT_RECORDS)
    diagnosis = get_live(session, Diagnosis, diagnosis_id, "Запись о диагнозе")
    require_health(session, actor, diagnosis.person_id, edit=True)
    return soft_delete(session, actor, diagnosis, "diagnosis", frozenset({PERSONS}))


def list_diagnoses(session: Session, actor: Actor, person_id: uuid.UUID, *,
                   audited: bool = True) -> list[DiagnosisRow]:
    """A person's diagnoses: the main one first, then by date and code (viewing is audited; see
    `access.require_health` for `audited`)."""
    require_health(session, actor, person_id, part="diagnoses", audited=audited)
    rows = session.execute(
        select(Diagnosis.id, Diagnosis.icd_code, Diagnosis.title, Diagnosis.is_main, Diagnosis.diagnosed_on)
        .where(Diagnosis.person_id == person_id, Diagnosis.deleted_at.is_(None))
        .order_by(Diagnosis.is_main.desc(), Diagnosis.diagnosed_on.nulls_last(), Diagnosis.icd_code)
    )
    return [DiagnosisRow(*row) for row in rows]
