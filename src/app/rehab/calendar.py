"""Reading rehabilitation sessions: a week of the calendar and attendance statistics over a period.

Both are range queries on the (starts_at) and (staff_id, starts_at) indexes of a table that grows to
about a million rows; nothing loads ORM objects.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, or_, select, true
from sqlalchemy.orm import Session

from app.core.access import require_person, session_scope
from app.core.actor import Actor
from app.core.figures import attendance_rate
from app.core.lookups import chunks
from app.core.permissions import VIEW_RECORDS, require
from app.core.text import short_name
from db.models import DictionaryItem, Person, RehabSession, Service, SessionParticipant, Staff


@dataclass(frozen=True)
class ParticipantRow:
    id: uuid.UUID
    person_id: uuid.UUID
    name: str
    attended: bool | None
    absence_reason: str | None


@dataclass(frozen=True)
class SessionRow:
    """A calendar cell. `attendance` is "not_marked", "partly_marked" or "marked"."""

    id: uuid.UUID
    starts_at: datetime
    duration_min: int
    service: str
    staff_id: uuid.UUID
    staff_name: str
    is_group: bool
    place: str | None
    topic: str | None
    cancelled: bool
    series_id: uuid.UUID | None
    participants: tuple[ParticipantRow, ...]

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_min)

    @property
    def attendance(self) -> str:
        marked = sum(p.attended is not None for p in self.participants)
        if marked == 0:
            return "not_marked"
        return "marked" if marked == len(self.participants) else "partly_marked"


@dataclass(frozen=True)
class AttendanceStats:
    """Children's places in live, not cancelled sessions; `rate` = attended / marked (None if none)."""

    planned: int
    attended: int
    absent: int
    not_marked: int
    absent_by_reason: tuple[tuple[str, int], ...]

    @property
    def rate(self) -> float | None:
        return attendance_rate(self.attended, self.absent)


def _scope(session: Session, actor: Actor, person_id: uuid.UUID | None) -> ColumnElement[bool]:
    require(actor, VIEW_RECORDS)
    if person_id is not None:
        require_person(session, actor, person_id)
        return true()
    return session_scope(actor)


def week_sessions(session: Session, actor: Actor, *, staff_id: uuid.UUID | None = None,
                  person_id: uuid.UUID | None = None, week_start: date, days: int = 7) -> list[SessionRow]:
    """Live sessions (cancelled ones included, flagged) in the 7 days (or `days`) from `week_start`, by time.

    Two queries: the sessions with service and specialist, then all their participants. One
    child's sessions (`person_id`) show to whoever works with the child; otherwise the actor's
    sessions scope applies (`app.core.access.session_scope`).
    """
    scope = _scope(session, actor, person_id)
    start = datetime.combine(week_start, time())
    query = _sessions_query(scope, start, start + timedelta(days=days))
    if staff_id is not None:
        query = query.where(RehabSession.staff_id == staff_id)
    if person_id is not None:
        query = query.where(RehabSession.id.in_(
            select(SessionParticipant.session_id).where(SessionParticipant.person_id == person_id)))
    return _with_participants(session, session.execute(query).all())


def day_sessions(session: Session, actor: Actor, *, day: date, staff_id: uuid.UUID | None = None,
                 offset: int = 0, limit: int | None = None) -> list[SessionRow]:
    """Rows `offset`… (at most `limit`) of the live sessions of one day in `week_sessions`' order, participants
    read for those rows only: the home screen pages a coordinator's day (some 1,900 sessions for every office)
    instead of reading every participant's name before it can draw."""
    start = datetime.combine(day, time())
    query = _sessions_query(_scope(session, actor, None), start, start + timedelta(days=1))
    if staff_id is not None:
        query = query.where(RehabSession.staff_id == staff_id)
    return _with_participants(session, session.execute(query.offset(offset).limit(limit)).all())


def day_session_counts(session: Session, actor: Actor, *, day: date,
                       staff_id: uuid.UUID | None = None) -> tuple[int, int]:
    """How many of `day_sessions`' rows there are, and how many of them still wait for attendance (not
    cancelled, not every participant marked: `SessionRow.attendance` != "marked"), counted by the database."""
    start = datetime.combine(day, time())
    rows = _sessions_query(_scope(session, actor, None), start, start + timedelta(days=1)).order_by(None)
    if staff_id is not None:
        rows = rows.where(RehabSession.staff_id == staff_id)
    anyone = exists().where(SessionParticipant.session_id == RehabSession.id)
    unmarked = exists().where(SessionParticipant.session_id == RehabSession.id,
                              SessionParticipant.attended.is_(None))
    waiting = and_(RehabSession.cancelled.is_(False), or_(~anyone, unmarked))
    sub = rows.with_only_columns(RehabSession.id, case((waiting, 1)).label("waiting")).subquery()
    total, to_mark = session.execute(select(func.count(), func.count(sub.c.waiting))).one()
    return int(total), int(to_mark)


def _sessions_query(scope: ColumnElement[bool], start: datetime, end: datetime) -> Select:
    """Live sessions starting in [start, end) with service and specialist, by time."""
    return (
        select(RehabSession.id, RehabSession.starts_at, RehabSession.duration_min, Service.name,
               RehabSession.staff_id, Staff.last_name, Staff.first_name, Staff.middle_name,
               RehabSession.is_group, RehabSession.place, RehabSession.topic, RehabSession.cancelled,
               RehabSession.series_id)
        .join(Service, Service.id == RehabSession.service_id)
        .join(Staff, Staff.id == RehabSession.staff_id)
        .where(RehabSession.deleted_at.is_(None), scope, RehabSession.starts_at >= start,
               RehabSession.starts_at < end)
        .order_by(RehabSession.starts_at, Staff.last_name, RehabSession.id)
    )


def _with_participants(session: Session, rows: Sequence[Any]) -> list[SessionRow]:
    """The sessions' rows with all their participants (one query per chunk of sessions)."""
    participants: dict[uuid.UUID, list[ParticipantRow]] = defaultdict(list)
    for chunk in chunks([row[0] for row in rows]):
        for pid, session_id, person, last, first, middle, attended, reason, reason_short in session.execute(
            select(SessionParticipant.id, SessionParticipant.session_id, SessionParticipant.person_id,
                   Person.last_name, Person.first_name, Person.middle_name, SessionParticipant.attended,
                   DictionaryItem.name, DictionaryItem.short_name)
            .join(Person, Person.id == SessionParticipant.person_id)
            .outerjoin(DictionaryItem, DictionaryItem.id == SessionParticipant.absence_reason_id)
            .where(SessionParticipant.session_id.in_(chunk))
            .order_by(Person.last_name_key, Person.first_name_key)
        ):
            name = short_name(last, first, middle)
            reason_name = reason_short or reason
            participants[session_id].append(ParticipantRow(pid, person, name, attended, reason_name))
    return [
        SessionRow(id=row[0], starts_at=row[1], duration_min=row[2], service=row[3], staff_id=row[4],
                   staff_name=short_name(row[5], row[6], row[7]), is_group=row[8], place=row[9],
                   topic=row[10], cancelled=row[11], series_id=row[12],
                   participants=tuple(participants[row[0]]))
        for row in rows
    ]


def attendance_stats(session: Session, actor: Actor, *, date_from: date, date_to: date,
                     staff_id: uuid.UUID | None = None, person_id: uuid.UUID | None = None) -> AttendanceStats:
    """Attendance over the days `date_from`..`date_to` inclusive, from one GROUP BY on the server."""
    scope = _scope(session, actor, person_id)
    query = (
        select(SessionParticipant.attended, SessionParticipant.absence_reason_id, func.count())
        .join(RehabSession, RehabSession.id == SessionParticipant.session_id)
        .where(RehabSession.deleted_at.is_(None), RehabSession.cancelled.is_(False), scope,
               RehabSession.starts_at >= datetime.combine(date_from, time()),
               RehabSession.starts_at < datetime.combine(date_to + timedelta(days=1), time()))
        .group_by(SessionParticipant.attended, SessionParticipant.absence_reason_id)
    )
    if staff_id is not None:
        query = query.where(RehabSession.staff_id == staff_id)
    if person_id is not None:
        query = query.where(SessionParticipant.person_id == person_id)
    counts = {(attended, reason): int(n) for attended, reason, n in session.execute(query)}
    absent = {reason: n for (attended, reason), n in counts.items() if attended is False}
    names: dict[uuid.UUID | None, str] = dict(session.execute(select(DictionaryItem.id, DictionaryItem.name)
                                 .where(DictionaryItem.id.in_([r for r in absent if r is not None]))).all())
    by_reason: dict[str, int] = defaultdict(int)
    for reason, n in absent.items():
        by_reason[names.get(reason, "Причина не указана")] += n
    attended = sum(n for (mark, _), n in counts.items() if mark is True)
    return AttendanceStats(
        planned=sum(counts.values()),
        attended=attended,
        absent=sum(absent.values()),
        not_marked=sum(n for (mark, _), n in counts.items() if mark is None),
        absent_by_reason=tuple(sorted(by_reason.items(), key=lambda item: (-item[1], item[0]))),
    )
