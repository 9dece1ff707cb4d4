"""The parties of a document handed to a family — the organisation, a person with the address, identity
document and СНИЛС, the legal representative of a child — as plain values for a Word template, with the name
declined and the words that agree with the person's sex («проживающего/проживающей», «именуемый/именуемая»).

Read in the caller's transaction; nothing here writes.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.core.dates import ADULT_AGE, age_on
from app.core.errors import NotFound
from app.core.text import format_date, format_snils, full_name
from app.documents.declension import decline_name
from app.documents.docx_render import signature_name
from db.models import (
    DictionaryItem,
    District,
    Family,
    FamilyMember,
    IdentityDocument,
    Organization,
    Person,
    Settlement,
)


def organization_block(session: Session) -> dict[str, str]:
    row = session.execute(select(Organization.name, Organization.short_name, Organization.inn, Organization.address,
                                 Organization.director_name).order_by(Organization.created_at).limit(1)).first()
    if row is None:
        raise NotFound("Сведения об организации ещё не заполнены: выполните первоначальную настройку.")
    name, short, inn, address, director = row
    parts = (director or "").split()
    director_genitive = decline_name(parts[0], parts[1] if len(parts) > 1 else None,
                                     parts[2] if len(parts) > 2 else None, None, "genitive") if parts else ""
    return {"name": name, "short_name": short or name, "inn": inn or "", "address": address or "",
            "director_signature": signature_name(director), "director_genitive": director_genitive}


def settlement_title(session: Session, settlement_id: uuid.UUID | None) -> str | None:
    """«с. Соболиный», «г. Новосаянск»: the settlement with the short name of its type."""
    if settlement_id is None:
        return None
    row = session.execute(select(Settlement.name, DictionaryItem.short_name, DictionaryItem.name)
                          .outerjoin(DictionaryItem, DictionaryItem.id == Settlement.kind_id)
                          .where(Settlement.id == settlement_id)).first()
    if row is None:
        return None
    name, kind_short, kind_name = row
    return f"{kind_short or kind_name or ''} {name}".strip()


def family_address(session: Session, family: Family) -> str:
    """«Тестовый район, с. Дальнее, ул. Лесная, д. 5, кв. 3» (empty parts left out)."""
    district = session.get(District, family.district_id) if family.district_id else None
    parts = [district.name if district else None, settlement_title(session, family.settlement_id), family.street,
             f"д. {family.house}" if family.house else None,
             f"корп. {family.building}" if family.building else None,
             f"кв. {family.apartment}" if family.apartment else None]
    return ", ".join(part for part in parts if part)


def identity_text(session: Session, person_id: uuid.UUID) -> str:
    """The person's latest identity document: «Паспорт 4510 № 123456, выдан 01.02.2020 ГУ МВД …»."""
    kind = aliased(DictionaryItem)
    row = session.execute(
        select(kind.short_name, kind.name, IdentityDocument.series, IdentityDocument.number,
               IdentityDocument.issued_on, IdentityDocument.issued_by)
        .join(kind, kind.id == IdentityDocument.kind_id)
        .where(IdentityDocument.person_id == person_id, IdentityDocument.deleted_at.is_(None))
        .order_by(IdentityDocument.issued_on.desc().nulls_last(), IdentityDocument.created_at.desc()).limit(1)
    ).first()
    if row is None:
        return ""
    short, name, series, number, issued_on, issued_by = row
    text = f"{short or name} {series + ' ' if series else ''}№ {number}"
    if issued_on or issued_by:
        text += ", выдан " + " ".join(part for part in (format_date(issued_on), issued_by) if part)
    return text


def _agree(sex: str | None, male: str, female: str) -> str:
    return female if sex == "F" else male


def person_block(session: Session, person: Person, family: Family | None) -> dict[str, Any]:
    """A person as documents name them; the address and phone are the family's."""
    name = full_name(person.last_name, person.first_name, person.middle_name)
    document = identity_text(session, person.id)
    sex = person.sex

    def declined(case: str) -> str:
        return decline_name(person.last_name, person.first_name, person.middle_name, sex, case)

    birth = person.birth_date
    return {
        "id": person.id, "name": name, "sex": {"M": "мужской", "F": "женский"}.get(sex, ""),
        "birth_date": birth, "birth_line": f"{format_date(birth)} года рождения, " if birth else "",
        "address": family_address(session, family) if family is not None else "",
        "phone": (family.phone or "") if family is not None else "",
        "document": document, "snils": format_snils(person.snils) if person.snils else "",
        "genitive": declined("genitive"), "dative": declined("dative"), "accusative": declined("accusative"),
        "signature": signature_name(name),
        "name_with_document": f"{name}, {document}" if document else name,
        "ending_living": _agree(sex, "его", "ей"), "ending_acting": _agree(sex, "ий", "ая"),
        "needing": _agree(sex, "нуждающимся", "нуждающейся"), "called": _agree(sex, "именуемый", "именуемая"),
    }


def is_minor(person: Person, on: date) -> bool:
    return person.birth_date is not None and age_on(person.birth_date, on) < ADULT_AGE


def representative_of(session: Session, family_id: uuid.UUID, person_id: uuid.UUID) -> Person | None:
    """The first current legal representative of the family other than the person (mother before father
    by the order they were entered in)."""
    return session.execute(
        select(Person).join(FamilyMember, FamilyMember.person_id == Person.id)
        .where(FamilyMember.family_id == family_id, FamilyMember.is_legal_representative.is_(True),
               FamilyMember.left_on.is_(None), Person.id != person_id, Person.deleted_at.is_(None))
        .order_by(Person.birth_date.nulls_last(), Person.last_name).limit(1)
    ).scalar()
