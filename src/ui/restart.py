"""Going back to the login window without leaving the program (after a restore)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

_requested = False


def request_restart() -> None:
    """Close every window; `run_gui` then starts over with the login window instead of quitting."""
    global _requested
    _requested = True
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()


def take_restart_request() -> bool:
    global _requested
    requested, _requested = _requested, False
    return requested
