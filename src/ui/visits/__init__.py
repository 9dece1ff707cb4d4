"""Home visits (патронаж): the journal screen and the visit editor with its inspection act."""

from ui.visits.editor import VisitEditor, open_visit
from ui.visits.list_screen import VisitsScreen

__all__ = ["VisitEditor", "VisitsScreen", "open_visit"]
