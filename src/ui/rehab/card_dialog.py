"""«Реабилитационная карта»: the chosen child's card for a period, written as DOCX or XLSX into a folder
the user picks (by default ~/Documents/Opora) and opened when ready."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.folders import documents_dir
from app.rehab.card import card_file_name, export_rehab_card_docx, export_rehab_card_xlsx, rehab_card
from ui import generated_files, style
from ui.context import UiContext
from ui.date_edit import DateEdit, date_errors
from ui.forms import error_label, field_label, report, show_message
from ui.generated_files import russian_dialog
from ui.ops import run_query
from ui.resources import icon

SETTINGS_KEY = "sessions/card_folder"


class RehabCardDialog(QDialog):
    """`last_path` holds the file written last; `opener` is called with it (tests replace it)."""

    def __init__(self, context: UiContext, person_id: uuid.UUID, child_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.person_id = person_id
        self.last_path: Path | None = None
        self.opener = generated_files.open_file
        self.busy = False
        self.setWindowTitle(self.tr("Rehabilitation card"))
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        child = QLabel(child_name, objectName="child")
        font = child.font()
        font.setBold(True)
        child.setFont(font)
        today = date.today()
        self.date_from = DateEdit("date_from")
        self.date_to = DateEdit("date_to")
        self.date_from.set_value(date(today.year, 1, 1))
        self.date_to.set_value(today)
        period = QHBoxLayout()
        period.addWidget(self.date_from)
        period.addWidget(QLabel("—"))
        period.addWidget(self.date_to)
        period.addStretch(1)
        self.folder = QLineEdit(str(QSettings().value(SETTINGS_KEY, str(documents_dir()))), objectName="folder")
        browse = QPushButton(icon("open"), self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        grid.addWidget(field_label(self.tr("Child")), 0, 0)
        grid.addWidget(child, 0, 1)
        grid.addWidget(field_label(self.tr("Period")), 1, 0)
        grid.addLayout(period, 1, 1)
        grid.addWidget(field_label(self.tr("Folder")), 2, 0)
        grid.addLayout(folder_row, 2, 1)
        layout.addLayout(grid)
        note = QLabel(self.tr("Sessions by service and specialist with attendance, and the session log "
                              "(after the forms of Order No. 445n)."))
        note.setWordWrap(True)
        layout.addWidget(style.muted(note))
        self.message = error_label()
        layout.addWidget(self.message)
        self.status = QLabel(objectName="status")
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.docx_button = QPushButton(icon("export"), self.tr("Word (DOCX)"), objectName="docx")
        self.xlsx_button = QPushButton(icon("export"), self.tr("Excel (XLSX)"), objectName="xlsx")
        close = QPushButton(icon("close"), self.tr("Close"))
        self.docx_button.clicked.connect(lambda: self.generate("docx"))
        self.xlsx_button.clicked.connect(lambda: self.generate("xlsx"))
        close.clicked.connect(self.reject)
        for button in (self.docx_button, self.xlsx_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.resize(620, 260)

    def _browse(self) -> None:
        dialog = russian_dialog(QFileDialog(self, self.tr("Folder for documents"), self.folder.text()))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self.folder.setText)
        dialog.open()

    def generate(self, kind: str) -> None:
        if self.busy:
            return
        problems = date_errors([self.date_from, self.date_to])
        if problems:
            show_message(self.message, "\n".join(problems.values()))
            return
        show_message(self.message, "")
        folder = Path(self.folder.text().strip() or documents_dir()).expanduser()
        QSettings().setValue(SETTINGS_KEY, str(folder))
        person_id, date_from, date_to = self.person_id, self.date_from.value(), self.date_to.value()

        actor = self.context.actor

        def write(session: Any) -> Path:
            card = rehab_card(session, actor, person_id, date_from, date_to)
            target = folder / card_file_name(card, kind)
            export = export_rehab_card_docx if kind == "docx" else export_rehab_card_xlsx
            return export(card, target)

        self._set_busy(True)
        self.status.setText(self.tr("Preparing the document…"))
        run_query(self, self.context, write, self._done, self._failed)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.docx_button.setEnabled(not busy)
        self.xlsx_button.setEnabled(not busy)

    def _done(self, path: Path) -> None:
        self._set_busy(False)
        self.last_path = path
        self.status.setText(self.tr("Saved: {path}").format(path=path))
        self.opener(path)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.status.setText("")
        report(self, error)
