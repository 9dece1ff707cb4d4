"""The figures of «Квартальный отчёт о деятельности», each section one or a few SQL aggregates.

Nothing loads ORM objects: every count is a GROUP BY/COUNT on the server, so a quarter of a
million-session table takes the time of the grouping query itself. The one exception is the movement
of families, derived in Python from the spans of the cases that touch the period (one short row per
case) so that its control relations hold by construction (`support_movement`). Only live records count
(deleted_at IS NULL); cancelled sessions are not services.

Rules, in the order of the sections:

* **Movement of families** (control relation: at start + taken on − removed = at end, always). A case
  covers the ends of the days from its opening day to the day before its closing day. A family is
  **on support at the start** when a live case of it covers the end of the day before the period
  (opened_on < start, closed_on NULL or ≥ start); **on support at the end** when one covers the end of
  the period's last day (opened_on ≤ end, closed_on NULL or > end) — a case closed on the last day
  counts as removed; **on support during the period** when a live case of it touches the period at all
  (opened_on ≤ end, closed_on NULL or ≥ start). **Taken on** = on support during the period and not at
  its start; **removed** = on support during the period and not at its end. A family taken on and
  removed inside the period counts in both; a family on support at both ends but removed and taken on
  again in between counts in neither and is shown in a row of its own («снято и вновь принято»).
* **Removed by reason**: one reason per removed family, that of its last closed case (the latest
  closing day; on a tie the latest opened), so the reasons sum exactly to the removed families.
* **By category / district** (of the families on support at the end): categories whose row is
  active on the end day (started_on ≤ end, ended_on NULL or ≥ end); a family in two categories counts
  in both (so categories do not sum to the total). Districts by the family's address, «Район не
  указан» when there is none: the districts sum exactly to the families on support at the end.
* **Children served**: persons under 18 on the end day, live members (not left before the period) of a
  family on support at some day of the period, with at least one attended session or a visit service
  given to them within the period; with disability (child profile is_disabled) and with ОВЗ (has_ovz).
* **Services** by kind × form: attended places in live, not cancelled sessions starting within the
  period, plus the quantities of services of live visits made within the period. Recipients are
  distinct persons; a visit service given to the family as a whole (no person) counts the family as
  one recipient.
* **Visits and trips**: live home visits within the period (of which made on brigade trips), live trips
  with status «done» within the period and the live, not cancelled sessions those trips held with children
  (a brigade's sessions belong to their trip: `RehabSession.trip_id`), settlements reached = distinct
  settlements of the visited families plus the route stops of the trips done; remote ones lie `remote_km` or
  farther.
* **Sessions** by the specialist's position × delivery mode: live, not cancelled sessions starting
  within the period; places planned, attended, absent and the rate attended / (attended + absent).
* **Events** starting within the period, by type, with the participant counts entered for them.

Filters: `office_ids`/`district_ids` limit families by their office/district (and so visits and the
children served); sessions by the specialist's office (and, with `district_ids`, to children of live
families of those districts); trips by their office (and, with `district_ids`, to the trips with a stop
in those districts, counting only settlements there); events by their office (districts do not apply).

For whole calendar months the sessions, their places and the attended persons are read from the sessions' monthly
summary kept by the database (`app.reports.session_summary`; with `district_ids` the sessions and services still
group the sessions themselves); the figures are the same either way (tests/app/reports/test_session_summary.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    distinct,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    union,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from app.core.dates import ADULT_AGE, add_years
from app.core.figures import attendance_rate
from app.core.settings import REMOTE_KM, read_number
from app.reports.periods import Period
from app.reports.session_summary import attended_persons, attended_places, session_counts, summary_months
from app.reports.state_assignment import PlanSection, done_volumes, plan_rows, read_plan
from db.models import (
    BrigadeTrip,
    ChildProfile,
    DictionaryItem,
    District,
    Event,
    Family,
    FamilyCategory,
    FamilyMember,
    HomeVisit,
    Person,
    RehabSession,
    Service,
    SessionParticipant,
    Settlement,
    Staff,
    SupportCase,
    TripStop,
    VisitService,
)

NO_DISTRICT = "Район не указан"
NO_REASON = "Причина не указана"
DONE = "done"


@dataclass(frozen=True)
class CountRow:
    """One line of a breakdown: the dictionary code (or "" for a district/unknown), its name, the count."""

    code: str
    name: str
    count: int


@dataclass(frozen=True)
class SupportSection:
    at_start: int
    at_end: int
    taken_on: int
    removed: int
    removed_by_reason: tuple[CountRow, ...]
    by_category: tuple[CountRow, ...]
    by_district: tuple[CountRow, ...]
    returned: int = 0  # on support at both ends, removed and taken on again in between (not in the movement)


@dataclass(frozen=True)
class CaseSpan:
    """What the movement of families needs of one live case."""

    family_id: Any
    opened_on: date
    closed_on: date | None
    reason_id: Any = None


@dataclass(frozen=True)
class Movement:
    """The families of each line of «Движение семей» (see the module's rules)."""

    at_start: frozenset[Any]
    at_end: frozenset[Any]
    taken_on: frozenset[Any]
    removed: frozenset[Any]
    returned: frozenset[Any]
    reasons: dict[Any, Any]  # removed family -> the closing reason of its last closed case


def _covers(span: CaseSpan, day: date) -> bool:
    """The case covers the end of `day`: opened by then and not closed on or before it."""
    return span.opened_on <= day and (span.closed_on is None or span.closed_on > day)


def _has_gap(spans: list[CaseSpan], start: date, end: date) -> bool:
    """Some end of a day from `start` to `end` is covered by none of `spans`."""
    covered_to = start - timedelta(days=1)  # the day before the period is covered (the family was on support)
    for span in sorted(spans, key=lambda item: item.opened_on):
        if span.opened_on > covered_to + timedelta(days=1):
            return covered_to < end
        last = end if span.closed_on is None else span.closed_on - timedelta(days=1)
        covered_to = max(covered_to, last)
        if covered_to >= end:
            return False
    return covered_to < end


def support_movement(spans: Collection[CaseSpan], start: date, end: date) -> Movement:
    """Taken on, removed and the two ends from the live cases that touch [start, end] (others are ignored)."""
    by_family: dict[Any, list[CaseSpan]] = {}
    for span in spans:
        if span.opened_on <= end and (span.closed_on is None or span.closed_on >= start):
            items = by_family.get(span.family_id)
            if items is None:
                by_family[span.family_id] = [span]
            else:
                items.append(span)
    before = start - timedelta(days=1)
    at_start: set[Any] = set()
    at_end: set[Any] = set()
    reasons = {}
    returned = set()
    for family, items in by_family.items():
        if len(items) == 1:
            # Most families have one case in a period (a region's tens of thousands): the rules below for one span,
            # inline. It touches the period, so it was opened by its end; one span has no gap.
            span = items[0]
            closed = span.closed_on
            if span.opened_on <= before and (closed is None or closed > before):
                at_start.add(family)
            if closed is None or closed > end:
                at_end.add(family)
            else:
                reasons[family] = span.reason_id
            continue
        if any(_covers(span, before) for span in items):
            at_start.add(family)
        if any(_covers(span, end) for span in items):
            at_end.add(family)
            if family in at_start and _has_gap(items, start, end):
                returned.add(family)
        else:  # removed: the reason of its last closed case
            last = max(items, key=lambda span: (span.closed_on or end, span.opened_on))
            reasons[family] = last.reason_id
    during = set(by_family)
    return Movement(frozenset(at_start), frozenset(at_end), frozenset(during - at_start), frozenset(reasons),
                    frozenset(returned), reasons)


@dataclass(frozen=True)
class ChildrenSection:
    served: int
    disabled: int
    ovz: int


@dataclass(frozen=True)
class ServiceCell:
    form_code: str
    form_name: str
    services: int
    recipients: int


@dataclass(frozen=True)
class ServiceKindRow:
    """A row of form 6-собес: one kind of 442-ФЗ, its cells by form and the kind's totals."""

    kind_code: str
    kind_name: str
    forms: tuple[ServiceCell, ...]
    services: int
    recipients: int


@dataclass(frozen=True)
class ServicesSection:
    kinds: tuple[ServiceKindRow, ...]
    services: int
    recipients: int
    # Each form over all kinds: distinct recipients do not add up from the kind rows.
    by_form: tuple[ServiceCell, ...]


@dataclass(frozen=True)
class VisitsSection:
    home_visits: int
    visits_on_trips: int
    trips_done: int
    settlements: int
    remote_settlements: int
    remote_km: float
    sessions_on_trips: int = 0  # sessions held with children on the trips done (their trip_id)


@dataclass(frozen=True)
class SessionRow:
    position_code: str
    position: str
    mode_code: str
    mode: str
    sessions: int
    planned: int
    attended: int
    absent: int

    @property
    def rate(self) -> float | None:
        return attendance_rate(self.attended, self.absent)


@dataclass(frozen=True)
class SessionsSection:
    rows: tuple[SessionRow, ...]
    total: SessionRow


@dataclass(frozen=True)
class EventRow:
    type_code: str
    type_name: str
    events: int
    participants: int
    in_person: int
    online: int
    specialists: int
    parents: int
    children: int
    others: int


@dataclass(frozen=True)
class EventsSection:
    rows: tuple[EventRow, ...]
    total: EventRow


@dataclass(frozen=True)
class QuarterlyReport:
    period: Period
    support: SupportSection
    children: ChildrenSection
    services: ServicesSection
    visits: VisitsSection
    sessions: SessionsSection
    events: EventsSection
    plan: PlanSection | None = None  # None when no госзадание plan is entered for the period's year

    def to_json_dict(self) -> dict[str, Any]:
        """Plain JSON types: dates as ISO strings, session rows with their `rate` (None when nothing marked)."""
        return to_plain(self)


def to_plain(value: Any) -> Any:
    """Frozen report rows as plain JSON types (dates ISO, UUIDs as text, session rows with their rate)."""
    if isinstance(value, SessionRow):
        return {**{f.name: getattr(value, f.name) for f in fields(value)}, "rate": value.rate}
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [to_plain(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


# --- shared conditions ---------------------------------------------------------------------------------

def _family_conditions(office_ids: Collection[uuid.UUID] | None,
                       district_ids: Collection[uuid.UUID] | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Family.deleted_at.is_(None)]
    if office_ids is not None:
        conditions.append(Family.office_id.in_(list(office_ids)))
    if district_ids is not None:
        conditions.append(Family.district_id.in_(list(district_ids)))
    return conditions


def _live_case(*conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    return and_(SupportCase.deleted_at.is_(None), *conditions)


def _open_after(day: date) -> ColumnElement[bool]:
    """Opened by `day` and not closed by its end."""
    return and_(SupportCase.opened_on <= day, or_(SupportCase.closed_on.is_(None), SupportCase.closed_on > day))


def _families_with_case(family_filter: list[ColumnElement[bool]], *conditions: ColumnElement[bool]
                        ) -> Select[uuid.UUID]:
    return (select(SupportCase.family_id).join(Family, Family.id == SupportCase.family_id)
            .where(_live_case(*conditions), *family_filter).distinct())


def _bounds(period: Period) -> tuple[datetime, datetime]:
    return datetime.combine(period.start, time()), datetime.combine(period.end + timedelta(days=1), time())


def _dictionary(session: Session, kind: str) -> list[tuple[uuid.UUID, str, str, Any, bool]]:
    return [tuple(row) for row in session.execute(
        select(DictionaryItem.id, DictionaryItem.code, DictionaryItem.name, DictionaryItem.attrs,
               DictionaryItem.active)
        .where(DictionaryItem.kind == kind).order_by(DictionaryItem.sort_order, DictionaryItem.name))]


def _order(attrs: Any) -> int:
    return int((attrs or {}).get("order", 0))


def _count(session: Session, query: Select[uuid.UUID]) -> int:
    return int(session.execute(select(func.count()).select_from(query.subquery())).scalar_one())


# --- sections --------------------------------------------------------------------------------------------

def _support(session: Session, period: Period, family_filter: list[ColumnElement[bool]]) -> SupportSection:
    start, end = period.start, period.end
    spans = [CaseSpan(*row) for row in session.execute(
        select(SupportCase.family_id, SupportCase.opened_on, SupportCase.closed_on, SupportCase.closing_reason_id)
        .join(Family, Family.id == SupportCase.family_id)
        .where(_live_case(SupportCase.opened_on <= end,
                          or_(SupportCase.closed_on.is_(None), SupportCase.closed_on >= start)), *family_filter))]
    movement = support_movement(spans, start, end)
    end_ids = _families_with_case(family_filter, _open_after(end)).subquery()
    categories = dict(session.execute(
        select(FamilyCategory.category_id, func.count(distinct(FamilyCategory.family_id)))
        .where(FamilyCategory.family_id.in_(select(end_ids.c.family_id)),
               FamilyCategory.started_on <= end,
               or_(FamilyCategory.ended_on.is_(None), FamilyCategory.ended_on >= end))
        .group_by(FamilyCategory.category_id)).all())
    districts = dict(session.execute(
        select(Family.district_id, func.count())
        .where(Family.id.in_(select(end_ids.c.family_id))).group_by(Family.district_id)).all())
    return _support_section(session, movement, categories, districts)


def _support_section(session: Session, movement: Movement, categories: dict[Any, int],
                     districts: dict[Any, int]) -> SupportSection:
    """The section from the movement and the families on support at the end by category and by district."""
    reasons: dict[Any, int] = {}
    for reason_id in movement.reasons.values():
        reasons[reason_id] = reasons.get(reason_id, 0) + 1
    removed_rows = [CountRow(code, name, int(reasons.get(item_id, 0)))
                    for item_id, code, name, _, active in _dictionary(session, "case_closing_reason")
                    if active or reasons.get(item_id)]
    known = {item_id for item_id, *_ in _dictionary(session, "case_closing_reason")}
    unknown = sum(count for reason_id, count in reasons.items() if reason_id not in known)
    if unknown:
        removed_rows.append(CountRow("", NO_REASON, unknown))
    category_rows = tuple(CountRow(code, name, int(categories.get(item_id, 0)))
                          for item_id, code, name, _, active in _dictionary(session, "family_category")
                          if active or categories.get(item_id))
    names = session.execute(select(District.id, District.name)
                            .where(District.id.in_([d for d in districts if d is not None]))
                            .order_by(District.name)).all()
    district_rows = [CountRow("", name, int(districts[did])) for did, name in names]
    if districts.get(None):
        district_rows.append(CountRow("", NO_DISTRICT, int(districts[None])))
    return SupportSection(
        at_start=len(movement.at_start), at_end=len(movement.at_end), taken_on=len(movement.taken_on),
        removed=len(movement.removed), removed_by_reason=tuple(removed_rows), by_category=category_rows,
        by_district=tuple(district_rows), returned=len(movement.returned))


def _children(session: Session, period: Period, family_filter: list[ColumnElement[bool]]) -> ChildrenSection:
    start, end = period.start, period.end
    low, high = _bounds(period)
    supported = _families_with_case(family_filter, SupportCase.opened_on <= end,
                                    or_(SupportCase.closed_on.is_(None), SupportCase.closed_on >= start))
    months = summary_months(period)
    attended = attended_persons(months) if months else (
        select(SessionParticipant.person_id)
        .join(RehabSession, RehabSession.id == SessionParticipant.session_id)
        .where(SessionParticipant.attended.is_(True), RehabSession.deleted_at.is_(None),
               RehabSession.cancelled.is_(False), RehabSession.starts_at >= low, RehabSession.starts_at < high))
    visited = (select(VisitService.person_id).join(HomeVisit, HomeVisit.id == VisitService.visit_id)
               .where(VisitService.person_id.is_not(None), HomeVisit.deleted_at.is_(None),
                      HomeVisit.visit_date.between(start, end)))
    served = union(attended, visited).subquery()
    query = (
        select(func.count(distinct(Person.id)),
               func.count(distinct(case((ChildProfile.is_disabled.is_(True), Person.id)))),
               func.count(distinct(case((ChildProfile.has_ovz.is_(True), Person.id)))))
        .select_from(Person)
        .outerjoin(ChildProfile, and_(ChildProfile.person_id == Person.id, ChildProfile.deleted_at.is_(None)))
        .where(Person.deleted_at.is_(None), Person.birth_date > add_years(end, -ADULT_AGE),
               Person.id.in_(select(served.c.person_id)),
               Person.id.in_(select(FamilyMember.person_id).where(
                   FamilyMember.family_id.in_(supported),
                   or_(FamilyMember.left_on.is_(None), FamilyMember.left_on >= start))))
    )
    total, disabled, ovz = session.execute(query).one()
    return ChildrenSection(served=int(total), disabled=int(disabled), ovz=int(ovz))


def _session_conditions(period: Period, office_ids: Collection[uuid.UUID] | None,
                        district_ids: Collection[uuid.UUID] | None) -> list[ColumnElement[bool]]:
    low, high = _bounds(period)
    conditions: list[ColumnElement[bool]] = [
        RehabSession.deleted_at.is_(None), RehabSession.cancelled.is_(False),
        RehabSession.starts_at >= low, RehabSession.starts_at < high]
    if office_ids is not None:
        conditions.append(RehabSession.staff_id.in_(
            select(Staff.id).where(Staff.office_id.in_(list(office_ids)))))
    if district_ids is not None:
        place = aliased(SessionParticipant)
        conditions.append(exists(select(place.id).where(
            place.session_id == RehabSession.id, *_participant_conditions(district_ids, place.person_id))))
    return conditions


def _participant_conditions(district_ids: Collection[uuid.UUID] | None,
                            person_id: Any = SessionParticipant.person_id) -> list[ColumnElement[bool]]:
    """With `district_ids`, only children of live families of those districts."""
    if district_ids is None:
        return []
    return [person_id.in_(
        select(FamilyMember.person_id).join(Family, Family.id == FamilyMember.family_id)
        .where(Family.deleted_at.is_(None), Family.district_id.in_(list(district_ids))))]


def visit_services_given(period: Period, family_filter: list[ColumnElement[bool]], *leading: Any) -> Select[Any]:
    """(leading…, kind, form, recipient, quantity) of the services given on the period's live visits: the visits'
    half of the services section (a service given to the family as a whole counts the family as its recipient)."""
    return (select(*leading, Service.kind_id, Service.form_id,
                   func.coalesce(VisitService.person_id, HomeVisit.family_id), VisitService.quantity)
            .select_from(VisitService)
            .join(HomeVisit, HomeVisit.id == VisitService.visit_id)
            .join(Family, Family.id == HomeVisit.family_id)
            .join(Service, Service.id == VisitService.service_id)
            .where(HomeVisit.deleted_at.is_(None), HomeVisit.visit_date.between(period.start, period.end),
                   *family_filter))


def _services(session: Session, period: Period, family_filter: list[ColumnElement[bool]],
              office_ids: Collection[uuid.UUID] | None,
              district_ids: Collection[uuid.UUID] | None) -> ServicesSection:
    months = summary_months(period) if district_ids is None else None
    places = attended_places(months, office_ids) if months else (
        select(Service.kind_id.label("kind_id"), Service.form_id.label("form_id"),
               SessionParticipant.person_id.label("recipient"), literal(1).label("quantity"))
        .select_from(SessionParticipant)
        .join(RehabSession, RehabSession.id == SessionParticipant.session_id)
        .join(Service, Service.id == RehabSession.service_id)
        .where(SessionParticipant.attended.is_(True), *_session_conditions(period, office_ids, district_ids),
               *_participant_conditions(district_ids))
    )
    given = visit_services_given(period, family_filter)
    # One statement for the three groupings: the union is materialized once and read three times,
    # instead of scanning a quarter of the sessions once per grouping.
    given_all = union_all(places, given).subquery()
    rows = (select(given_all.c.kind_id, given_all.c.form_id, given_all.c.recipient,
                   func.sum(given_all.c.quantity).label("quantity"))
            .group_by(given_all.c.kind_id, given_all.c.form_id, given_all.c.recipient)
            .cte("given_services").prefix_with("MATERIALIZED"))
    quantity = func.coalesce(func.sum(rows.c.quantity), 0)
    statement = union_all(
        select(literal(0).label("level"), rows.c.kind_id, rows.c.form_id, quantity, func.count())
        .group_by(rows.c.kind_id, rows.c.form_id),
        select(literal(1), rows.c.kind_id, null(), quantity, func.count(distinct(rows.c.recipient)))
        .group_by(rows.c.kind_id),
        select(literal(2), null(), null(), quantity, func.count(distinct(rows.c.recipient))),
        select(literal(3), null(), rows.c.form_id, quantity, func.count(distinct(rows.c.recipient)))
        .group_by(rows.c.form_id),
    )
    return _services_section(session, session.execute(statement))


def _services_section(session: Session, results: Iterable[Any]) -> ServicesSection:
    """The section from rows (level, kind, form, services, distinct recipients) of the four groupings: 0 kind ×
    form, 1 kind, 2 the total, 3 form."""
    cells: dict[tuple[Any, Any], tuple[int, int]] = {}
    by_kind: dict[Any, tuple[int, int]] = {}
    by_form: dict[Any, tuple[int, int]] = {}
    total, recipients = 0, 0
    for grouping, kind, form, count, distinct_recipients in results:
        if grouping == 0:
            cells[(kind, form)] = (int(count), int(distinct_recipients))
        elif grouping == 1:
            by_kind[kind] = (int(count), int(distinct_recipients))
        elif grouping == 3:
            by_form[form] = (int(count), int(distinct_recipients))
        else:
            total, recipients = int(count), int(distinct_recipients)
    forms = sorted(_dictionary(session, "service_form"), key=lambda item: _order(item[3]))
    kinds = sorted(_dictionary(session, "service_kind"), key=lambda item: _order(item[3]))
    kind_rows = tuple(
        ServiceKindRow(
            kind_code=code, kind_name=name,
            forms=tuple(ServiceCell(form_code, form_name, *cells.get((kind_id, form_id), (0, 0)))
                        for form_id, form_code, form_name, _, _ in forms),
            services=by_kind.get(kind_id, (0, 0))[0], recipients=by_kind.get(kind_id, (0, 0))[1])
        for kind_id, code, name, _, _ in kinds)
    form_totals = tuple(ServiceCell(form_code, form_name, *by_form.get(form_id, (0, 0)))
                        for form_id, form_code, form_name, _, _ in forms)
    return ServicesSection(kinds=kind_rows, services=int(total), recipients=int(recipients), by_form=form_totals)


def _visits(session: Session, period: Period, family_filter: list[ColumnElement[bool]],
            office_ids: Collection[uuid.UUID] | None, district_ids: Collection[uuid.UUID] | None,
            remote_km: float) -> VisitsSection:
    visit_where = [HomeVisit.deleted_at.is_(None), HomeVisit.visit_date.between(period.start, period.end),
                   *family_filter]
    visits, on_trips = session.execute(
        select(func.count(), func.count(HomeVisit.trip_id)).select_from(HomeVisit)
        .join(Family, Family.id == HomeVisit.family_id).where(*visit_where)).one()
    trip_where = [BrigadeTrip.deleted_at.is_(None), BrigadeTrip.status == DONE,
                  BrigadeTrip.trip_date.between(period.start, period.end)]
    if office_ids is not None:
        trip_where.append(BrigadeTrip.office_id.in_(list(office_ids)))
    stop_where: list[ColumnElement[bool]] = []
    if district_ids is not None:
        in_districts = select(Settlement.id).where(Settlement.district_id.in_(list(district_ids)))
        stop_where.append(TripStop.settlement_id.in_(in_districts))
        stop = aliased(TripStop)
        trip_where.append(exists(select(stop.id).where(stop.trip_id == BrigadeTrip.id,
                                                       stop.settlement_id.in_(in_districts))))
    trips = int(session.execute(select(func.count()).select_from(BrigadeTrip).where(*trip_where)).scalar_one())
    trip_sessions = int(session.execute(
        select(func.count()).select_from(RehabSession)
        .where(RehabSession.deleted_at.is_(None), RehabSession.cancelled.is_(False),
               RehabSession.trip_id.in_(select(BrigadeTrip.id).where(*trip_where)))).scalar_one())
    reached = union(
        select(Family.settlement_id.label("settlement_id")).join(HomeVisit, HomeVisit.family_id == Family.id)
        .where(*visit_where, Family.settlement_id.is_not(None)),
        select(TripStop.settlement_id).join(BrigadeTrip, BrigadeTrip.id == TripStop.trip_id)
        .where(*trip_where, *stop_where),
    ).subquery()
    settlements, remote = session.execute(
        select(func.count(), func.count(case((Settlement.distance_km >= remote_km, Settlement.id))))
        .select_from(reached).join(Settlement, Settlement.id == reached.c.settlement_id)).one()
    return VisitsSection(home_visits=int(visits), visits_on_trips=int(on_trips), trips_done=trips,
                         settlements=int(settlements), remote_settlements=int(remote), remote_km=remote_km,
                         sessions_on_trips=trip_sessions)


def _sessions(session: Session, period: Period, office_ids: Collection[uuid.UUID] | None,
              district_ids: Collection[uuid.UUID] | None) -> SessionsSection:
    months = summary_months(period) if district_ids is None else None
    counts = session_counts(session, months, office_ids) if months else _session_counts(
        session, period, office_ids, district_ids)
    return _session_rows(session, counts)


def _session_counts(session: Session, period: Period, office_ids: Collection[uuid.UUID] | None,
                    district_ids: Collection[uuid.UUID] | None) -> dict[tuple[Any, Any], tuple[int, int, int, int]]:
    participant_on = and_(SessionParticipant.session_id == RehabSession.id,
                          *_participant_conditions(district_ids))
    # Grouped by the two ids only (short sort keys, no dictionary joins per row); the names and
    # the order come from the dictionaries afterwards.
    query = (
        select(Staff.position_id, RehabSession.delivery_mode_id,
               func.count(distinct(RehabSession.id)), func.count(SessionParticipant.id),
               func.count(case((SessionParticipant.attended.is_(True), SessionParticipant.id))),
               func.count(case((SessionParticipant.attended.is_(False), SessionParticipant.id))))
        .select_from(RehabSession)
        .join(Staff, Staff.id == RehabSession.staff_id)
        .outerjoin(SessionParticipant, participant_on)
        .where(*_session_conditions(period, office_ids, district_ids))
        .group_by(Staff.position_id, RehabSession.delivery_mode_id)
    )
    return {(position_id, mode_id): (int(s), int(p), int(a), int(b))
            for position_id, mode_id, s, p, a, b in session.execute(query)}


def _session_rows(session: Session, counts: dict[tuple[Any, Any], tuple[int, int, int, int]]) -> SessionsSection:
    entries = {item_id: (code, name, sort_order) for item_id, code, name, sort_order in session.execute(
        select(DictionaryItem.id, DictionaryItem.code, DictionaryItem.name, DictionaryItem.sort_order)
        .where(DictionaryItem.kind.in_(("position", "delivery_mode"))))}
    unknown = ("", "", 0)

    def order(key: tuple[Any, Any]) -> tuple[Any, ...]:
        position, mode = entries.get(key[0], unknown), entries.get(key[1], unknown)
        return position[2], position[1], mode[2], mode[1]

    rows = tuple(SessionRow(entries.get(position_id, unknown)[0], entries.get(position_id, unknown)[1],
                            entries.get(mode_id, unknown)[0], entries.get(mode_id, unknown)[1],
                            *counts[(position_id, mode_id)])
                 for position_id, mode_id in sorted(counts, key=order))
    total = SessionRow("", "Итого", "", "", sum(r.sessions for r in rows), sum(r.planned for r in rows),
                       sum(r.attended for r in rows), sum(r.absent for r in rows))
    return SessionsSection(rows=rows, total=total)


def _events(session: Session, period: Period, office_ids: Collection[uuid.UUID] | None) -> EventsSection:
    counts = (Event.specialists_count, Event.parents_count, Event.children_count, Event.others_count)
    query = (
        select(Event.type_id, func.count(), func.sum(sum(counts, start=literal(0))),
               func.sum(Event.in_person_count), func.sum(Event.online_count),
               *(func.sum(column) for column in counts))
        .where(Event.deleted_at.is_(None), Event.starts_on.between(period.start, period.end))
        .group_by(Event.type_id)
    )
    if office_ids is not None:
        query = query.where(Event.office_id.in_(list(office_ids)))
    return _events_section(session, {row[0]: tuple(int(value or 0) for value in row[1:])
                                     for row in session.execute(query)})


def _events_section(session: Session, by_type: dict[Any, tuple[int, ...]]) -> EventsSection:
    rows = tuple(EventRow(code, name, *by_type.get(item_id, (0,) * 8))
                 for item_id, code, name, _, active in _dictionary(session, "event_type")
                 if active or item_id in by_type)
    total = EventRow("", "Итого", *(sum(getattr(row, f.name) for row in rows) for f in fields(EventRow)[2:]))
    return EventsSection(rows=rows, total=total)


def _plan(session: Session, period: Period, services: ServicesSection, family_filter: list[ColumnElement[bool]],
          office_ids: Collection[uuid.UUID] | None, district_ids: Collection[uuid.UUID] | None
          ) -> PlanSection | None:
    plan = read_plan(session, period.end.year)
    if not plan.lines:
        return None
    year_start = date(period.end.year, 1, 1)
    if period.start != year_start:
        to_date = Period(year_start, period.end, f"с начала {period.end.year} г.")
        services = _services(session, to_date, family_filter, office_ids, district_ids)
    forms = {code: name for _, code, name, _, _ in _dictionary(session, "service_form")}
    return plan_rows(plan, period.end, done_volumes(services), forms)


def compute_quarterly(session: Session, period: Period, *, office_ids: Collection[uuid.UUID] | None = None,
                      district_ids: Collection[uuid.UUID] | None = None,
                      remote_km: float | None = None) -> QuarterlyReport:
    """All figures of the quarterly report for `period` (see the module's docstring for every rule).

    `remote_km` defaults to the database's setting; the госзадание table appears when a plan for the
    period's year is entered (app.reports.state_assignment).
    """
    family_filter = _family_conditions(office_ids, district_ids)
    services = _services(session, period, family_filter, office_ids, district_ids)
    remote = read_number(session, REMOTE_KM) if remote_km is None else remote_km
    return QuarterlyReport(
        period=period,
        support=_support(session, period, family_filter),
        children=_children(session, period, family_filter),
        services=services,
        visits=_visits(session, period, family_filter, office_ids, district_ids, remote),
        sessions=_sessions(session, period, office_ids, district_ids),
        events=_events(session, period, office_ids),
        plan=_plan(session, period, services, family_filter, office_ids, district_ids),
    )
