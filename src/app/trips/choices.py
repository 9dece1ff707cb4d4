"""What the trip planning and completion dialogs show besides the trip: pick-lists labelled as the
pickers show them, each dialog's data read in one unit."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.reference.catalogue import list_services
from app.reference.choices import Choice
from app.reference.dictionaries import list_items
from app.reference.organization import list_offices
from app.reference.places import SettlementRow, list_settlements
from app.reference.staff import list_staff
from app.trips.completion import TripChild, suggest_trip_families, trip_children
from app.trips.reads import SuggestionRow, TripCard, load_trip
from app.trips.route_sheet import format_distance


@dataclass(frozen=True)
class RouteStop:
    """A settlement the route may pass: «с. Дальнее (Тестовый район, 150 км)»."""

    id: uuid.UUID
    label: str
    distance_km: float | None


@dataclass(frozen=True)
class TripEditorChoices:
    staff: list[Choice]  # «Смирнова О.И. — педагог-психолог»; `parent_id` is the employee's office
    settlements: list[RouteStop]
    vehicles: list[str]
    offices: list[Choice]


@dataclass(frozen=True)
class TripPlan:
    """A planned trip as its editor opens it, with the families living on its route."""

    card: TripCard
    suggestions: list[SuggestionRow]


@dataclass(frozen=True)
class CompletionData:
    """A trip as the completion dialog opens it."""

    card: TripCard
    children: list[TripChild]
    services: list[Choice]
    staff: dict[uuid.UUID, str]  # employee → «Смирнова О.И.», switched-off ones included


def route_stop(row: SettlementRow) -> RouteStop:
    distance = f", {format_distance(row.distance_km)}" if row.distance_km is not None else ""
    return RouteStop(row.id, f"{row.title} ({row.district_name}{distance})", row.distance_km)


def load_trip_editor_choices(session: Session) -> TripEditorChoices:
    return TripEditorChoices(
        staff=[Choice(row.id, row.label, row.office_id) for row in list_staff(session)],
        settlements=[route_stop(row) for row in list_settlements(session)],
        vehicles=[row.name for row in list_items(session, "vehicle")],
        offices=[Choice(row.id, row.name) for row in list_offices(session)],
    )


def load_trip_plan(session: Session, actor: Actor, trip_id: uuid.UUID) -> TripPlan:
    card = load_trip(session, actor, trip_id)
    trip_date = card.data.trip_date
    assert trip_date is not None, "a saved trip always has its date (validated on save)"
    return TripPlan(card, suggest_trip_families(session, actor, card.data.settlement_ids, trip_date))


def load_completion(session: Session, actor: Actor, trip_id: uuid.UUID) -> CompletionData:
    card = load_trip(session, actor, trip_id)
    staff = {row.id: row.short_name for row in list_staff(session, include_inactive=True)}
    services = [Choice(row.id, row.name, group=row.kind_name) for row in list_services(session)]
    return CompletionData(card, trip_children(session, actor, trip_id), services, staff)
