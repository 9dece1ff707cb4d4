"""Rehabilitation sessions (занятия): scheduling, series, double-booking checks, attendance marks.

`starts_at` is the office's naive wall-clock time. The sessions table grows to about a million rows,
so every query here is a range on an index (starts_at, (staff_id, starts_at), (person_id, session_id))
and attendance is written with bulk UPDATE statements rather than by loading ORM rows. The week
calendar and the attendance statistics are read by `app.rehab.calendar`.
"""

from __future__ import annotations

import uuid
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple

from sqlalchemy import ColumnElement, delete, select, update
from sqlalchemy.orm import Session

from app.core import audit, caseload, period_guard
from app.core.access import require_persons, require_session, require_session_staff
from app.core.actor import Actor
from app.core.changes import SESSIONS, Saved, assign
from app.core.checks import Checker
from app.core.dates import ADULT_AGE, age_on
from app.core.errors import ValidationError
from app.core.lookups import check_dictionary, check_reference, chunks
from app.core.permissions import EDIT_RECORDS, require
from app.core.records import audit_changes, soft_delete, update_record
from app.core.text import short_name
from db.base import utc_now
from db.models import DictionaryItem, Person, RehabSession, Service, SessionParticipant, Staff, SupportCase

MIN_DURATION, MAX_DURATION = 5, 480
GROUP_MIN, GROUP_MAX = 2, 30
MAX_WEEKS = 52
# A session may be planned this far ahead; further usually means a mistyped year.
PLANNING_HORIZON_DAYS = 2 * 366
_WHAT = "Запись о занятии"


@dataclass(frozen=True)
class SessionData:
    """A session as entered: naive wall-clock start, specialist, service and the children taking part."""

    starts_at: datetime | None
    duration_min: int | None
    staff_id: uuid.UUID | None
    service_id: uuid.UUID | None
    delivery_mode_id: uuid.UUID | None
    person_ids: list[uuid.UUID] = field(default_factory=list)
    is_group: bool = False
    place: str | None = None
    topic: str | None = None
    notes: str | None = None
    case_id: uuid.UUID | None = None


class AttendanceMark(NamedTuple):
    """One child's attendance: True, False (with a reason) or None to clear the mark."""

    participant_id: uuid.UUID
    attended: bool | None
    absence_reason_id: uuid.UUID | None = None


@dataclass(frozen=True)
class ConflictRow:
    """Another live session that overlaps: the same specialist (`kind="staff"`) or child (`"child"`)."""

    session_id: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    kind: str
    who: str

    def describe(self) -> str:
        role = "специалист" if self.kind == "staff" else "ребёнок"
        return f"{role} {self.who} — {self.starts_at:%d.%m.%Y %H:%M}–{self.ends_at:%H:%M}"


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_start(check: Checker, starts_at: datetime | None) -> datetime | None:
    if starts_at is None:
        check.fail("starts_at", "Поле «Начало занятия» обязательно: укажите дату и время.")
        return None
    # The office's wall clock is what the user saw, whatever zone a caller attached.
    starts_at = starts_at.replace(tzinfo=None, second=0, microsecond=0)
    if starts_at.year < 2000 or starts_at.date() > date.today() + timedelta(days=PLANNING_HORIZON_DAYS):
        check.fail("starts_at", "Поле «Начало занятия»: укажите дату не раньше 2000 года и не более чем "
                                "на два года вперёд.")
    return starts_at


def _check_participants(check: Checker, session: Session, data: SessionData, last_day: date | None
                        ) -> list[uuid.UUID]:
    person_ids = list(dict.fromkeys(data.person_ids))
    count = len(person_ids)
    if not data.is_group and count != 1:
        check.fail("person_ids", f"Поле «Участники»: на индивидуальное занятие записывается один ребёнок "
                                 f"(выбрано: {count}).")
    elif data.is_group and not GROUP_MIN <= count <= GROUP_MAX:
        check.fail("person_ids", f"Поле «Участники»: в групповом занятии от {GROUP_MIN} до {GROUP_MAX} детей "
                                 f"(выбрано: {count}).")
    rows = session.execute(select(Person.id, Person.last_name, Person.first_name, Person.middle_name,
                                  Person.birth_date)
                           .where(Person.id.in_(person_ids), Person.deleted_at.is_(None))).all()
    if len(rows) != count:
        check.fail("person_ids", "Поле «Участники»: один из детей не найден или удалён, выберите заново.")
    for _id, last, first, middle, birth in rows:
        name = short_name(last, first, middle)
        if birth is None:
            check.fail("person_ids", f"Поле «Участники»: у {name} не указана дата рождения — занятия "
                                     "проводятся с детьми до 18 лет.")
        elif last_day is not None and age_on(birth, last_day) >= ADULT_AGE:
            check.fail("person_ids", f"Поле «Участники»: {name} — не ребёнок (на {last_day:%d.%m.%Y} "
                                     f"{age_on(birth, last_day)} лет); занятия — для детей до 18 лет.")
    return person_ids


def _validate_session(check: Checker, session: Session, data: SessionData, last_day: date | None = None
                      ) -> tuple[dict, list[uuid.UUID]]:
    """Check a session; `last_day` is the latest date of a series (children must be minors on it)."""
    starts_at = _check_start(check, data.starts_at)
    duration = data.duration_min
    if not _is_int(duration) or not MIN_DURATION <= duration <= MAX_DURATION:  # type: ignore[operator]
        check.fail("duration_min",
                   f"Поле «Длительность, мин»: целое число от {MIN_DURATION} до {MAX_DURATION}.")
    check_reference(check, session, Staff, "staff_id", data.staff_id, "Специалист")
    check_reference(check, session, Service, "service_id", data.service_id, "Услуга")
    check_dictionary(check, session, "delivery_mode_id", data.delivery_mode_id, "delivery_mode",
                     "Форма работы")
    check_reference(check, session, SupportCase, "case_id", data.case_id, "Случай сопровождения",
                    required=False)
    day = last_day or (starts_at.date() if starts_at else None)
    person_ids = _check_participants(check, session, data, day)
    values = {
        "starts_at": starts_at,
        "duration_min": duration,
        "staff_id": data.staff_id,
        "service_id": data.service_id,
        "delivery_mode_id": data.delivery_mode_id,
        "case_id": data.case_id,
        "is_group": bool(data.is_group),
        "place": check.text("place", data.place, "Место проведения", max_length=200),
        "topic": check.text("topic", data.topic, "Тема занятия", max_length=300),
        "notes": check.text("notes", data.notes, "Примечание", max_length=4000),
    }
    return values, person_ids


def _conflicts(session: Session, starts: list[datetime], duration: int, staff_id: uuid.UUID | None,
               person_ids: list[uuid.UUID], exclude: list[uuid.UUID]) -> list[ConflictRow]:
    """Live sessions overlapping any of `starts` (each lasting `duration`), in two index-range queries.

    No session lasts longer than MAX_DURATION, so an overlapping one starts after the earliest start
    minus that; the exact test (start < other end and other start < end) is done here in Python.
    """
    if not starts:
        return []
    starts = sorted(starts)
    window: tuple[ColumnElement[bool], ...] = (RehabSession.starts_at > starts[0] - timedelta(minutes=MAX_DURATION),
              RehabSession.starts_at < starts[-1] + timedelta(minutes=duration),
              RehabSession.deleted_at.is_(None), RehabSession.cancelled.is_(False))
    if exclude:
        window += (RehabSession.id.not_in(exclude),)
    candidates: list[tuple] = []
    if staff_id is not None:
        name = session.execute(select(Staff.last_name, Staff.first_name, Staff.middle_name)
                               .where(Staff.id == staff_id)).one_or_none()
        for row in session.execute(select(RehabSession.id, RehabSession.starts_at, RehabSession.duration_min)
                                   .where(RehabSession.staff_id == staff_id, *window)):
            candidates.append((*row, "staff", short_name(*name) if name else ""))
    if person_ids:
        for child in session.execute(
            select(RehabSession.id, RehabSession.starts_at, RehabSession.duration_min, Person.last_name,
                   Person.first_name, Person.middle_name)
            .join(SessionParticipant, SessionParticipant.session_id == RehabSession.id)
            .join(Person, Person.id == SessionParticipant.person_id)
            .where(SessionParticipant.person_id.in_(person_ids), *window)
        ):
            candidates.append((*child[:3], "child", short_name(*child[3:])))
    found = []
    for session_id, other_start, other_duration, kind, who in candidates:
        other_end = other_start + timedelta(minutes=other_duration)
        # The first of our starts whose end is after the other's start must also begin before its end.
        index = bisect_right(starts, other_start - timedelta(minutes=duration))
        if index < len(starts) and starts[index] < other_end:
            found.append(ConflictRow(session_id, other_start, other_end, kind, who))
    return sorted(found, key=lambda c: (c.starts_at, c.kind, c.who))


def find_conflicts(session: Session, data: SessionData, exclude_session_id: uuid.UUID | None = None
                   ) -> list[ConflictRow]:
    """Double bookings: the same specialist or one of the children in an overlapping live session."""
    if data.starts_at is None or not isinstance(data.duration_min, int):
        return []
    exclude = [exclude_session_id] if exclude_session_id else []
    return _conflicts(session, [data.starts_at.replace(tzinfo=None)], data.duration_min, data.staff_id,
                      list(dict.fromkeys(data.person_ids)), exclude)


def _conflicts_of(session: Session, values: dict, person_ids: list[uuid.UUID], starts: list[datetime],
                  exclude_id: uuid.UUID | None = None) -> list[ConflictRow]:
    return _conflicts(session, starts, values["duration_min"], values["staff_id"], person_ids,
                      [exclude_id] if exclude_id else [])


def _refuse_conflicts(conflicts: list[ConflictRow]) -> None:
    if not conflicts:
        return
    shown = "; ".join(c.describe() for c in conflicts[:3])
    more = f" и ещё {len(conflicts) - 3}" if len(conflicts) > 3 else ""
    raise ValidationError({"starts_at": f"Поле «Начало занятия»: время пересекается с другими занятиями: "
                                        f"{shown}{more}. Выберите другое время."})


def _insert(session: Session, actor: Actor, values: dict, person_ids: list[uuid.UUID],
            series_id: uuid.UUID | None = None) -> RehabSession:
    row = RehabSession(**values, series_id=series_id, created_by=actor.user_id, updated_by=actor.user_id)
    session.add(row)
    session.flush()
    session.add_all(SessionParticipant(session_id=row.id, person_id=p) for p in person_ids)
    return row


def _require_who_and_whom(session: Session, actor: Actor, data: SessionData,
                          brigade: frozenset[uuid.UUID] = frozenset()) -> None:
    """The specialist must be one the actor may schedule, the children ones the actor works with.

    `brigade`: when a trip is completed, any member records the sessions the brigade gave.
    """
    require(actor, EDIT_RECORDS)
    if data.staff_id not in brigade:
        require_session_staff(session, actor, data.staff_id)
    require_persons(session, actor, data.person_ids or [])


def create_session(session: Session, actor: Actor, data: SessionData, allow_conflicts: bool = False, *,
                   brigade: frozenset[uuid.UUID] = frozenset()) -> Saved:
    """Schedule one session. A double booking is refused on «starts_at» unless `allow_conflicts`.

    `brigade` is for `trip_completion` only: the staff of the trip the actor is completing.
    """
    _require_who_and_whom(session, actor, data, brigade)
    check = Checker()
    values, person_ids = _validate_session(check, session, data)
    check.done()
    if not allow_conflicts:
        _refuse_conflicts(_conflicts_of(session, values, person_ids, [values["starts_at"]]))
    row = _insert(session, actor, values, person_ids)
    session.flush()
    audit.record(session, actor, "create", "rehab_session", row.id, [*values, "person_ids"])
    caseload.link_persons(session, [(row.staff_id, person_id) for person_id in person_ids])
    return Saved(row.id, frozenset({SESSIONS}))


def occurrence_starts(first: datetime, weekdays: set[int], weeks: int) -> list[datetime]:
    """Every chosen weekday (0 = Monday) in the `weeks` × 7 days from `first`'s date, at its time."""
    return [first + timedelta(days=offset) for offset in range(7 * weeks)
            if (first + timedelta(days=offset)).weekday() in weekdays]


def create_recurring_sessions(session: Session, actor: Actor, data: SessionData, weekdays: set[int],
                              weeks: int, allow_conflicts: bool = False) -> list[uuid.UUID]:
    """Schedule a weekly series sharing one `series_id`; returns the new ids in date order.

    One audit row is written for the series (entity "rehab_session_series", id = series_id): each
    session carries the series id, and a year's series would otherwise write hundreds of rows.
    """
    _require_who_and_whom(session, actor, data)
    check = Checker()
    if not weekdays or not set(weekdays) <= set(range(7)):
        check.fail("weekdays", "Поле «Дни недели»: выберите хотя бы один день недели.")
    if not _is_int(weeks) or not 1 <= weeks <= MAX_WEEKS:
        check.fail("weeks", f"Поле «Количество недель»: целое число от 1 до {MAX_WEEKS}.")
    starts: list[datetime] = []
    if data.starts_at is not None and "weekdays" not in check.errors and "weeks" not in check.errors:
        first = data.starts_at.replace(tzinfo=None, second=0, microsecond=0)
        starts = occurrence_starts(first, weekdays, weeks)
    values, person_ids = _validate_session(check, session, data, starts[-1].date() if starts else None)
    check.done()
    if not allow_conflicts:
        _refuse_conflicts(_conflicts_of(session, values, person_ids, starts))
    series_id = uuid.uuid4()
    ids = [_insert(session, actor, values | {"starts_at": start}, person_ids, series_id).id
           for start in starts]
    session.flush()
    audit.record(session, actor, "create", "rehab_session_series", series_id,
                 [*values, "person_ids", "weekdays"])
    caseload.link_persons(session, [(values["staff_id"], person_id) for person_id in person_ids])
    return ids


def update_session(session: Session, actor: Actor, session_id: uuid.UUID, data: SessionData,
                   allow_conflicts: bool = False) -> Saved:
    """Edit one session; children who stay keep their attendance marks, removed ones are dropped."""
    row = require_session(session, actor, session_id, edit=True)
    period_guard.refuse_changes(session, [row])  # the participants are written with Core below
    _require_who_and_whom(session, actor, data)
    check = Checker()
    values, person_ids = _validate_session(check, session, data)
    check.done()
    if not allow_conflicts:
        _refuse_conflicts(_conflicts_of(session, values, person_ids, [values["starts_at"]], row.id))
    changed = assign(row, values)
    current = set(session.execute(select(SessionParticipant.person_id)
                                  .where(SessionParticipant.session_id == row.id)).scalars())
    if current != set(person_ids):
        session.execute(delete(SessionParticipant).where(SessionParticipant.session_id == row.id,
                                                         SessionParticipant.person_id.not_in(person_ids)))
        session.add_all(SessionParticipant(session_id=row.id, person_id=p)
                        for p in person_ids if p not in current)
        changed.append("person_ids")
    caseload.refresh_for_persons(session, current | set(person_ids))  # the specialist may have changed too
    return audit_changes(session, actor, row, "rehab_session", changed, frozenset({SESSIONS}))


def cancel_session(session: Session, actor: Actor, session_id: uuid.UUID) -> Saved:
    """Cancel a session: it stays in the calendar struck out and leaves conflicts and statistics."""
    row = require_session(session, actor, session_id, edit=True)
    if row.cancelled:
        return Saved(row.id, frozenset())
    return update_record(session, actor, row, "rehab_session", {"cancelled": True}, frozenset({SESSIONS}))


def delete_session(session: Session, actor: Actor, session_id: uuid.UUID) -> Saved:
    row = require_session(session, actor, session_id, edit=True)
    saved = soft_delete(session, actor, row, "rehab_session", frozenset({SESSIONS}))
    caseload.refresh_for_persons(session, session.execute(
        select(SessionParticipant.person_id).where(SessionParticipant.session_id == row.id)).scalars())
    return saved


def _check_marks(check: Checker, session: Session, marks: list[AttendanceMark]) -> dict[uuid.UUID, uuid.UUID]:
    """Validate marks in two queries; return participant id → session id."""
    ids = [m.participant_id for m in marks]
    found = {}
    for chunk in chunks(ids):
        found.update({row[0]: row[1:] for row in session.execute(
            select(SessionParticipant.id, RehabSession.id, RehabSession.starts_at, RehabSession.cancelled,
                   RehabSession.deleted_at)
            .join(RehabSession, RehabSession.id == SessionParticipant.session_id)
            .where(SessionParticipant.id.in_(chunk)))})
    reason_ids = {m.absence_reason_id for m in marks if m.absence_reason_id is not None}
    reasons = set(session.execute(select(DictionaryItem.id).where(
        DictionaryItem.id.in_(reason_ids), DictionaryItem.kind == "absence_reason")).scalars())
    today = date.today()
    seen: set[uuid.UUID] = set()
    for index, mark in enumerate(marks):
        key = f"marks.{index}"
        info = found.get(mark.participant_id)
        if info is None or info[3] is not None:
            check.fail(key, "Участник занятия не найден: занятие удалено или изменено, обновите список.")
        elif info[2]:
            check.fail(key, "Занятие отменено — отметить посещение нельзя.")
        elif info[1].date() > today:
            check.fail(key, f"Занятие {info[1]:%d.%m.%Y} ещё не прошло — посещение отмечается в день занятия "
                            "или позже.")
        elif mark.participant_id in seen:
            check.fail(key, "Этот участник отмечен дважды.")
        seen.add(mark.participant_id)
        if mark.attended is False and mark.absence_reason_id is None:
            check.fail(f"{key}.absence_reason_id", "Поле «Причина отсутствия» обязательно, если ребёнок "
                                                   "не пришёл на занятие.")
        elif mark.attended is False and mark.absence_reason_id not in reasons:
            check.fail(f"{key}.absence_reason_id", "Поле «Причина отсутствия»: выберите значение из списка.")
    return {pid: info[0] for pid, info in found.items()}


def mark_attendance(session: Session, actor: Actor, marks: list[AttendanceMark]) -> Saved:
    """Mark attendance of many children at once with a few bulk UPDATEs (one per distinct mark).

    Returns the session of the first mark as `id`. Writes one audit row per session touched.
    """
    require(actor, EDIT_RECORDS)
    marks = [AttendanceMark(*mark) for mark in marks]  # plain tuples are accepted too
    check = Checker()
    if not marks:
        check.fail("marks", "Отметьте посещение хотя бы одного участника.")
        check.done()
    session_of = _check_marks(check, session, marks)
    check.done()
    period_guard.refuse_changes(session, [require_session(session, actor, session_id, edit=True)
                                          for session_id in set(session_of.values())])
    groups: dict[tuple[bool | None, uuid.UUID | None], list[uuid.UUID]] = defaultdict(list)
    for mark in marks:
        reason = mark.absence_reason_id if mark.attended is False else None
        groups[(mark.attended, reason)].append(mark.participant_id)
    for (attended, reason), ids in groups.items():
        for chunk in chunks(ids):
            session.execute(update(SessionParticipant).where(SessionParticipant.id.in_(chunk))
                            .values(attended=attended, absence_reason_id=reason)
                            .execution_options(synchronize_session=False))
    session_ids = list(dict.fromkeys(session_of[m.participant_id] for m in marks))
    for chunk in chunks(session_ids):
        session.execute(update(RehabSession).where(RehabSession.id.in_(chunk))
                        .values(updated_by=actor.user_id, updated_at=utc_now())
                        .execution_options(synchronize_session=False))
    for session_id in session_ids:
        audit.record(session, actor, "update", "rehab_session", session_id, ["attendance"])
    return Saved(session_ids[0], frozenset({SESSIONS}))
