"""The records behind a bar of the coordinator's charts (#17 item 1): the families on support at a month's end, the
sessions and visits that gave the services of a kind in a quarter, an office's sessions of the quarter — counted by
the same rules as the bar (`app.worklist.charts`), so the list's total equals the figure on the bar.

Each row names the record it opens (`kind`, `id`: "family", "session", "visit", as `ui.openers` knows them). A
list is cut at `LIMIT` rows (newest first); the total is always the whole count.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.errors import NotFound, PermissionDenied
from app.core.text import short_name
from app.reports.periods import Period
from app.reports.quarterly import _family_conditions, _session_conditions
from app.worklist.charts import _offices
from db.models import (
    DictionaryItem,
    Family,
    HomeVisit,
    RehabSession,
    Service,
    SessionParticipant,
    Staff,
    SupportCase,
    VisitService,
)

LIMIT = 2000


@dataclass(frozen=True)
class RecordRow:
    kind: str  # what opens it: "family", "session" or "visit"
    id: uuid.UUID
    day: date | None
    title: str
    detail: str
    count: int  # what the row adds to the bar


@dataclass(frozen=True)
class ChartRecords:
    title: str
    total: int  # the bar's figure: the sum of `count` over all rows, shown or not
    rows: tuple[RecordRow, ...]
    complete: bool  # False when the list was cut at LIMIT


def _cut(title: str, total: int, rows: list[RecordRow]) -> ChartRecords:
    return ChartRecords(title, total, tuple(rows[:LIMIT]), len(rows) <= LIMIT)


def families_on_support(session: Session, actor: Actor, day: date) -> ChartRecords:
    """The families with a live case covering the end of `day` (opened by it, not closed by it)."""
    offices = _offices(actor)
    rows = session.execute(
        select(Family.id, Family.title, func.min(SupportCase.opened_on))
        .join(SupportCase, SupportCase.family_id == Family.id)
        .where(SupportCase.deleted_at.is_(None), SupportCase.opened_on <= day,
               or_(SupportCase.closed_on.is_(None), SupportCase.closed_on > day), *_family_conditions(offices, None))
        .group_by(Family.id, Family.title).order_by(Family.title)).all()
    found = [RecordRow("family", family_id, opened, title, "", 1) for family_id, title, opened in rows]
    return _cut(f"Семьи на сопровождении на {day:%d.%m.%Y}", len(found), found)


def _kind(session: Session, code: str) -> tuple[uuid.UUID, str]:
    found = session.execute(select(DictionaryItem.id, DictionaryItem.name)
                            .where(DictionaryItem.kind == "service_kind", DictionaryItem.code == code)).first()
    if found is None:
        # Not a refusal of access: the chart asked for a kind the catalogue does not have (renamed, deleted).
        raise NotFound(f"Вид услуг «{code}» не найден в справочнике видов услуг.")
    return found[0], found[1]


def services_of_kind(session: Session, actor: Actor, kind_code: str, period: Period) -> ChartRecords:
    """The sessions (their attended places) and home visits (their services' quantities) that gave services of
    the kind in the period — the bar «services of a kind in a quarter»."""
    offices = _offices(actor)
    kind_id, kind_name = _kind(session, kind_code)
    sessions = session.execute(
        select(RehabSession.id, RehabSession.starts_at, Service.name, Staff.last_name, Staff.first_name,
               Staff.middle_name, func.count(SessionParticipant.id))
        .join(Service, Service.id == RehabSession.service_id)
        .join(Staff, Staff.id == RehabSession.staff_id)
        .join(SessionParticipant, SessionParticipant.session_id == RehabSession.id)
        .where(Service.kind_id == kind_id, SessionParticipant.attended.is_(True),
               *_session_conditions(period, offices, None))
        .group_by(RehabSession.id, RehabSession.starts_at, Service.name, Staff.last_name, Staff.first_name,
                  Staff.middle_name)).all()
    visits = session.execute(
        select(HomeVisit.id, HomeVisit.visit_date, Family.title, func.sum(VisitService.quantity))
        .join(VisitService, VisitService.visit_id == HomeVisit.id)
        .join(Service, Service.id == VisitService.service_id)
        .join(Family, Family.id == HomeVisit.family_id)
        .where(Service.kind_id == kind_id, HomeVisit.deleted_at.is_(None),
               HomeVisit.visit_date.between(period.start, period.end), *_family_conditions(offices, None))
        .group_by(HomeVisit.id, HomeVisit.visit_date, Family.title)).all()
    found = [RecordRow("session", row[0], row[1].date(), row[2], f"занятие, {short_name(row[3], row[4], row[5])}",
                       int(row[6])) for row in sessions]
    found += [RecordRow("visit", row[0], row[1], row[2], "визит на дом", int(row[3] or 0)) for row in visits]
    found.sort(key=lambda row: (row.day or date.min, row.title), reverse=True)
    return _cut(f"{kind_name}: {period.title}", sum(row.count for row in found), found)


def office_sessions(session: Session, actor: Actor, office_id: uuid.UUID, period: Period) -> ChartRecords:
    """The office's live, not cancelled sessions of the period with attendance marked (the attendance bar):
    `count` is a session's attended places, the detail says how many of the marked were absent."""
    offices = _offices(actor)
    if office_id not in offices:
        raise PermissionDenied("Это отделение не входит в ваши.")
    attended = func.count(SessionParticipant.id).filter(SessionParticipant.attended.is_(True))
    absent = func.count(SessionParticipant.id).filter(SessionParticipant.attended.is_(False))
    rows = session.execute(
        select(RehabSession.id, RehabSession.starts_at, Service.name, Staff.last_name, Staff.first_name,
               Staff.middle_name, attended, absent)
        .join(Service, Service.id == RehabSession.service_id)
        .join(Staff, Staff.id == RehabSession.staff_id)
        .join(SessionParticipant, SessionParticipant.session_id == RehabSession.id)
        .where(SessionParticipant.attended.is_not(None), *_session_conditions(period, [office_id], None))
        .group_by(RehabSession.id, RehabSession.starts_at, Service.name, Staff.last_name, Staff.first_name,
                  Staff.middle_name)
        .order_by(RehabSession.starts_at.desc())).all()
    found = [RecordRow("session", row[0], row[1].date(), row[2],
                       f"{short_name(row[3], row[4], row[5])}; не пришли: {int(row[7])}", int(row[6]))
             for row in rows]
    marked = sum(int(row[6]) + int(row[7]) for row in rows)
    title = f"Посещаемость, {period.title}: посетили {sum(r.count for r in found)} из {marked} отмеченных мест"
    return _cut(title, sum(row.count for row in found), found)
