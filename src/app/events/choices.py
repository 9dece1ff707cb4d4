"""What the events list and the event editor show besides the event rows: the pickers, and an event
with its families' titles and attached files, each read in one unit."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.events.events import EventData, EventFileRow, event_files, load_event
from app.events.note import family_titles
from app.reference.choices import Choice
from app.reference.dictionaries import list_items
from app.reference.organization import list_offices


@dataclass(frozen=True)
class EventChoices:
    types: list[Choice]
    formats: list[Choice]
    offices: list[Choice]


@dataclass(frozen=True)
class EventForm:
    data: EventData
    titles: dict[uuid.UUID, str]  # the registry titles of the families taking part
    files: list[EventFileRow]


def load_event_choices(session: Session) -> EventChoices:
    """The pickers of the event editor and the list's type filter."""
    return EventChoices(
        types=[Choice(row.id, row.name, code=row.code) for row in list_items(session, "event_type")],
        formats=[Choice(row.id, row.name, code=row.code) for row in list_items(session, "event_format")],
        offices=[Choice(row.id, row.name) for row in list_offices(session)],
    )


def load_event_form(session: Session, actor: Actor, event_id: uuid.UUID) -> EventForm:
    data = load_event(session, actor, event_id)
    titles = family_titles(session, [p.family_id for p in data.families if p.family_id])
    return EventForm(data, titles, event_files(session, event_id))
