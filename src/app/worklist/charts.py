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
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.core.actor import COORDINATOR, Actor
from app.core.errors import PermissionDenied
from app.core.figures import attendance_rate
from app.core.permissions import RUN_REPORTS, require
from app.reports.periods import Period, quarter
from app.reports.quarterly import _dictionary, _family_conditions, _services, _session_conditions
from app.reports.state_assignment import ALL_FORMS_NAME, done_volumes, plan_rows, read_plan
from db.models import Family, Office, RehabSession, SessionParticipant, Staff, SupportCase

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


def services_by_kind(session: Session, actor: Actor, today: date | None = None) -> ServicesByKind:
    """Services by kind this quarter and the last, as the quarterly report counts them for these offices."""
    offices, today = _offices(actor), today or date.today()
    this, last = current_quarter(today), previous_quarter(today)
    family_filter = _family_conditions(offices, None)
    now = {row.kind_code: row for row in _services(session, this, family_filter, offices, None).kinds}
    before = {row.kind_code: row.services for row in _services(session, last, family_filter, offices, None).kinds}
    return ServicesByKind(this, last, tuple(KindCount(code, row.kind_name, row.services, before.get(code, 0))
                                            for code, row in now.items()))


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
    to_date = Period(year_start, today, f"с начала {today.year} г.")
    services = _services(session, to_date, _family_conditions(offices, None), offices, None)
    forms = {code: name for _, code, name, _, _ in _dictionary(session, "service_form")}
    section = plan_rows(plan, today, done_volumes(services), forms)
    share = ((today - year_start).days + 1) / ((date(today.year, 12, 31) - year_start).days + 1)
    return PlanChart(today.year, today, tuple(
        PlanProgress(f"{row.name} ({row.conditions})" if row.conditions != ALL_FORMS_NAME else row.name,
                     row.planned, round(row.planned * share), row.done)
        for row in section.rows))


CHARTS: dict[str, Callable[[Session, Actor, date | None], Any]] = {
    "families": families_by_month, "services": services_by_kind, "attendance": attendance_by_office,
    "plan": plan_progress,
}
