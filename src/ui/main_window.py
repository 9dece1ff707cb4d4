"""The main window: navigation on the left, one screen per section, a status bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.actor import ROLE_TITLES
from ui import style
from ui.context import UiContext
from ui.resources import icon

NAVIGATION_INK = "#CFD8DC"


class PendingSection(QWidget):
    """A section that a later version fills; says so plainly instead of showing empty controls."""

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        style.section_title(heading)
        body = QLabel(text)
        body.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    def __init__(self, context: UiContext, screens: dict[str, Callable[[UiContext], QWidget]] | None = None) -> None:
        super().__init__()
        self.context = context
        context.broadcast = self.broadcast
        self.setWindowTitle(self.tr("Opora"))
        self.setWindowIcon(icon("opora"))
        self.resize(1280, 760)
        self.setMinimumSize(1024, 640)
        self.navigation = QListWidget()
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setObjectName("navigation")
        style.navigation(self.navigation)
        self.navigation.setFixedWidth(210)
        self.stack = QStackedWidget()
        screens = screens or {}
        pending = self.tr("This section arrives in a later version of Opora.")
        sections = [
            ("families", self.tr("Families")),
            ("visits", self.tr("Visits and trips")),
            ("sessions", self.tr("Sessions")),
            ("events", self.tr("Events")),
            ("reports", self.tr("Reports")),
            ("dictionaries", self.tr("Dictionaries")),
            ("admin", self.tr("Administration")),
        ]
        self.section_keys: list[str] = []
        # Sections are built when first shown: each one reads its lists on the single database
        # thread, and building them all at login would queue their reads ahead of the registry.
        self._factories: dict[int, Callable[[UiContext], QWidget]] = {}
        for key, title in sections:
            item = QListWidgetItem(icon(key, NAVIGATION_INK), title)
            item.setSizeHint(QSize(200, 40))
            self.navigation.addItem(item)
            factory = screens.get(key)
            if factory is not None:
                self._factories[self.stack.count()] = factory
                self.stack.addWidget(QWidget())
            else:
                self.stack.addWidget(PendingSection(title, pending))
            self.section_keys.append(key)
        self.navigation.currentRowChanged.connect(self._show_row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self.navigation.setCurrentRow(0)
        self._fill_status_bar()

    def _fill_status_bar(self) -> None:
        actor = self.context.actor
        role = ROLE_TITLES.get(actor.role, actor.role)
        self.user_label = QLabel(self.tr("User: {name} ({role})").format(name=actor.display_name, role=role))
        self.office_label = QLabel(self.tr("Office: {office}").format(office=self.context.office or "—"))
        self.database_label = QLabel(self.tr("Database: {location}").format(location=self.context.database_location))
        for label in (self.user_label, self.office_label, self.database_label):
            style.status_label(label)
        for label in (self.user_label, self.office_label):
            self.statusBar().addWidget(label)
        self.statusBar().addPermanentWidget(self.database_label)

    def _show_row(self, row: int) -> None:
        factory = self._factories.pop(row, None)
        if factory is not None:
            placeholder = self.stack.widget(row)
            screen = factory(self.context)
            saved = getattr(screen, "saved", None)
            if saved is not None:
                saved.connect(self.broadcast)
            self.stack.insertWidget(row, screen)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        self.stack.setCurrentIndex(row)

    def section(self, key: str) -> QWidget:
        """The section's screen, building it if it was not shown yet."""
        row = self.section_keys.index(key)
        if row in self._factories:
            current = self.navigation.currentRow()
            self._show_row(row)
            self.stack.setCurrentIndex(current)
        return self.stack.widget(row)

    def broadcast(self, changed: frozenset[str]) -> None:
        """Tell every screen what a save changed; each re-queries only if its area is affected."""
        self.context.forget_cached(frozenset(changed))
        for index in range(self.stack.count()):
            on_changes = getattr(self.stack.widget(index), "on_changes", None)
            if on_changes is not None:
                on_changes(frozenset(changed))

    def show_section(self, key: str) -> None:
        self.navigation.setCurrentRow(self.section_keys.index(key))
