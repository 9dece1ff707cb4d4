"""The screens each navigation section opens; sections not listed show a plain 'later' page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.context import UiContext
from ui.dictionaries.section import DictionariesSection
from ui.families.section import FamiliesSection
from ui.sessions.section import SessionsSection


def section_screens() -> dict[str, Callable[[UiContext], QWidget]]:
    return {
        "families": FamiliesSection,
        "sessions": SessionsSection,
        "dictionaries": DictionariesSection,
    }
