"""The «Сегодня» screen's data: today's sessions, visits coming due, the user's overdue plan rows and how many
deadlines of each kind the families they work with have (a group's rows are read when it is opened:
`app.worklist.deadlines.deadline_page`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from app.core.access import family_scope
from app.core.actor import Actor
from app.core.permissions import VIEW_RECORDS, require
from app.rehab.calendar import SessionRow, day_session_counts, day_sessions
from app.rehab.choices import SessionChoices, load_session_choices
from app.worklist.deadlines import KindCount, count_deadlines
from db.models import Family, HomeVisit, PlanItem, SupportCase

VISITS_AHEAD_DAYS = 7  # visits whose next date falls within a week are shown as coming due
SESSIONS_PAGE = 200  # today's sessions read at a time (a coordinator of every office has some 1,900)


@dataclass(frozen=True)
class VisitDue:
    family_id: uuid.UUID
    family_title: str
    last_visit_on: date
    next_visit_on: date


@dataclass(frozen=True)
class PlanRowDue:
    plan_item_id: uuid.UUID
    family_id: uuid.UUID
    family_title: str
    measure: str
    due_on: date


@dataclass(frozen=True)
class TodayOverview:
    today: date
    sessions: list[SessionRow]  # today's first page: the user's own for a specialist, their offices' for a coordinator
    visits_due: list[VisitDue]
    plan_rows: list[PlanRowDue]  # overdue rows the user is the executor of
    counts: dict[str, KindCount]  # per deadline kind switched on
    session_choices: SessionChoices  # for marking attendance straight from the screen
    sessions_total: int  # all of today's (`sessions` is the first page of them)
    sessions_to_mark: int  # today's not cancelled and not wholly marked


def _visits_due(session: Session, actor: Actor, today: date) -> list[VisitDue]:
    """Families whose last visit set a next visit within a week (or already passed). The last visit's date is one
    seek of the live visits' (family, date) index per family, and its rows a second one — instead of grouping
    every visit of every family in scope (200,000 for a coordinator of every office)."""
    earlier = aliased(HomeVisit)
    last = (select(func.max(earlier.visit_date))
            .where(earlier.family_id == Family.id, earlier.deleted_at.is_(None)).scalar_subquery())
    query = (select(Family.id, Family.title, HomeVisit.visit_date, func.max(HomeVisit.next_visit_on))
             .join(HomeVisit, and_(HomeVisit.family_id == Family.id, HomeVisit.visit_date == last,
                                   HomeVisit.deleted_at.is_(None)))
             .where(family_scope(actor, Family, many=True), Family.deleted_at.is_(None),
                    HomeVisit.next_visit_on.is_not(None),
                    HomeVisit.next_visit_on <= today + timedelta(days=VISITS_AHEAD_DAYS))
             .group_by(Family.id, Family.title, HomeVisit.visit_date)
             .order_by(func.max(HomeVisit.next_visit_on), Family.title))
    return [VisitDue(family_id, title, last_on, due) for family_id, title, last_on, due in session.execute(query)
            if due is not None]


def _plan_rows(session: Session, actor: Actor, today: date) -> list[PlanRowDue]:
    if actor.staff_id is None:
        return []
    query = (select(PlanItem.id, Family.id, Family.title, PlanItem.measure, PlanItem.due_on)
             .join(SupportCase, SupportCase.id == PlanItem.case_id)
             .join(Family, Family.id == SupportCase.family_id)
             .where(PlanItem.executor_staff_id == actor.staff_id, PlanItem.done_on.is_(None),
                    PlanItem.due_on.is_not(None), PlanItem.due_on < today, SupportCase.closed_on.is_(None),
                    SupportCase.deleted_at.is_(None), Family.deleted_at.is_(None))
             .order_by(PlanItem.due_on))
    return [PlanRowDue(item_id, family_id, title, measure, due) for item_id, family_id, title, measure, due
            in session.execute(query) if due is not None]


def today_basics(session: Session, actor: Actor, today: date | None = None) -> TodayOverview:
    """Everything but the deadlines (`counts` empty): the screen counts those kind by kind afterwards, so the one
    database thread is never held for the whole computation at once."""
    require(actor, VIEW_RECORDS)
    today = today or date.today()
    total, to_mark = day_session_counts(session, actor, day=today, staff_id=_own_staff(actor))
    return TodayOverview(today, todays_sessions(session, actor, today), _visits_due(session, actor, today),
                         _plan_rows(session, actor, today), {}, load_session_choices(session), total, to_mark)


def todays_sessions(session: Session, actor: Actor, today: date, offset: int = 0, *,
                    whole: bool = False) -> list[SessionRow]:
    """The page of the screen's sessions of `today` from row `offset` (every one from there if `whole`), with
    their participants."""
    require(actor, VIEW_RECORDS)
    return day_sessions(session, actor, day=today, staff_id=_own_staff(actor), offset=offset,
                        limit=None if whole else SESSIONS_PAGE)


def _own_staff(actor: Actor) -> uuid.UUID | None:
    """A specialist sees their own sessions; a coordinator every session of their offices."""
    return actor.staff_id if actor.case_role == "specialist" else None


def today_overview(session: Session, actor: Actor, today: date | None = None) -> TodayOverview:
    """The whole screen's data in one read (the benchmark and the tests)."""
    basics = today_basics(session, actor, today)
    return replace(basics, counts=count_deadlines(session, actor, basics.today))
