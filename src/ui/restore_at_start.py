"""At start-up, when the database failed its check: offer a restore from the newest sound backup.

The choices are a restore (the damaged file is kept aside first), working read-only for now, or
leaving. The list is read and the newest sound copy found on the database worker.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout

from app.system.backup_restore import RestoreResult, newest_sound_backup, restore_backup
from app.system.backups import BackupFile, default_folder, list_backups
from app.system.startup import StartState
from db.session import Database
from ui import style
from ui.backup_list import BackupsModel, backups_table, selected_backup
from ui.errors import user_message
from ui.resources import icon
from ui.worker import DatabaseWorker, alive

RESTORED = 10
READ_ONLY = 11


def _backups_and_newest_sound(database: Database) -> tuple[list[BackupFile], Path | None]:
    return list_backups(), newest_sound_backup(database)


class RestoreAtStartDialog(QDialog):
    def __init__(self, worker: DatabaseWorker, state: StartState) -> None:
        super().__init__()
        self.worker = worker
        self.result_restore: RestoreResult | None = None
        self.setWindowTitle(self.tr("Opora — the database is damaged"))
        self.setWindowIcon(icon("opora"))
        self.setMinimumSize(640, 420)
        assert state.write_block is not None
        problem = QLabel(state.write_block.message, objectName="problem")
        problem.setWordWrap(True)
        style.warning_banner(problem)
        hint = QLabel(self.tr(
            "Choose a backup and press «Restore». The damaged file is kept aside, so nothing is lost for "
            "good. Backups folder: {folder}"
        ).format(folder=default_folder()))
        hint.setWordWrap(True)
        self.model = BackupsModel(self)
        self.table = backups_table(self.model)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.message = QLabel(objectName="message")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.restore_button = QPushButton(icon("refresh"), self.tr("Restore"), objectName="restore")
        self.read_only_button = QPushButton(self.tr("Work read-only"), objectName="read_only")
        self.exit_button = QPushButton(self.tr("Exit"), objectName="exit")
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.read_only_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.exit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self.restore)
        self.read_only_button.clicked.connect(lambda: self.done(READ_ONLY))
        self.exit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(problem)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons, alignment=Qt.AlignmentFlag.AlignRight)
        self._set_busy(self.tr("Looking for sound backups…"))
        worker.submit(_backups_and_newest_sound, alive(self, self._listed), alive(self, self._failed))

    def _set_busy(self, text: str) -> None:
        self.restore_button.setEnabled(False)
        style.text_color(self.message, style.BUSY)
        self.message.setText(text)

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(selected_backup(self.table, self.model) is not None)

    def _listed(self, found: tuple[list[BackupFile], Path | None]) -> None:
        rows, newest = found
        self.model.set_rows(rows)
        self.message.setText("")
        style.text_color(self.message, None)
        if newest is None:
            self.message.setText(self.tr("There is no sound backup. Work read-only and ask for help."))
        for row, backup in enumerate(rows):
            if backup.path == newest:
                self.table.selectRow(row)
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        style.text_color(self.message, style.ERROR)
        self.message.setText(user_message(error))
        self._update_buttons()

    def restore(self) -> None:
        backup = selected_backup(self.table, self.model)
        if backup is None:
            return
        self._set_busy(self.tr("Restoring…"))
        self.read_only_button.setEnabled(False)
        path = backup.path
        self.worker.submit(lambda database: restore_backup(database, path), alive(self, self._restored),
                           alive(self, self._restore_failed))

    def _restore_failed(self, error: BaseException) -> None:
        self.read_only_button.setEnabled(True)
        self._failed(error)

    def _restored(self, result: RestoreResult) -> None:
        self.result_restore = result
        self.done(RESTORED)
