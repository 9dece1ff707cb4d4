"""The fast path for brand-new families: validated rows inserted with executemany, audited per record.

Registering 10,000 people one `register_family` call at a time runs a dozen statements per person
(scope checks, flushes, the title query); a first import of a whole registry must take seconds.
Only families whose members are all new take this path, and they get the checks the services make:
persons through `persons.validate_person` (done while planning), family fields through the same
Checker rules, the office limited to the actor's own, and one audit row per person and per family
exactly as `create_person` and `register_family` write them.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from app.core import audit, caseload
from app.core.actor import SPECIALIST, Actor
from app.core.dates import add_years
from app.core.errors import PermissionDenied
from app.core.text import fold, full_name
from app.importing.bulk_mode import ordered_id
from app.importing.families_plan import FamilyGroup, Member, SupportPlan
from db.base import utc_now
from db.models import Family, FamilyCategory, FamilyMember, Person, SupportCase

CHUNK = 500
FAMILY_COLUMNS = ("office_id", "registered_on", "district_id", "settlement_id", "street", "house", "building",
                  "apartment", "phone", "notes")
OFFICE_DENIED = "Семьи можно импортировать только в своё отделение — проверьте столбец «Район»."


def _title(members: list[Member]) -> str:
    """The family's name as `families.refresh_title` gives it: the legal representative, else the
    eldest member."""
    def order(member: Member) -> tuple:
        values = member.person.values or {}
        birth = values.get("birth_date") or date.max
        return (not member.is_legal_representative, birth, fold(values.get("last_name")))

    first = min(members, key=order).person.values or {}
    return full_name(first.get("last_name") or "", first.get("first_name") or "", first.get("middle_name"))


def support_case_values(support: SupportPlan, family_id: uuid.UUID, review_years: dict[uuid.UUID, int]
                        ) -> dict:
    """A support case's columns as `cases.open_case` stores them (review date from the kind's period)."""
    years = review_years.get(support.kind_id)
    return {"family_id": family_id, "kind_id": support.kind_id, "number": None, "child_person_id": None,
            "opened_on": support.opened_on, "closed_on": support.closed_on,
            "closing_reason_id": support.closing_reason_id, "responsible_staff_id": support.staff_id,
            "review_due_on": add_years(support.opened_on, years) if years else None, "notes": None}


def insert_new_families(session: Session, actor: Actor, groups: list[tuple[FamilyGroup, list[Member]]],
                        review_years: dict[uuid.UUID, int] | None = None) -> dict[int, uuid.UUID]:
    """Insert families whose members are all new, with their categories and support cases; returns
    id(member) → new person id. `review_years`: case kind → years between reviews (ИППСУ: 3)."""
    review_years = review_years or {}
    now = utc_now()
    stamp = {"created_by": actor.user_id, "updated_by": actor.user_id, "created_at": now, "updated_at": now}
    persons, families, links, categories, cases = [], [], [], [], []
    person_ids: dict[int, uuid.UUID] = {}
    audits: list[tuple[str, uuid.UUID, list[str]]] = []
    for group, members in groups:
        office_id = group.values.get("office_id")
        if actor.user_id is not None and office_id not in actor.office_ids:
            raise PermissionDenied(OFFICE_DENIED)
        family_id = ordered_id()
        values = {name: group.values.get(name) for name in FAMILY_COLUMNS}
        if actor.role == SPECIALIST and actor.staff_id is not None:
            values["responsible_staff_id"] = actor.staff_id  # as register_family does for a specialist
        title = _title(members)
        families.append(values | stamp | {"id": family_id, "title": title, "title_key": fold(title)})
        audits.append(("family", family_id, list(values)))
        for member in members:
            person = dict(member.person.values or {})
            person_id = ordered_id()
            person_ids[id(member)] = person_id
            persons.append(person | stamp | {
                "id": person_id, "last_name_key": fold(person["last_name"]),
                "first_name_key": fold(person["first_name"]), "middle_name_key": fold(person["middle_name"])})
            audits.append(("person", person_id, list(member.person.values or {})))
            links.append({"id": ordered_id(), "family_id": family_id, "person_id": person_id,
                          "role_id": member.role_id, "is_legal_representative": member.is_legal_representative,
                          "joined_on": None})
        for category_id in group.category_ids:
            # A СОП category without its КДН decision in the file stays without it (flagged in the card).
            number, day = group.decisions.get(category_id, (None, None))
            categories.append(stamp | {"id": ordered_id(), "family_id": family_id, "category_id": category_id,
                                       "started_on": values["registered_on"], "ended_on": None,
                                       "kdn_intake_number": number, "kdn_intake_date": day})
        if group.support is not None:
            case_id = ordered_id()
            case = support_case_values(group.support, family_id, review_years)
            cases.append(case | stamp | {"id": case_id})
            audits.append(("support_case", case_id, list(case)))
    for model, rows in ((Person, persons), (Family, families), (FamilyMember, links), (FamilyCategory, categories),
                        (SupportCase, cases)):
        table = cast(Table, model.__table__)  # Core inserts: the rows are complete, no ORM bookkeeping per row
        for start in range(0, len(rows), CHUNK):
            session.execute(insert(table), rows[start:start + CHUNK])
    audit.record_many(session, actor, "create", audits)
    caseload.link(session, [*((row.get("responsible_staff_id"), row["id"]) for row in families),
                            *((row.get("responsible_staff_id"), row["family_id"]) for row in cases)])
    return person_ids
