"""The coordinator's charts on «Сегодня», over the offices they coordinate, each by the quarterly report's rules
(`app.reports.quarterly`), so a chart and the report for the same offices and dates give the same figures:

* families on support at the end of each of the last 12 months (the current month: at the end of today) — the
  report's «на сопровождении на конец периода» for a period ending that day;
* services by the eight kinds, this quarter against the last — the report's services section;
* the attendance rate by office this quarter: attended / (attended + absent) places of the live, not cancelled
  sessions of the office's specialists — the report's sessions section for that office;
* the госзадание volumes done since 1 January against the year's plan pro rata (the plan × the share of the year
  gone by today) — the report's volume table as of today.

Each chart is its own read (`CHARTS`), so the screen asks for them one by one and never holds the one database
thread for all four at once.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import case, distinct, func, literal, null, or_, select, union_all
from sqlalchemy.orm import Session

from app.core.actor import COORDINATOR, Actor
from app.core.errors import PermissionDenied
from app.core.figures import attendance_rate
from app.core.permissions import RUN_REPORTS, require
from app.reports.periods import Period, quarter
from app.reports.quarterly import _dictionary, _family_conditions, _order, _session_conditions
from app.reports.session_summary import month_key
from app.reports.state_assignment import ALL_FORMS_NAME, done_volumes, plan_rows, read_plan
from db.models import (
    Family,
    HomeVisit,
    Office,
    PlaceMonth,
    RehabSession,
    Service,
    SessionParticipant,
    Staff,
    SupportCase,
    VisitService,
)

MONTHS = 12
MONTH_NAMES = ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")


@dataclass(frozen=True)
class MonthCount:
    day: date  # the month's last day, or today for the current month
    families: int

    @property
    def label(self) -> str:
        return f"{MONTH_NAMES[self.day.month - 1]} {self.day:%y}"


@dataclass(frozen=True)
class KindCount:
    code: str
    name: str
    this_quarter: int
    last_quarter: int


@dataclass(frozen=True)
class ServicesByKind:
    this_quarter: Period
    last_quarter: Period
    kinds: tuple[KindCount, ...]


@dataclass(frozen=True)
class OfficeAttendance:
    office_id: uuid.UUID
    name: str
    attended: int
    absent: int

    @property
    def rate(self) -> float | None:
        return attendance_rate(self.attended, self.absent)


@dataclass(frozen=True)
class PlanProgress:
    name: str  # the measure and its form of service
    planned: int  # approved for the year
    expected: int  # pro rata: the share of the year gone by today
    done: int


@dataclass(frozen=True)
class PlanChart:
    year: int
    to_date: date
    rows: tuple[PlanProgress, ...]  # empty when no plan is entered for the year


def _offices(actor: Actor) -> list[uuid.UUID]:
    """The offices the charts cover: the coordinator's own (charts are the coordinator's)."""
    require(actor, RUN_REPORTS)
    if actor.case_role != COORDINATOR:
        raise PermissionDenied("Графики «Сегодня» — для координатора отделений.")
    return sorted(actor.office_ids, key=str)


def current_quarter(today: date) -> Period:
    return quarter(today.year, (today.month - 1) // 3 + 1)


def previous_quarter(today: date) -> Period:
    start = current_quarter(today).start - timedelta(days=1)
    return current_quarter(start)


def _month_ends(today: date) -> list[date]:
    ends, day = [today], today.replace(day=1) - timedelta(days=1)
    while len(ends) < MONTHS:
        ends.append(day)
        day = day.replace(day=1) - timedelta(days=1)
    return ends[::-1]


def families_by_month(session: Session, actor: Actor, today: date | None = None) -> list[MonthCount]:
    """Families on support at the end of each of the last 12 months (a case covers the ends of the days from its
    opening day to the day before its closing day, as in the report)."""
    offices, today = _offices(actor), today or date.today()
    ends = _month_ends(today)
    spans = session.execute(
        select(SupportCase.family_id, SupportCase.opened_on, SupportCase.closed_on)
        .join(Family, Family.id == SupportCase.family_id)
        .where(SupportCase.deleted_at.is_(None), SupportCase.opened_on <= today,
               or_(SupportCase.closed_on.is_(None), SupportCase.closed_on > ends[0]),
               *_family_conditions(offices, None))).all()
    result = []
    for day in ends:
        result.append(MonthCount(day, len({family for family, opened, closed in spans
                                            if opened <= day and (closed is None or closed > day)})))
    return result


def _whole_months(start: date, end: date) -> date | None:
    """The last day of the whole calendar months from `start` (a 1st) within [start, end], or None."""
    if start.day != 1:
        return None
    last = (end + timedelta(days=1)).replace(day=1) - timedelta(days=1)
    return last if last >= start else None


def _direct_places(offices: list[uuid.UUID], start: date, end: date, column: str, split: date) -> Any:
    return (
        select(getattr(Service, column).label("value"), SessionParticipant.person_id.label("recipient"),
               literal(1).label("quantity"),
               case((RehabSession.starts_at >= datetime.combine(split, time()), 1), else_=0).label("part"))
        .select_from(SessionParticipant)
        .join(RehabSession, RehabSession.id == SessionParticipant.session_id)
        .join(Service, Service.id == RehabSession.service_id)
        .where(SessionParticipant.attended.is_(True), *_session_conditions(Period(start, end, ""), offices, None)))


def _summary_places(offices: list[uuid.UUID], start: date, last: date, column: str, split: date) -> Any:
    """Attended places of whole months from the sessions' monthly summary (kept by the database's triggers,
    `app.reports.session_summary`), as the quarterly report reads them for whole months."""
    return (
        select(getattr(Service, column).label("value"), PlaceMonth.person_id.label("recipient"),
               PlaceMonth.attended.label("quantity"),
               case((PlaceMonth.month >= month_key(split), 1), else_=0).label("part"))
        .select_from(PlaceMonth)
        .join(Service, Service.id == PlaceMonth.service_id)
        .where(PlaceMonth.month.between(month_key(start), month_key(last)), PlaceMonth.attended > 0,
               PlaceMonth.staff_id.in_(select(Staff.id).where(Staff.office_id.in_(offices)))))


def _given(offices: list[uuid.UUID], start: date, end: date, column: str, split: date | None = None) -> Any:
    """The services given in [start, end] in these offices as rows of (Service.`column`, recipient, quantity,
    part): attended places of live, not cancelled sessions of the offices' specialists and the services of live
    home visits to the offices' live families — what the quarterly report counts as services; `part` is 1 from the
    day `split` (a month's first day) on, else 0. Whole months of places come from the monthly summary, the days
    after them (the current month) from the sessions themselves."""
    split = split or start
    last = _whole_months(start, end) if split.day == 1 else None
    parts = []
    if last is not None:
        parts.append(_summary_places(offices, start, last, column, split))
        if last < end:
            parts.append(_direct_places(offices, last + timedelta(days=1), end, column, split))
    else:
        parts.append(_direct_places(offices, start, end, column, split))
    visits = (
        select(getattr(Service, column), func.coalesce(VisitService.person_id, HomeVisit.family_id),
               VisitService.quantity, case((HomeVisit.visit_date >= split, 1), else_=0))
        .select_from(VisitService)
        .join(HomeVisit, HomeVisit.id == VisitService.visit_id)
        .join(Family, Family.id == HomeVisit.family_id)
        .join(Service, Service.id == VisitService.service_id)
        .where(HomeVisit.deleted_at.is_(None), HomeVisit.visit_date.between(start, end),
               *_family_conditions(offices, None)))
    return union_all(*parts, visits).subquery()


def services_by_kind(session: Session, actor: Actor, today: date | None = None) -> ServicesByKind:
    """Services by kind this quarter and the last, as the quarterly report counts them for these offices: one
    grouped read over both quarters (the report's own section also counts recipients by form, once a quarter)."""
    offices, today = _offices(actor), today or date.today()
    this, last = current_quarter(today), previous_quarter(today)
    given = _given(offices, last.start, this.end, "kind_id", split=this.start)
    counts: dict[tuple[Any, int], int] = {
        (kind, int(part)): int(quantity or 0) for kind, part, quantity in session.execute(
            select(given.c.value, given.c.part, func.sum(given.c.quantity)).group_by(given.c.value, given.c.part))}
    kinds = sorted(_dictionary(session, "service_kind"), key=lambda item: _order(item[3]))
    return ServicesByKind(this, last, tuple(KindCount(code, name, counts.get((kind, 1), 0), counts.get((kind, 0), 0))
                                            for kind, code, name, _, _ in kinds))


def attendance_by_office(session: Session, actor: Actor, today: date | None = None) -> list[OfficeAttendance]:
    """This quarter's attendance by the office of the sessions' specialists (offices with nothing marked too)."""
    offices, today = _offices(actor), today or date.today()
    counts = {office_id: (int(attended), int(absent)) for office_id, attended, absent in session.execute(
        select(Staff.office_id,
               func.count(SessionParticipant.id).filter(SessionParticipant.attended.is_(True)),
               func.count(SessionParticipant.id).filter(SessionParticipant.attended.is_(False)))
        .select_from(RehabSession)
        .join(Staff, Staff.id == RehabSession.staff_id)
        .join(SessionParticipant, SessionParticipant.session_id == RehabSession.id)
        .where(*_session_conditions(current_quarter(today), offices, None))
        .group_by(Staff.office_id))}
    names = session.execute(select(Office.id, Office.name).where(Office.id.in_(offices))
                            .order_by(Office.name)).all()
    return [OfficeAttendance(office_id, name, *counts.get(office_id, (0, 0))) for office_id, name in names]


def plan_progress(session: Session, actor: Actor, today: date | None = None) -> PlanChart:
    """The year's госзадание lines: done since 1 January in these offices against the plan pro rata."""
    offices, today = _offices(actor), today or date.today()
    plan = read_plan(session, today.year)
    if not plan.lines:
        return PlanChart(today.year, today, ())
    year_start = date(today.year, 1, 1)
    forms = {form_id: (code, name) for form_id, code, name, _, _ in _dictionary(session, "service_form")}
    section = plan_rows(plan, today, done_volumes(_volumes(session, offices, year_start, today, forms)),
                        {code: name for code, name in forms.values()})
    share = ((today - year_start).days + 1) / ((date(today.year, 12, 31) - year_start).days + 1)
    return PlanChart(today.year, today, tuple(
        PlanProgress(f"{row.name} ({row.conditions})" if row.conditions != ALL_FORMS_NAME else row.name,
                     row.planned, round(row.planned * share), row.done)
        for row in section.rows))


@dataclass(frozen=True)
class _FormVolume:
    form_code: str
    services: int
    recipients: int


@dataclass(frozen=True)
class _Volumes:
    """What `done_volumes` reads of the report's services section: services and recipients in all and by form."""

    services: int
    recipients: int
    by_form: tuple[_FormVolume, ...]


def _volumes(session: Session, offices: list[uuid.UUID], start: date, end: date,
             forms: dict[Any, tuple[str, str]]) -> _Volumes:
    """Services and distinct recipients in all and by form, from one grouping of (form, recipient) (the report's
    section also groups by kind and by kind and form, which the plan does not use)."""
    given = _given(offices, start, end, "form_id")
    pairs = (select(given.c.value, given.c.recipient, func.sum(given.c.quantity).label("quantity"))
             .group_by(given.c.value, given.c.recipient).cte("form_recipients"))
    by_form: dict[Any, tuple[int, int]] = {}
    total = everyone = 0
    for level, form, quantity, recipients in session.execute(union_all(
            select(literal(0), pairs.c.value, func.sum(pairs.c.quantity), func.count()).group_by(pairs.c.value),
            select(literal(1), null(), func.sum(pairs.c.quantity), func.count(distinct(pairs.c.recipient))))):
        if level == 0:
            by_form[form] = (int(quantity or 0), int(recipients))
        else:
            total, everyone = int(quantity or 0), int(recipients)
    return _Volumes(total, everyone, tuple(
        _FormVolume(code, *by_form.get(form_id, (0, 0))) for form_id, (code, _name) in forms.items()))


CHARTS: dict[str, Callable[[Session, Actor, date | None], Any]] = {
    "families": families_by_month, "services": services_by_kind, "attendance": attendance_by_office,
    "plan": plan_progress,
}
