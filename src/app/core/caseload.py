"""The caseload table (staff → families): kept in step with the links it is derived from, checked, rebuilt.

A specialist works with the (live) families they are linked to (`app.core.access`): the family's or one of its live
cases' responsible specialist, a plan row's executor, a specialist of a live home visit, the specialist of a
live session with one of the family's members (past or present), a member of a brigade trip to the family.
`derived_pairs` is that definition as one query; the `caseload` table holds its result so that a specialist's
lists and searches join one indexed table instead of evaluating the links (or binding ~1,300 ids) per query.

Keeping it: every service that makes a link calls `link` (or `link_persons`) in its own unit of work, after its
change — a few index probes; every service that may remove one (an edit, a delete) calls `refresh(session,
family_ids)`, which recomputes those families' rows from the sources (≈5–20 ms a family on the 1M-session base),
so an unlink (a visit deleted, a responsible specialist replaced) is as exact as a link. Bulk writers (import)
add their links (a journal import fills their person rows once at its end, `fill_person_rows`); the demo generator
`rebuild`s everything once. `differences`
compares the table with its sources (the integrity check after sign-in and `opora caseload check` use it, and
repair a difference with `rebuild`, audited).

The person level (`caseload_persons`, migration 0009): each linked staff member's people — every member, past or
present, of each of their families — with the folded name keys and the СНИЛС in the row's key, plus the people in
no family under `NO_FAMILY`; a specialist's search is then one range scan of their own rows. It is derived from the
`caseload` table and the members, so every change above also refreshes the rows of the families' members
(`refresh` and `link` do it), a new person gets their `NO_FAMILY` row and a renamed person (or a new СНИЛС)
their new keys (`refresh_persons`, called by the persons service); `differences` and `rebuild` cover it too.

Contract: called inside the caller's write unit; never commits. The derived definitions must change together
with the FILL of migrations 0007 and 0009 (tests compare them).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Uuid,
    delete,
    func,
    insert,
    literal,
    select,
    tuple_,
    union,
    union_all,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from db.models import (
    CaseloadEntry,
    CaseloadPerson,
    Family,
    FamilyMember,
    HomeVisit,
    Person,
    PlanItem,
    RehabSession,
    SessionParticipant,
    SupportCase,
    TripFamily,
    trip_members,
    visit_staff,
)

CHUNK = 500  # families per refresh statement: well under every backend's bound-parameter limit
# The staff id of the `caseload_persons` rows of people in no family (visible to everyone who works with families).
NO_FAMILY = uuid.UUID(int=0)
PERSON_ROW = (CaseloadPerson.staff_id, CaseloadPerson.last_name_key, CaseloadPerson.first_name_key,
              CaseloadPerson.middle_name_key, CaseloadPerson.person_id, CaseloadPerson.snils)
_PERSON_KEYS = ("staff_id", "last_name_key", "first_name_key", "middle_name_key", "person_id", "snils")
# What a person's rows copy from them: a change of one of these refreshes the rows (`refresh_persons`).
PERSON_COPIED = ("last_name_key", "first_name_key", "middle_name_key", "snils")


def derived_pairs(family_ids: Collection[uuid.UUID] | None = None) -> CompoundSelect:
    """(staff_id, family_id) of every link to a live (not deleted) family, without repeats; only the given families
    when `family_ids` is set. Deleted families are left out so that a specialist's lists need not look at the
    families table to drop them (a family deleted is refreshed by its service)."""
    live = select(Family.id).where(Family.deleted_at.is_(None))
    if family_ids is not None:
        # Only the given families' rows of `families` are looked at (primary-key probes): the list of every live
        # family would be built once per branch, five scans of the table for a one-family refresh.
        live = live.where(Family.id.in_(family_ids))

    def only(column: Any) -> list[ColumnElement[bool]]:
        return [column.in_(live)] + ([] if family_ids is None else [column.in_(family_ids)])

    case, visit, rehab = aliased(SupportCase), aliased(HomeVisit), aliased(RehabSession)
    return union(
        select(Family.responsible_staff_id.label("staff_id"), Family.id.label("family_id"))
        .where(Family.responsible_staff_id.is_not(None), Family.deleted_at.is_(None),
               *([] if family_ids is None else [Family.id.in_(family_ids)])),
        select(case.responsible_staff_id, case.family_id)
        .where(case.responsible_staff_id.is_not(None), case.deleted_at.is_(None), *only(case.family_id)),
        select(PlanItem.executor_staff_id, case.family_id).join(case, case.id == PlanItem.case_id)
        .where(PlanItem.executor_staff_id.is_not(None), case.deleted_at.is_(None), *only(case.family_id)),
        select(visit_staff.c.staff_id, visit.family_id).join(visit, visit.id == visit_staff.c.visit_id)
        .where(visit.deleted_at.is_(None), *only(visit.family_id)),
        select(rehab.staff_id, FamilyMember.family_id)
        .join(SessionParticipant, SessionParticipant.person_id == FamilyMember.person_id)
        .join(rehab, rehab.id == SessionParticipant.session_id)
        .where(rehab.staff_id.is_not(None), rehab.deleted_at.is_(None), *only(FamilyMember.family_id)),
        select(trip_members.c.staff_id, TripFamily.family_id)
        .join(TripFamily, TripFamily.trip_id == trip_members.c.trip_id)
        .where(*only(TripFamily.family_id)),
    )


def is_linked(family_id: ColumnElement[uuid.UUID], staff_id: uuid.UUID) -> ColumnElement[bool]:
    """True when the staff member is linked to the family (one primary-key lookup; correlates `family_id`)."""
    entry = aliased(CaseloadEntry)
    return select(entry.staff_id).where(entry.staff_id == staff_id, entry.family_id == family_id).exists()


def derived_person_rows(person_ids: Collection[uuid.UUID] | None = None) -> CompoundSelect:
    """(staff_id, last_name_key, first_name_key, middle_name_key, person_id, snils) of `caseload_persons` as the
    `caseload` table and the family members say: each linked staff member's people, and `NO_FAMILY` for a person in
    no family; only the given people when `person_ids` is set."""
    only = [] if person_ids is None else [Person.id.in_(person_ids)]
    member = aliased(FamilyMember)
    keys = (Person.last_name_key, Person.first_name_key, Person.middle_name_key, Person.id,
            func.coalesce(Person.snils, "").label("snils"))
    return union(
        select(CaseloadEntry.staff_id, *keys).join(FamilyMember, FamilyMember.family_id == CaseloadEntry.family_id)
        .join(Person, Person.id == FamilyMember.person_id).where(*only),
        select(literal(NO_FAMILY, Uuid()).label("staff_id"), *keys)
        .where(~select(member.id).where(member.person_id == Person.id).exists(), *only),
    )


def refresh_persons(session: Session, person_ids: Iterable[uuid.UUID | None]) -> int:
    """Make the `caseload_persons` rows of these people equal what they derive from (after a person is created or
    renamed, or their families' links changed); returns how many rows changed. Flushes pending changes first."""
    people = sorted({person for person in person_ids if person is not None})
    if not people:
        return 0
    session.flush()
    changed = 0
    for start in range(0, len(people), CHUNK):
        chunk = people[start:start + CHUNK]
        wanted = set(session.execute(derived_person_rows(chunk)))
        present = set(session.execute(select(*PERSON_ROW).where(CaseloadPerson.person_id.in_(chunk))))
        changed += _make_equal(session, CaseloadPerson, PERSON_ROW, _PERSON_KEYS, wanted, present)
    return changed


def _make_equal(session: Session, table: Any, columns: tuple[Any, ...], keys: tuple[str, ...],
                wanted: set[Any], present: set[Any]) -> int:
    """Delete the `present` rows not `wanted` and insert the `wanted` ones missing (rows as tuples of `columns`,
    named `keys`); returns how many rows changed."""
    if extra := present - wanted:
        session.execute(delete(table).where(tuple_(*columns).in_(sorted(extra))))
    if missing := wanted - present:
        session.execute(insert(table), [dict(zip(keys, row, strict=True)) for row in sorted(missing)])
    return len(extra) + len(missing)


def _members(session: Session, family_ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
    return set(session.execute(select(FamilyMember.person_id).where(FamilyMember.family_id.in_(family_ids)))
               .scalars())


def add_person_rows(session: Session, pairs: Collection[tuple[uuid.UUID, uuid.UUID]]) -> int:
    """The `caseload_persons` rows (staff → each member of the family) of newly added (staff_id, family_id)
    links, those not there yet; returns how many were added. For writers that only add links (`link`, the
    journal import): a new link never removes a row, and its families' members are in a family already."""
    added = 0
    ordered = sorted(pairs)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start:start + CHUNK]
        rows = set(session.execute(
            select(CaseloadEntry.staff_id, Person.last_name_key, Person.first_name_key, Person.middle_name_key,
                   Person.id, func.coalesce(Person.snils, ""))
            .join(FamilyMember, FamilyMember.family_id == CaseloadEntry.family_id)
            .join(Person, Person.id == FamilyMember.person_id)
            .where(tuple_(CaseloadEntry.staff_id, CaseloadEntry.family_id).in_(chunk))))
        if not rows:
            continue
        people = sorted({row[4] for row in rows})
        present: set[Any] = set()
        for part in range(0, len(people), CHUNK):
            present.update(session.execute(select(*PERSON_ROW).where(
                CaseloadPerson.person_id.in_(people[part:part + CHUNK]))))
        if missing := rows - present:
            session.execute(insert(CaseloadPerson), [dict(zip(_PERSON_KEYS, row, strict=True))
                                                     for row in sorted(missing)])
        added += len(missing)
    return added


FILL_CHUNK = 2000  # families per `fill_person_rows` statement (an IN list; the rows are sorted by the database)


def fill_person_rows(session: Session, family_ids: Iterable[uuid.UUID]) -> None:
    """Insert the missing `caseload_persons` rows of every link of these families (each linked staff member × each
    member, past or present), in one INSERT … SELECT per FILL_CHUNK families, in key order. Rows already there
    (another link of the same person, another user's save since) are left alone. Nothing is counted: SQLAlchemy
    reports no row count for INSERT … SELECT on PostgreSQL.

    For bulk writers that only add links (a journal import): the rows are worked out by the database, not in
    Python, and arrive sorted by the table's key, so a million-line journal's ~2 million rows go in at a fraction
    of the cost of per-batch inserts. Flushes pending changes first."""
    families = sorted(set(family_ids))
    if not families:
        return
    session.flush()
    stored = aliased(CaseloadPerson)
    snils = func.coalesce(Person.snils, "")
    for start in range(0, len(families), FILL_CHUNK):
        chunk = families[start:start + FILL_CHUNK]
        columns = (CaseloadEntry.staff_id, Person.last_name_key, Person.first_name_key, Person.middle_name_key,
                   Person.id.label("person_id"), snils.label("snils"))
        rows = (
            select(*columns)
            .join(FamilyMember, FamilyMember.family_id == CaseloadEntry.family_id)
            .join(Person, Person.id == FamilyMember.person_id)
            .where(CaseloadEntry.family_id.in_(chunk),
                   ~select(stored.person_id).where(
                       stored.person_id == Person.id, stored.staff_id == CaseloadEntry.staff_id,
                       stored.last_name_key == Person.last_name_key, stored.first_name_key == Person.first_name_key,
                       stored.middle_name_key == Person.middle_name_key, stored.snils == snils).exists())
            # DISTINCT: a person in two of these families linked to the same specialist gives one row. Sorted by the
            # table's key in the same step (one sorter on SQLite; a quarter less CPU than sorting a DISTINCT
            # subquery), so each index page is filled in turn, not split all over the index.
            .distinct().order_by(*columns))
        statement = insert(CaseloadPerson).from_select(list(_PERSON_KEYS), rows)
        try:
            with session.begin_nested():
                session.execute(statement)
        except IntegrityError:
            # PostgreSQL: another user's transaction inserted one of these rows and committed while this statement
            # waited for it; the rows are there now, and the statement skips them when run again.
            session.execute(statement)


def refresh(session: Session, family_ids: Iterable[uuid.UUID | None]) -> int:
    """Make the caseload rows of these families equal their links; returns how many rows changed.

    Call after the change (pending ORM changes are flushed first) in the same unit of work.
    """
    wanted_ids = sorted({family_id for family_id in family_ids if family_id is not None})
    if not wanted_ids:
        return 0
    session.flush()
    changed = 0
    for start in range(0, len(wanted_ids), CHUNK):
        chunk = wanted_ids[start:start + CHUNK]
        wanted = set(session.execute(derived_pairs(chunk)))
        present = set(session.execute(select(CaseloadEntry.staff_id, CaseloadEntry.family_id)
                                      .where(CaseloadEntry.family_id.in_(chunk))))
        changed += _make_equal(session, CaseloadEntry, (CaseloadEntry.staff_id, CaseloadEntry.family_id),
                               ("staff_id", "family_id"), wanted, present)
        # The members' rows follow the links and the membership (a member added or a family deleted).
        refresh_persons(session, _members(session, chunk))
    return changed


def refresh_for_persons(session: Session, person_ids: Iterable[uuid.UUID]) -> int:
    """Refresh the families these people are (or were) members of: their sessions link those families."""
    people = sorted(set(person_ids))
    families: set[uuid.UUID] = set()
    for start in range(0, len(people), CHUNK):
        families.update(session.execute(select(FamilyMember.family_id).where(
            FamilyMember.person_id.in_(people[start:start + CHUNK]))).scalars())
    return refresh(session, families)


def link(session: Session, pairs: Iterable[tuple[uuid.UUID | None, uuid.UUID | None]]) -> int:
    """Add (staff_id, family_id) links that are not there yet; returns how many rows were added.

    For bulk writers that only add links (new families with their cases, a journal's new sessions):
    cheaper than `refresh`, which re-reads every link of the families, and as exact when nothing is removed.
    """
    wanted = {(staff, family) for staff, family in pairs if staff is not None and family is not None}
    if not wanted:
        return 0
    session.flush()
    families = sorted({family for _staff, family in wanted})
    added = 0
    for start in range(0, len(families), CHUNK):
        chunk = set(families[start:start + CHUNK])
        present = set(session.execute(select(CaseloadEntry.staff_id, CaseloadEntry.family_id)
                                      .where(CaseloadEntry.family_id.in_(chunk))))
        missing = sorted(pair for pair in wanted if pair[1] in chunk and pair not in present)
        if missing:
            session.execute(insert(CaseloadEntry), [{"staff_id": s, "family_id": f} for s, f in missing])
            add_person_rows(session, missing)
        added += len(missing)
    return added


def link_persons(session: Session, pairs: Iterable[tuple[uuid.UUID, uuid.UUID]]) -> int:
    """`link` for (staff_id, person_id) pairs: a session with a person links its specialist to the person's
    families (every family the person is or was a member of)."""
    by_person: dict[uuid.UUID, set[uuid.UUID]] = {}
    for staff, person in pairs:
        by_person.setdefault(person, set()).add(staff)
    people = sorted(by_person)
    links: set[tuple[uuid.UUID, uuid.UUID]] = set()
    for start in range(0, len(people), CHUNK):
        for person, family in session.execute(select(FamilyMember.person_id, FamilyMember.family_id).where(
                FamilyMember.person_id.in_(people[start:start + CHUNK]))):
            links.update((staff, family) for staff in by_person[person])
    return link(session, links)


@dataclass(frozen=True)
class CaseloadDifference:
    """How the table differs from its sources: links it lacks and rows no link supports."""

    missing: int
    extra: int
    persons_missing: int = 0  # rows of `caseload_persons` (a specialist's people for the search)
    persons_extra: int = 0

    @property
    def ok(self) -> bool:
        return self.missing == 0 and self.extra == 0 and self.persons_missing == 0 and self.persons_extra == 0

    def describe(self) -> str:
        if self.ok:
            return "закрепление семей за специалистами совпадает с данными"
        parts = []
        if self.missing or self.extra:
            parts.append(f"не хватает связей — {self.missing}, лишних — {self.extra}")
        if self.persons_missing or self.persons_extra:
            parts.append(f"в списке людей для поиска не хватает строк — {self.persons_missing}, "
                         f"лишних — {self.persons_extra}")
        return "закрепление семей за специалистами расходится с данными: " + "; ".join(parts)


def differences(session: Session) -> CaseloadDifference:
    """Compare the whole table with `derived_pairs()` in one pass over the sources (the derived side is the costly
    one: seconds to tens of seconds on a large base, so it runs in the background or on request)."""
    pairs = derived_pairs().subquery()
    families = _one_sided(session, [pairs.c.staff_id, pairs.c.family_id],
                          [CaseloadEntry.staff_id, CaseloadEntry.family_id])
    # The person rows are compared with what the table as it stands derives (a rebuild redoes both).
    rows = derived_person_rows().subquery()
    persons = _one_sided(session, list(rows.c), list(PERSON_ROW))
    return CaseloadDifference(missing=families.get(1, 0), extra=families.get(2, 0),
                              persons_missing=persons.get(1, 0), persons_extra=persons.get(2, 0))


def _one_sided(session: Session, derived: list[Any], stored: list[Any]) -> dict[int, int]:
    """How many rows are only in the derived side (1) and only in the stored side (2)."""
    both = union_all(select(*derived, literal(1).label("side")), select(*stored, literal(2).label("side"))).subquery()
    # A row present on one side only is a difference; which side says whether it is missing or extra.
    columns = [column for column in both.c if column.name != "side"]
    lonely = (select(func.min(both.c.side).label("side")).group_by(*columns).having(func.count() == 1).subquery())
    counts = session.execute(select(lonely.c.side, func.count()).group_by(lonely.c.side)).all()
    return {int(side): int(count) for side, count in counts}


def rebuild(session: Session) -> int:
    """Replace the whole table with `derived_pairs()` in one statement, then the person rows with
    `derived_person_rows()`; returns the number of (staff, family) rows."""
    session.flush()
    session.execute(delete(CaseloadEntry))
    pairs = derived_pairs().subquery()
    session.execute(insert(CaseloadEntry).from_select(["staff_id", "family_id"],
                                                      select(pairs.c.staff_id, pairs.c.family_id)))
    session.execute(delete(CaseloadPerson))
    rows = derived_person_rows().subquery()
    session.execute(insert(CaseloadPerson).from_select(list(_PERSON_KEYS), select(*rows.c)))
    return int(session.execute(select(func.count()).select_from(CaseloadEntry)).scalar_one())


def family_linked_staff(session: Session, family_id: uuid.UUID) -> set[uuid.UUID]:
    """The staff members linked to one family, from the table (tests and diagnostics)."""
    return set(session.execute(select(CaseloadEntry.staff_id).where(CaseloadEntry.family_id == family_id)).scalars())
