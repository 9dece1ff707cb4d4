"""Events (мероприятия): the list section and the event window."""

from ui.events.editor import EventWindow, open_event
from ui.events.section import EventsSection

__all__ = ["EventWindow", "EventsSection", "open_event"]
