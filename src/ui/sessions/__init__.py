"""The rehabilitation sessions section: week calendar, session editor, attendance, rehabilitation card."""

from ui.sessions.section import SessionsSection

__all__ = ["SessionsSection"]
