"""The Dictionaries section: the list of dictionaries on the left, the chosen dictionary's screen on the right.

Screens are built when first chosen; each subscribes to the changes it shows and re-reads its list
(at once, or when next shown), so the section costs nothing until an administrator opens it and
relays nothing. Everyone may look; only administrators
write (the services check it too).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.permissions import MANAGE_DICTIONARIES, allowed
from app.reference.dictionaries import DICTIONARY_KINDS
from ui import style
from ui.context import UiContext
from ui.dictionaries.catalogue_screen import CatalogueScreen
from ui.dictionaries.items_screen import ItemsScreen
from ui.dictionaries.organization_screen import OrganizationScreen
from ui.dictionaries.places_screen import DistrictsScreen, SettlementsScreen
from ui.dictionaries.staff_screen import StaffScreen
from ui.resources import icon

KEY_ROLE = Qt.ItemDataRole.UserRole
ITEMS_PREFIX = "items:"
# Which generic lists sit under which heading; kinds added later land under «Other lists».
SERVICE_KINDS = ("service_kind", "service_form", "delivery_mode")
FAMILY_KINDS = ("family_category", "need_ground", "case_kind", "case_closing_reason", "category_removal_reason",
                "member_role", "document_kind", "absence_reason")


class DictionariesSection(QWidget):
    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.context = context
        self.screens: dict[str, QWidget] = {}
        self._build()
        self.list.setCurrentRow(1)  # row 0 is a heading

    def _build(self) -> None:
        title = QLabel(self.tr("Dictionaries"))
        style.section_title(title)
        self.read_only_note = QLabel(self.tr("Only an administrator can change dictionaries; "
                                             "you can view them."), objectName="read_only_note")
        lock = QLabel()
        lock.setPixmap(icon("lock").pixmap(16, 16))
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(lock)
        heading.addWidget(self.read_only_note)

        self.list = QListWidget(objectName="dictionary_list")
        self.list.setWordWrap(True)
        self.list.setMinimumWidth(220)
        self.list.setMaximumWidth(300)
        self.list.setSpacing(1)
        self.list.currentItemChanged.connect(self._show_current)
        self.stack = QStackedWidget()
        self._fill_list()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([240, 900])
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(splitter, 1)
        # Only once the labels have a parent: showing a parentless label opens it as a window of its own
        # (it flashed on screen and took the keyboard focus from the main window).
        read_only = not allowed(self.context.actor, MANAGE_DICTIONARIES)
        lock.setVisible(read_only)
        self.read_only_note.setVisible(read_only)

    def _fill_list(self) -> None:
        other = [kind for kind in DICTIONARY_KINDS if kind not in (*SERVICE_KINDS, *FAMILY_KINDS, "position")]
        groups: list[tuple[str, list[tuple[str, str]]]] = [
            (self.tr("Organisation and people"), [
                ("organization", self.tr("Organisation and offices")),
                ("districts", self.tr("Districts")),
                ("settlements", self.tr("Settlements")),
                ("staff", self.tr("Staff")),
                (ITEMS_PREFIX + "position", DICTIONARY_KINDS["position"]),
            ]),
            (self.tr("Services"), [("services", self.tr("Service catalogue")),
                                   *((ITEMS_PREFIX + kind, DICTIONARY_KINDS[kind]) for kind in SERVICE_KINDS)]),
            (self.tr("Families and support"), [(ITEMS_PREFIX + kind, DICTIONARY_KINDS[kind])
                                               for kind in FAMILY_KINDS]),
            (self.tr("Other lists"), [(ITEMS_PREFIX + kind, DICTIONARY_KINDS[kind]) for kind in other]),
        ]
        bold = QFont(self.font())
        bold.setBold(True)
        for number, (heading, entries) in enumerate(groups):
            header = QListWidgetItem(heading)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            header.setFont(bold)
            header.setForeground(Qt.GlobalColor.darkGray)
            if number:
                header.setSizeHint(QSize(0, 34))
            self.list.addItem(header)
            for key, text in entries:
                item = QListWidgetItem(text)
                item.setData(KEY_ROLE, key)
                item.setToolTip(text)
                self.list.addItem(item)

    # --- screens ------------------------------------------------------------------------------
    def _factory(self, key: str) -> Callable[[UiContext], QWidget]:
        if key.startswith(ITEMS_PREFIX):
            kind = key.removeprefix(ITEMS_PREFIX)
            return lambda context: ItemsScreen(context, kind)
        return {"organization": OrganizationScreen, "districts": DistrictsScreen,
                "settlements": SettlementsScreen, "staff": StaffScreen, "services": CatalogueScreen}[key]

    def screen(self, key: str) -> QWidget:
        """The screen of one dictionary, built on first use."""
        screen = self.screens.get(key)
        if screen is None:
            screen = self._factory(key)(self.context)
            self.screens[key] = screen
            self.stack.addWidget(screen)
        return screen

    def open_dictionary(self, key: str) -> QWidget:
        """Select a dictionary by key («settlements», «items:family_category», …) and return its screen."""
        for row in range(self.list.count()):
            if self.list.item(row).data(KEY_ROLE) == key:
                self.list.setCurrentRow(row)
                break
        return self.screen(key)

    def current_screen(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _show_current(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        key = item.data(KEY_ROLE) if item is not None else None
        if key:
            self.stack.setCurrentWidget(self.screen(key))
