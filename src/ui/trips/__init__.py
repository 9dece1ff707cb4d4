"""Mobile-brigade trips: the list, the planning editor, the completion screen and the route sheet."""

from ui.trips.list_screen import TripsScreen

__all__ = ["TripsScreen"]
