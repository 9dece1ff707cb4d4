"""The screens each navigation section opens; sections not listed show a plain 'later' page.

Also where the kinds of records other screens open by id (the family card's history) are registered.
The editors opened so need no callback: their saves are announced on `UiContext.changes`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.admin.section import AdminSection
from ui.context import UiContext
from ui.dictionaries.section import DictionariesSection
from ui.events import EventsScreen, open_event
from ui.exchange import ExchangeSection
from ui.families.card import open_family_card
from ui.families.section import FamiliesSection
from ui.openers import register_opener
from ui.rehab import SessionsScreen, open_session
from ui.reports.section import ReportsSection
from ui.today import TodaySection
from ui.visits import open_visit
from ui.work_section import VisitsAndTripsSection


def section_screens() -> dict[str, Callable[[UiContext], QWidget]]:
    register_opener("visit", lambda context, visit_id: open_visit(context, visit_id))
    register_opener("event", lambda context, event_id: open_event(context, event_id))
    register_opener("session", open_session)
    register_opener("family", open_family_card)
    return {
        "today": TodaySection,
        "families": FamiliesSection,
        "visits": VisitsAndTripsSection,
        "sessions": SessionsScreen,
        "events": EventsScreen,
        "reports": ReportsSection,
        "dictionaries": DictionariesSection,
        "exchange": ExchangeSection,
        "admin": AdminSection,
    }
