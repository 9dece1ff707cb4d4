"""The table of backups shared by the Administration page and the restore dialog at start-up."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from app.system.backups import BackupFile
from ui.table_base import Index, RowsTable


def reason_title(reason: str) -> str:
    titles = {
        "manual": QCoreApplication.translate("BackupList", "Made by hand"),
        "daily": QCoreApplication.translate("BackupList", "Daily"),
        "exit": QCoreApplication.translate("BackupList", "On exit"),
        "before_migration": QCoreApplication.translate("BackupList", "Before a program update"),
        "before_restore": QCoreApplication.translate("BackupList", "Before a restore"),
        "before_import": QCoreApplication.translate("BackupList", "Before an import"),
    }
    return titles.get(reason, reason)


def taken_text(backup: BackupFile) -> str:
    return backup.taken_at.astimezone().strftime("%d.%m.%Y %H:%M")


def size_text(size: int) -> str:
    megabytes = f"{size / 1_048_576:.1f}".replace(".", ",")
    return QCoreApplication.translate("BackupList", "{size} MB").format(size=megabytes)


class BackupsModel(RowsTable):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = [QCoreApplication.translate("BackupList", "Date"),
                        QCoreApplication.translate("BackupList", "Reason"),
                        QCoreApplication.translate("BackupList", "Size"),
                        QCoreApplication.translate("BackupList", "File")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        backup: BackupFile = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return taken_text(backup)
            if column == 1:
                return reason_title(backup.reason)
            if column == 2:
                return size_text(backup.size)
            return backup.path.name
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(backup.path)
        return None


def backups_table(model: BackupsModel) -> QTableView:
    table = QTableView()
    table.setObjectName("backups")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    for column in range(3):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def selected_backup(table: QTableView, model: BackupsModel) -> BackupFile | None:
    rows = table.selectionModel().selectedRows()
    return model.rows[rows[0].row()] if rows else None
