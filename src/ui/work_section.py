"""«Визиты и выезды»: home visits and mobile-brigade trips on two tabs of one section.

Each screen subscribes to the changes it shows itself (`UiContext.changes`); the section relays nothing.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.context import UiContext
from ui.resources import icon
from ui.trips.list_screen import TripsScreen
from ui.visits.list_screen import VisitsScreen


class VisitsAndTripsSection(QWidget):
    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.tabs = QTabWidget()
        self.visits = VisitsScreen(context)
        self.trips = TripsScreen(context)
        self.tabs.addTab(self.visits, icon("visits"), self.tr("Home visits"))
        self.tabs.addTab(self.trips, icon("trips"), self.tr("Mobile-brigade trips"))
        self.screens: list[QWidget] = [self.visits, self.trips]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
