"""A built report shown as tables, one tab per section, before anything is written."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QTableView, QTabWidget, QWidget

from app.core.text import format_date
from app.reports.previews import PreviewTable
from ui.table_base import RowsTable

Index = QModelIndex | QPersistentModelIndex
NUMBER_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


class PreviewModel(RowsTable):
    def __init__(self, table: PreviewTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers = list(table.headers)
        self.first_total = len(table.rows) - table.total_rows
        self.set_rows(table.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int | float) \
                and not isinstance(value, bool):
            return NUMBER_ALIGN
        if role == Qt.ItemDataRole.FontRole and index.row() >= self.first_total:
            font = QFont()
            font.setBold(True)
            return font
        return None


class ReportPreview(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_preview")
        self.setDocumentMode(True)

    def show_tables(self, tables: tuple[PreviewTable, ...]) -> None:
        self.clear()
        for table in tables:
            view = QTableView()
            view.setModel(PreviewModel(table, view))
            view.setAlternatingRowColors(True)
            view.verticalHeader().hide()
            view.setWordWrap(True)
            header = view.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            if table.headers:
                header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch if len(table.headers) <= 3
                                            else QHeaderView.ResizeMode.Interactive)
                if len(table.headers) > 3:
                    view.setColumnWidth(0, 320)
            header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
            self.addTab(view, table.title if len(table.title) <= 40 else table.title[:38] + "…")
            self.setTabToolTip(self.count() - 1, table.title)
