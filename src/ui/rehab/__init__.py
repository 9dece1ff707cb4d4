"""Rehabilitation sessions: the week calendar screen, the session editor, attendance, the rehabilitation card."""

from ui.rehab.editor import SessionEditor, open_session
from ui.rehab.list_screen import SessionsScreen

__all__ = ["SessionEditor", "SessionsScreen", "open_session"]
