"""Applying a journal import through the session and visit services, each record in a savepoint.

A record the service refuses (a rule the preview could not see, or a child outside the actor's
families) rolls back to its savepoint and its rows are counted as errors with the service's message;
everything else still commits together.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.dates import ADULT_AGE, age_on
from app.core.errors import OporaError, ValidationError
from app.core.progress import Progress, no_progress
from app.importing.journals_plan import JournalPlan, JournalRow, session_groups
from app.importing.outcome import CREATE, ERROR, UPDATE, Checkpoint, ImportSummary
from app.importing.sessions_bulk import allowed_staff, fill_person_rows, fits_bulk, insert_sessions
from app.reference.staff import StaffData, create_staff
from app.rehab.sessions import AttendanceMark, SessionData, create_session, mark_attendance, update_session
from app.visits.visits import GivenService, VisitData, create_visit, update_visit
from db.models import HomeVisit, RehabSession, SessionParticipant, VisitService, visit_staff


def _guarded(session: Session, entries: list[JournalRow], plan: JournalPlan, action: Callable[[], object]) -> bool:
    """Run one record's writes in a savepoint; a refusal marks its rows as errors instead."""
    try:
        with session.begin_nested():
            action()
        return True
    except OporaError as error:
        message = " ".join(error.errors.values()) if isinstance(error, ValidationError) else str(error)
        rows = {entry.row for entry in entries}
        for result in plan.preview.rows:
            if result.row in rows:
                result.outcome, result.reason, result.decision = ERROR, message, None
                sheet_row = plan.sheet_rows.get(result.row)
                result.cells = sheet_row.cells if sheet_row is not None else result.cells
        return False


def _marks(session: Session, session_id: uuid.UUID, entries: list[JournalRow]) -> list[AttendanceMark]:
    participants = dict(session.execute(select(SessionParticipant.person_id, SessionParticipant.id)
                                        .where(SessionParticipant.session_id == session_id)).all())
    return [AttendanceMark(participants[e.person.id], e.values["attended"], e.values["absence_reason_id"])
            for e in entries if e.person and e.values["attended"] is not None and e.person.id in participants]


def _session_data(values: dict, person_ids: list[uuid.UUID]) -> SessionData:
    return SessionData(starts_at=values["starts_at"], duration_min=values["duration_min"],
                       staff_id=values["staff_id"], service_id=values["service_id"],
                       delivery_mode_id=values["delivery_mode_id"], person_ids=person_ids,
                       is_group=values["is_group"] or len(person_ids) > 1, place=values["place"],
                       topic=values["topic"], notes=values["notes"])


def _create_session(session: Session, actor: Actor, entries: list[JournalRow]) -> None:
    person_ids = list(dict.fromkeys(e.person.id for e in entries if e.person))
    saved = create_session(session, actor, _session_data(entries[0].values, person_ids), allow_conflicts=True)
    marks = _marks(session, saved.id, entries)
    if marks:
        mark_attendance(session, actor, marks)


def _add_to_session(session: Session, actor: Actor, entry: JournalRow) -> None:
    """Add the row's child to the session already in the database (a group session's journal line)."""
    assert entry.existing_id is not None and entry.person is not None
    record = session.get(RehabSession, entry.existing_id)
    assert record is not None
    current = list(session.execute(select(SessionParticipant.person_id)
                                   .where(SessionParticipant.session_id == record.id)).scalars())
    values = {name: getattr(record, name) for name in ("starts_at", "duration_min", "staff_id", "service_id",
                                                       "delivery_mode_id", "place", "topic", "notes")}
    data = _session_data(values | {"is_group": True}, [*current, entry.person.id])
    update_session(session, actor, record.id, data, allow_conflicts=True)
    marks = _marks(session, record.id, [entry])
    if marks:
        mark_attendance(session, actor, marks)


def _visit_data(values: dict, family_id: uuid.UUID, child_id: uuid.UUID | None = None) -> VisitData:
    """The visit of a row; when the row names a child, the services were given to that child (so the
    report counts the child as served), else to the family as a whole."""
    return VisitData(family_id=family_id, visit_date=values["visit_date"], staff_ids=values["staff_ids"],
                     purpose=values["purpose"], delivery_mode_id=values["delivery_mode_id"],
                     services=[GivenService(service_id, child_id) for service_id in values["services"]],
                     children_condition=values["children_condition"], conclusions=values["conclusions"],
                     recommendations=values["recommendations"], next_visit_on=values["next_visit_on"])


def _update_visit(session: Session, actor: Actor, entry: JournalRow) -> None:
    """Overlay the file's texts on the visit in the database; its specialists and services stay."""
    visit = session.get(HomeVisit, entry.existing_id)
    assert visit is not None and entry.person is not None
    staff = list(session.execute(select(visit_staff.c.staff_id).where(visit_staff.c.visit_id == visit.id)).scalars())
    services = [GivenService(*row) for row in session.execute(
        select(VisitService.service_id, VisitService.person_id, VisitService.quantity)
        .where(VisitService.visit_id == visit.id))]
    texts = {name: entry.values.get(name) or getattr(visit, name) for name in
             ("purpose", "children_condition", "conclusions", "recommendations", "next_visit_on")}
    data = VisitData(family_id=visit.family_id, visit_date=visit.visit_date, staff_ids=staff,
                     delivery_mode_id=visit.delivery_mode_id, services=services, housing=visit.housing,
                     income=visit.income, relationships=visit.relationships, trip_id=visit.trip_id, **texts)
    update_visit(session, actor, visit.id, data)


def _create_staff(session: Session, actor: Actor, plan: JournalPlan, bad: set[int]) -> None:
    """Create the employees the journal names and the dictionary lacks (through `reference.staff.create_staff`:
    validated, audited, dictionary rights required), without user accounts, in the importing user's office;
    only those named by rows that are written. Their real ids replace the provisional ones in the rows."""
    if not plan.new_staff:
        return
    used = {staff_id for entry in plan.rows if entry.row not in bad
            for staff_id in (entry.values.get("staff_id"), *entry.values.get("staff_ids", ())) if staff_id}
    real = {}
    for staff_id, staff in plan.new_staff.items():
        if staff_id in used:
            real[staff_id] = create_staff(session, actor, StaffData(
                staff.last_name, staff.first_name, staff.middle_name, staff.position_id, plan.office_id)).id
    for entry in plan.rows:
        values = entry.values
        if values.get("staff_id") in real:
            values["staff_id"] = real[values["staff_id"]]
        if "staff_ids" in values:
            values["staff_ids"] = [real.get(staff_id, staff_id) for staff_id in values["staff_ids"]]


def write_journal(session: Session, actor: Actor, plan: JournalPlan, progress: Progress = no_progress,
                  checkpoint: Checkpoint | None = None) -> ImportSummary:
    """Create the new sessions or visits and apply the decisions about the matched ones, committing whole
    sessions and visits at `checkpoint`s (see `runner.run_import`)."""
    checkpoint = checkpoint or Checkpoint()
    bad = {r.row for r in plan.preview.rows if r.outcome == ERROR}
    _create_staff(session, actor, plan, bad)
    created: set[int] = set()
    updated: set[int] = set()
    todo = [e for e in plan.rows if e.row not in bad and e.duplicate_of_row is None]
    new = [e for e in todo if e.existing_id is None or plan.decisions.for_row(e.row) == CREATE]
    changing = [e for e in todo if e.existing_id is not None and e.changes
                and plan.decisions.for_row(e.row) == UPDATE]
    total = len(new) + len(changing)
    done = 0
    if plan.kind == "sessions":
        progress(0, total, "Сборка занятий")
        groups = list(session_groups(JournalPlan(plan.kind, new, plan.preview, plan.decisions)).values())
        progress(0, total, "Проверка прав на занятия специалистов")
        staff = allowed_staff(session, actor, {entries[0].values["staff_id"] for entries in groups})
        fast = [entries for entries in groups if entries[0].values["staff_id"] in staff and fits_bulk(entries)]
        fast_ids = {id(entries) for entries in fast}
        sizes = [len(entries) for entries in fast]

        def inserted(count: int) -> None:
            progress(sum(sizes[:count]), total, "Запись занятий")

        created |= insert_sessions(session, actor, fast, inserted, checkpoint)
        done = sum(sizes)
        for entries in groups:
            if id(entries) in fast_ids:
                continue
            if _guarded(session, entries, plan, partial(_create_session, session, actor, entries)):
                created.update(e.row for e in entries)
            done += len(entries)
            progress(done, total, "Запись занятий")
            checkpoint()
        for entry in changing:
            if _guarded(session, [entry], plan, partial(_add_to_session, session, actor, entry)):
                updated.add(entry.row)
            done += 1
            progress(done, total, "Запись занятий")
            checkpoint()
        # The specialists' search rows of the links just written, and of those a stopped import of this file left.
        fill_person_rows(session, {e.person.id for e in plan.rows if e.person is not None},
                         lambda families, of: progress(families, of, "Запись списков людей для поиска специалистов"),
                         checkpoint)
    else:
        for entry in new:
            assert entry.person is not None and entry.person.family_id is not None
            birth = entry.person.birth_date
            child = birth is not None and age_on(birth, entry.values["visit_date"]) < ADULT_AGE
            data = _visit_data(entry.values, entry.person.family_id, entry.person.id if child else None)
            if _guarded(session, [entry], plan, partial(create_visit, session, actor, data)):
                created.add(entry.row)
            done += 1
            progress(done, total, "Запись посещений")
            checkpoint()
        for entry in changing:
            if _guarded(session, [entry], plan, partial(_update_visit, session, actor, entry)):
                updated.add(entry.row)
            done += 1
            progress(done, total, "Запись посещений")
            checkpoint()
    errors = {r.row for r in plan.preview.rows if r.outcome == ERROR}
    all_rows = {r.row for r in plan.preview.rows}
    return ImportSummary(created=len(created), updated=len(updated),
                         skipped=len(all_rows - created - updated - errors), errors=len(errors))
