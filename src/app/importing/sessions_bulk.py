"""The fast path for a journal's new sessions: validated rows inserted with executemany, audited per session.

A two-year journal holds a million lines; `rehab.sessions.create_session` per session (scope checks, a
flush, attendance marked in a second call) would take most of an hour. A session takes this path when the
rules the service checks were already checked while planning (a past start, the duration range, children
under 18 found in the registry and within the actor's scope, the staff, service and delivery mode from the
dictionaries); here the specialist's scope is checked once per specialist and the group size per session.
Anything else (a group too large, a specialist outside the actor's scope) goes through the service, which
refuses it with its own message. One audit row per session, as `create_session` writes, with the
participants' attendance among its fields.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import cast

from sqlalchemy import Table, select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core import audit, caseload, period_guard
from app.core.access import require_session_staff
from app.core.actor import Actor
from app.core.driver_rows import insert_rows
from app.core.errors import PermissionDenied
from app.core.lookups import chunks
from app.importing.bulk_mode import ordered_id
from app.importing.journals_plan import JournalRow
from app.rehab.sessions import GROUP_MAX, GROUP_MIN, MAX_DURATION, MIN_DURATION
from db.base import utc_now
from db.models import CaseloadEntry, FamilyMember, RehabSession, SessionParticipant

_CASELOAD = cast(Table, CaseloadEntry.__table__)
CHUNK = 2000  # sessions per executemany batch, a checkpoint after each
_FIELDS = ["starts_at", "duration_min", "staff_id", "service_id", "delivery_mode_id", "case_id", "is_group", "place",
           "topic", "notes", "person_ids", "attendance"]


def fits_bulk(entries: Sequence[JournalRow]) -> bool:
    """Whether a planned session can be inserted directly (else the service decides)."""
    values = entries[0].values
    children = {e.person.id for e in entries if e.person is not None}
    size_ok = (GROUP_MIN <= len(children) <= GROUP_MAX) if values["is_group"] or len(children) > 1 \
        else len(children) == 1
    return size_ok and MIN_DURATION <= values["duration_min"] <= MAX_DURATION and values["starts_at"].year >= 2000


def allowed_staff(session: Session, actor: Actor, staff_ids: set[uuid.UUID]) -> set[uuid.UUID]:
    """The specialists whose sessions the actor may record (the service's rule, asked once per specialist)."""
    allowed = set()
    for staff_id in staff_ids:
        try:
            require_session_staff(session, actor, staff_id)
        except PermissionDenied:
            continue
        allowed.add(staff_id)
    return allowed


class CaseloadLinks:
    """The caseload links (specialist → the families of the session's child) a journal's sessions add, as
    `caseload.link_persons` adds them, worked out over the whole import: each child's families and each
    family's links are read once, not again for every batch (per batch, a million-line journal re-read the
    growing links of nearly every family, hundreds of times). New pairs go in under a savepoint: when another
    user linked one of them since this import's last commit, they are asked for pair by pair and the others
    inserted.

    The links' person rows (`caseload_persons`, for the specialists' search) follow at once with `person_rows`
    (`caseload.fill_person_rows` for the families of each new chunk of links); the journal import turns that off
    and fills them once for all the file's families after its sessions (`fill_person_rows` below): per batch,
    a million-line journal's ~2 million rows went in all over the table's three indexes and took most of the
    write's time."""

    def __init__(self, person_rows: bool = True) -> None:
        self.person_rows = person_rows
        self.families: dict[uuid.UUID, list[uuid.UUID]] = {}  # person → their families (members now or before)
        self.present: dict[uuid.UUID, set[uuid.UUID]] = {}  # family → staff linked to it

    def add(self, session: Session, pairs: set[tuple[uuid.UUID, uuid.UUID]]) -> None:
        unknown = list({person for _staff, person in pairs if person not in self.families})
        for chunk in chunks(unknown):
            for person in chunk:
                self.families[person] = []
            for person, family in session.execute(select(FamilyMember.person_id, FamilyMember.family_id)
                                                  .where(FamilyMember.person_id.in_(chunk))):
                self.families[person].append(family)
        wanted = {(staff, family) for staff, person in pairs for family in self.families[person]}
        unread = list({family for _staff, family in wanted if family not in self.present})
        for chunk in chunks(unread):
            for family in chunk:
                self.present[family] = set()
            for staff, family in session.execute(select(CaseloadEntry.staff_id, CaseloadEntry.family_id)
                                                 .where(CaseloadEntry.family_id.in_(chunk))):
                self.present[family].add(staff)
        # In the key's order (the ints order as the stored UUIDs do), compared in C: UUID's own `<` is Python.
        missing = sorted(((staff, family) for staff, family in wanted if staff not in self.present[family]),
                         key=lambda pair: (pair[0].int, pair[1].int))
        for chunk in chunks(missing, 2000):
            try:
                with session.begin_nested():
                    insert_rows(session, _CASELOAD, [{"staff_id": s, "family_id": f} for s, f in chunk])
            except IntegrityError:
                # Another user linked one of these since this import's last commit: the others still go in.
                found: set[tuple[uuid.UUID, uuid.UUID]] = set()
                for part in chunks(chunk, 400):
                    found.update((staff, family) for staff, family in session.execute(
                        select(CaseloadEntry.staff_id, CaseloadEntry.family_id).where(
                            tuple_(CaseloadEntry.staff_id, CaseloadEntry.family_id).in_(part))))
                rows = [{"staff_id": s, "family_id": f} for s, f in chunk if (s, f) not in found]
                if rows:
                    insert_rows(session, _CASELOAD, rows)
            if self.person_rows:  # the members' rows for the specialists' search
                caseload.fill_person_rows(session, {family for _staff, family in chunk})
            for staff, family in chunk:
                self.present[family].add(staff)


def fill_person_rows(session: Session, person_ids: set[uuid.UUID], progress: Callable[[int, int], None],
                     checkpoint: Callable[[], None]) -> None:
    """The `caseload_persons` rows of every link of the families of these people (a journal's children, those
    it wrote and those it found written), those missing, worked out by the database in key order a chunk of
    families at a time, each chunk committed at the next `checkpoint`.

    Called once after a journal's sessions. Its links were committed with the sessions, chunk by chunk; until
    this runs, the specialists' search lacks the new people (the lists and the access rules read the links,
    which are right throughout). An import stopped before it ends (Cancel, a crash) leaves links without their
    rows; importing the file again finds its sessions written and fills the rows of all the file's families, so
    a resumed import ends right (and `opora caseload check` repairs one never resumed)."""
    people = sorted(person_ids)
    families: set[uuid.UUID] = set()
    for chunk in chunks(people):
        families.update(session.execute(select(FamilyMember.family_id).where(FamilyMember.person_id.in_(chunk)))
                        .scalars())
    ordered = sorted(families)
    progress(0, len(ordered))
    for start in range(0, len(ordered), caseload.FILL_CHUNK):
        caseload.fill_person_rows(session, ordered[start:start + caseload.FILL_CHUNK])
        progress(min(start + caseload.FILL_CHUNK, len(ordered)), len(ordered))
        checkpoint()


def insert_sessions(session: Session, actor: Actor, groups: list[list[JournalRow]],
                    progress: Callable[[int], None], checkpoint: Callable[[], None]) -> set[int]:
    """Insert the sessions (one per group of rows) in batches; returns the sheet rows written."""
    written: set[int] = set()
    # A journal touching a submitted quarter of the specialist's office writes nothing (#17 period lock).
    period_guard.refuse_staff_days(session, [(g[0].values["staff_id"], g[0].values["starts_at"]) for g in groups],
                                   "starts_at")
    links = CaseloadLinks(person_rows=False)  # filled once after the sessions (`fill_person_rows`)
    for start in range(0, len(groups), CHUNK):
        now = utc_now()
        stamp = {"created_by": actor.user_id, "updated_by": actor.user_id, "created_at": now, "updated_at": now}
        sessions, participants, audits = [], [], []
        for entries in groups[start:start + CHUNK]:
            values = entries[0].values
            session_id = ordered_id()
            children: dict[uuid.UUID, JournalRow] = {}
            for entry in entries:
                if entry.person is not None:
                    children.setdefault(entry.person.id, entry)
            sessions.append(stamp | {
                "id": session_id, "starts_at": values["starts_at"], "duration_min": values["duration_min"],
                "staff_id": values["staff_id"], "service_id": values["service_id"],
                "delivery_mode_id": values["delivery_mode_id"], "case_id": None,
                "is_group": bool(values["is_group"] or len(children) > 1), "place": values["place"],
                "topic": values["topic"], "notes": values["notes"], "series_id": None, "cancelled": False})
            for person_id, entry in children.items():
                attended = entry.values["attended"]
                participants.append({"id": ordered_id(), "session_id": session_id, "person_id": person_id,
                                     "attended": attended,
                                     "absence_reason_id": entry.values["absence_reason_id"] if attended is False
                                     else None})
            audits.append(("rehab_session", session_id, _FIELDS))
            written.update(e.row for e in entries)
        # Straight to the driver (the rows are complete; the values converted as SQLAlchemy converts them).
        insert_rows(session, cast(Table, RehabSession.__table__), sessions)
        insert_rows(session, cast(Table, SessionParticipant.__table__), participants)
        staff_of = {row["id"]: row["staff_id"] for row in sessions}
        links.add(session, {(cast(uuid.UUID, staff_of[p["session_id"]]), cast(uuid.UUID, p["person_id"]))
                            for p in participants})
        audit.record_many(session, actor, "create", audits)
        progress(min(start + CHUNK, len(groups)))
        checkpoint()
    return written
