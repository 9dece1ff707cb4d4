"""The screens each navigation section opens; sections not listed show a plain 'later' page."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.admin.section import AdminSection
from ui.context import UiContext
from ui.dictionaries.section import DictionariesSection
from ui.events import open_event
from ui.events.section import EventsSection
from ui.families.section import FamiliesSection
from ui.openers import register_opener
from ui.reports.section import ReportsSection
from ui.sessions.opener import open_session
from ui.sessions.section import SessionsSection
from ui.visits.editor import open_visit
from ui.work_section import VisitsAndTripsSection


def _open_event(context: UiContext, event_id: uuid.UUID) -> None:
    open_event(context, event_id).saved.connect(context.announce)


def section_screens() -> dict[str, Callable[[UiContext], QWidget]]:
    register_opener("visit", lambda context, visit_id: open_visit(context, visit_id, on_saved=context.announce))
    register_opener("event", _open_event)
    register_opener("session", open_session)
    return {
        "families": FamiliesSection,
        "visits": VisitsAndTripsSection,
        "sessions": SessionsSection,
        "events": EventsSection,
        "reports": ReportsSection,
        "dictionaries": DictionariesSection,
        "admin": AdminSection,
    }
