"""The pick-lists of the sessions calendar and its dialogs, read in one unit, and the children a
search offers, labelled as the pickers show them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.text import format_date
from app.reference.catalogue import list_services
from app.reference.choices import Choice
from app.reference.dictionaries import list_items
from app.reference.staff import list_staff
from app.registry.persons import search_persons


@dataclass(frozen=True)
class SessionChoices:
    staff: list[Choice]  # «Фамилия И.О. — должность», those whose position gives sessions first; parent: office
    services: list[Choice]
    service_minutes: dict[uuid.UUID, int]
    delivery_modes: list[Choice]
    absence_reasons: list[Choice]
    # Whose position gives sessions: with the user's office, the first group of the editor's specialist picker.
    session_givers: frozenset[uuid.UUID] = frozenset()


def load_session_choices(session: Session) -> SessionChoices:
    services = list_services(session)
    # Specialists whose position gives sessions come first, so the calendar opens on a useful week.
    giving = {row.code for row in list_items(session, "position") if row.attrs.get("conducts_sessions")}
    staff = sorted(list_staff(session), key=lambda row: row.position_code not in giving)
    return SessionChoices(
        staff=[Choice(row.id, row.label, row.office_id) for row in staff],
        services=[Choice(row.id, row.name, group=row.kind_name) for row in services],
        service_minutes={row.id: row.minutes for row in services if row.minutes},
        delivery_modes=[Choice(row.id, row.name, code=row.code) for row in list_items(session, "delivery_mode")],
        absence_reasons=[Choice(row.id, row.name, code=row.code) for row in list_items(session, "absence_reason")],
        session_givers=frozenset(row.id for row in staff if row.position_code in giving),
    )


def find_children(session: Session, actor: Actor, text: str, limit: int = 50) -> list[Choice]:
    """People matching `text` (`app.registry.persons.search_persons`) as «Фамилия Имя Отчество, дд.мм.гггг»."""
    return [Choice(row.id, row.full_name + (f", {format_date(row.birth_date)}" if row.birth_date else ""))
            for row in search_persons(session, actor, text, limit=limit)]
