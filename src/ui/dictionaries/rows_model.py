"""The table model of the dictionary lists: frozen rows in columns, switched-off entries greyed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ui.dictionaries.widgets import format_number
from ui.table_base import RowsTable

Index = QModelIndex | QPersistentModelIndex
INACTIVE_INK = QColor("#9E9E9E")
TEXT, NUMBER, FLAG = "text", "number", "flag"


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    kind: str = TEXT
    width: int = 0
    stretch: bool = False  # takes the width left over, so the table needs no horizontal scrolling


class RowsModel(RowsTable):
    """Frozen row dataclasses (with `id` and `active`) shown in columns; inactive rows greyed."""

    def __init__(self, columns: list[Column], parent: QObject) -> None:
        super().__init__(parent)
        self.columns = columns
        self.headers = [column.header for column in columns]
        self.inactive_tip = ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(row)
            if column.kind == FLAG:
                return "✓" if value else ""
            if column.kind == NUMBER:
                return format_number(value)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.kind == NUMBER:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column.kind == FLAG:
                return int(Qt.AlignmentFlag.AlignCenter)
        if not row.active:
            if role == Qt.ItemDataRole.ForegroundRole:
                return INACTIVE_INK
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
        if role == Qt.ItemDataRole.ToolTipRole:
            # Long names are cut at the column edge: the tooltip shows them whole.
            text = str(column.value(row) or "") if column.kind == TEXT else ""
            tips = [tip for tip in (text, "" if row.active else self.inactive_tip) if tip]
            return "\n".join(tips) or None
        return None
