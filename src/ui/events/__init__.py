"""Events (мероприятия): the list screen and the event editor."""

from ui.events.editor import EventEditor, open_event
from ui.events.list_screen import EventsScreen

__all__ = ["EventEditor", "EventsScreen", "open_event"]
