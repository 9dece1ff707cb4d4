"""The mobile-brigade trips list: period and status filters, planning, route sheet, completion."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer
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

from app.core.changes import DICTIONARIES, FAMILIES, TRIPS
from app.core.permissions import EDIT_RECORDS, allowed
from app.core.text import format_date
from app.trips.reads import TripRow, list_trips
from app.trips.trips import CANCELLED, DONE, PLANNED, cancel_trip, delete_trip
from ui import style
from ui.context import UiContext
from ui.date_edit import DateEdit
from ui.errors import show_error
from ui.forms import ask
from ui.ops import run_op, run_query
from ui.resources import icon
from ui.table_base import RowsTable
from ui.trips.completion_dialog import TripCompletionDialog
from ui.trips.editor import TripEditor
from ui.trips.route_sheet_file import write_route_sheet

SETTINGS_GROUP = "trips_list"
FILTER_DELAY_MS = 300
PAGE = 500


class TripTableModel(RowsTable):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.rows: list[TripRow] = []
        self.headers = [self.tr("Date"), self.tr("Status"), self.tr("Route"), self.tr("Brigade"),
                        self.tr("Vehicle"), self.tr("Families done")]
        self.status_titles = {PLANNED: self.tr("Planned"), DONE: self.tr("Done"),
                              CANCELLED: self.tr("Cancelled")}

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (format_date(row.trip_date), self.status_titles.get(row.status, row.status), row.route,
                    row.members, row.vehicle or "",
                    f"{row.families_done} / {row.families_planned}")[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (2, 3):
            return row.route if index.column() == 2 else row.members
        return None


class TripsScreen(QWidget):
    """Trips of a period, newest first; re-read once per announced change of what the rows show (`SHOWN`)."""

    SHOWN = frozenset({TRIPS, FAMILIES, DICTIONARIES})

    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.context = context
        self.model = TripTableModel(self)
        self.dialogs: list[QWidget] = []
        self.just_saved: uuid.UUID | None = None  # selected when the refresh after its save arrives
        self._build()
        self._restore_settings()
        self.timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        for edit in (self.date_from, self.date_to):
            edit.textChanged.connect(lambda _text: self.timer.start())
        self.status.currentIndexChanged.connect(lambda _index: self.refresh())
        self.refresh()
        context.changes.subscribe(self, self.SHOWN, lambda _changed, _initiator: self.refresh())

    # --- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        title = style.section_title(QLabel(self.tr("Mobile brigade trips")))
        self.plan_button = QPushButton(icon("add"), self.tr("Plan a trip"), objectName="plan")
        self.plan_button.clicked.connect(self.plan_trip)
        self.open_button = QPushButton(icon("edit"), self.tr("Open"), objectName="open")
        self.open_button.clicked.connect(self.open_current)
        self.sheet_button = QPushButton(icon("export"), self.tr("Route sheet"), objectName="route_sheet")
        self.sheet_button.setToolTip(self.tr("Write the route sheet as DOCX and PDF"))
        self.sheet_button.clicked.connect(lambda: self.print_current())
        self.print_button = QPushButton(icon("print"), self.tr("Print"), objectName="print_sheet")
        self.print_button.setToolTip(self.tr("Write the route sheet and send it to the printer"))
        self.print_button.clicked.connect(lambda: self.print_current(then_print=True))
        self.complete_button = QPushButton(icon("check"), self.tr("Mark results"), objectName="complete")
        self.complete_button.clicked.connect(self.complete_current)
        self.cancel_button = QPushButton(icon("close"), self.tr("Cancel trip"), objectName="cancel_trip")
        self.cancel_button.clicked.connect(self.cancel_current)
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete"), objectName="delete")
        self.delete_button.clicked.connect(self.delete_current)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        for button in (self.plan_button, self.open_button, self.sheet_button, self.print_button, self.complete_button,
                       self.cancel_button, self.delete_button):
            top.addWidget(button)

        self.date_from = DateEdit("date_from")
        self.date_to = DateEdit("date_to")
        self.status = QComboBox(objectName="status")
        for text, value in ((self.tr("all"), None), (self.tr("planned"), PLANNED), (self.tr("done"), DONE),
                            (self.tr("cancelled"), CANCELLED)):
            self.status.addItem(text, value)
        refresh = QPushButton(icon("refresh"), self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Period from")))
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.date_to)
        filters.addSpacing(16)
        filters.addWidget(QLabel(self.tr("Status")))
        filters.addWidget(self.status)
        filters.addWidget(refresh)
        filters.addStretch(1)

        self.table = QTableView(objectName="trips_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.count_label = QLabel(objectName="count")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.current_row()
        can_edit = allowed(self.context.actor, EDIT_RECORDS)
        planned = row is not None and row.status == PLANNED
        self.plan_button.setEnabled(can_edit)
        self.open_button.setEnabled(row is not None)
        self.sheet_button.setEnabled(row is not None and row.status != CANCELLED)
        self.print_button.setEnabled(self.sheet_button.isEnabled())
        self.complete_button.setEnabled(can_edit and planned and row.trip_date <= date.today())
        self.cancel_button.setEnabled(can_edit and planned)
        self.delete_button.setEnabled(can_edit and row is not None)

    # --- data -------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.timer.stop()
        date_from, date_to = self.date_from.value(), self.date_to.value()
        status = self.status.currentData()
        selected = self.current_row().id if self.current_row() else None
        self.count_label.setText(self.tr("Searching…"))
        actor = self.context.actor

        def read(session: Any) -> list[TripRow]:
            return list_trips(session, actor, date_from=date_from, date_to=date_to, status=status, limit=PAGE)

        run_query(self, self.context, read, lambda rows: self._show(rows, selected),
                  lambda error: show_error(self, error))

    def _show(self, rows: list[TripRow], selected: uuid.UUID | None) -> None:
        if self.just_saved is not None and any(row.id == self.just_saved for row in rows):
            selected, self.just_saved = self.just_saved, None  # a trip just saved is selected, not the old one
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("Trips found: %n", "", len(rows)))
        index = next((i for i, row in enumerate(rows) if row.id == selected), 0 if rows else -1)
        if index >= 0:
            self.table.selectRow(index)
        self._update_buttons()

    def current_row(self) -> TripRow | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    # --- actions ----------------------------------------------------------------------------
    def plan_trip(self) -> TripEditor | None:
        if not self.plan_button.isEnabled():
            return None
        return self._open_editor(None)

    def _open_editor(self, trip_id: uuid.UUID | None) -> TripEditor:
        editor = TripEditor(self.context, trip_id, self)
        editor.accepted.connect(lambda: self._select_saved(editor.result_value))
        self.dialogs = [*self._open_dialogs(), editor]
        editor.open()
        return editor

    def _select_saved(self, saved: Any) -> None:
        """Select the trip just saved: now if the list has it, else when the refresh brings it."""
        trip_id = getattr(saved, "id", None)
        index = next((i for i, row in enumerate(self.model.rows) if row.id == trip_id), -1)
        if index >= 0:
            self.table.selectRow(index)
        else:
            self.just_saved = trip_id

    def _open_dialogs(self) -> list[QWidget]:
        """The dialogs still on screen; a closed one was deleted by Qt (WA_DeleteOnClose), and touching its
        wrapper would raise «already deleted» on every later click."""
        return [d for d in self.dialogs if shiboken6.isValid(d) and d.isVisible()]

    def open_current(self) -> QWidget | None:
        row = self.current_row()
        if row is None:
            return None
        if row.status == PLANNED:
            return self._open_editor(row.id)
        return self._open_completion(row.id, read_only=True)

    def complete_current(self) -> TripCompletionDialog | None:
        row = self.current_row()
        if row is None or not self.complete_button.isEnabled():
            return None
        return self._open_completion(row.id, read_only=False)

    def _open_completion(self, trip_id: uuid.UUID, read_only: bool) -> TripCompletionDialog:
        dialog = TripCompletionDialog(self.context, trip_id, self, read_only=read_only)
        self.dialogs = [*self._open_dialogs(), dialog]
        dialog.open()
        return dialog

    def print_current(self, then_print: bool = False) -> bool:
        """The selected trip's route sheet: written and opened, or written and sent to the printer."""
        row = self.current_row()
        if row is None:
            return False
        write_route_sheet(self, self.context, row.id, then_print=then_print, on_message=self.count_label.setText)
        return True

    def cancel_current(self) -> QMessageBox | None:
        row = self.current_row()
        if row is None or not self.cancel_button.isEnabled():
            return None
        text = self.tr("Cancel the trip of {date} ({route})? It stays in the list as cancelled.").format(
            date=format_date(row.trip_date), route=row.route)
        return ask(self, self.tr("Cancel trip"), text, [
            (self.tr("Cancel the trip"), QMessageBox.ButtonRole.AcceptRole, lambda: self._write(cancel_trip, row.id)),
            (self.tr("Keep it"), QMessageBox.ButtonRole.RejectRole, None)])

    def delete_current(self) -> QMessageBox | None:
        row = self.current_row()
        if row is None or not self.delete_button.isEnabled():
            return None
        text = self.tr("Delete the trip of {date} ({route})? Visits made during it stay in the visits "
                       "journal.").format(date=format_date(row.trip_date), route=row.route)
        return ask(self, self.tr("Delete trip"), text, [
            (self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole, lambda: self._write(delete_trip, row.id)),
            (self.tr("Keep it"), QMessageBox.ButtonRole.RejectRole, None)], QMessageBox.Icon.Warning)

    def _write(self, action: Any, trip_id: uuid.UUID) -> None:
        """Cancel or delete; the list re-reads itself when the change is announced."""
        actor = self.context.actor
        run_op(self, self.context, lambda session: action(session, actor, trip_id))

    # --- remembered settings ------------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        state = settings.value("header")
        settings.endGroup()
        if state is not None:
            self.table.horizontalHeader().restoreState(state)
        else:
            for column, width in enumerate((90, 110, 380, 260, 160, 90)):
                self.table.setColumnWidth(column, width)

    def hideEvent(self, event: object) -> None:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        settings.setValue("header", self.table.horizontalHeader().saveState())
        settings.endGroup()
        super().hideEvent(event)  # type: ignore[arg-type]
