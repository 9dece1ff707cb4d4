"""Read-only table models of the exchange section: the package history and the conflict queue."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from app.exchange.conflicts import ConflictRow
from app.exchange.packages import STATE_TITLES, PackageRow
from ui.table_base import Index, RowsTable

translate = QCoreApplication.translate


def when(value: datetime | None) -> str:
    return value.astimezone().strftime("%d.%m.%Y %H:%M") if value is not None else "—"


class HistoryModel(RowsTable):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = [translate("ExchangeTables", "When"), translate("ExchangeTables", "Partner"),
                        translate("ExchangeTables", "Direction"), translate("ExchangeTables", "Kind"),
                        translate("ExchangeTables", "No."), translate("ExchangeTables", "State"),
                        translate("ExchangeTables", "Changes"), translate("ExchangeTables", "Conflicts"),
                        translate("ExchangeTables", "File")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row: PackageRow = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            direction = (translate("ExchangeTables", "sent") if row.direction == "out"
                         else translate("ExchangeTables", "received"))
            kind = (translate("ExchangeTables", "data") if row.kind == "data"
                    else translate("ExchangeTables", "acknowledgement"))
            return [when(row.created_at), row.partner_code, direction, kind, row.sequence,
                    STATE_TITLES.get(row.state, row.state), row.changes, row.conflicts,
                    row.file_name][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and row.message:
            return row.message
        return None


class ConflictsModel(RowsTable):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = [translate("ExchangeTables", "Record"), translate("ExchangeTables", "Field"),
                        translate("ExchangeTables", "Here"), translate("ExchangeTables", "Changed here"),
                        translate("ExchangeTables", "At the partner"), translate("ExchangeTables", "Changed there"),
                        translate("ExchangeTables", "Partner")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row: ConflictRow = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [row.record, row.column_title, row.local_text,
                    f"{row.local_by or '—'}, {when(row.local_at)}", row.incoming_text,
                    f"{row.incoming_by or '—'}, {when(row.incoming_at)}", row.partner_code][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("ExchangeTables", "Before both changes: {value}").format(value=row.base_text)
        return None
