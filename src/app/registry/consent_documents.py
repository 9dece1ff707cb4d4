"""The consent to personal-data processing (152-ФЗ; a separate document since 01.09.2025) and the statement
withdrawing it, filled for one consent record into `consent.docx` and `consent_withdrawal.docx` (built by
scripts/templates/build_paperwork.py). The consent has a variant for health data (a special category, ст. 10),
chosen by the record's «includes_health»; for a child the legal representative who signed is named with the child.

`consent_context` reads in the caller's transaction and returns plain values; `write_consent` fills the template
and audits the export (call it inside a write unit for the audit row to be kept).
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import audit
from app.core.access import require_person
from app.core.actor import Actor
from app.core.lookups import get_live
from app.core.text import format_date, full_name, short_name
from app.documents.docx_render import render_docx, signature_name
from app.documents.parties import organization_block, person_block
from db.models import Consent, Family, FamilyMember, Person

CONSENT_TEMPLATE = "consent.docx"
WITHDRAWAL_TEMPLATE = "consent_withdrawal.docx"
DEFAULT_PURPOSES = ("предоставление социальных услуг и социальное сопровождение семьи в соответствии с Федеральным "
                    "законом от 28.12.2013 № 442-ФЗ «Об основах социального обслуживания граждан в Российской "
                    "Федерации», учёт получателей социальных услуг, межведомственное взаимодействие и отчётность")
DATA_LIST = ("фамилия, имя, отчество; пол; дата рождения; адрес места жительства; контактный телефон; данные "
             "документа, удостоверяющего личность; СНИЛС; сведения о составе семьи, её категории и обстоятельствах, "
             "обусловливающих нуждаемость в социальном обслуживании; сведения о предоставленных социальных услугах")
_UNSAFE_FILE_CHARS = re.compile(r'[\\/:*?"<>|]+')


def _family_of(session: Session, person_id: uuid.UUID) -> Family | None:
    return session.execute(select(Family).join(FamilyMember, FamilyMember.family_id == Family.id)
                           .where(FamilyMember.person_id == person_id, FamilyMember.left_on.is_(None),
                                  Family.deleted_at.is_(None)).limit(1)).scalar()


def consent_context(session: Session, actor: Actor, consent_id: uuid.UUID) -> dict[str, Any]:
    consent: Consent = get_live(session, Consent, consent_id, "Запись о согласии")
    subject: Person = require_person(session, actor, consent.person_id)
    family = _family_of(session, subject.id)
    signer_person = session.get(Person, consent.signer_person_id) if consent.signer_person_id else None
    subject_block = person_block(session, subject, family)
    if signer_person is not None:
        signer = person_block(session, signer_person, family)
        for_other = signer_person.id != subject.id
    else:  # a signer typed by name only: no document or address to print, the lines stay blank for the pen
        for_other = consent.signer_name.strip() != subject_block["name"]
        signer = subject_block if not for_other else {
            "name": consent.signer_name, "genitive": consent.signer_name, "birth_line": "", "document": "",
            "address": "", "ending_living": "(ая)", "signature": signature_name(consent.signer_name)}
    health = bool(consent.includes_health)
    first = 4 if health else 3
    return {
        "organization": organization_block(session),
        "subject": subject_block, "signer": signer, "for_other": for_other,
        "consent": {
            "signed_on": consent.signed_on, "withdrawn_on": consent.withdrawn_on, "health": health,
            "purposes": consent.scope or DEFAULT_PURPOSES, "data_list": DATA_LIST,
            "term": f"до {format_date(consent.valid_until)}" if consent.valid_until else
            "до достижения целей обработки или до отзыва согласия",
            "n_actions": first, "n_term": first + 1, "n_withdraw": first + 2,
        },
        "who": short_name(subject.last_name, subject.first_name, subject.middle_name),
        "subject_name": full_name(subject.last_name, subject.first_name, subject.middle_name),
    }


def write_consent(session: Session, actor: Actor, consent_id: uuid.UUID, folder: Path, *,
                  withdrawal: bool = False) -> Path:
    """Fill the consent (or, with `withdrawal`, the statement withdrawing it) into `folder`; returns the path.

    The withdrawal statement can be printed before the withdrawal is recorded (its date left blank for the pen).
    """
    context = consent_context(session, actor, consent_id)
    title = "Отзыв согласия" if withdrawal else "Согласие на обработку ПДн"
    day = context["consent"]["withdrawn_on"] if withdrawal else context["consent"]["signed_on"]
    when = format_date(day) or "(бланк)"  # a withdrawal not yet recorded: the date is written by hand
    name = _UNSAFE_FILE_CHARS.sub("_", " ".join((title, context["who"], when)))
    audit.record(session, actor, "export", "consent", consent_id, ["withdrawal" if withdrawal else "consent"])
    return render_docx(WITHDRAWAL_TEMPLATE if withdrawal else CONSENT_TEMPLATE, context, folder / f"{name}.docx")
