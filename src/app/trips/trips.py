"""Mobile-brigade trips: planning a route and families, editing, cancelling, completing a trip.

A trip is `planned` until `complete_trip` records what was done for each family (creating the home
visits made on the way) and makes it `done`; a planned trip may instead be `cancelled`. The trip list,
a trip card and the suggestions whom to visit are read by `app.trips.reads`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import NamedTuple

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from app.core import audit, caseload, period_guard
from app.core.access import FAMILY_DENIED, family_scope, require_office, require_trip
from app.core.actor import Actor
from app.core.changes import TRIPS, VISITS, Saved, assign
from app.core.checks import Checker
from app.core.errors import PermissionDenied, ValidationError
from app.core.lookups import check_reference, dictionary_id, get_live
from app.core.permissions import EDIT_RECORDS, require
from app.core.records import audit_changes, soft_delete, update_record
from app.core.text import format_date
from app.visits.visits import GivenService, ValidVisit, VisitData, check_staff_list, create_visit_record, validate_visit
from db.models import BrigadeTrip, Family, Office, Settlement, TripFamily, TripStop
from db.models import trip_members as members_table

PLANNED, DONE, CANCELLED = "planned", "done", "cancelled"
STATUS_TITLES = {PLANNED: "Запланирован", DONE: "Проведён", CANCELLED: "Отменён"}
# Planning further ahead than this is almost always a mistyped year.
PLANNING_HORIZON_DAYS = 366
MAX_DISTANCE_KM = 3000  # there and back in one day; more is a mistyped figure


class PlannedFamily(NamedTuple):
    family_id: uuid.UUID | None
    planned_work: str | None = None


@dataclass(frozen=True)
class TripData:
    """A trip as planned: date, vehicle, brigade, ordered route of settlements, families to visit."""

    office_id: uuid.UUID | None
    trip_date: date | None
    vehicle: str | None = None
    staff_ids: list[uuid.UUID] = field(default_factory=list)
    settlement_ids: list[uuid.UUID] = field(default_factory=list)
    families: list[PlannedFamily] = field(default_factory=list)
    notes: str | None = None
    departs_at: time | None = None  # planned departure and return, for the route sheet
    returns_at: time | None = None
    distance_km: int | None = None  # planned total distance, there and back


@dataclass(frozen=True)
class TripVisit:
    """Findings of a visit made during a trip; date, specialists and mode come from the trip."""

    purpose: str | None = None
    housing: str | None = None
    income: str | None = None
    relationships: str | None = None
    children_condition: str | None = None
    conclusions: str | None = None
    recommendations: str | None = None
    next_visit_on: date | None = None
    services: list[GivenService] = field(default_factory=list)


@dataclass(frozen=True)
class TripOutcome:
    """What happened with one planned family (`trip_family_id` is `trip_reads.TripFamilyRow.id`)."""

    trip_family_id: uuid.UUID
    done: bool
    result: str | None = None
    visit: TripVisit | None = None


def live_trip(session: Session, trip_id: uuid.UUID) -> BrigadeTrip:
    """The trip, which must exist and not be deleted (NotFound otherwise)."""
    return get_live(session, BrigadeTrip, trip_id, "Запись о выезде")


def trip_staff_ids(session: Session, trip_id: uuid.UUID) -> list[uuid.UUID]:
    """The brigade of a trip."""
    return list(session.execute(select(members_table.c.staff_id)
                                .where(members_table.c.trip_id == trip_id)).scalars())


def trip_route(session: Session, trip_id: uuid.UUID) -> list[uuid.UUID]:
    """The settlements of a trip in route order."""
    return list(session.execute(select(TripStop.settlement_id).where(TripStop.trip_id == trip_id)
                                .order_by(TripStop.position)).scalars())


def _check_route(check: Checker, session: Session, settlement_ids: list[uuid.UUID]) -> list[uuid.UUID]:
    if not settlement_ids:
        check.fail("settlement_ids", "Поле «Маршрут»: укажите хотя бы один населённый пункт.")
        return []
    names = dict(session.execute(select(Settlement.id, Settlement.name)
                                 .where(Settlement.id.in_(set(settlement_ids)))).all())
    if len(names) != len(set(settlement_ids)):
        check.fail("settlement_ids", "Поле «Маршрут»: один из населённых пунктов не найден, выберите заново.")
    repeated = [names.get(s, "?") for i, s in enumerate(settlement_ids) if s in settlement_ids[:i]]
    if repeated:
        check.fail("settlement_ids", f"Поле «Маршрут»: пункт «{repeated[0]}» указан дважды — "
                                     "каждый населённый пункт входит в маршрут один раз.")
    return list(settlement_ids)


def _check_families(check: Checker, session: Session, families: list[PlannedFamily],
                    route: list[uuid.UUID]) -> list[tuple[uuid.UUID, str]]:
    ids = {f.family_id for f in families if f.family_id is not None}
    found = {row.id: row for row in session.execute(
        select(Family.id, Family.title, Family.settlement_id)
        .where(Family.id.in_(ids), Family.deleted_at.is_(None))
    )}
    seen: set[uuid.UUID] = set()
    rows = []
    for index, planned in enumerate(families):
        key = f"families.{index}."
        family = found.get(planned.family_id) if planned.family_id is not None else None
        if family is None:
            check.fail(f"{key}family_id", "Поле «Семья»: семья не найдена или удалена, выберите другую.")
        elif family.id in seen:
            check.fail(f"{key}family_id", f"Поле «Семья»: семья «{family.title}» уже есть в списке выезда.")
        elif family.settlement_id is None:
            check.fail(f"{key}family_id", f"Поле «Семья»: у семьи «{family.title}» не указан населённый "
                                          "пункт — укажите адрес в карточке семьи.")
        elif family.settlement_id not in route:
            check.fail(f"{key}family_id", f"Поле «Семья»: семья «{family.title}» живёт в пункте, которого "
                                          "нет в маршруте, — добавьте пункт в маршрут или уберите семью.")
        if family is not None:
            seen.add(family.id)
        work = check.text(f"{key}planned_work", planned.planned_work, "Планируемая работа", max_length=2000)
        rows.append((planned.family_id, work or ""))
    return rows  # type: ignore[return-value]


def _validate_trip(check: Checker, session: Session, data: TripData) -> tuple[dict, list, list, list]:
    check_reference(check, session, Office, "office_id", data.office_id, "Отделение")
    if data.trip_date is None:
        check.fail("trip_date", "Поле «Дата выезда» обязательно: укажите дату в виде ДД.ММ.ГГГГ.")
    elif data.trip_date > date.today() + timedelta(days=PLANNING_HORIZON_DAYS):
        check.fail("trip_date", "Поле «Дата выезда»: планировать выезд можно не более чем на год вперёд.")
    elif data.trip_date.year < 2000:
        check.fail("trip_date", "Поле «Дата выезда»: укажите дату после 2000 года.")
    staff_ids = check_staff_list(check, session, "staff_ids", data.staff_ids, "Состав бригады")
    route = _check_route(check, session, data.settlement_ids)
    families = _check_families(check, session, [PlannedFamily(*f) for f in data.families], route)
    values = {
        "office_id": data.office_id,
        "trip_date": data.trip_date,
        "vehicle": check.text("vehicle", data.vehicle, "Транспорт", max_length=120),
        "notes": check.text("notes", data.notes, "Примечание", max_length=4000),
        "departs_at": data.departs_at,
        "returns_at": data.returns_at,
        "distance_km": data.distance_km,
    }
    if data.departs_at and data.returns_at and data.returns_at <= data.departs_at:
        check.fail("returns_at", "Поле «Возвращение»: время должно быть позже времени выезда (выезд — на один "
                                 "день).")
    check.number_range("distance_km", data.distance_km, "Протяжённость маршрута, км", 1, MAX_DISTANCE_KM)
    return values, staff_ids, route, families


def _write_members(session: Session, trip_id: uuid.UUID, staff_ids: list[uuid.UUID]) -> None:
    session.execute(delete(members_table).where(members_table.c.trip_id == trip_id))
    session.execute(insert(members_table), [{"trip_id": trip_id, "staff_id": s} for s in staff_ids])


def _write_route(session: Session, trip_id: uuid.UUID, route: list[uuid.UUID]) -> None:
    # A Core DELETE runs at once, so new stops never meet old ones in the (trip, position) constraint.
    session.execute(delete(TripStop).where(TripStop.trip_id == trip_id))
    session.add_all(TripStop(trip_id=trip_id, position=i, settlement_id=s) for i, s in enumerate(route, 1))


def plan_trip(session: Session, actor: Actor, data: TripData) -> Saved:
    """Plan a trip (the date may be in the future) with its brigade, route and families."""
    require(actor, EDIT_RECORDS)
    require_office(actor, data.office_id)
    check = Checker()
    values, staff_ids, route, families = _validate_trip(check, session, data)
    check.done()
    _require_families(session, actor, [family_id for family_id, _work in families])
    trip = BrigadeTrip(**values, status=PLANNED, created_by=actor.user_id, updated_by=actor.user_id)
    session.add(trip)
    session.flush()
    _write_members(session, trip.id, staff_ids)
    _write_route(session, trip.id, route)
    session.add_all(TripFamily(trip_id=trip.id, family_id=f, planned_work=w) for f, w in families)
    session.flush()
    audit.record(session, actor, "create", "brigade_trip", trip.id,
                 [*values, "status", "staff_ids", "settlement_ids", "families"])
    caseload.link(session, [(staff_id, family_id) for staff_id in staff_ids for family_id, _work in families])
    return Saved(trip.id, frozenset({TRIPS}))


def _require_families(session: Session, actor: Actor, family_ids: list[uuid.UUID]) -> None:
    """A trip may take only families the planner works with (its list names them to the brigade)."""
    if family_ids and session.execute(select(func.count(Family.id)).where(
            Family.id.in_(family_ids), family_scope(actor))).scalar_one() < len(set(family_ids)):
        raise PermissionDenied(FAMILY_DENIED)


def _require_planned(trip: BrigadeTrip, action: str) -> None:
    if trip.status == DONE:
        raise ValidationError({"status": f"Выезд уже проведён — {action} его нельзя. "
                                         "Посещения семей исправляются в журнале посещений."})
    if trip.status == CANCELLED:
        raise ValidationError({"status": f"Выезд отменён — {action} его нельзя."})


def update_trip(session: Session, actor: Actor, trip_id: uuid.UUID, data: TripData) -> Saved:
    """Edit a planned trip; families that stay keep their rows, removed ones are dropped."""
    trip = require_trip(session, actor, trip_id, edit=True)
    period_guard.refuse_changes(session, [trip])  # members, route and families are written with Core below
    _require_planned(trip, "изменить")
    if data.office_id != trip.office_id:
        require_office(actor, data.office_id)
    check = Checker()
    values, staff_ids, route, families = _validate_trip(check, session, data)
    check.done()
    _require_families(session, actor, [family_id for family_id, _work in families])
    families_before = session.execute(select(TripFamily.family_id).where(TripFamily.trip_id == trip.id)).scalars()
    touched = {*families_before, *(family_id for family_id, _work in families)}
    changed = assign(trip, values)
    if set(trip_staff_ids(session, trip.id)) != set(staff_ids):
        _write_members(session, trip.id, staff_ids)
        changed.append("staff_ids")
    if trip_route(session, trip.id) != route:
        _write_route(session, trip.id, route)
        changed.append("settlement_ids")
    if _merge_families(session, trip.id, dict(families)):
        changed.append("families")
    caseload.refresh(session, touched)  # a brigade member or a family in or out
    return audit_changes(session, actor, trip, "brigade_trip", changed, frozenset({TRIPS}))


def _merge_families(session: Session, trip_id: uuid.UUID, wanted: dict[uuid.UUID, str]) -> bool:
    existing = {row.family_id: row for row in session.execute(
        select(TripFamily).where(TripFamily.trip_id == trip_id)).scalars()}
    changed = False
    for family_id, row in existing.items():
        if family_id not in wanted:
            session.delete(row)
            changed = True
        elif row.planned_work != wanted[family_id]:
            row.planned_work = wanted[family_id]
            changed = True
    for family_id, work in wanted.items():
        if family_id not in existing:
            session.add(TripFamily(trip_id=trip_id, family_id=family_id, planned_work=work))
            changed = True
    return changed


def cancel_trip(session: Session, actor: Actor, trip_id: uuid.UUID) -> Saved:
    """Cancel a planned trip (it stays in the list as cancelled)."""
    trip = require_trip(session, actor, trip_id, edit=True)
    if trip.status == CANCELLED:
        return Saved(trip.id, frozenset())
    _require_planned(trip, "отменить")
    return update_record(session, actor, trip, "brigade_trip", {"status": CANCELLED}, frozenset({TRIPS}))


def delete_trip(session: Session, actor: Actor, trip_id: uuid.UUID) -> Saved:
    """Soft-delete a trip; visits made during it stay in the visits journal."""
    trip = require_trip(session, actor, trip_id, edit=True)
    return soft_delete(session, actor, trip, "brigade_trip", frozenset({TRIPS}))


def _outcome_visit(check: Checker, session: Session, trip: BrigadeTrip, index: int, outcome: TripOutcome,
                   planned: TripFamily, staff_ids: list[uuid.UUID], mobile_id: uuid.UUID) -> ValidVisit:
    visit = outcome.visit or TripVisit()
    data = VisitData(
        family_id=planned.family_id, visit_date=trip.trip_date, staff_ids=staff_ids,
        purpose=visit.purpose or planned.planned_work, delivery_mode_id=mobile_id, services=visit.services,
        housing=visit.housing, income=visit.income, relationships=visit.relationships,
        children_condition=visit.children_condition, conclusions=visit.conclusions,
        recommendations=visit.recommendations, next_visit_on=visit.next_visit_on, trip_id=trip.id,
    )
    return validate_visit(check, session, data, prefix=f"outcomes.{index}.visit.")


def complete_trip(session: Session, actor: Actor, trip_id: uuid.UUID, outcomes: list[TripOutcome]) -> Saved:
    """Record the result for every planned family, create the visits made, and mark the trip done.

    Visits get the trip's date, its brigade as specialists and the «mobile» delivery mode. Everything
    happens in the caller's one transaction: either all of it is saved or none.
    """
    trip = require_trip(session, actor, trip_id, edit=True)
    _require_planned(trip, "завершить")
    if trip.trip_date > date.today():
        when = format_date(trip.trip_date)
        raise ValidationError({"trip_date": f"Поле «Дата выезда»: выезд назначен на {when} — отметить "
                                            "результаты можно в день выезда или позже."})
    planned = {row.id: row for row in session.execute(
        select(TripFamily).where(TripFamily.trip_id == trip.id)).scalars()}
    staff_ids = trip_staff_ids(session, trip.id)
    mobile_id = dictionary_id(session, "delivery_mode", "mobile")
    check = Checker()
    marked: set[uuid.UUID] = set()
    visits = []
    for index, outcome in enumerate(outcomes):
        key = f"outcomes.{index}."
        row = planned.get(outcome.trip_family_id)
        if row is None or row.id in marked:
            check.fail(f"{key}trip_family_id", "Семья не из списка этого выезда или отмечена дважды.")
            continue
        marked.add(row.id)
        result = check.text(f"{key}result", outcome.result, "Результат", max_length=2000)
        if not outcome.done and result is None:
            check.fail(f"{key}result", "Поле «Результат»: укажите, почему работа с семьёй не выполнена.")
        if outcome.visit is not None and not outcome.done:
            check.fail(f"{key}visit",
                       "Посещение можно записать только для семьи, с которой работа выполнена.")
        elif outcome.visit is not None:
            visits.append(_outcome_visit(check, session, trip, index, outcome, row, staff_ids, mobile_id))
    missing = [row for row in planned.values() if row.id not in marked]
    if missing:
        titles = session.execute(select(Family.title).where(Family.id.in_([r.family_id for r in missing]))
                                 .order_by(Family.title)).scalars()
        check.fail("outcomes", f"Отметьте результат по всем семьям выезда; не отмечены: {', '.join(titles)}.")
    check.done()
    for outcome in outcomes:
        row = planned[outcome.trip_family_id]
        changed = assign(row, {"done": outcome.done, "result": (outcome.result or "").strip() or None})
        if changed:
            audit.record(session, actor, "update", "trip_family", row.id, changed)
    for valid in visits:
        create_visit_record(session, actor, valid)
    return update_record(session, actor, trip, "brigade_trip", {"status": DONE}, frozenset({TRIPS, VISITS}))
