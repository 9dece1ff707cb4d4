"""Identity documents of a person: passport, birth certificate and others.

Series and number are checked against the patterns stored in the `document_kind` dictionary entry
(attrs `series_pattern`, `number_pattern`, with `series_example`/`number_example` for messages), so an
administrator can add a kind without a code change. Writes check EDIT_RECORDS, audit field names and
never commit.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.access import require_person
from app.core.actor import Actor
from app.core.changes import PERSONS, Saved
from app.core.checks import Checker
from app.core.lookups import check_dictionary, get_live
from app.core.permissions import EDIT_RECORDS, require
from app.core.records import insert_record, soft_delete, update_record
from app.core.text import clean
from db.models import DictionaryItem, IdentityDocument, Person

_DASHES = re.compile(r"\s*[-‐‑‒–—]\s*")
# Roman numerals of a birth certificate series are Latin letters, but people type the Cyrillic
# look-alikes (І from a Ukrainian/Belarusian layout, Х, С, Л); the letters after the hyphen are
# Cyrillic, and Latin look-alikes typed there are mapped back.
_ROMAN_LOOKALIKES = str.maketrans("ІХСЛ", "IXCL")
_CYRILLIC_LOOKALIKES = str.maketrans("ABEKMHOPCTXY", "АВЕКМНОРСТХУ")


@dataclass(frozen=True)
class DocumentData:
    kind_id: uuid.UUID | None
    number: str | None
    series: str | None = None
    issued_on: date | None = None
    issued_by: str | None = None


@dataclass(frozen=True)
class DocumentRow:
    id: uuid.UUID
    kind_id: uuid.UUID
    kind_name: str
    series: str | None
    number: str
    issued_on: date | None
    issued_by: str | None

    @property
    def title(self) -> str:
        """«Паспорт 4510 № 123456»."""
        return " ".join(part for part in (self.kind_name, self.series, f"№ {self.number}") if part)


def _series_candidates(text: str) -> list[str]:
    """The typed series and its normalised forms, tried in order against the kind's pattern."""
    unified = _DASHES.sub("-", text.upper())
    compact = unified.replace(" ", "")
    candidates = [unified, compact]
    if "-" in compact:
        roman, _, letters = compact.partition("-")
        candidates.append(f"{roman.translate(_ROMAN_LOOKALIKES)}-{letters.translate(_CYRILLIC_LOOKALIKES)}")
    return candidates


def normalise_series(value: str | None, pattern: str | None) -> tuple[str | None, bool]:
    """(series as stored, whether it fits `pattern`): «45 10» → «4510», «іv-аи» → «IV-АИ»."""
    text = clean(value)
    if text is None:
        return None, True
    candidates = _series_candidates(text)
    if not pattern:
        return candidates[0], True
    for candidate in candidates:
        if re.fullmatch(pattern, candidate):
            return candidate, True
    return candidates[0], False


def normalise_number(value: str | None, pattern: str | None) -> tuple[str | None, bool]:
    """(number as stored, whether it fits `pattern`): «123 456» → «123456» where digits are expected."""
    text = clean(value)
    if text is None:
        return None, True
    if not pattern:
        return text, True
    for candidate in (text, text.replace(" ", "").upper()):
        if re.fullmatch(pattern, candidate):
            return candidate, True
    return text, False


def _validate_document(check: Checker, session: Session, data: DocumentData, birth: date | None) -> dict:
    kind = check_dictionary(check, session, "kind_id", data.kind_id, "document_kind", "Вид документа")
    attrs = (kind.attrs or {}) if kind is not None else {}
    kind_name = (kind.short_name or kind.name) if kind is not None else ""
    series, series_ok = normalise_series(data.series, attrs.get("series_pattern"))
    if series is None and attrs.get("series_pattern"):
        check.fail("series", f"Поле «Серия» обязательно для документа «{kind_name}».")
    elif not series_ok:
        check.fail("series", f"Поле «Серия»: для документа «{kind_name}» ожидается серия вида "
                             f"«{attrs.get('series_example', '')}».")
    number, number_ok = normalise_number(data.number, attrs.get("number_pattern"))
    if number is None:
        check.fail("number", "Поле «Номер» обязательно для заполнения.")
    elif not number_ok:
        check.fail("number", f"Поле «Номер»: для документа «{kind_name}» ожидается номер вида "
                             f"«{attrs.get('number_example', '')}».")
    issued_on = check.past_date("issued_on", data.issued_on, "Дата выдачи")
    check.date_order("issued_on", birth, issued_on, "Дата выдачи", "Дата рождения")
    if series is not None and len(series) > 20:
        check.fail("series", "Поле «Серия»: не длиннее 20 символов.")
    if number is not None and len(number) > 30:
        check.fail("number", "Поле «Номер»: не длиннее 30 символов.")
    return {
        "kind_id": data.kind_id,
        "series": series,
        "number": number,
        "issued_on": issued_on,
        "issued_by": check.text("issued_by", data.issued_by, "Кем выдан", max_length=300),
    }


def _check_not_repeated(check: Checker, session: Session, person_id: uuid.UUID, values: dict,
                        exclude_id: uuid.UUID | None) -> None:
    query = select(IdentityDocument.id).where(
        IdentityDocument.person_id == person_id, IdentityDocument.deleted_at.is_(None),
        IdentityDocument.kind_id == values["kind_id"], IdentityDocument.number == values["number"],
        func.coalesce(IdentityDocument.series, "") == (values["series"] or ""),
    )
    if exclude_id is not None:
        query = query.where(IdentityDocument.id != exclude_id)
    if session.execute(query.limit(1)).first():
        check.fail("number", "Поле «Номер»: этот документ у человека уже внесён.")


def add_document(session: Session, actor: Actor, person_id: uuid.UUID, data: DocumentData) -> Saved:
    person = require_person(session, actor, person_id, edit=True)
    check = Checker()
    values = _validate_document(check, session, data, person.birth_date)
    if not check.errors:
        _check_not_repeated(check, session, person_id, values, None)
    check.done()
    document = insert_record(session, actor, IdentityDocument, "identity_document", values, person_id=person_id)
    return Saved(document.id, frozenset({PERSONS}))


def update_document(session: Session, actor: Actor, document_id: uuid.UUID, data: DocumentData) -> Saved:
    require(actor, EDIT_RECORDS)
    document = get_live(session, IdentityDocument, document_id, "Запись о документе")
    require_person(session, actor, document.person_id, edit=True)
    person = session.get(Person, document.person_id)
    check = Checker()
    values = _validate_document(check, session, data, person.birth_date if person else None)
    if not check.errors:
        _check_not_repeated(check, session, document.person_id, values, document.id)
    check.done()
    return update_record(session, actor, document, "identity_document", values, frozenset({PERSONS}))


def delete_document(session: Session, actor: Actor, document_id: uuid.UUID) -> Saved:
    require(actor, EDIT_RECORDS)
    document = get_live(session, IdentityDocument, document_id, "Запись о документе")
    require_person(session, actor, document.person_id, edit=True)
    return soft_delete(session, actor, document, "identity_document", frozenset({PERSONS}))


def list_documents(session: Session, actor: Actor, person_id: uuid.UUID) -> list[DocumentRow]:
    """A person's documents in the dictionary's order of kinds, the newest issue first."""
    require_person(session, actor, person_id)
    rows = session.execute(
        select(IdentityDocument.id, IdentityDocument.kind_id,
               func.coalesce(DictionaryItem.short_name, DictionaryItem.name),
               IdentityDocument.series, IdentityDocument.number, IdentityDocument.issued_on,
               IdentityDocument.issued_by)
        .join(DictionaryItem, DictionaryItem.id == IdentityDocument.kind_id)
        .where(IdentityDocument.person_id == person_id, IdentityDocument.deleted_at.is_(None))
        .order_by(DictionaryItem.sort_order, IdentityDocument.issued_on.desc().nulls_last(),
                  IdentityDocument.number)
    )
    return [DocumentRow(*row) for row in rows]
