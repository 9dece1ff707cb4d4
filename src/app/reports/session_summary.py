"""The sessions' monthly summary (db.models.report_summary): what it is derived from, its check and its rebuild.

The database's triggers (migration 0015) keep it; this module states the same derivation as queries, so that
`opora reports summary check` can compare the tables with their sources and rebuild them after something wrote
around the triggers (an SQL tool dropping them, a restore of a hand-edited file). The quarterly report reads the
summary only for whole calendar months (`summary_months`).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Collection
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Integer, Select, String, case, cast, delete, extract, func, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.core.actor import Actor
from app.core.derived import DerivedCheck, Difference, compare, repair
from app.reports.periods import Period
from db.models import PlaceMonth, RehabSession, Service, SessionMonth, SessionParticipant, Staff

log = logging.getLogger("opora.reports.summary")


def month_key(day: date) -> int:
    """The summary's month of a day: year × 100 + month."""
    return day.year * 100 + day.month


def summary_months(period: Period) -> tuple[int, int] | None:
    """The first and last month key when `period` is whole calendar months, else None (the direct queries)."""
    if period.start.day != 1 or (period.end + timedelta(days=1)).day != 1 or period.end < period.start:
        return None
    return month_key(period.start), month_key(period.end)


def _month_of(session: Session, column: Any) -> ColumnElement[int]:
    if session.get_bind().dialect.name == "sqlite":
        return cast(func.strftime("%Y%m", column), Integer)
    return cast(extract("year", column), Integer) * 100 + cast(extract("month", column), Integer)


def _live() -> list[ColumnElement[bool]]:
    return [RehabSession.deleted_at.is_(None), RehabSession.cancelled.is_(False)]


def expected_sessions(session: Session) -> Select[int, uuid.UUID, uuid.UUID, uuid.UUID, int]:
    month = _month_of(session, RehabSession.starts_at)
    return (select(month, RehabSession.staff_id, RehabSession.service_id, RehabSession.delivery_mode_id,
                   func.count())
            .where(*_live()).group_by(month, RehabSession.staff_id, RehabSession.service_id,
                                      RehabSession.delivery_mode_id))


def expected_places(session: Session) -> Select[int, uuid.UUID, uuid.UUID, uuid.UUID, uuid.UUID, int, Any, Any]:
    month = _month_of(session, RehabSession.starts_at)
    attended = SessionParticipant.attended
    return (select(month, RehabSession.staff_id, RehabSession.service_id, RehabSession.delivery_mode_id,
                   SessionParticipant.person_id, func.count(),
                   func.sum(case((attended.is_(True), 1), else_=0)),
                   func.sum(case((attended.is_(False), 1), else_=0)))
            .join(RehabSession, RehabSession.id == SessionParticipant.session_id)
            .where(*_live())
            .group_by(month, RehabSession.staff_id, RehabSession.service_id, RehabSession.delivery_mode_id,
                      SessionParticipant.person_id))


def _stored_sessions() -> Select[int, uuid.UUID, uuid.UUID, uuid.UUID, int]:
    return select(SessionMonth.month, SessionMonth.staff_id, SessionMonth.service_id,
                  SessionMonth.delivery_mode_id, SessionMonth.sessions)


def _stored_places() -> Select[int, uuid.UUID, uuid.UUID, uuid.UUID, uuid.UUID, int, int, int]:
    return select(PlaceMonth.month, PlaceMonth.staff_id, PlaceMonth.service_id, PlaceMonth.delivery_mode_id,
                  PlaceMonth.person_id, PlaceMonth.places, PlaceMonth.attended, PlaceMonth.absent)


SUMMARY_TITLE = "Сводка занятий для квартального отчёта"
REPAIR_COMMAND = "opora summary check --repair"


def check_summary(session: Session) -> Difference:
    """Compare both tables with their sources (a read unit is enough): one scan of the sessions and places."""
    return compare(session, SUMMARY_TITLE, [(expected_sessions(session), _stored_sessions()),
                                            (expected_places(session), _stored_places())])


def rebuild_summary(session: Session) -> int:
    """Empty both tables and fill them from the sessions (in the caller's write unit); returns the place rows."""
    session.execute(delete(SessionMonth))
    session.execute(delete(PlaceMonth))
    session.execute(insert(SessionMonth).from_select(
        ["month", "staff_id", "service_id", "delivery_mode_id", "sessions"], expected_sessions(session)))
    session.execute(insert(PlaceMonth).from_select(
        ["month", "staff_id", "service_id", "delivery_mode_id", "person_id", "places", "attended", "absent"],
        expected_places(session)))
    return int(session.execute(select(func.count()).select_from(PlaceMonth)).scalar_one())


def repair_summary_as_admin(session: Session, actor: Actor) -> DerivedCheck:
    """In a write unit: compare, and rebuild when the tables differ (audited as «rebuild report_summary»)."""
    return repair(session, actor, check_summary, rebuild_summary, "report_summary", REPAIR_COMMAND)


# --- what the quarterly report reads (whole months only; see summary_months) ----------------------------------

def _by_staff_office(column: Any, office_ids: Collection[uuid.UUID] | None
                     ) -> list[ColumnElement[bool]]:
    if office_ids is None:
        return []
    return [column.in_(select(Staff.id).where(Staff.office_id.in_(list(office_ids))))]


def attended_persons(months: tuple[int, int]) -> Select[uuid.UUID]:
    """Persons with an attended place in a live session of those months (read from the person index alone)."""
    return select(PlaceMonth.person_id).where(PlaceMonth.month.between(*months), PlaceMonth.attended > 0)


def attended_places(months: tuple[int, int], office_ids: Collection[uuid.UUID] | None
                    ) -> Select[uuid.UUID, uuid.UUID, uuid.UUID, int]:
    """(kind, form, person, attended places) of the months, sessions limited by their specialist's office."""
    return (select(Service.kind_id.label("kind_id"), Service.form_id.label("form_id"),
                   PlaceMonth.person_id.label("recipient"), PlaceMonth.attended.label("quantity"))
            .join(Service, Service.id == PlaceMonth.service_id)
            .where(PlaceMonth.month.between(*months), PlaceMonth.attended > 0,
                   *_by_staff_office(PlaceMonth.staff_id, office_ids)))


def session_counts(session: Session, months: tuple[int, int], office_ids: Collection[uuid.UUID] | None
                   ) -> dict[tuple[Any, Any], tuple[int, int, int, int]]:
    """(position, delivery mode) -> (sessions, places, attended, absent) of the months."""
    sessions = session.execute(
        select(Staff.position_id, SessionMonth.delivery_mode_id, func.sum(SessionMonth.sessions))
        .join(Staff, Staff.id == SessionMonth.staff_id)
        .where(SessionMonth.month.between(*months), *_by_staff_office(SessionMonth.staff_id, office_ids))
        .group_by(Staff.position_id, SessionMonth.delivery_mode_id))
    counts = {(position, mode): (int(count), 0, 0, 0) for position, mode, count in sessions}
    places = session.execute(
        select(Staff.position_id, PlaceMonth.delivery_mode_id, func.sum(PlaceMonth.places),
               func.sum(PlaceMonth.attended), func.sum(PlaceMonth.absent))
        .join(Staff, Staff.id == PlaceMonth.staff_id)
        .where(PlaceMonth.month.between(*months), *_by_staff_office(PlaceMonth.staff_id, office_ids))
        .group_by(Staff.position_id, PlaceMonth.delivery_mode_id))
    for position, mode, planned, attended, absent in places:
        count = counts.get((position, mode), (0, 0, 0, 0))[0]
        counts[(position, mode)] = (count, int(planned), int(attended), int(absent))
    return counts


def session_counts_by_office(session: Session, months: tuple[int, int], office_ids: Collection[uuid.UUID]
                             ) -> dict[Any, dict[tuple[Any, Any], tuple[int, int, int, int]]]:
    """office -> `session_counts` of that office (the specialist's), all offices in two grouped reads."""
    offices = list(office_ids)
    counts: dict[Any, dict[tuple[Any, Any], tuple[int, int, int, int]]] = {}
    for office, position, mode, count in session.execute(
            select(Staff.office_id, Staff.position_id, SessionMonth.delivery_mode_id, func.sum(SessionMonth.sessions))
            .join(Staff, Staff.id == SessionMonth.staff_id)
            .where(SessionMonth.month.between(*months), Staff.office_id.in_(offices))
            .group_by(Staff.office_id, Staff.position_id, SessionMonth.delivery_mode_id)):
        counts.setdefault(office, {})[(position, mode)] = (int(count), 0, 0, 0)
    # The places grouped in the key's order (month, specialist, service, mode: no sort of the quarter's person-level
    # rows, 1.6 -> 0.5 s on 100,000 families), each specialist's office and position looked up here. The keys are
    # read as text through the connection (a UUID object per row and column cost as much as the query).
    staff = {str(staff_id).replace("-", ""): (office, position) for staff_id, office, position in session.execute(
        select(Staff.id, Staff.office_id, Staff.position_id).where(Staff.office_id.in_(offices)))}
    modes: dict[str, uuid.UUID] = {}
    places: dict[tuple[Any, Any, Any], list[int]] = {}
    for staff_text, mode_text, planned, attended, absent in session.connection().execute(
            select(cast(PlaceMonth.staff_id, String), cast(PlaceMonth.delivery_mode_id, String),
                   func.sum(PlaceMonth.places), func.sum(PlaceMonth.attended), func.sum(PlaceMonth.absent))
            .where(PlaceMonth.month.between(*months))
            .group_by(PlaceMonth.month, PlaceMonth.staff_id, PlaceMonth.service_id, PlaceMonth.delivery_mode_id)):
        office_position = staff.get(staff_text.replace("-", ""))
        if office_position is None:  # a specialist of an office not asked for
            continue
        if mode_text not in modes:
            modes[mode_text] = uuid.UUID(mode_text)
        mode = modes[mode_text]
        sums = places.setdefault((*office_position, mode), [0, 0, 0])
        sums[0] += planned
        sums[1] += attended
        sums[2] += absent
    for (office, position, mode), (planned, attended, absent) in places.items():
        office_counts = counts.setdefault(office, {})
        count = office_counts.get((position, mode), (0, 0, 0, 0))[0]
        office_counts[(position, mode)] = (count, planned, attended, absent)
    return counts
