"""The duplicate check when a person is entered, within the user's scope.

`find_duplicates` (app.registry.persons) looks at the whole registry: a person must not get a second card because
the first is in another office. But what it finds outside the user's scope is not shown: only that such a person
is registered in another office, which one, and whom to ask there (its coordinators) — never the name, birth date
or СНИЛС, which would let anyone learn them by typing a СНИЛС (#15).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.access import person_scope
from app.core.actor import COORDINATOR, Actor
from app.core.permissions import VIEW_RECORDS, require
from app.registry.persons import PersonData, PersonRow, find_duplicates
from db.models import Family, FamilyMember, Office, Person, Staff, User
from db.models.security import user_offices


@dataclass(frozen=True)
class ElsewhereOffice:
    office: str
    coordinators: tuple[str, ...]

    def sentence(self) -> str:
        whom = ", ".join(self.coordinators) if self.coordinators else "координатору этого отделения"
        return f"«{self.office}» — обратитесь к координатору: {whom}"


@dataclass(frozen=True)
class DuplicateCheck:
    """What the user may see: matching persons in scope, and the offices of those outside it."""

    visible: list[PersonRow]
    elsewhere: list[ElsewhereOffice] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.visible or self.elsewhere)

    @property
    def elsewhere_message(self) -> str:
        if not self.elsewhere:
            return ""
        offices = "; ".join(office.sentence() for office in self.elsewhere)
        return ("Человек с такими же СНИЛС или ФИО и датой рождения уже зарегистрирован в другом отделении "
                f"({offices}). Его данные вам не показываются; чтобы не заводить вторую карточку, уточните у "
                "координатора.")


def check_duplicates(session: Session, actor: Actor, data: PersonData,
                     exclude_id: uuid.UUID | None = None) -> DuplicateCheck:
    require(actor, VIEW_RECORDS)
    matches = find_duplicates(session, data, exclude_id)
    if not matches:
        return DuplicateCheck([])
    ids = [row.id for row in matches]
    in_scope = set(session.execute(select(Person.id).where(Person.id.in_(ids),
                                                           person_scope(actor, session=session))).scalars())
    hidden = [person_id for person_id in ids if person_id not in in_scope]
    return DuplicateCheck([row for row in matches if row.id in in_scope], _offices_of(session, hidden))


def _offices_of(session: Session, person_ids: list[uuid.UUID]) -> list[ElsewhereOffice]:
    if not person_ids:
        return []
    offices = session.execute(
        select(Office.id, Office.name).join(Family, Family.office_id == Office.id)
        .join(FamilyMember, FamilyMember.family_id == Family.id)
        .where(FamilyMember.person_id.in_(person_ids), Family.deleted_at.is_(None))
        .distinct().order_by(Office.name)).all()
    result = []
    for office_id, name in offices:
        assigned = select(user_offices.c.user_id).where(user_offices.c.office_id == office_id)
        by_staff = select(User.id).join(Staff, Staff.id == User.staff_id).where(Staff.office_id == office_id)
        names = session.execute(
            select(User.display_name).where(User.active.is_(True), User.role == COORDINATOR,
                                            User.id.in_(assigned.union(by_staff)))
            .order_by(User.display_name)).scalars().all()
        result.append(ElsewhereOffice(name, tuple(names)))
    return result
