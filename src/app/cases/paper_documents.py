"""The 442-ФЗ papers of a family filled into their Word templates (built by scripts/templates/build_paperwork.py):
the ИППСУ of a case with its service rows in the sections of Приказ Минтруда № 874н, and the decision on need,
the contract and the urgent-services act of `app.cases.papers`.

`*_context` reads everything in the caller's transaction and returns plain values; `write_*` also fills the
template (docx_render.render_docx, which finishes the ГОСТ Р 7.0.97 layout) and audits the export — call it inside
a write unit for the audit row to be kept.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.cases.cases import list_cases
from app.cases.ippsu import IPPSU_KIND, URGENT_KIND, list_ippsu_services
from app.cases.papers import CONTRACT, NEED_DECISION, URGENT_ACT, list_papers
from app.core import audit
from app.core.access import require_case, require_family
from app.core.actor import Actor
from app.core.errors import ValidationError
from app.core.lookups import get_live
from app.core.text import format_date, full_name, short_name
from app.documents.docx_render import render_docx, signature_name
from app.documents.parties import is_minor, organization_block, person_block, representative_of
from db.models import (
    DictionaryItem,
    Family,
    FamilyMember,
    IppsuService,
    Person,
    Service,
    SocialPaper,
    Staff,
    SupportCase,
    case_grounds,
)

NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
TEMPLATES = {NEED_DECISION: "need_decision.docx", CONTRACT: "service_contract.docx", URGENT_ACT: "urgent_act.docx"}
FILE_TITLES = {NEED_DECISION: "Решение о нуждаемости", CONTRACT: "Договор", URGENT_ACT: "Акт срочных услуг"}
IPPSU_TEMPLATE = "ippsu.docx"
_UNSAFE_FILE_CHARS = re.compile(r'[\\/:*?"<>|]+')
_SETTLEMENT_IN_ADDRESS = re.compile(r"\b(?:г|с|пгт|рп|п|д|ст-ца)\.\s*[А-ЯЁ][А-Яа-яЁё-]+")


def _file_name(title: str, number: str | None, person: Person, day: Any) -> str:
    who = short_name(person.last_name, person.first_name, person.middle_name)
    name = " ".join(part for part in (title, f"№ {number}" if number else None, who, format_date(day)) if part)
    return _UNSAFE_FILE_CHARS.sub("_", name) + ".docx"


def _signer(session: Session, family: Family, recipient: Person, on: Any) -> tuple[dict | None, dict]:
    """(the legal representative's block or None, the signer: role and signature) for a recipient on a day."""
    representative = None
    if is_minor(recipient, on):
        person = representative_of(session, family.id, recipient.id)
        representative = person_block(session, person, family) if person is not None else None
    if representative is not None:
        return representative, {"role": "Законный представитель получателя", "signature": representative["signature"],
                                "block": representative}
    own = person_block(session, recipient, family)
    return None, {"role": "Получатель социальных услуг", "signature": own["signature"], "block": own}


def _kinds(session: Session) -> list[tuple[str, str]]:
    """The kinds of social services an ИППСУ lists, in the law's order (urgent ones left out)."""
    rows = session.execute(select(DictionaryItem.code, DictionaryItem.name, DictionaryItem.attrs,
                                  DictionaryItem.sort_order).where(DictionaryItem.kind == "service_kind")).all()
    rows = sorted(rows, key=lambda r: int((r.attrs or {}).get("order", r.sort_order + 1)))
    return [(code, name) for code, name, _attrs, _order in rows if code != URGENT_KIND]


def _program_form(session: Session, case_id: uuid.UUID) -> str:
    """The form of social service of a programme: that of its contract or decision, else of its services."""
    named = session.execute(
        select(DictionaryItem.name).join(SocialPaper, SocialPaper.form_id == DictionaryItem.id)
        .where(SocialPaper.case_id == case_id, SocialPaper.deleted_at.is_(None))
        .order_by(SocialPaper.issued_on.desc()).limit(1)).scalar()
    if named:
        return str(named)
    forms = session.execute(
        select(DictionaryItem.name).join(Service, Service.form_id == DictionaryItem.id)
        .join(IppsuService, IppsuService.service_id == Service.id)
        .where(IppsuService.case_id == case_id).distinct()).scalars().all()
    return "; ".join(forms)


def ippsu_context(session: Session, actor: Actor, case_id: uuid.UUID) -> dict[str, Any]:
    case = require_case(session, actor, case_id)
    kind = session.get(DictionaryItem, case.kind_id)
    if kind is None or kind.code != IPPSU_KIND:
        raise ValidationError({"kind_id": "Индивидуальная программа формируется только для сопровождения вида "
                                          "ИППСУ."})
    family: Family = get_live(session, Family, case.family_id, "Семья")
    recipient: Person = get_live(session, Person, case.child_person_id, "Запись о человеке") \
        if case.child_person_id else _family_recipient(session, family)
    representative, signer = _signer(session, family, recipient, case.opened_on)
    earlier = session.execute(
        select(func.count(SupportCase.id)).where(SupportCase.family_id == family.id, SupportCase.kind_id == kind.id,
                                                 SupportCase.deleted_at.is_(None), SupportCase.id != case.id,
                                                 SupportCase.opened_on <= case.opened_on)).scalar_one()
    organization = organization_block(session)
    rows = list_ippsu_services(session, actor, case_id)
    sections = []
    for index, (code, title) in enumerate(_kinds(session)):
        mine = [row for row in rows if row.kind_code == code]
        sections.append({"numeral": NUMERALS[index], "title": title, "rows": [
            {"index": number, "name": row.service_name,
             "provider": row.provider if row.provider and row.provider != organization["name"] else "",
             "volume": row.volume, "periodicity": row.periodicity, "term": row.term,
             "done": " — ".join(part for part in (format_date(row.done_on), row.done_note or "") if part)}
            for number, row in enumerate(mine, start=1)] or [
            {"index": "—", "name": "Не предусмотрены", "provider": "", "volume": "", "periodicity": "", "term": "",
             "done": ""}]})
    plan = next((c.plan for c in list_cases(session, actor, family.id) if c.id == case_id), ())
    providers = [{"name": organization["name"], "contact": organization["address"]}]
    for other in sorted({row.provider for row in rows if row.provider and row.provider != organization["name"]}):
        providers.append({"name": other, "contact": ""})
    return {
        "organization": organization,
        "program": {"number": case.number or "", "date": case.opened_on, "until": case.review_due_on,
                    "first_or_again": "повторно" if earlier else "впервые", "form": _program_form(session, case_id)},
        "recipient": person_block(session, recipient, family),
        "representative": representative, "signer": signer,
        "sections": sections,
        "plan": [{"index": row.position + 1, "measure": row.measure, "executor": row.executor_name, "due": row.due_on,
                  "done": " — ".join(part for part in (format_date(row.done_on), row.done_note or "") if part)}
                 for row in plan],
        "providers": providers,
        "file_name": _file_name("ИППСУ", case.number, recipient, case.opened_on),
    }


def _family_recipient(session: Session, family: Family) -> Person:
    """The recipient of a programme for the whole family: its legal representative (the eldest member if none)."""
    person = session.execute(select(Person).join(FamilyMember, FamilyMember.person_id == Person.id)
                             .where(FamilyMember.family_id == family.id, FamilyMember.left_on.is_(None),
                                    Person.deleted_at.is_(None))
                             .order_by(FamilyMember.is_legal_representative.desc(), Person.birth_date.nulls_last())
                             .limit(1)).scalar()
    if person is None:
        raise ValidationError({"child_person_id": "В семье нет членов: получателя программы назвать некому."})
    return person


def write_ippsu(session: Session, actor: Actor, case_id: uuid.UUID, folder: Path) -> Path:
    """Fill the ИППСУ of a case into `folder` (atomic); returns the file's path. Audited as an export."""
    context = ippsu_context(session, actor, case_id)
    audit.record(session, actor, "export", "support_case", case_id, ["ippsu"])
    return render_docx(IPPSU_TEMPLATE, context, folder / context["file_name"])


def _grounds(session: Session, paper: SocialPaper) -> list[str]:
    """The grounds of need: of the paper's programme, else of the family's open cases."""
    query = (select(DictionaryItem.name).join(case_grounds, case_grounds.c.ground_id == DictionaryItem.id)
             .join(SupportCase, SupportCase.id == case_grounds.c.case_id).where(SupportCase.deleted_at.is_(None)))
    if paper.case_id is not None:
        query = query.where(SupportCase.id == paper.case_id)
    else:
        query = query.where(SupportCase.family_id == paper.family_id, SupportCase.closed_on.is_(None))
    names = session.execute(query.order_by(DictionaryItem.sort_order)).scalars().all()
    return [name[:1].lower() + name[1:] for name in dict.fromkeys(names)]


def _provider_signature(session: Session, actor: Actor, fallback: str) -> str:
    if actor.staff_id is not None:
        staff = session.get(Staff, actor.staff_id)
        if staff is not None:
            return signature_name(full_name(staff.last_name, staff.first_name, staff.middle_name))
    return fallback


def paper_context(session: Session, actor: Actor, paper_id: uuid.UUID) -> dict[str, Any]:
    paper: SocialPaper = get_live(session, SocialPaper, paper_id, "Запись о документе")
    require_family(session, actor, paper.family_id)
    family: Family = get_live(session, Family, paper.family_id, "Семья")
    recipient: Person = get_live(session, Person, paper.person_id, "Запись о человеке")
    representative, signer = _signer(session, family, recipient, paper.issued_on)
    row = next(p for p in list_papers(session, actor, family.id) if p.id == paper_id)
    organization = organization_block(session)
    case = session.get(SupportCase, paper.case_id) if paper.case_id else None
    program = ""
    if case is not None:
        program = " ".join(part for part in ("№ " + case.number if case.number else None,
                                             "от " + format_date(case.opened_on)) if part)
    services = []
    if paper.kind == CONTRACT and case is not None:
        services = [{"name": r.service_name, "volume": r.volume, "periodicity": r.periodicity, "term": r.term}
                    for r in list_ippsu_services(session, actor, case.id)]
    address_place = _SETTLEMENT_IN_ADDRESS.search(organization["address"])
    return {
        "organization": organization,
        "paper": {"number": paper.number, "date": paper.issued_on, "applied_on": paper.applied_on,
                  "form": row.form_name or "", "valid_until": paper.valid_until,
                  "terminated_on": paper.terminated_on, "notes": paper.notes or ""},
        "recipient": person_block(session, recipient, family),
        "representative": representative, "signer": signer,
        "applicant": signer["block"], "applicant_for_child": representative is not None,
        "customer": signer["block"], "for_child": representative is not None,
        "grounds": _grounds(session, paper),
        "program": {"title": program or "________________"} if paper.kind == CONTRACT else
        (f"индивидуальная программа {program}" if program else ""),
        "services": services if paper.kind == CONTRACT else
        [{"name": u.service_name, "date": u.given_on, "quantity": f"{u.quantity} ({u.unit})"} for u in row.urgent],
        "place": address_place.group(0) if address_place else "",
        "provider_signature": _provider_signature(session, actor, organization["director_signature"]),
        "file_name": _file_name(FILE_TITLES[paper.kind], paper.number, recipient, paper.issued_on),
        "template": TEMPLATES[paper.kind],
    }


def write_paper(session: Session, actor: Actor, paper_id: uuid.UUID, folder: Path) -> Path:
    """Fill a decision, contract or urgent-services act into `folder` (atomic); returns the file's path."""
    context = paper_context(session, actor, paper_id)
    audit.record(session, actor, "export", "social_paper", paper_id, [context["template"].removesuffix(".docx")])
    return render_docx(context["template"], context, folder / context["file_name"])
