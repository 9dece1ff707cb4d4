"""Worker-thread reads of the visits screen and editor: the pickers, read in one worker round trip and shared through
the context cache (dropped when dictionaries change)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.actor import Actor
from app.reference.catalogue import list_services
from app.reference.choices import Choice
from app.reference.dictionaries import list_items
from app.reference.places import list_districts
from app.reference.staff import list_staff
from app.registry.family_card import MemberRow, load_family_card
from app.visits.act import write_visit_act

if TYPE_CHECKING:
    from db.session import Database

CACHE_KEY = "visit_choices"
HOME_MODE = "family_home"


@dataclass(frozen=True)
class VisitChoices:
    staff: list[Choice]  # active and switched-off employees; `code` is "" for switched-off ones
    services: list[Choice]  # active services first; `code` is the service's code
    inactive_services: frozenset[uuid.UUID]
    delivery_modes: list[Choice]
    home_mode_id: uuid.UUID | None
    districts: list[Choice]


def load_visit_choices(database: Database) -> VisitChoices:
    """Worker thread: staff, services, delivery modes and districts."""
    with database.read() as session:
        staff = [Choice(row.id, f"{row.short_name} — {row.position_name.lower()}", row.office_id,
                        "active" if row.active else "")
                 for row in list_staff(session, include_inactive=True)]
        services = list_services(session, include_inactive=True)
        modes = [Choice(row.id, row.name, code=row.code) for row in list_items(session, "delivery_mode")]
        return VisitChoices(
            staff=staff,
            services=[Choice(row.id, row.name, code=row.code) for row in services],
            inactive_services=frozenset(row.id for row in services if not row.active),
            delivery_modes=modes,
            home_mode_id=next((mode.id for mode in modes if mode.code == HOME_MODE), None),
            districts=[Choice(row.id, row.name) for row in list_districts(session)],
        )


def load_members(database: Database, actor: Actor, family_id: uuid.UUID) -> tuple[str, list[MemberRow]]:
    """Worker thread: the family's title and members (for the «recipient» column of services).

    Reading the card is audited as a view, hence the write unit.
    """
    with database.write() as session:
        card = load_family_card(session, actor, family_id)
        return card.title, card.members


def write_act_file(database: Database, actor: Actor, visit_id: uuid.UUID, folder: Path) -> Path:
    """Worker thread: «Акт обследования условий жизни семьи» of the visit, written into `folder`."""
    with database.write() as session:
        return write_visit_act(session, actor, visit_id, folder)
