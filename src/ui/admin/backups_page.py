"""Administration → Backups: the list of copies, a backup now, a restore, the folder.

File work and SQL run on the database worker as jobs on the whole database (a backup copies the file, a restore
replaces it: neither is one unit of work, so they do not go through `ui.ops.run_op`). A restore replaces the data
every open window shows, so afterwards the program closes its windows and returns to the login window. Every
announced write refreshes the list, since imports and restores make copies of their own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.core.changes import ALL_FLAGS
from app.system.backup_restore import RestoreResult, restore_backup
from app.system.backups import PG_DUMP_HINT, BackupFile, default_folder, list_backups, make_backup
from db.session import Database
from ui import style
from ui.backup_list import BackupsModel, backups_table, reason_title, selected_backup, taken_text
from ui.context import UiContext
from ui.errors import user_message
from ui.forms import ask, button_row, report
from ui.resources import icon
from ui.restart import request_restart
from ui.worker import alive


class BackupsPage(QWidget):
    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.context = context
        self.folder = default_folder()
        self.model = BackupsModel(self)
        self.last_restore: RestoreResult | None = None
        self._build()
        if self.sqlite:
            self.refresh()
            context.changes.subscribe(self, ALL_FLAGS, lambda _flags, _initiator: self.refresh())

    @property
    def sqlite(self) -> bool:
        return self.context.worker.database.sqlite_path is not None

    def _build(self) -> None:
        title = QLabel(self.tr("Backups"))
        style.section_title(title)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        if not self.sqlite:
            hint = QLabel(PG_DUMP_HINT, objectName="pg_hint")
            hint.setWordWrap(True)
            layout.addWidget(hint)
            layout.addStretch(1)
            return
        about = QLabel(self.tr(
            "Opora backs up the database by itself once a day at start, on exit and before every program "
            "update, restore and import. Each copy is checked before it is kept. Old copies are thinned: the "
            "latest ones, then one a day, one a week and one a month are kept.\nFolder: {folder}"
        ).format(folder=self.folder))
        about.setWordWrap(True)
        style.muted(about)
        self.table = backups_table(self.model)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.backup_button = QPushButton(icon("backup"), self.tr("Back up now"), objectName="backup_now")
        self.restore_button = QPushButton(icon("refresh"), self.tr("Restore…"), objectName="restore")
        self.folder_button = QPushButton(icon("open"), self.tr("Open folder"), objectName="open_folder")
        self.backup_button.clicked.connect(self.back_up)
        self.restore_button.clicked.connect(self.ask_restore)
        self.folder_button.clicked.connect(self.open_folder)
        self.status = QLabel(objectName="status")
        self.status.setWordWrap(True)
        admin = self.context.actor.is_admin
        if not admin:
            self.status.setText(self.tr("Only an administrator makes and restores backups."))
        self.backup_button.setEnabled(admin)
        layout.addWidget(about)
        layout.addLayout(button_row(self.backup_button, self.restore_button, self.folder_button))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = selected_backup(self.table, self.model) is not None
        self.restore_button.setEnabled(chosen and self.context.actor.is_admin)

    def refresh(self) -> None:
        folder = self.folder
        self.context.worker.submit(lambda _database: list_backups(folder), alive(self, self._show_rows),
                                   alive(self, self._failed))

    def _show_rows(self, rows: list[BackupFile]) -> None:
        self.model.set_rows(rows)
        self._update_buttons()

    def _set_busy(self, text: str) -> None:
        self.backup_button.setEnabled(False)
        self.restore_button.setEnabled(False)
        style.text_color(self.status, style.BUSY)
        self.status.setText(text)

    def _failed(self, error: BaseException) -> None:
        self.backup_button.setEnabled(self.context.actor.is_admin)
        self._update_buttons()
        style.text_color(self.status, style.ERROR)
        self.status.setText(user_message(error))

    def back_up(self) -> None:
        self._set_busy(self.tr("Backing up…"))
        actor = self.context.actor

        def job(database: Database) -> Path:
            return make_backup(database, actor=actor)

        self.context.worker.submit(job, alive(self, self._backed_up), alive(self, self._failed))

    def _backed_up(self, path: Path) -> None:
        self.backup_button.setEnabled(True)
        style.text_color(self.status, None)
        self.status.setText(self.tr("Backup saved and checked: {path}").format(path=path))
        self.refresh()

    def ask_restore(self) -> QMessageBox | None:
        backup = selected_backup(self.table, self.model)
        if backup is None:
            return None
        text = self.tr(
            "Replace all data in the database with the copy of {date} ({reason})?\n\n"
            "The current state is backed up first. Afterwards Opora closes its windows and asks you to sign in again."
        ).format(date=taken_text(backup), reason=reason_title(backup.reason))
        return ask(self, self.tr("Restore from backup"), text, [
            (self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole, lambda: self.restore(backup)),
            (self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole, None),
        ], QMessageBox.Icon.Warning)

    def restore(self, backup: BackupFile) -> None:
        self._set_busy(self.tr("Restoring…"))
        actor = self.context.actor

        def job(database: Database) -> RestoreResult:
            return restore_backup(database, backup.path, actor)

        self.context.worker.submit(job, alive(self, self._restored), alive(self, self._restore_failed))

    def _restore_failed(self, error: BaseException) -> None:
        self._failed(error)
        report(self, error)

    def _restored(self, result: RestoreResult) -> None:
        self.last_restore = result
        self.status.setText(result.describe())
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Restore from backup"),
                          result.describe() + "\n\n" + self.tr("Opora now returns to the sign-in window."),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("restored")
        box.finished.connect(lambda _code: request_restart())
        box.open()

    def open_folder(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))
