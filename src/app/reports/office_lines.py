"""The quarterly report of every office at once: each section's queries grouped by office (#16).

The consolidated report of a region shows a line per office that must equal the report the office computes in its
own database (`compute_quarterly(office_ids=[office])`). Computing eight such reports scans a quarter eight times;
here every section runs its query once with the office as one more grouping column, and the same section builders
of `app.reports.quarterly` turn each office's rows into its section, so the rules stay in one place. The office of
a record is the one `compute_quarterly` filters by: the family's for support, children, visits and visit services;
the specialist's for sessions and their places; the trip's for trips; the event's for events.

For periods that are not whole months (no session summary to read) each office's report is computed in turn.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, case, distinct, func, literal, null, or_, select, union, union_all
from sqlalchemy.orm import Session

from app.core.dates import ADULT_AGE, add_years
from app.core.settings import REMOTE_KM, read_number
from app.reports.periods import Period
from app.reports.quarterly import (
    DONE,
    CaseSpan,
    ChildrenSection,
    EventsSection,
    QuarterlyReport,
    ServicesSection,
    SessionsSection,
    SupportSection,
    VisitsSection,
    _dictionary,
    _events_section,
    _families_with_case,
    _live_case,
    _open_after,
    _services_section,
    _session_rows,
    _support_section,
    compute_quarterly,
    support_movement,
    visit_services_given,
)
from app.reports.session_summary import attended_persons, session_counts_by_office, summary_months
from app.reports.state_assignment import PlanSection, done_volumes, plan_rows, read_plan
from db.models import (
    BrigadeTrip,
    ChildProfile,
    Event,
    Family,
    FamilyCategory,
    FamilyMember,
    HomeVisit,
    Person,
    PlaceMonth,
    RehabSession,
    Service,
    Settlement,
    Staff,
    SupportCase,
    TripStop,
    VisitService,
)

Offices = Sequence[uuid.UUID]


def compute_office_reports(session: Session, period: Period, office_ids: Offices,
                           remote_km: float | None = None) -> dict[uuid.UUID, QuarterlyReport]:
    """Each office's quarterly report, equal to `compute_quarterly(session, period, office_ids=[office])`."""
    months = summary_months(period)
    offices = list(office_ids)
    if months is None or not offices:
        return {office: compute_quarterly(session, period, office_ids=[office], remote_km=remote_km)
                for office in offices}
    remote = read_number(session, REMOTE_KM) if remote_km is None else remote_km
    families: list[ColumnElement[bool]] = [Family.deleted_at.is_(None), Family.office_id.in_(offices)]
    support = _support(session, period, offices, families)
    children = _children(session, period, months, families)
    services = _services(session, period, months, offices, families)
    visits = _visits(session, period, offices, families, remote)
    sessions = _sessions(session, months, offices)
    events = _events(session, period, offices)
    plans = _plans(session, period, services, offices, families)
    return {office: QuarterlyReport(
        period=period, support=support[office], children=children.get(office, ChildrenSection(0, 0, 0)),
        services=services[office], visits=visits[office], sessions=sessions[office], events=events[office],
        plan=plans[office]) for office in offices}


def _plans(session: Session, period: Period, services: dict[uuid.UUID, ServicesSection], offices: list[uuid.UUID],
           families: list[ColumnElement[bool]]) -> dict[uuid.UUID, PlanSection | None]:
    """The госзадание table of each office (`quarterly._plan`): the services since the year's start grouped once."""
    plan = read_plan(session, period.end.year)
    if not plan.lines:
        return {office: None for office in offices}
    year_start = date(period.end.year, 1, 1)
    if period.start != year_start:
        to_date = Period(year_start, period.end, f"с начала {period.end.year} г.")
        months = summary_months(to_date)
        assert months is not None  # the period ends on a month's end, so the year to date is whole months
        services = _services(session, to_date, months, offices, families)
    forms = {code: name for _, code, name, _, _ in _dictionary(session, "service_form")}
    return {office: plan_rows(plan, period.end, done_volumes(services[office]), forms) for office in offices}


def _support(session: Session, period: Period, offices: list[uuid.UUID],
             families: list[ColumnElement[bool]]) -> dict[uuid.UUID, SupportSection]:
    start, end = period.start, period.end
    spans: dict[Any, list[CaseSpan]] = defaultdict(list)
    for office, family_id, opened_on, closed_on, reason_id in session.execute(
            select(Family.office_id, SupportCase.family_id, SupportCase.opened_on, SupportCase.closed_on,
                   SupportCase.closing_reason_id)
            .join(Family, Family.id == SupportCase.family_id)
            .where(_live_case(SupportCase.opened_on <= end,
                              or_(SupportCase.closed_on.is_(None), SupportCase.closed_on >= start)), *families)):
        spans[office].append(CaseSpan(family_id, opened_on, closed_on, reason_id))
    end_ids = _families_with_case(families, _open_after(end)).subquery()
    categories: dict[Any, dict[Any, int]] = defaultdict(dict)
    for office, category, count in session.execute(
            select(Family.office_id, FamilyCategory.category_id, func.count(distinct(FamilyCategory.family_id)))
            .join(Family, Family.id == FamilyCategory.family_id)
            .where(FamilyCategory.family_id.in_(select(end_ids.c.family_id)), FamilyCategory.started_on <= end,
                   or_(FamilyCategory.ended_on.is_(None), FamilyCategory.ended_on >= end))
            .group_by(Family.office_id, FamilyCategory.category_id)):
        categories[office][category] = int(count)
    districts: dict[Any, dict[Any, int]] = defaultdict(dict)
    for office, district, count in session.execute(
            select(Family.office_id, Family.district_id, func.count())
            .where(Family.id.in_(select(end_ids.c.family_id))).group_by(Family.office_id, Family.district_id)):
        districts[office][district] = int(count)
    return {office: _support_section(session, support_movement(spans[office], start, end), categories[office],
                                     districts[office]) for office in offices}


def _children(session: Session, period: Period, months: tuple[int, int],
              families: list[ColumnElement[bool]]) -> dict[uuid.UUID, ChildrenSection]:
    start, end = period.start, period.end
    supported = _families_with_case(families, SupportCase.opened_on <= end,
                                    or_(SupportCase.closed_on.is_(None), SupportCase.closed_on >= start))
    visited = (select(VisitService.person_id).join(HomeVisit, HomeVisit.id == VisitService.visit_id)
               .where(VisitService.person_id.is_not(None), HomeVisit.deleted_at.is_(None),
                      HomeVisit.visit_date.between(start, end)))
    served = union(attended_persons(months), visited).subquery()
    # A child of families of two offices counts in each office's line (as in each office's own report). The
    # members are a DISTINCT derived table on purpose: SQLite cannot flatten it into the join, so the members of
    # the supported families are read once by family instead of probed per served person and family.
    members = (select(Family.office_id.label("office_id"), FamilyMember.person_id.label("person_id"))
               .join(Family, Family.id == FamilyMember.family_id)
               .where(FamilyMember.family_id.in_(supported),
                      or_(FamilyMember.left_on.is_(None), FamilyMember.left_on >= start))
               .distinct().subquery())
    query = (
        select(members.c.office_id, func.count(distinct(Person.id)),
               func.count(distinct(case((ChildProfile.is_disabled.is_(True), Person.id)))),
               func.count(distinct(case((ChildProfile.has_ovz.is_(True), Person.id)))))
        .select_from(members)
        .join(Person, Person.id == members.c.person_id)
        .outerjoin(ChildProfile, and_(ChildProfile.person_id == Person.id, ChildProfile.deleted_at.is_(None)))
        .where(Person.deleted_at.is_(None), Person.birth_date > add_years(end, -ADULT_AGE),
               Person.id.in_(select(served.c.person_id)))
        .group_by(members.c.office_id)
    )
    return {office: ChildrenSection(int(total), int(disabled), int(ovz))
            for office, total, disabled, ovz in session.execute(query)}


def _services(session: Session, period: Period, months: tuple[int, int], offices: list[uuid.UUID],
              families: list[ColumnElement[bool]]) -> dict[uuid.UUID, ServicesSection]:
    places = (select(Staff.office_id.label("office_id"), Service.kind_id.label("kind_id"),
                     Service.form_id.label("form_id"), PlaceMonth.person_id.label("recipient"),
                     PlaceMonth.attended.label("quantity"))
              .join(Service, Service.id == PlaceMonth.service_id).join(Staff, Staff.id == PlaceMonth.staff_id)
              .where(PlaceMonth.month.between(*months), PlaceMonth.attended > 0, Staff.office_id.in_(offices)))
    given = visit_services_given(period, families, Family.office_id)
    given_all = union_all(places, given).subquery()
    rows = (select(given_all.c.office_id, given_all.c.kind_id, given_all.c.form_id, given_all.c.recipient,
                   func.sum(given_all.c.quantity).label("quantity"))
            .group_by(given_all.c.office_id, given_all.c.kind_id, given_all.c.form_id, given_all.c.recipient)
            .cte("given_services").prefix_with("MATERIALIZED"))
    quantity = func.coalesce(func.sum(rows.c.quantity), 0)
    recipients = func.count(distinct(rows.c.recipient))
    statement = union_all(
        select(rows.c.office_id, literal(0).label("level"), rows.c.kind_id, rows.c.form_id, quantity, func.count())
        .group_by(rows.c.office_id, rows.c.kind_id, rows.c.form_id),
        select(rows.c.office_id, literal(1), rows.c.kind_id, null(), quantity, recipients)
        .group_by(rows.c.office_id, rows.c.kind_id),
        select(rows.c.office_id, literal(2), null(), null(), quantity, recipients).group_by(rows.c.office_id),
        select(rows.c.office_id, literal(3), null(), rows.c.form_id, quantity, recipients)
        .group_by(rows.c.office_id, rows.c.form_id),
    )
    by_office: dict[Any, list[tuple[Any, ...]]] = defaultdict(list)
    for office, *row in session.execute(statement):
        by_office[office].append(tuple(row))
    return {office: _services_section(session, by_office[office]) for office in offices}


def _visits(session: Session, period: Period, offices: list[uuid.UUID], families: list[ColumnElement[bool]],
            remote_km: float) -> dict[uuid.UUID, VisitsSection]:
    visit_where = [HomeVisit.deleted_at.is_(None), HomeVisit.visit_date.between(period.start, period.end),
                   *families]
    visits = {office: (int(count), int(on_trips)) for office, count, on_trips in session.execute(
        select(Family.office_id, func.count(), func.count(HomeVisit.trip_id)).select_from(HomeVisit)
        .join(Family, Family.id == HomeVisit.family_id).where(*visit_where).group_by(Family.office_id))}
    trip_where = [BrigadeTrip.deleted_at.is_(None), BrigadeTrip.status == DONE,
                  BrigadeTrip.trip_date.between(period.start, period.end), BrigadeTrip.office_id.in_(offices)]
    trips = dict(session.execute(select(BrigadeTrip.office_id, func.count()).where(*trip_where)
                                 .group_by(BrigadeTrip.office_id)).all())
    trip_sessions = dict(session.execute(
        select(BrigadeTrip.office_id, func.count()).select_from(RehabSession)
        .join(BrigadeTrip, BrigadeTrip.id == RehabSession.trip_id)
        .where(RehabSession.deleted_at.is_(None), RehabSession.cancelled.is_(False), *trip_where)
        .group_by(BrigadeTrip.office_id)).all())
    reached = union(
        select(Family.office_id.label("office_id"), Family.settlement_id.label("settlement_id"))
        .join(HomeVisit, HomeVisit.family_id == Family.id).where(*visit_where, Family.settlement_id.is_not(None)),
        select(BrigadeTrip.office_id, TripStop.settlement_id).join(BrigadeTrip, BrigadeTrip.id == TripStop.trip_id)
        .where(*trip_where),
    ).subquery()
    settlements = {office: (int(count), int(remote)) for office, count, remote in session.execute(
        select(reached.c.office_id, func.count(),
               func.count(case((Settlement.distance_km >= remote_km, Settlement.id))))
        .select_from(reached).join(Settlement, Settlement.id == reached.c.settlement_id)
        .group_by(reached.c.office_id))}
    return {office: VisitsSection(
        home_visits=visits.get(office, (0, 0))[0], visits_on_trips=visits.get(office, (0, 0))[1],
        trips_done=int(trips.get(office, 0)), settlements=settlements.get(office, (0, 0))[0],
        remote_settlements=settlements.get(office, (0, 0))[1], remote_km=remote_km,
        sessions_on_trips=int(trip_sessions.get(office, 0))) for office in offices}


def _sessions(session: Session, months: tuple[int, int], offices: list[uuid.UUID]
              ) -> dict[uuid.UUID, SessionsSection]:
    counts = session_counts_by_office(session, months, offices)
    return {office: _session_rows(session, counts.get(office, {})) for office in offices}


def _events(session: Session, period: Period, offices: list[uuid.UUID]) -> dict[uuid.UUID, EventsSection]:
    counts = (Event.specialists_count, Event.parents_count, Event.children_count, Event.others_count)
    by_office: dict[Any, dict[Any, tuple[int, ...]]] = defaultdict(dict)
    for office, type_id, *values in session.execute(
            select(Event.office_id, Event.type_id, func.count(), func.sum(sum(counts, start=literal(0))),
                   func.sum(Event.in_person_count), func.sum(Event.online_count),
                   *(func.sum(column) for column in counts))
            .where(Event.deleted_at.is_(None), Event.starts_on.between(period.start, period.end),
                   Event.office_id.in_(offices))
            .group_by(Event.office_id, Event.type_id)):
        by_office[office][type_id] = tuple(int(value or 0) for value in values)
    return {office: _events_section(session, by_office[office]) for office in offices}

