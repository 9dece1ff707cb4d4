"""The events list screen: events of a period (optionally of one type) with their participant counts,
each opening in its own editor window (ui.events.editor).

GUI thread only; the list is one query on the database worker, re-run once per announced change of events.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import DICTIONARIES, EVENTS, SETTINGS
from app.core.text import format_date
from app.events.choices import EventChoices, load_event_choices
from app.events.events import EventRow, delete_event, list_events
from ui import style
from ui.context import UiContext
from ui.date_edit import DateEdit
from ui.errors import show_error
from ui.events.editor import CHOICES_CACHE_KEY, EventEditor, open_event
from ui.forms import ask, fill_combo
from ui.list_keys import bind_list_keys, enable_for_editors
from ui.ops import run_op, run_query
from ui.resources import icon
from ui.table_base import RowsTable

Index = QModelIndex | QPersistentModelIndex
SETTINGS_GROUP = "events_list"
WIDTHS = (150, 300, 150, 110, 140, 85, 65, 70, 65, 50)


def dates_text(row: EventRow) -> str:
    if row.ends_on == row.starts_on:
        return format_date(row.starts_on)
    return f"{format_date(row.starts_on)} – {format_date(row.ends_on)}"


class EventsModel(RowsTable):
    NUMBERS = frozenset({5, 6, 7, 8, 9})

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.headers = [self.tr("Dates"), self.tr("Title"), self.tr("Type"), self.tr("Format"), self.tr("Place"),
                        self.tr("Participants"), self.tr("In person"), self.tr("Online"), self.tr("Families"),
                        self.tr("Files")]

    def value(self, row: EventRow, column: int) -> Any:
        return (dates_text(row), row.title, row.type_name, row.format_name, row.place or "", row.participants_total,
                row.in_person_count, row.online_count, row.families_count, row.files_count)[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return str(self.value(row, column))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class EventsScreen(QWidget):
    """Re-reads the list once per announced change of events (the pickers too when dictionaries or
    settings changed), whoever made it: an event editor, this screen."""

    SHOWN = frozenset({EVENTS, DICTIONARIES, SETTINGS})

    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.context = context
        self.model = EventsModel(self)
        self.loaded = False
        self.last_window: EventEditor | None = None  # the editor opened last (for tests and screenshots)
        self._generation = 0
        self._build()
        self._restore_settings()
        self.load_choices()
        context.changes.subscribe(self, self.SHOWN, self.on_changes)

    def _build(self) -> None:
        title = style.section_title(QLabel(self.tr("Events")))
        self.new_button = QPushButton(icon("add"), self.tr("New event"), objectName="new")
        self.new_button.setToolTip("Ctrl+N")
        self.new_button.clicked.connect(self.new_event)
        self.open_button = QPushButton(icon("open"), self.tr("Open"), objectName="open")
        self.open_button.clicked.connect(self.open_current)
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete"), objectName="delete")
        self.delete_button.clicked.connect(self.delete_current)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        for button in (self.new_button, self.open_button, self.delete_button):
            top.addWidget(button)

        today = date.today()
        self.date_from = DateEdit("date_from")
        self.date_to = DateEdit("date_to")
        self.date_from.set_value(date(today.year, 1, 1))
        self.date_to.set_value(date(today.year, 12, 31))
        self.type_combo = QComboBox(objectName="type")
        self.period_error = QLabel(objectName="period_error")
        style.field_error(self.period_error)
        self.refresh_button = QPushButton(icon("refresh"), self.tr("Refresh"), objectName="refresh")
        self.refresh_button.clicked.connect(self.refresh)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Period")))
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("—"))
        filters.addWidget(self.date_to)
        filters.addSpacing(16)
        filters.addWidget(QLabel(self.tr("Type")))
        filters.addWidget(self.type_combo, 1)
        filters.addWidget(self.refresh_button)
        filters.addWidget(self.period_error)
        for edit in (self.date_from, self.date_to):
            edit.editingFinished.connect(self.refresh)
        self.type_combo.currentIndexChanged.connect(lambda _index: self.refresh())

        self.table = QTableView(objectName="events_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the title takes what is left
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        self.count_label = QLabel(objectName="count")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        bind_list_keys(self, self.table, new=self.new_event, open_current=self.open_current,
                       delete_current=self.delete_current)
        enable_for_editors(self.context.actor, (self.new_button, self.delete_button))

    # --- data -----------------------------------------------------------------------------------------
    def load_choices(self) -> None:
        cached = self.context.cache.get(CHOICES_CACHE_KEY)
        if cached is not None:
            self._set_choices(cached)
            return
        run_query(self, self.context, load_event_choices, self._set_choices)

    def _set_choices(self, choices: EventChoices) -> None:
        self.context.cache[CHOICES_CACHE_KEY] = choices
        self.type_combo.blockSignals(True)
        fill_combo(self.type_combo, choices.types, self.tr("all types"))
        self.type_combo.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        start, end = self.date_from.value(), self.date_to.value()
        if not (self.date_from.is_valid() and self.date_to.is_valid()) or start is None or end is None:
            self.period_error.setText(self.tr("Enter the period as dd.mm.yyyy"))
            return
        if end < start:
            self.period_error.setText(self.tr("The period ends before it starts"))
            return
        self.period_error.setText("")
        self._generation += 1
        generation, type_id = self._generation, self.type_combo.currentData()

        actor = self.context.actor
        self.count_label.setText(self.tr("Loading…"))
        run_query(self, self.context, lambda session: list_events(session, actor, start, end, type_id),
                  lambda rows: self._show(generation, rows), lambda error: show_error(self, error))

    def _show(self, generation: int, rows: list[EventRow]) -> None:
        if generation != self._generation:
            return
        selected = self.selected_event()
        self.model.set_rows(rows)
        self.loaded = True
        people = sum(row.participants_total for row in rows)
        self.count_label.setText(self.tr("Events: {count}, participants: {people}").format(
            count=len(rows), people=people))
        index = next((i for i, row in enumerate(rows) if row.id == selected), 0 if rows else -1)
        if index >= 0:
            self.table.selectRow(index)

    def selected_event(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()].id if index.isValid() and index.row() < len(self.model.rows) else None

    # --- actions --------------------------------------------------------------------------------------
    def new_event(self) -> None:
        if self.new_button.isEnabled():
            self.last_window = open_event(self.context, None)

    def open_current(self) -> None:
        event_id = self.selected_event()
        if event_id is not None:
            self.last_window = open_event(self.context, event_id)

    def delete_current(self) -> None:
        event_id = self.selected_event()
        if event_id is None or not self.delete_button.isEnabled():
            return
        row = self.model.rows[self.table.currentIndex().row()]
        ask(self, self.tr("Delete event"),
            self.tr("Delete the event «{title}» of {dates}? An administrator can restore it.").format(
                title=row.title, dates=dates_text(row)),
            [(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole, lambda: self._delete(event_id)),
             (self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole, None)], QMessageBox.Icon.Warning)

    def _delete(self, event_id: uuid.UUID) -> None:
        """The list re-reads itself when the deletion is announced (`on_changes`), not here as well."""
        actor = self.context.actor
        run_op(self, self.context, lambda session: delete_event(session, actor, event_id))

    def on_changes(self, changed: frozenset[str], _initiator: object = None) -> None:
        """The pickers are re-read when dictionaries or settings changed (the context has dropped its
        copy): `_set_choices` then re-reads the list; otherwise the list is re-read at once."""
        if changed & {DICTIONARIES, SETTINGS}:
            self.load_choices()
        else:
            self.refresh()

    # --- remembered settings --------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = QSettings()
        state = settings.value(f"{SETTINGS_GROUP}/header")
        if state is None or not self.table.horizontalHeader().restoreState(state):
            for column, width in enumerate(WIDTHS):
                self.table.setColumnWidth(column, width)

    def hideEvent(self, event: object) -> None:
        QSettings().setValue(f"{SETTINGS_GROUP}/header", self.table.horizontalHeader().saveState())
        super().hideEvent(event)  # type: ignore[arg-type]
