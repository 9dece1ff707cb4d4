"""The records behind a chart's bar (#17 item 1): a list whose total is the bar's figure; a double-click (or Enter)
opens the record — the family card, the session, the visit — through `ui.openers`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.text import format_date
from app.worklist.chart_records import LIMIT, ChartRecords, RecordRow
from db.session import Database
from ui import style
from ui.context import UiContext
from ui.errors import show_error
from ui.openers import open_record
from ui.table_base import RowsTable
from ui.worker import DatabaseWorker, alive


class RecordsTable(RowsTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers = [self.tr("Date"), self.tr("Record"), self.tr("Details"), self.tr("Count")]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row: RecordRow = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (format_date(row.day) if row.day else "", row.title, row.detail, str(row.count))[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ChartRecordsDialog(QDialog):
    """Reads the records on the charts' own reader (`reader`), shows them, opens the chosen one."""

    def __init__(self, context: UiContext, reader: DatabaseWorker, read: Callable[[Any], ChartRecords],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("chart_records")
        self.context = context
        self.records: ChartRecords | None = None
        self.setWindowTitle(self.tr("Records behind the chart"))
        self.heading = style.section_title(QLabel(self.tr("Loading…")))
        self.heading.setWordWrap(True)
        self.note = style.muted(QLabel())
        self.note.setWordWrap(True)
        self.model = RecordsTable(self)
        self.table = QTableView(objectName="records")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.table.activated.connect(lambda index: self.open_row(index.row()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 560)

        def job(database: Database) -> ChartRecords:
            with database.read() as session:
                return read(session)

        reader.submit(job, alive(self, self._loaded), alive(self, lambda error: show_error(self, error)))

    def _loaded(self, records: ChartRecords) -> None:
        self.records = records
        self.heading.setText(records.title)
        note = self.tr("In all: {total}. Double-click a row to open the record.").format(total=records.total)
        if not records.complete:
            note += " " + self.tr("The newest {limit} rows are listed.").format(limit=LIMIT)
        self.note.setText(note)
        self.model.set_rows(records.rows)

    def is_loaded(self) -> bool:
        return self.records is not None

    def open_row(self, row: int) -> None:
        if self.records is not None and 0 <= row < len(self.records.rows):
            record = self.records.rows[row]
            open_record(self.context, record.kind, record.id)
