"""A family's present members as a pick-list (e.g. the «recipient» of a visit's service).

A light read: the row access is checked as for the family card (`app.core.access.require_family`), but
nothing is audited — the list names people the user already works with and shows no card data.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.access import require_family
from app.core.actor import Actor
from app.core.text import full_name
from db.models import DictionaryItem, FamilyMember, Person


@dataclass(frozen=True)
class MemberChoice:
    """One present member; `id` is the person's id, `label` «Королёва Мария Петровна (мать)»."""

    id: uuid.UUID
    label: str
    full_name: str
    role: str


def family_members(session: Session, actor: Actor, family_id: uuid.UUID) -> list[MemberChoice]:
    """The family's members who have not left it, legal representatives first, then by birth date.

    Raises NotFound for a missing or deleted family and PermissionDenied for one outside the actor's scope.
    """
    require_family(session, actor, family_id)
    rows = session.execute(
        select(Person.id, Person.last_name, Person.first_name, Person.middle_name, DictionaryItem.name)
        .join(FamilyMember, FamilyMember.person_id == Person.id)
        .join(DictionaryItem, DictionaryItem.id == FamilyMember.role_id)
        .where(FamilyMember.family_id == family_id, FamilyMember.left_on.is_(None), Person.deleted_at.is_(None))
        .order_by(FamilyMember.is_legal_representative.desc(), Person.birth_date)
    ).all()
    choices = []
    for person_id, last, first, middle, role in rows:
        name = full_name(last, first, middle)
        choices.append(MemberChoice(person_id, f"{name} ({short_role(role)})", name, role))
    return choices


def short_role(role: str) -> str:
    """The role without its own explanation in brackets, so a label never nests them:
    «Ребёнок (сын, дочь)» → «ребёнок», «Сожитель (сожительница) родителя» → «сожитель родителя»."""
    return " ".join(re.sub(r"\([^()]*\)", " ", role).split()).lower() or role.lower()


def family_title(session: Session, actor: Actor, family_id: uuid.UUID) -> str:
    """The family's registry title («Королёва Мария Петровна»), access checked, not audited."""
    return require_family(session, actor, family_id).title
