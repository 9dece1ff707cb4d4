"""«Акт обследования условий жизни семьи» for one home visit, filled from the database into
the Word template `visit_act.docx` (built by scripts/templates/build_visit_act.py).

`act_context` reads everything in the caller's read transaction and returns plain data (no ORM
objects), so the file can be written after the session is closed; `write_visit_act` does both.
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from app.core import audit
from app.core.access import require_visit
from app.core.actor import Actor
from app.core.lookups import get_live
from app.core.text import format_date, full_name, short_name
from app.documents.declension import decline_name
from app.documents.docx_render import render_docx, signature_name
from app.reference.organization import load_organization
from db.models import (
    DictionaryItem,
    District,
    Family,
    FamilyMember,
    HomeVisit,
    Office,
    Person,
    Service,
    Settlement,
    Staff,
    VisitService,
    visit_staff,
)

TEMPLATE = "visit_act.docx"
EMPTY_FINDING = "Сведения не внесены."
# The act's sections, in order, by the visit's finding fields (wording of the usual act forms).
ACT_SECTIONS = {
    "housing": "Жилищно-бытовые условия",
    "income": "Доходы (материальное положение) семьи",
    "relationships": "Взаимоотношения в семье",
    "children_condition": "Состояние детей",
    "conclusions": "Выводы",
    "recommendations": "Рекомендации",
}
_UNSAFE_FILE_CHARS = re.compile(r'[\\/:*?"<>|]+')


def family_address(district: str | None, settlement: str | None, family: Family) -> str:
    """«Тестовый район, Дальнее, ул. Лесная, д. 5, корп. 1, кв. 3» (empty parts left out)."""
    parts = [district, settlement, family.street,
             f"д. {family.house}" if family.house else None,
             f"корп. {family.building}" if family.building else None,
             f"кв. {family.apartment}" if family.apartment else None]
    return ", ".join(part for part in parts if part)


def _role_text(code: str, name: str, sex: str | None) -> str:
    """The role as the act names it: «сын»/«дочь» for the shipped «Ребёнок (сын, дочь)»."""
    if code == "child" and sex in ("M", "F"):
        return "сын" if sex == "M" else "дочь"
    return name[:1].lower() + name[1:]


def _members(session: Session, family_id: uuid.UUID, on: date) -> list[dict[str, Any]]:
    """Members living in the family on the day of the visit: representatives first, then by age."""
    role = aliased(DictionaryItem)
    rows = session.execute(
        select(Person.last_name, Person.first_name, Person.middle_name, Person.sex, Person.birth_date,
               role.name, role.code, FamilyMember.is_legal_representative)
        .join(FamilyMember, FamilyMember.person_id == Person.id)
        .join(role, role.id == FamilyMember.role_id)
        .where(FamilyMember.family_id == family_id, Person.deleted_at.is_(None),
               or_(FamilyMember.left_on.is_(None), FamilyMember.left_on >= on))
        .order_by(FamilyMember.is_legal_representative.desc(), Person.birth_date)
    ).all()
    return [
        {"name": full_name(last, first, middle), "last_name": last, "first_name": first,
         "middle_name": middle, "sex": sex, "birth_date": born, "role": _role_text(role_code, role_name, sex),
         "representative": bool(is_representative)}
        for last, first, middle, sex, born, role_name, role_code, is_representative in rows
    ]


def _specialists(session: Session, visit_id: uuid.UUID) -> list[dict[str, str]]:
    rows = session.execute(
        select(Staff.last_name, Staff.first_name, Staff.middle_name, DictionaryItem.name)
        .join(visit_staff, visit_staff.c.staff_id == Staff.id)
        .join(DictionaryItem, DictionaryItem.id == Staff.position_id)
        .where(visit_staff.c.visit_id == visit_id)
        .order_by(Staff.last_name, Staff.first_name)
    ).all()
    return [
        {"name": full_name(last, first, middle), "position": position.lower(),
         "position_title": position[:1].upper() + position[1:],
         "signature": signature_name(full_name(last, first, middle))}
        for last, first, middle, position in rows
    ]


def _services(session: Session, visit_id: uuid.UUID) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Service.name, VisitService.quantity, Person.last_name, Person.first_name, Person.middle_name)
        .join(Service, Service.id == VisitService.service_id)
        .outerjoin(Person, Person.id == VisitService.person_id)
        .where(VisitService.visit_id == visit_id)
        .order_by(Service.code, VisitService.id)
    ).all()
    return [
        {"name": name, "quantity": quantity,
         "recipient": short_name(last, first, middle) if last else ""}
        for name, quantity, last, first, middle in rows
    ]


def _paragraphs(text: str | None) -> list[str]:
    lines = [line.strip() for line in (text or "").splitlines()]
    return [line for line in lines if line] or [EMPTY_FINDING]


def act_context(session: Session, actor: Actor, visit_id: uuid.UUID) -> dict[str, Any]:
    """Everything the act's template shows, as plain values; raises NotFound for a deleted visit."""
    visit: HomeVisit = require_visit(session, actor, visit_id)
    family: Family = get_live(session, Family, visit.family_id, "Семья")
    organization = load_organization(session)
    office = session.get(Office, family.office_id)
    district = session.get(District, family.district_id) if family.district_id else None
    settlement = session.get(Settlement, family.settlement_id) if family.settlement_id else None
    mode = session.get(DictionaryItem, visit.delivery_mode_id) if visit.delivery_mode_id else None
    settlement_name = None
    if settlement is not None:  # with its type: «с. Соболиный», «г. Новосаянск»
        kind = session.get(DictionaryItem, settlement.kind_id) if settlement.kind_id else None
        prefix = (kind.short_name or kind.name) if kind is not None else ""
        settlement_name = f"{prefix} {settlement.name}".strip()
    members = _members(session, family.id, visit.visit_date)
    representative = next((m for m in members if m["representative"]), None)
    if representative is not None:
        family_genitive = decline_name(representative["last_name"], representative["first_name"],
                                       representative["middle_name"], representative["sex"], "genitive")
        representative_name = representative["name"]
    else:  # nobody to decline reliably: the family's title as written
        family_genitive = family.title
        representative_name = ""
    return {
        "organization": {"name": organization.name, "short_name": organization.short_name or "",
                         "address": organization.address or ""},
        "office": office.name if office is not None else "",
        "family": {"title": family.title, "genitive": family_genitive, "phone": family.phone or "",
                   "address": family_address(district.name if district else None,
                                             settlement_name, family)},
        "visit": {"date": visit.visit_date, "purpose": visit.purpose or "",
                  "mode": mode.name if mode is not None else "", "next_date": visit.next_visit_on,
                  "number": visit.act_number or "",
                  "time": visit.visit_time.strftime("%H:%M") if visit.visit_time else ""},
        "specialists": _specialists(session, visit.id),
        "members": members,
        "services": _services(session, visit.id),
        "sections": [{"title": label, "paragraphs": _paragraphs(getattr(visit, name))}
                     for name, label in ACT_SECTIONS.items()],
        "representative": {"name": representative_name,
                           "signature": signature_name(representative_name)},
    }


def act_file_name(context: dict[str, Any]) -> str:
    """«Акт обследования Королёва М.П. 10.03.2026.docx» — safe on Windows and Linux."""
    title = context["family"]["title"]
    parts = title.split()
    who = short_name(parts[0], parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else None) \
        if parts else "семья"
    name = f"Акт обследования {who} {format_date(context['visit']['date'])}"
    return _UNSAFE_FILE_CHARS.sub("_", name) + ".docx"


def write_visit_act(session: Session, actor: Actor, visit_id: uuid.UUID, folder: Path) -> Path:
    """Fill the act of one visit and write it into `folder` (atomic); returns the file's path.

    Audited as an export (call it inside a write unit for the row to be kept).
    """
    context = act_context(session, actor, visit_id)
    audit.record(session, actor, "export", "home_visit", visit_id, ["visit_act"])
    return render_docx(TEMPLATE, context, folder / act_file_name(context))
