"""The period lock's one guard: no record dated in a submitted quarter of its office is inserted, changed or
deleted (#17 item 5).

It is a `before_flush` hook on every ORM session (installed when `app.core` is imported, so services, the
command line, the import and the tests all pass through it): a service needs no check of its own, and the
refusal is the usual `ValidationError` naming the record's date field, so an editor shows it next to that field.

What counts — the one list, `RULES` below:
- records dated as a whole (a change of any field is refused): rehabilitation sessions (the day of `starts_at`,
  the specialist's office) with their participants (attendance); home visits (`visit_date`, the family's office)
  with their services; brigade trips (`trip_date`, the trip's office) with their stops and families; events
  (`starts_on`, the event's office) with their participants; urgent services (`given_on`, the family's office);
  assessments of effectiveness (`assessed_on`, the family's office) with their values;
- records with dates among other fields (only a change touching such a date is refused, so a case opened in a
  locked quarter can still be closed later): support cases (`opened_on`, `closed_on`; soft-deleting touches both)
  and plan rows (`done_on`, the family's office).
Families, members, categories, consents and documents are not dated work and stay editable.

Writes that bypass the ORM are not seen here: the demo generator fills a new database (no period can have been
submitted in it); the journal import checks its rows with `locked_rows` before writing; an exchange package is
applied whole (an office's data is the truth of its work) and the Reports screen then shows how the figures of a
submitted period would now differ, with the records changed — see `app.periods.lock`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from app.core.errors import ValidationError
from app.core.text import format_date
from db.models import (
    BrigadeTrip,
    Event,
    EventFamily,
    Family,
    HomeVisit,
    PeriodSubmission,
    PeriodSubmissionOffice,
    PlanItem,
    RehabSession,
    SessionParticipant,
    SocialPaper,
    Staff,
    SupportCase,
    TripFamily,
    TripStop,
    UrgentService,
    VisitService,
)
from db.models.effectiveness import Assessment, AssessmentValue

ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Lock:
    """One office's submitted quarter."""

    office_id: uuid.UUID
    starts_on: date
    ends_on: date
    year: int
    quarter: int
    submitted_at: datetime

    @property
    def title(self) -> str:
        return f"{ROMAN[self.quarter - 1]} квартал {self.year} г."


def lock_message(lock: Lock) -> str:
    return (f"{lock.title} сдан {format_date(lock.submitted_at.date())} — записи этого периода только для чтения; "
            "обратитесь к администратору, чтобы открыть период.")


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _family_office(session: Session, family_id: uuid.UUID | None) -> uuid.UUID | None:
    if family_id is None:
        return None
    return session.execute(select(Family.office_id).where(Family.id == family_id)).scalar()


def _staff_office(session: Session, staff_id: uuid.UUID | None) -> uuid.UUID | None:
    if staff_id is None:
        return None
    return session.execute(select(Staff.office_id).where(Staff.id == staff_id)).scalar()


def _paper_office(session: Session, paper_id: uuid.UUID | None) -> uuid.UUID | None:
    """An urgent service's office: that of the family its act is for (the service row has no family of its own)."""
    if paper_id is None:
        return None
    family = session.execute(select(SocialPaper.family_id).where(SocialPaper.id == paper_id)).scalar()
    return _family_office(session, family)


def _case_office(session: Session, case_id: uuid.UUID | None) -> uuid.UUID | None:
    if case_id is None:
        return None
    family = session.execute(select(SupportCase.family_id).where(SupportCase.id == case_id)).scalar()
    return _family_office(session, family)


@dataclass(frozen=True)
class Rule:
    """How a model is dated: its date fields, the office of a record given a getter of its values, whether the
    record as a whole is dated (else only changes of the date fields count) and, for a child row, its parent."""

    fields: tuple[str, ...]
    office: Callable[[Session, Callable[[str], Any]], uuid.UUID | None]
    whole: bool = True
    parent: tuple[Any, str] | None = None  # (parent model, foreign key field) for rows dated by their parent


RULES: dict[type, Rule] = {
    RehabSession: Rule(("starts_at",), lambda s, v: _staff_office(s, v("staff_id"))),
    HomeVisit: Rule(("visit_date",), lambda s, v: _family_office(s, v("family_id"))),
    BrigadeTrip: Rule(("trip_date",), lambda s, v: v("office_id")),
    Event: Rule(("starts_on",), lambda s, v: v("office_id")),
    UrgentService: Rule(("given_on",), lambda s, v: _paper_office(s, v("paper_id"))),
    SupportCase: Rule(("opened_on", "closed_on"), lambda s, v: _family_office(s, v("family_id")), whole=False),
    PlanItem: Rule(("done_on",), lambda s, v: _case_office(s, v("case_id")), whole=False),
    SessionParticipant: Rule((), lambda s, v: None, parent=(RehabSession, "session_id")),
    VisitService: Rule((), lambda s, v: None, parent=(HomeVisit, "visit_id")),
    TripStop: Rule((), lambda s, v: None, parent=(BrigadeTrip, "trip_id")),
    TripFamily: Rule((), lambda s, v: None, parent=(BrigadeTrip, "trip_id")),
    EventFamily: Rule((), lambda s, v: None, parent=(Event, "event_id")),
    # An assessment is the evidence of the effectiveness report's dynamics: dated work like a visit.
    Assessment: Rule(("assessed_on",), lambda s, v: _family_office(s, v("family_id"))),
    AssessmentValue: Rule((), lambda s, v: None, parent=(Assessment, "assessment_id")),
}
# The entity names the audit log uses for the dated records (the Reports screen lists changes by them).
AUDITED_ENTITIES = {"rehab_session": RehabSession, "home_visit": HomeVisit, "brigade_trip": BrigadeTrip,
                    "event": Event, "support_case": SupportCase, "plan_item": PlanItem, "assessment": Assessment}


def active_locks(session: Session) -> list[Lock]:
    """Every office's submitted, not reopened quarter."""
    rows = session.execute(
        select(PeriodSubmissionOffice.office_id, PeriodSubmission.starts_on, PeriodSubmission.ends_on,
               PeriodSubmission.year, PeriodSubmission.quarter, PeriodSubmission.submitted_at)
        .join(PeriodSubmission, PeriodSubmission.id == PeriodSubmissionOffice.submission_id)
        .where(PeriodSubmission.reopened_at.is_(None))
    ).all()
    return [Lock(*row) for row in rows]


def find_lock(locks: Iterable[Lock], office_id: uuid.UUID | None, day: date | None) -> Lock | None:
    if office_id is None or day is None:
        return None
    for lock in locks:
        if lock.office_id == office_id and lock.starts_on <= day <= lock.ends_on:
            return lock
    return None


def locked_rows(session: Session, rows: Iterable[tuple[uuid.UUID | None, date | None]]) -> Lock | None:
    """The first lock an (office, day) pair falls in, for writers that bypass the ORM (bulk import)."""
    locks = active_locks(session)
    if not locks:
        return None
    for office_id, day in rows:
        found = find_lock(locks, office_id, day)
        if found is not None:
            return found
    return None


def _current(record: Any) -> Callable[[str], Any]:
    return lambda name: getattr(record, name)


def _previous(record: Any) -> Callable[[str], Any]:
    state = sa_inspect(record)

    def value(name: str) -> Any:
        history = state.attrs[name].history
        if history.deleted:
            return history.deleted[0]
        return getattr(record, name)
    return value


def _changed(record: Any, names: Iterable[str]) -> bool:
    state = sa_inspect(record)
    return any(state.attrs[name].history.has_changes() for name in names)


def _check_values(session: Session, locks: list[Lock], rule: Rule, values: Callable[[str], Any],
                  fields: Iterable[str]) -> tuple[str, Lock] | None:
    office = rule.office(session, values)
    for name in fields:
        found = find_lock(locks, office, _day(values(name)))
        if found is not None:
            return name, found
    return None


def _parent_lock(session: Session, locks: list[Lock], rule: Rule, values: Callable[[str], Any]
                 ) -> tuple[str, Lock] | None:
    assert rule.parent is not None
    model, key = rule.parent
    parent = session.get(model, values(key))
    if parent is None:
        return None
    parent_rule = RULES[model]
    return _check_values(session, locks, parent_rule, _current(parent), parent_rule.fields)


def record_lock(session: Session, locks: list[Lock], record: Any, *, new: bool = False, deleted: bool = False
                ) -> tuple[str, Lock] | None:
    """The (date field, lock) a pending write of `record` breaks, or None."""
    rule = RULES[type(record)]
    if rule.parent is not None:
        found = _parent_lock(session, locks, rule, _current(record))
        if found is None and not new and not deleted:
            found = _parent_lock(session, locks, rule, _previous(record))
        return found
    if new or deleted:
        return _check_values(session, locks, rule, _current(record), rule.fields)
    if rule.whole:
        fields: tuple[str, ...] = rule.fields
    else:
        touched_all = _changed(record, ("deleted_at",)) if hasattr(record, "deleted_at") else False
        fields = rule.fields if touched_all else tuple(f for f in rule.fields if _changed(record, (f,)))
        if not fields:
            return None
    return (_check_values(session, locks, rule, _current(record), fields)
            or _check_values(session, locks, rule, _previous(record), fields))


def refuse_rows(session: Session, rows: Iterable[tuple[uuid.UUID | None, date | None]], field: str) -> None:
    """Refuse a write of rows given as (office, day) pairs when one lies in a locked period (Core writes)."""
    found = locked_rows(session, rows)
    if found is not None:
        raise ValidationError({field: lock_message(found)})


def refuse_staff_days(session: Session, rows: Iterable[tuple[uuid.UUID | None, Any]], field: str) -> None:
    """`refuse_rows` for (staff member, day or datetime) pairs — sessions written in bulk by the journal import,
    which then writes nothing (one query when no period is locked)."""
    locks = active_locks(session)
    if not locks:
        return
    offices = {staff: office for staff, office in session.execute(select(Staff.id, Staff.office_id))}
    for staff_id, when in rows:
        found = find_lock(locks, offices.get(staff_id) if staff_id is not None else None, _day(when))
        if found is not None:
            raise ValidationError({field: lock_message(found)})


def family_office(session: Session, family_id: uuid.UUID | None) -> uuid.UUID | None:
    return _family_office(session, family_id)


def refuse_changes(session: Session, records: Iterable[Any]) -> None:
    """Refuse a change of dated `records` the ORM does not see (bulk UPDATEs, link rows written with Core) when
    one of them lies in a locked period; services writing that way call this first."""
    records = [record for record in records if record is not None]
    if not records:
        return
    with session.no_autoflush:
        locks = active_locks(session)
        for record in records if locks else ():
            rule = RULES[type(record)]
            found = _check_values(session, locks, rule, _current(record), rule.fields)
            if found is not None:
                raise ValidationError({found[0]: lock_message(found[1])})


def _refuse_locked(session: Session, _context: Any, _instances: Any) -> None:
    pending = [(r, True, False) for r in session.new if type(r) in RULES]
    pending += [(r, False, False) for r in session.dirty if type(r) in RULES and session.is_modified(r)]
    pending += [(r, False, True) for r in session.deleted if type(r) in RULES]
    if not pending:
        return
    with session.no_autoflush:
        locks = active_locks(session)
        if not locks:
            return
        for record, new, deleted in pending:
            found = record_lock(session, locks, record, new=new, deleted=deleted)
            if found is not None:
                field, lock = found
                raise ValidationError({field: lock_message(lock)})


def install() -> None:
    """Install the guard on every ORM session (idempotent)."""
    if not event.contains(Session, "before_flush", _refuse_locked):
        event.listen(Session, "before_flush", _refuse_locked)


install()
