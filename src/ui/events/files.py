"""The attached files tab of the event editor: add (copied into `<data dir>/attachments`), open, remove.

GUI thread only; copying and recording run on the database worker in one write transaction, so a
copy never outlives a failed action (app.events.events.attach_file removes it on rollback).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Saved
from app.core.folders import attachments_dir
from app.core.text import format_date
from app.events.attachment_types import AttachmentRefused, openable_attachment
from app.events.events import EventFileRow, attach_file, remove_file
from ui import style
from ui.context import UiContext
from ui.forms import ask, error_label, show_message
from ui.generated_files import choose_open_files
from ui.ops import run_op
from ui.resources import icon

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def open_path(path: Path) -> None:
    """Open a file with the program the desktop associates with it (replaced in tests)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(size // 1024, 1)} KB"
    return f"{size / 1024 / 1024:.1f} MB"


class FilesTab(QWidget):
    """`written(saved)` is called after each successful add or remove (announced on `context.changes`
    by `ui.ops.run_op` before), so the editor re-reads the event."""

    def __init__(self, context: UiContext, written: Callable[[Saved], None]) -> None:
        super().__init__()
        self.context, self.written = context, written
        self.event_id: uuid.UUID | None = None
        self.rows: list[EventFileRow] = []
        self.file_dialog: QFileDialog | None = None
        self.table = QTableWidget(0, 3, objectName="files")
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Size"), self.tr("Added on")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.add_button = QPushButton(icon("add"), self.tr("Attach files…"), objectName="attach")
        self.add_button.clicked.connect(self.choose_files)
        self.open_button = QPushButton(icon("open"), self.tr("Open"), objectName="open_file")
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button = QPushButton(icon("delete"), self.tr("Remove"), objectName="remove_file")
        self.remove_button.clicked.connect(self.remove_selected)
        self.hint = style.muted(QLabel(self.tr("Files are copied into the program's data folder; "
                                               "up to 50 MB each."), wordWrap=True))
        self.error = error_label()
        buttons = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.hint)
        self.editable = True
        self.update_buttons()

    def set_event(self, event_id: uuid.UUID | None, rows: list[EventFileRow], editable: bool) -> None:
        self.event_id, self.rows, self.editable = event_id, rows, editable
        self.table.setRowCount(len(rows))
        for row, file in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(file.original_name))
            size = QTableWidgetItem(size_text(file.size_bytes))
            self.table.setItem(row, 1, size)
            self.table.setItem(row, 2, QTableWidgetItem(format_date(file.created_at.date())))
        self.update_buttons()

    def update_buttons(self) -> None:
        saved = self.event_id is not None
        self.add_button.setEnabled(saved and self.editable)
        has_rows = bool(self.rows)
        self.open_button.setEnabled(has_rows)
        self.remove_button.setEnabled(has_rows and self.editable)

    def selected(self) -> EventFileRow | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def choose_files(self) -> None:
        self.file_dialog = choose_open_files(self, self.tr("Attach files to the event"), "attachments", None,
                                             lambda paths: self.attach_paths([str(p) for p in paths]), many=True)

    def attach_paths(self, paths: list[str]) -> None:
        """Copy and record the files in one transaction; a refused file leaves none attached."""
        event_id, actor, folder = self.event_id, self.context.actor, attachments_dir()
        if event_id is None or not paths:
            return

        def action(session: Session) -> Saved:
            saved = None
            for path in paths:
                saved = attach_file(session, actor, event_id, path, folder)
            return saved  # type: ignore[return-value]

        show_message(self.error, "")
        run_op(self, self.context, action, self.written, self._failed)

    def _failed(self, error: BaseException) -> None:
        from ui.errors import user_message

        show_message(self.error, user_message(error))

    def open_selected(self) -> None:
        file = self.selected()
        if file is None:
            return
        try:  # only a document, table or image goes to the desktop's viewer; never a program
            path = openable_attachment(attachments_dir() / file.stored_name, file.original_name)
        except AttachmentRefused as refusal:
            show_message(self.error, str(refusal))
            return
        open_path(path)

    def remove_selected(self) -> None:
        file = self.selected()
        if file is None or not self.remove_button.isEnabled():
            return
        ask(self, self.tr("Remove file"),
            self.tr("Remove the file «{name}» from the event? The stored copy is deleted.").format(
                name=file.original_name),
            [(self.tr("Remove"), QMessageBox.ButtonRole.AcceptRole, lambda: self.remove(file.id)),
             (self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole, None)])

    def remove(self, file_id: uuid.UUID) -> None:
        actor, folder = self.context.actor, attachments_dir()
        run_op(self, self.context, lambda session: remove_file(session, actor, file_id, folder), self.written,
               self._failed)
