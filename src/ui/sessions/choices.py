"""The pick lists of the sessions section, read in one worker job and shared through `UiContext.cache`."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.reference.catalogue import list_services
from app.reference.choices import Choice
from app.reference.dictionaries import list_items
from app.reference.staff import list_staff

CACHE_KEY = "sessions.choices"


@dataclass(frozen=True)
class SessionChoices:
    staff: list[Choice]
    services: list[Choice]
    service_minutes: dict[uuid.UUID, int]
    delivery_modes: list[Choice]
    absence_reasons: list[Choice]


def read_choices(session: Session) -> SessionChoices:
    """Runs on the worker thread inside a read unit."""
    services = list_services(session)
    # Specialists whose position gives sessions come first, so the calendar opens on a useful week.
    giving = {row.code for row in list_items(session, "position") if row.attrs.get("conducts_sessions")}
    staff = sorted(list_staff(session), key=lambda row: row.position_code not in giving)
    return SessionChoices(
        staff=[Choice(row.id, f"{row.short_name} — {row.position_name.lower()}") for row in staff],
        services=[Choice(row.id, row.name) for row in services],
        service_minutes={row.id: row.minutes for row in services if row.minutes},
        delivery_modes=[Choice(row.id, row.name, code=row.code) for row in list_items(session, "delivery_mode")],
        absence_reasons=[Choice(row.id, row.name, code=row.code) for row in list_items(session, "absence_reason")],
    )


def choices_job(database) -> SessionChoices:  # noqa: ANN001 - db.session.Database
    with database.read() as session:
        return read_choices(session)
