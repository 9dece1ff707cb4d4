"""The quarterly report of every office at once: each section's queries grouped by office (#16).

The consolidated report of a region shows a line per office that must equal the report the office computes in its
own database (`compute_quarterly(office_ids=[office])`). Computing eight such reports scans a quarter eight times;
here every section runs its query once with the office as one more grouping column, and the same section builders
of `app.reports.quarterly` turn each office's rows into its section, so the rules stay in one place. The office of
a record is the one `compute_quarterly` filters by: the family's for support, children, visits and visit services;
the specialist's for sessions and their places; the trip's for trips; the event's for events.

For periods that are not whole months (no session summary to read) each office's report is computed in turn.

`compute_region_and_offices` also returns the region's report from the same pass when the offices are all of them:
every record belongs to exactly one office, so the figures that count records (support, sessions, events, visits,
trips, the services' quantities) are the offices' sums; the distinct people and settlements (children served,
recipients, settlements reached) are counted again over the whole region, from the same grouped rows where they
are at hand (recipients, settlements) and by the region's own query otherwise (children).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    case,
    distinct,
    func,
    literal,
    null,
    or_,
    select,
    text,
    union,
    union_all,
)
from sqlalchemy.orm import Session

from app.core.dates import ADULT_AGE, add_years
from app.core.settings import REMOTE_KM, read_number
from app.core.split_read import run_split
from app.reports.office_support import REGION, Breakdowns, support_breakdowns, support_movements, support_sections
from app.reports.periods import Period
from app.reports.quarterly import (
    DONE,
    ChildrenSection,
    EventsSection,
    Movement,
    QuarterlyReport,
    ServicesSection,
    SessionsSection,
    VisitsSection,
    _dictionary,
    _events_section,
    _families_with_case,
    _services_section,
    _session_rows,
    compute_quarterly,
    visit_services_given,
)
from app.reports.recipient_counts import Rows, counted_sections, service_pairs
from app.reports.service_summary import given_rows, served_in, year_months
from app.reports.session_summary import attended_persons, session_counts_by_office, summary_months
from app.reports.state_assignment import PlanSection, YearPlan, done_volumes, plan_rows, read_plan
from db.models import (
    BrigadeTrip,
    ChildProfile,
    Event,
    Family,
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
from db.session import Database

Offices = Sequence[uuid.UUID]




def compute_office_reports(session: Session, period: Period, office_ids: Offices,
                           remote_km: float | None = None) -> dict[uuid.UUID, QuarterlyReport]:
    """Each office's quarterly report, equal to `compute_quarterly(session, period, office_ids=[office])`."""
    return _compute(session, period, list(office_ids), remote_km, with_region=False)[1]


def compute_region_and_offices(session: Session, period: Period, office_ids: Offices,
                               remote_km: float | None = None
                               ) -> tuple[QuarterlyReport, dict[uuid.UUID, QuarterlyReport]]:
    """The region's report (equal to `compute_quarterly(session, period)`) and each office's, in one pass.

    `office_ids` must be every office of the database: the region's additive figures are the offices' sums.
    """
    region, lines = _compute(session, period, list(office_ids), remote_km, with_region=True)
    assert region is not None
    return region, lines


def compute_region_and_offices_at_once(database: Database, period: Period, office_ids: Offices,
                                       remote_km: float | None = None
                                       ) -> tuple[QuarterlyReport, dict[uuid.UUID, QuarterlyReport]]:
    """What `compute_region_and_offices` gives, its sections split in two halves run at once on two connections
    that see the same data (`app.core.split_read`): a region's report uses both cores."""
    offices = list(office_ids)
    months = summary_months(period)
    if months is None or not offices:
        with database.read() as session:
            return compute_region_and_offices(session, period, offices, remote_km)
    pass_ = _Pass(period, months, offices, remote_km, with_region=True)
    cost = SECTION_COST.get(database.engine.dialect.name, SECTION_COST["sqlite"])
    region, lines = run_split(database, SECTIONS, cost, pass_.run, pass_.reports,
                              thread_name="region-report")
    assert region is not None
    return region, lines


def _compute(session: Session, period: Period, offices: list[uuid.UUID], remote_km: float | None,
             with_region: bool) -> tuple[QuarterlyReport | None, dict[uuid.UUID, QuarterlyReport]]:
    months = summary_months(period)
    if months is None or not offices:
        region = compute_quarterly(session, period, remote_km=remote_km) if with_region else None
        return region, {office: compute_quarterly(session, period, office_ids=[office], remote_km=remote_km)
                        for office in offices}
    pass_ = _Pass(period, months, offices, remote_km, with_region)
    return pass_.reports(session, pass_.run(session, list(SECTIONS)))


# The sections of one pass, each computed on its own (any of them may run on another connection), and their
# relative cost for a region of 100,000 families on each database (bench/README.md, #16): the halves are balanced
# by it. PostgreSQL's figures are its server's CPU and ours together.
SECTIONS = ("support", "support_breakdowns", "children", "services", "visits", "sessions", "events")
SECTION_COST = {
    "sqlite": {"support": 1.4, "support_breakdowns": 0.7, "children": 1.8, "services": 2.0, "visits": 1.0,
               "sessions": 0.5, "events": 0.05},
    "postgresql": {"support": 1.1, "support_breakdowns": 0.3, "children": 2.0, "services": 1.6, "visits": 0.35,
                   "sessions": 0.6, "events": 0.05},
}


class _Pass:
    """The sections of every office's (and the region's) report for whole months: `run` computes the named ones
    in a read unit, `reports` puts them together."""

    def __init__(self, period: Period, months: tuple[int, int], offices: list[uuid.UUID],
                 remote_km: float | None, with_region: bool) -> None:
        self.period, self.months, self.offices = period, months, offices
        self.remote_km, self.with_region = remote_km, with_region
        self.families: list[ColumnElement[bool]] = [Family.deleted_at.is_(None), Family.office_id.in_(offices)]
        # The families of the children section and of the support breakdowns. With the region the offices are all
        # of them: every family is in one, so the office condition says nothing and is left out there — on SQLite
        # it made the planner walk each office's families and seek their cases, slower than reading the cases in
        # family order (the supported families 0.61 against 0.26 s on 100,000 families; children 2.4 against 1.9 s).
        # The visits and the support movement keep it: from the families, their (family, …) indexes are the
        # faster way there (visits 0.8 against 1.2 s, the cases 0.42 against 0.60 s).
        self.case_families = self.families[:1] if with_region else self.families

    def run(self, session: Session, names: list[str]) -> dict[str, Any]:
        if session.get_bind().dialect.name == "postgresql":
            # Each section is one or two queries of about a second over a region, costed high enough for
            # PostgreSQL to compile them (JIT: 233 ms of the children's 4.6 s on 100,000 families at load 8),
            # which one run of each never gains back. Off for this transaction only.
            session.execute(text("SET LOCAL jit = off"))
        return {name: getattr(self, f"_{name}")(session) for name in names}

    def _support(self, session: Session) -> dict[Any, Movement]:
        return support_movements(session, self.period, self.offices, self.families)

    def _support_breakdowns(self, session: Session) -> Breakdowns:
        return support_breakdowns(session, self.period, self.case_families)

    def _children(self, session: Session) -> dict[Any, ChildrenSection]:
        return _children(session, self.period, self.months, self.case_families, self.with_region)

    def _services(self, session: Session) -> tuple[dict[Any, ServicesSection], dict[Any, PlanSection | None]]:
        """The services and the госзадание's table, which reads the services of the year to date."""
        plan = read_plan(session, self.period.end.year)
        counted = _counted(session, self.period, self.months, self.offices, self.with_region, bool(plan.lines))
        if counted is None:
            services = _services(session, self.period, self.months, self.offices, self.families, self.with_region)
            year_rows = None
        else:
            services = {key: _services_section(session, rows) for key, rows in counted[0].items()}
            year_rows = counted[1]
        plans = _plans(session, self.period, services, self.offices, self.with_region, plan, year_rows)
        return services, plans

    def _visits(self, session: Session) -> dict[Any, VisitsSection]:
        remote = read_number(session, REMOTE_KM) if self.remote_km is None else self.remote_km
        return _visits(session, self.period, self.offices, self.families, remote, self.with_region)

    def _sessions(self, session: Session) -> dict[Any, SessionsSection]:
        return _sessions(session, self.months, self.offices, self.with_region)

    def _events(self, session: Session) -> dict[Any, EventsSection]:
        return _events(session, self.period, self.offices, self.with_region)

    def reports(self, session: Session, parts: dict[str, Any]
                ) -> tuple[QuarterlyReport | None, dict[uuid.UUID, QuarterlyReport]]:
        """The reports from the sections' parts (`session`: the dictionaries' names of the support section)."""
        support = support_sections(session, self.offices, parts["support"], parts["support_breakdowns"],
                                    self.with_region)
        services, plans = parts["services"]
        keys: list[Any] = [*self.offices, REGION] if self.with_region else list(self.offices)
        reports = {key: QuarterlyReport(
            period=self.period, support=support[key],
            children=parts["children"].get(key, ChildrenSection(0, 0, 0)), services=services[key],
            visits=parts["visits"][key], sessions=parts["sessions"][key], events=parts["events"][key],
            plan=plans[key]) for key in keys}
        region = reports.pop(REGION) if self.with_region else None
        return region, reports


def _counted(session: Session, period: Period, months: tuple[int, int], offices: list[uuid.UUID],
             with_region: bool, with_plan: bool) -> tuple[dict[Any, Rows], dict[Any, Rows]] | None:
    """The services rows of every office and the region, and the year to date's when the госзадание needs them,
    from the recipients' one ordered pass (app.reports.recipient_counts); None where it does not apply."""
    span = year_months(months)
    if span is None:
        return None
    pairs = service_pairs(session)
    if not pairs.fits:
        return None
    year, first, last = span
    to_date = last if with_plan and first != 1 else None
    keys: list[Any] = [*offices, REGION] if with_region else list(offices)
    return counted_sections(session, pairs, year, (first, last), to_date, offices, keys, with_region, REGION)


def _plans(session: Session, period: Period, services: dict[Any, ServicesSection], offices: list[uuid.UUID],
           with_region: bool, plan: YearPlan, year_rows: dict[Any, Rows] | None) -> dict[Any, PlanSection | None]:
    """The госзадание table of each office (`quarterly._plan`) and of the region: the year to date grouped once
    (or taken from the recipients' pass, `year_rows`)."""
    keys: list[Any] = [*offices, REGION] if with_region else list(offices)
    if not plan.lines:
        return {key: None for key in keys}
    year_start = date(period.end.year, 1, 1)
    if period.start != year_start:
        if year_rows is not None:
            services = {key: _services_section(session, year_rows[key]) for key in keys}
        else:
            to_date = Period(year_start, period.end, f"с начала {period.end.year} г.")
            months = summary_months(to_date)
            assert months is not None  # the period ends on a month's end, so the year to date is whole months
            services = _year_volumes(session, months, offices, with_region)
    forms = {code: name for _, code, name, _, _ in _dictionary(session, "service_form")}
    return {key: plan_rows(plan, period.end, done_volumes(services[key]), forms) for key in keys}


def _year_volumes(session: Session, months: tuple[int, int], offices: list[uuid.UUID], with_region: bool
                  ) -> dict[Any, ServicesSection]:
    """What the госзадание table reads of the services (`done_volumes`): services and distinct recipients by form
    and in all. Recipients are distinct persons over the year, so they are counted from the services' yearly summary
    (one row per recipient, office, form and kind; app.reports.service_summary), grouped by form alone."""
    span = year_months(months)
    assert span is not None  # the year to date: whole months of one year
    # The summary's rows of the year, one per office, form, recipient and kind: the kinds folded per recipient.
    given = given_rows(span, offices).subquery()
    rows = (select(given.c.office_id, given.c.form_id, given.c.recipient, func.sum(given.c.quantity).label("quantity"))
            .group_by(given.c.office_id, given.c.form_id, given.c.recipient)
            .cte("year_services").prefix_with("MATERIALIZED"))
    total = func.coalesce(func.sum(rows.c.quantity), 0)
    recipients = func.count(distinct(rows.c.recipient))
    branches = [  # the typed form column first: a union's result types are its first branch's
        select(rows.c.office_id, literal(3).label("level"), null(), rows.c.form_id, total, func.count())
        .group_by(rows.c.office_id, rows.c.form_id),
        select(rows.c.office_id, literal(2), null(), null(), total, recipients).group_by(rows.c.office_id),
    ]
    if with_region:
        branches += [select(null(), literal(2), null(), null(), total, recipients),
                     select(null(), literal(3), null(), rows.c.form_id, total, recipients)
                     .group_by(rows.c.form_id)]
    by_key: dict[Any, list[tuple[Any, ...]]] = defaultdict(list)
    for key, *row in session.execute(union_all(*branches)):
        by_key[key].append(tuple(row))
    keys: list[Any] = [*offices, REGION] if with_region else list(offices)
    return {key: _services_section(session, by_key[key]) for key in keys}


def _children(session: Session, period: Period, months: tuple[int, int],
              families: list[ColumnElement[bool]], with_region: bool) -> dict[Any, ChildrenSection]:
    start, end = period.start, period.end
    supported = _families_with_case(families, SupportCase.opened_on <= end,
                                    or_(SupportCase.closed_on.is_(None), SupportCase.closed_on >= start))
    visited = (select(VisitService.person_id).join(HomeVisit, HomeVisit.id == VisitService.visit_id)
               .where(VisitService.person_id.is_not(None), HomeVisit.deleted_at.is_(None),
                      HomeVisit.visit_date.between(start, end)))
    span = year_months(months)
    is_served: ColumnElement[bool]
    if span is None or session.get_bind().dialect.name != "sqlite":
        # PostgreSQL hashes the period's attended persons as fast as it would the summary's recipients (1.55 vs
        # 1.73 s of server CPU on 100,000 families): the sessions' summary, as the region's own report reads it.
        served = union(attended_persons(months), visited).subquery()
        is_served = Person.id.in_(select(served.c.person_id))
    else:
        is_served = served_in(span, Person.id, visited)
    # A child of families of two offices counts in each office's line (as in each office's own report). The
    # members are a DISTINCT derived table on purpose: SQLite cannot flatten it into the join, so the members of
    # the supported families are read once by family instead of probed per served person and family.
    members = (select(Family.office_id.label("office_id"), FamilyMember.person_id.label("person_id"))
               .join(Family, Family.id == FamilyMember.family_id)
               .where(FamilyMember.family_id.in_(supported),
                      or_(FamilyMember.left_on.is_(None), FamilyMember.left_on >= start))
               .distinct().subquery())
    children = (
        select(members.c.office_id.label("office_id"), Person.id.label("person_id"),
               case((ChildProfile.is_disabled.is_(True), Person.id)).label("disabled"),
               case((ChildProfile.has_ovz.is_(True), Person.id)).label("ovz"))
        .select_from(members)
        .join(Person, Person.id == members.c.person_id)
        .outerjoin(ChildProfile, and_(ChildProfile.person_id == Person.id, ChildProfile.deleted_at.is_(None)))
        .where(Person.deleted_at.is_(None), Person.birth_date > add_years(end, -ADULT_AGE), is_served)
        .cte("served_children").prefix_with("MATERIALIZED"))
    counts = (func.count(distinct(children.c.person_id)), func.count(distinct(children.c.disabled)),
              func.count(distinct(children.c.ovz)))
    branches = [select(children.c.office_id, *counts).group_by(children.c.office_id)]
    if with_region:
        # The same rows over every office: a child of families of two offices is one child of the region (every
        # live family belongs to one of the offices, so these are the region's members of supported families).
        branches.append(select(null(), *counts))
    return {office: ChildrenSection(int(total), int(disabled), int(ovz))
            for office, total, disabled, ovz in session.execute(union_all(*branches))}


def _services(session: Session, period: Period, months: tuple[int, int], offices: list[uuid.UUID],
              families: list[ColumnElement[bool]], with_region: bool) -> dict[Any, ServicesSection]:
    span = year_months(months)
    if span is not None:  # one row per office, kind, form and recipient already: no regrouping of months
        rows = given_rows(span, offices).cte("given_services").prefix_with("MATERIALIZED")
    else:
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
    branches = [
        select(rows.c.office_id, literal(0).label("level"), rows.c.kind_id, rows.c.form_id, quantity, func.count())
        .group_by(rows.c.office_id, rows.c.kind_id, rows.c.form_id),
        select(rows.c.office_id, literal(1), rows.c.kind_id, null(), quantity, recipients)
        .group_by(rows.c.office_id, rows.c.kind_id),
        select(rows.c.office_id, literal(2), null(), null(), quantity, recipients).group_by(rows.c.office_id),
        select(rows.c.office_id, literal(3), null(), rows.c.form_id, quantity, recipients)
        .group_by(rows.c.office_id, rows.c.form_id),
    ]
    if with_region:  # the same rows over every office: a recipient served by two offices counts once
        branches += [
            select(null(), literal(0), rows.c.kind_id, rows.c.form_id, quantity, recipients)
            .group_by(rows.c.kind_id, rows.c.form_id),
            select(null(), literal(1), rows.c.kind_id, null(), quantity, recipients).group_by(rows.c.kind_id),
            select(null(), literal(2), null(), null(), quantity, recipients),
            select(null(), literal(3), null(), rows.c.form_id, quantity, recipients).group_by(rows.c.form_id),
        ]
    by_office: dict[Any, list[tuple[Any, ...]]] = defaultdict(list)
    for office, *row in session.execute(union_all(*branches)):
        by_office[office].append(tuple(row))
    keys: list[Any] = [*offices, REGION] if with_region else list(offices)
    return {key: _services_section(session, by_office[key]) for key in keys}


def _visits(session: Session, period: Period, offices: list[uuid.UUID], families: list[ColumnElement[bool]],
            remote_km: float, with_region: bool) -> dict[Any, VisitsSection]:
    visit_where = [HomeVisit.deleted_at.is_(None), HomeVisit.visit_date.between(period.start, period.end),
                   *families]
    # One pass over the period's visits grouped by office and settlement gives both the visits' counts and the
    # settlements they reached (two passes over the same rows before: 0.5 s more on 100,000 families).
    visits: dict[Any, tuple[int, int]] = defaultdict(lambda: (0, 0))
    reached: dict[Any, set[Any]] = defaultdict(set)
    for office, settlement, count, on_trips in session.execute(
            select(Family.office_id, Family.settlement_id, func.count(), func.count(HomeVisit.trip_id))
            .select_from(HomeVisit).join(Family, Family.id == HomeVisit.family_id).where(*visit_where)
            .group_by(Family.office_id, Family.settlement_id)):
        before = visits[office]
        visits[office] = (before[0] + int(count), before[1] + int(on_trips))
        if settlement is not None:
            reached[office].add(settlement)
    trip_where = [BrigadeTrip.deleted_at.is_(None), BrigadeTrip.status == DONE,
                  BrigadeTrip.trip_date.between(period.start, period.end), BrigadeTrip.office_id.in_(offices)]
    trips: dict[Any, int] = dict(session.execute(select(BrigadeTrip.office_id, func.count()).where(*trip_where)
                                 .group_by(BrigadeTrip.office_id)).all())
    trip_sessions: dict[Any, int] = dict(session.execute(
        select(BrigadeTrip.office_id, func.count()).select_from(RehabSession)
        .join(BrigadeTrip, BrigadeTrip.id == RehabSession.trip_id)
        .where(RehabSession.deleted_at.is_(None), RehabSession.cancelled.is_(False), *trip_where)
        .group_by(BrigadeTrip.office_id)).all())
    for office, settlement in session.execute(
            select(BrigadeTrip.office_id, TripStop.settlement_id).join(BrigadeTrip, BrigadeTrip.id == TripStop.trip_id)
            .where(*trip_where)):
        reached[office].add(settlement)
    keys: list[Any] = list(offices)
    if with_region:
        # Each visit belongs to its family's office, each trip (and its sessions) to the trip's office; a
        # settlement reached by two offices is one settlement of the region.
        visits[REGION] = (sum(count for count, _ in visits.values()), sum(on for _, on in visits.values()))
        trips[REGION] = sum(trips.values())
        trip_sessions[REGION] = sum(trip_sessions.values())
        reached[REGION] = set().union(*(reached[office] for office in offices))
        keys.append(REGION)
    far = set(session.execute(select(Settlement.id).where(Settlement.distance_km >= remote_km)).scalars())
    return {office: VisitsSection(
        home_visits=visits[office][0], visits_on_trips=visits[office][1],
        trips_done=int(trips.get(office, 0)), settlements=len(reached[office]),
        remote_settlements=len(reached[office] & far), remote_km=remote_km,
        sessions_on_trips=int(trip_sessions.get(office, 0))) for office in keys}


def _sessions(session: Session, months: tuple[int, int], offices: list[uuid.UUID], with_region: bool
              ) -> dict[Any, SessionsSection]:
    counts: dict[Any, dict[tuple[Any, Any], tuple[int, int, int, int]]] = dict(
        session_counts_by_office(session, months, offices))
    keys: list[Any] = list(offices)
    if with_region:  # a session belongs to its specialist's office
        region: dict[tuple[Any, Any], tuple[int, int, int, int]] = {}
        for office in offices:
            for key, values in counts.get(office, {}).items():
                before = region.get(key, (0, 0, 0, 0))
                region[key] = (before[0] + values[0], before[1] + values[1], before[2] + values[2],
                               before[3] + values[3])
        counts[REGION] = region
        keys.append(REGION)
    return {key: _session_rows(session, counts.get(key, {})) for key in keys}


def _events(session: Session, period: Period, offices: list[uuid.UUID], with_region: bool
            ) -> dict[Any, EventsSection]:
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
    keys: list[Any] = list(offices)
    if with_region:  # an event belongs to its office
        region: dict[Any, tuple[int, ...]] = {}
        for office in offices:
            for type_id, figures in by_office[office].items():
                before = region.get(type_id, (0,) * len(figures))
                region[type_id] = tuple(a + b for a, b in zip(before, figures, strict=True))
        by_office[REGION] = region
        keys.append(REGION)
    return {key: _events_section(session, by_office[key]) for key in keys}

