"""The «История» tab: the family's home visits, sessions and events, newest first."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.core.text import format_date
from app.registry.family_card import HistoryRow
from ui.families.card_models import Column, RowsModel, make_table
from ui.resources import icon

KIND_ICONS = {"visit": "visits", "session": "sessions", "event": "events"}


class HistoryTab(QWidget):
    """Double-click or Enter on a row asks for that record to be opened (`open_record(kind, id)`)."""

    open_record = Signal(str, object)

    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("HistoryTab", "Date"), lambda h: format_date(h.day)),
        Column(QT_TRANSLATE_NOOP("HistoryTab", "Type"), lambda h: h.title),
        Column(QT_TRANSLATE_NOOP("HistoryTab", "Details"), lambda h: h.detail),
    )

    def __init__(self) -> None:
        super().__init__()
        self.model = RowsModel("HistoryTab", self.COLUMNS, self, decoration=self._icon)
        self.table = make_table(self.model, "history", (100, 160))
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table,
                  activated=lambda: self._open(self.table.currentIndex().row()))
        self.count = QLabel(objectName="history_count")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)

    def _icon(self, row: HistoryRow, column: int) -> QIcon | None:
        return icon(KIND_ICONS.get(row.kind, "info")) if column == 1 else None

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.model.rows):
            record: HistoryRow = self.model.rows[row]
            self.open_record.emit(record.kind, record.id)

    def show_history(self, rows: list[HistoryRow]) -> None:
        ordered = sorted(rows, key=lambda row: row.day, reverse=True)
        self.model.set_rows(ordered)
        self.count.setText(self.tr("Records: %n", "", len(ordered)) if ordered
                           else self.tr("No visits, sessions or events recorded for this family yet."))
