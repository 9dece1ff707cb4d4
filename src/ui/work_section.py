"""«Визиты и выезды»: home visits and mobile-brigade trips on two tabs of one section."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.context import UiContext
from ui.resources import icon
from ui.trips.list_screen import TripsScreen
from ui.visits.list_screen import VisitsScreen


class VisitsAndTripsSection(QWidget):
    saved = Signal(object)

    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.tabs = QTabWidget()
        self.screens: list[QWidget] = []
        for screen, icon_name, title in self._screens(context):
            screen.saved.connect(self.saved.emit)
            self.tabs.addTab(screen, icon(icon_name), title)
            self.screens.append(screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def _screens(self, context: UiContext) -> list[tuple[QWidget, str, str]]:
        return [
            (VisitsScreen(context), "visits", self.tr("Home visits")),
            (TripsScreen(context), "trips", self.tr("Mobile-brigade trips")),
        ]

    def on_changes(self, changed: frozenset[str]) -> None:
        for screen in self.screens:
            screen.on_changes(changed)  # type: ignore[attr-defined]
