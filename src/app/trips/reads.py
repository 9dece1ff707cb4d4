"""Reading mobile-brigade trips: the trip list, one trip for the edit and completion dialogs, and
the families on a route worth visiting (with the reasons why)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.access import family_scope, require_trip, trip_scope
from app.core.actor import Actor
from app.core.permissions import VIEW_RECORDS, require
from app.core.text import format_date
from app.trips.trips import PlannedFamily, TripData, trip_route, trip_staff_ids
from app.visits.visits import staff_short_names
from db.models import BrigadeTrip, Family, HomeVisit, PlanItem, Settlement, SupportCase, TripFamily, TripStop
from db.models import trip_members as members_table

NO_VISIT_DAYS = 90


@dataclass(frozen=True)
class TripRow:
    id: uuid.UUID
    trip_date: date
    status: str
    vehicle: str | None
    route: str
    members: str
    families_planned: int
    families_done: int


@dataclass(frozen=True)
class TripFamilyRow:
    id: uuid.UUID
    family_id: uuid.UUID
    family_title: str
    settlement: str | None
    planned_work: str
    done: bool | None
    result: str | None


@dataclass(frozen=True)
class TripCard:
    """A trip for the edit and completion dialogs: `data` to edit, `families` to mark."""

    id: uuid.UUID
    status: str
    data: TripData
    families: list[TripFamilyRow]


@dataclass(frozen=True)
class SuggestionRow:
    """A family living on the route, with the reasons (if any) to visit it on the trip date."""

    family_id: uuid.UUID
    title: str
    settlement_id: uuid.UUID
    settlement: str
    last_visit_on: date | None
    next_visit_on: date | None
    due_plan_items: int
    reasons: tuple[str, ...]


def suggest_families(session: Session, actor: Actor, settlement_ids: list[uuid.UUID], on_date: date
                     ) -> list[SuggestionRow]:
    """Families living in the route's settlements, in route order, those with reasons to visit first.

    Reasons: the latest visit set a next visit due by `on_date`; open plan rows of open cases due by
    `on_date`; no visit in the 90 days before `on_date`. One query with correlated subqueries that use
    the (family_id, visit_date) and case_id indexes.
    """
    require(actor, VIEW_RECORDS)
    if not settlement_ids:
        return []
    live_visit = (HomeVisit.family_id == Family.id, HomeVisit.deleted_at.is_(None))
    last_visit = select(func.max(HomeVisit.visit_date)).where(*live_visit).scalar_subquery()
    latest_first = (HomeVisit.visit_date.desc(), HomeVisit.created_at.desc())
    next_visit = (select(HomeVisit.next_visit_on).where(*live_visit).order_by(*latest_first).limit(1)
                  .scalar_subquery())
    due_plan = (
        select(func.count(PlanItem.id)).join(SupportCase, SupportCase.id == PlanItem.case_id)
        .where(SupportCase.family_id == Family.id, SupportCase.deleted_at.is_(None),
               SupportCase.closed_on.is_(None), PlanItem.done_on.is_(None), PlanItem.due_on <= on_date)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Family.id, Family.title, Family.settlement_id, Settlement.name, last_visit, next_visit,
               due_plan)
        .join(Settlement, Settlement.id == Family.settlement_id)
        .where(Family.settlement_id.in_(settlement_ids), Family.deleted_at.is_(None), family_scope(actor))
    ).all()
    order = {settlement: index for index, settlement in enumerate(settlement_ids)}
    suggestions = [_suggestion(row, on_date) for row in rows]
    suggestions.sort(key=lambda s: (order[s.settlement_id], not s.reasons, s.title))
    return suggestions


def _suggestion(row: tuple, on_date: date) -> SuggestionRow:
    family_id, title, settlement_id, settlement, last_visit, next_visit, due_plan = row
    reasons = []
    if next_visit is not None and next_visit <= on_date:
        reasons.append(f"Подошёл срок следующего посещения ({format_date(next_visit)})")
    if due_plan:
        reasons.append(f"Мероприятия плана со сроком до {format_date(on_date)}: {due_plan}")
    if last_visit is None:
        reasons.append("Посещений ещё не было")
    elif last_visit < on_date - timedelta(days=NO_VISIT_DAYS):
        reasons.append(f"Не посещали больше {NO_VISIT_DAYS} дней (последний раз {format_date(last_visit)})")
    return SuggestionRow(family_id, title, settlement_id, settlement, last_visit, next_visit, int(due_plan),
                         tuple(reasons))


def _routes(session: Session, trip_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    routes: dict[uuid.UUID, list[str]] = {}
    for trip_id, name in session.execute(
        select(TripStop.trip_id, Settlement.name).join(Settlement, Settlement.id == TripStop.settlement_id)
        .where(TripStop.trip_id.in_(trip_ids)).order_by(TripStop.trip_id, TripStop.position)
    ):
        routes.setdefault(trip_id, []).append(name)
    return {key: " → ".join(names) for key, names in routes.items()}


def list_trips(
    session: Session,
    actor: Actor,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    office_id: uuid.UUID | None = None,
    status: str | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[TripRow]:
    """A page of trips, newest first: three queries (trips with counts, routes, brigade names)."""
    require(actor, VIEW_RECORDS)
    planned = select(func.count(TripFamily.id)).where(TripFamily.trip_id == BrigadeTrip.id).scalar_subquery()
    done = (select(func.count(TripFamily.id))
            .where(TripFamily.trip_id == BrigadeTrip.id, TripFamily.done.is_(True)).scalar_subquery())
    query = (select(BrigadeTrip.id, BrigadeTrip.trip_date, BrigadeTrip.status, BrigadeTrip.vehicle, planned,
                    done).where(BrigadeTrip.deleted_at.is_(None), trip_scope(actor)))
    if date_from is not None:
        query = query.where(BrigadeTrip.trip_date >= date_from)
    if date_to is not None:
        query = query.where(BrigadeTrip.trip_date <= date_to)
    if office_id is not None:
        query = query.where(BrigadeTrip.office_id == office_id)
    if status is not None:
        query = query.where(BrigadeTrip.status == status)
    query = query.order_by(BrigadeTrip.trip_date.desc(), BrigadeTrip.id).limit(limit).offset(offset)
    rows = session.execute(query).all()
    ids = [row[0] for row in rows]
    routes = _routes(session, ids)
    members = staff_short_names(session, members_table, "trip_id", ids)
    return [TripRow(row[0], row[1], row[2], row[3], routes.get(row[0], ""), members.get(row[0], ""),
                    int(row[4]), int(row[5])) for row in rows]


def load_trip(session: Session, actor: Actor, trip_id: uuid.UUID) -> TripCard:
    """The trip with its editable data and the planned families with their outcome marks."""
    trip = require_trip(session, actor, trip_id)
    staff_ids = trip_staff_ids(session, trip.id)
    route = trip_route(session, trip.id)
    order: dict[uuid.UUID | None, int] = {settlement: index for index, settlement in enumerate(route)}
    rows = list(session.execute(
        select(TripFamily.id, TripFamily.family_id, Family.title, Settlement.name, TripFamily.planned_work,
               TripFamily.done, TripFamily.result, Family.settlement_id)
        .join(Family, Family.id == TripFamily.family_id)
        .outerjoin(Settlement, Settlement.id == Family.settlement_id)
        .where(TripFamily.trip_id == trip.id)
    ))
    # Families in the order the brigade reaches their settlements.
    rows.sort(key=lambda row: (order.get(row[7], len(order)), row[2]))
    families = [TripFamilyRow(*row[:7]) for row in rows]
    data = TripData(
        office_id=trip.office_id, trip_date=trip.trip_date, vehicle=trip.vehicle, staff_ids=staff_ids,
        settlement_ids=route, families=[PlannedFamily(f.family_id, f.planned_work) for f in families],
        notes=trip.notes, departs_at=trip.departs_at, returns_at=trip.returns_at, distance_km=trip.distance_km,
    )
    return TripCard(trip.id, trip.status, data, families)
