"""Registered persons that rows may duplicate, found by СНИЛС and by folded ФИО with birth date.

Both searches are IN (...) lists over indexed columns (`persons.snils`, the name-key index led by
`last_name_key`) cut into chunks, so checking 10,000 rows costs a few dozen queries whatever the
size of the registry.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.access import family_scope, person_scope
from app.core.actor import COORDINATOR, Actor
from app.core.lookups import chunks
from app.core.text import fold, format_date, format_snils, full_name
from db.models import Family, FamilyCategory, FamilyMember, Office, Person, User, user_offices

NameKey = tuple[str, str, str, date | None]


def name_key(last: str | None, first: str | None, middle: str | None, birth: date | None) -> NameKey:
    return fold(last), fold(first), fold(middle), birth


@dataclass(frozen=True)
class KnownPerson:
    id: uuid.UUID
    last_name: str
    first_name: str
    middle_name: str | None
    sex: str
    birth_date: date | None
    snils: str | None
    phone: str | None
    family_id: uuid.UUID | None
    # Set when the person is outside the importing user's scope: who it is must not be told, only
    # where it is registered and whom to ask (app.core.access decides the scope).
    hidden: str | None = None

    def describe(self) -> str:
        if self.hidden is not None:
            return self.hidden
        parts = [full_name(self.last_name, self.first_name, self.middle_name)]
        if self.birth_date:
            parts.append(format_date(self.birth_date))
        if self.snils:
            parts.append(f"СНИЛС {format_snils(self.snils)}")
        return ", ".join(parts)


@dataclass
class KnownPersons:
    by_snils: dict[str, KnownPerson]
    by_name: dict[NameKey, list[KnownPerson]]
    by_short: dict[tuple, list[KnownPerson]]  # (last, first, birth) for rows without a patronymic

    def find(self, key: NameKey, snils: str | None) -> tuple[KnownPerson | None, KnownPerson | None]:
        """(match by СНИЛС, match by ФИО + birth date); either may be None."""
        by_snils = self.by_snils.get(snils) if snils else None
        by_name = None
        if key[3] is not None and key[0] and key[1]:
            found = self.by_name.get(key) or []
            if not found and not key[2]:
                # Journals often leave the patronymic out: a single person with that name and birth date is them.
                found = self.by_short.get((key[0], key[1], key[3])) or []
                found = found if len(found) == 1 else []
            by_name = found[0] if found else None
        return by_snils, by_name


_COLUMNS = (Person.id, Person.last_name, Person.first_name, Person.middle_name, Person.sex, Person.birth_date,
            Person.snils, Person.phone, Person.last_name_key, Person.first_name_key, Person.middle_name_key)


def load_known(session: Session, snils_list: set[str], keys: set[NameKey], actor: Actor | None = None,
               tick: Callable[[], None] = lambda: None) -> KnownPersons:
    """Live persons whose СНИЛС is in `snils_list` or whose folded name and birth date is in `keys`.

    With an `actor`, a person outside the actor's scope is kept (a duplicate is still a duplicate) but
    `hidden`: described only as «registered in office X, ask its coordinator», never by name or dates.
    `tick()` is called between queries (a journal names tens of thousands of children: the caller's progress,
    so Cancel answers)."""
    rows: dict[uuid.UUID, tuple] = {}
    for chunk in chunks(sorted(snils_list)):
        tick()
        for row in session.execute(select(*_COLUMNS).where(Person.snils.in_(chunk), Person.deleted_at.is_(None))):
            rows[row[0]] = tuple(row)
    wanted_keys = {key for key in keys if key[3] is not None and key[0]}
    without_middle = {(key[0], key[1], key[3]) for key in wanted_keys if not key[2]}
    for chunk in chunks(sorted({key[0] for key in wanted_keys})):
        tick()
        for row in session.execute(select(*_COLUMNS).where(Person.last_name_key.in_(chunk),
                                                            Person.deleted_at.is_(None))):
            if (row[8], row[9], row[10], row[5]) in wanted_keys or (row[8], row[9], row[5]) in without_middle:
                rows[row[0]] = tuple(row)
    tick()
    families = _families_of(session, list(rows))
    tick()
    hidden = _hidden_notes(session, actor, rows, families) if actor is not None else {}
    tick()
    by_snils: dict[str, KnownPerson] = {}
    by_name: dict[NameKey, list[KnownPerson]] = {}
    by_short: dict[tuple, list[KnownPerson]] = {}
    for person_id, values in rows.items():
        known = KnownPerson(person_id, values[1], values[2], values[3], values[4], values[5], values[6], values[7],
                            families.get(person_id), hidden.get(person_id))
        if known.snils:
            by_snils.setdefault(known.snils, known)
        by_name.setdefault((values[8], values[9], values[10], values[5]), []).append(known)
        by_short.setdefault((values[8], values[9], values[5]), []).append(known)
    return KnownPersons(by_snils, by_name, by_short)


def _hidden_notes(session: Session, actor: Actor, rows: dict[uuid.UUID, tuple],
                  families: dict[uuid.UUID, uuid.UUID]) -> dict[uuid.UUID, str]:
    """What may be said of each found person the actor may not see: the office and its coordinators."""
    # Whole families are asked about (a journal names tens of thousands of children of a few thousand
    # families); persons in no live family by the person rule itself (`person_scope`).
    family_ids = sorted(set(families.values()))
    visible_families: set[uuid.UUID] = set()
    for chunk in chunks(family_ids):
        visible_families.update(session.execute(select(Family.id).where(
            Family.id.in_(chunk), family_scope(actor, many=True, session=session))).scalars())
    visible = {person_id for person_id in rows if families.get(person_id) in visible_families}
    loose = [person_id for person_id in rows if person_id not in families]
    for chunk in chunks(loose):
        visible.update(session.execute(select(Person.id).where(Person.id.in_(chunk), person_scope(actor))).scalars())
    hidden = [person_id for person_id in rows if person_id not in visible]
    if not hidden:
        return {}
    offices: dict[uuid.UUID, tuple[uuid.UUID, str]] = {}
    family_ids = sorted({families[p] for p in hidden if p in families})
    for chunk in chunks(family_ids):
        for family_id, office_id, name in session.execute(
                select(Family.id, Office.id, Office.name).join(Office, Office.id == Family.office_id)
                .where(Family.id.in_(chunk))):
            offices[family_id] = (office_id, name)
    coordinators: dict[uuid.UUID, list[str]] = {}
    for office_id, name in session.execute(
            select(user_offices.c.office_id, User.display_name).join(User, User.id == user_offices.c.user_id)
            .where(User.role == COORDINATOR, User.active.is_(True)).order_by(User.display_name)):
        coordinators.setdefault(office_id, []).append(name)
    notes = {}
    for person_id in hidden:
        own_family = families.get(person_id)
        office = offices.get(own_family) if own_family is not None else None
        if office is None:
            notes[person_id] = ("человек с такими данными уже есть в базе вне ваших семей — "
                                "обратитесь к координатору")
            continue
        ask = ", ".join(n for n in coordinators.get(office[0], []) if n)
        notes[person_id] = (f"человек с такими данными уже состоит на учёте в отделении «{office[1]}» вне ваших семей"
                            f" — обратитесь к координатору" + (f" ({ask})" if ask else " этого отделения"))
    return notes


def _families_of(session: Session, person_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    """Each person's live family (the earliest joined, when several)."""
    found: dict[uuid.UUID, uuid.UUID] = {}
    for chunk in chunks(person_ids):
        for person_id, family_id in session.execute(
            select(FamilyMember.person_id, FamilyMember.family_id)
            .join(Family, Family.id == FamilyMember.family_id)
            .where(FamilyMember.person_id.in_(chunk), FamilyMember.left_on.is_(None), Family.deleted_at.is_(None))
            .order_by(Family.registered_on, Family.id)
        ):
            found.setdefault(person_id, family_id)
    return found


# The family columns an import may fill or overlay, compared with what the database holds.
FAMILY_COLUMNS = ("office_id", "registered_on", "district_id", "settlement_id", "street", "house", "building",
                  "apartment", "phone", "email", "responsible_staff_id", "notes")


def existing_families(session: Session, family_ids: set[uuid.UUID]) -> dict[uuid.UUID, tuple[dict, set[uuid.UUID]]]:
    """Current columns and live category ids of the given families, in a few queries."""
    found: dict[uuid.UUID, tuple[dict, set[uuid.UUID]]] = {}
    for chunk in chunks(sorted(family_ids)):
        for family in session.execute(select(Family).where(Family.id.in_(chunk))).scalars():
            found[family.id] = ({name: getattr(family, name) for name in FAMILY_COLUMNS}, set())
        for family_id, category_id in session.execute(
            select(FamilyCategory.family_id, FamilyCategory.category_id)
            .where(FamilyCategory.family_id.in_(chunk), FamilyCategory.ended_on.is_(None))
        ):
            found[family_id][1].add(category_id)
    return found
