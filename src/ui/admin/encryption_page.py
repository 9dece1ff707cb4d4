"""Administration → Encryption: whether the database is encrypted, encrypting it, exporting its key.

These are jobs on the whole database file (rekeying it, copying its key), not one unit of work, so they run
on the database worker directly rather than through `ui.ops.run_op`; they change no data a screen shows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.system.encryption import (
    SSD_NOTE,
    EncryptionResult,
    EncryptionStatus,
    delete_plain_backups,
    encrypt_database,
    encryption_status,
)
from app.system.keystore import export_key
from ui import generated_files, style
from ui.context import UiContext
from ui.errors import user_message
from ui.forms import ask, button_row
from ui.resources import icon
from ui.worker import alive


class EncryptionPage(QWidget):
    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.context = context
        self.status: EncryptionStatus | None = None
        title = QLabel(self.tr("Database encryption"))
        style.section_title(title)
        self.state = QLabel(objectName="encryption_state")
        self.state.setWordWrap(True)
        self.details = QLabel(objectName="encryption_details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        style.muted(self.details)
        self.backups_warning = QLabel(objectName="plain_backups")
        self.copies_warning = QLabel(objectName="plain_copies")
        self.copies_warning.setWordWrap(True)
        self.copies_warning.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        style.warning_banner(self.copies_warning)
        self.copies_warning.hide()
        self.backups_warning.setWordWrap(True)
        style.warning_banner(self.backups_warning)
        self.backups_warning.hide()
        explanation = QLabel(self.tr(
            "An encrypted database, and every backup made from it, opens only on a computer that has its key. "
            "This computer keeps the key in the user's settings folder, so nobody types it; a copy of the "
            "database or of a backup taken elsewhere cannot be read. Export the key and keep it apart from the "
            "database: without it a backup cannot be restored on another computer."))
        explanation.setWordWrap(True)
        self.encrypt_button = QPushButton(icon("lock"), self.tr("Encrypt the database"), objectName="encrypt")
        self.encrypt_button.clicked.connect(self.ask_encrypt)
        self.export_button = QPushButton(icon("export"), self.tr("Export the key…"), objectName="export_key")
        self.export_button.clicked.connect(self.choose_export_path)
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete unencrypted backups"),
                                         objectName="delete_plain_backups")
        self.delete_button.clicked.connect(self.ask_delete_backups)
        self.message = QLabel(objectName="encryption_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.state)
        layout.addWidget(self.details)
        layout.addWidget(explanation)
        layout.addWidget(self.backups_warning)
        layout.addWidget(self.copies_warning)
        layout.addLayout(button_row(self.encrypt_button, self.export_button, self.delete_button))
        layout.addWidget(self.message)
        layout.addStretch(1)
        for button in (self.encrypt_button, self.export_button, self.delete_button):
            button.setEnabled(False)
        self.refresh()

    @property
    def is_admin(self) -> bool:
        return self.context.actor.is_admin

    def refresh(self) -> None:
        self.context.worker.submit(encryption_status, alive(self, self._show), alive(self, self._failed))

    def _show(self, status: EncryptionStatus) -> None:
        self.status = status
        if not status.available:
            self.state.setText(self.tr("Encryption is not available for this database."))
            self.details.setText(status.note)
        elif status.encrypted:
            self.state.setText(self.tr("The database is encrypted (SQLCipher {version}).").format(
                version=status.cipher_version))
            where = str(status.key_file) if status.key_file else self.tr("the computer's shared key folder")
            self.details.setText(self.tr("Database: {location}\nKey {key_id} is kept in: {where}").format(
                location=status.location, key_id=status.key_id, where=where))
        else:
            self.state.setText(self.tr("The database is not encrypted."))
            self.details.setText(self.tr("Database: {location}").format(location=status.location))
        if status.plain_backups:
            self.backups_warning.setText(self.tr(
                "The backups folder holds {count} unencrypted backup(s) made before encryption "
                "(for example {example}). Anyone who copies them can read them.").format(
                count=len(status.plain_backups), example=status.plain_backups[0].name))
        self.backups_warning.setVisible(bool(status.plain_backups) and status.encrypted)
        self.copies_warning.setText(self.tr(
            "Unencrypted copies of this database are on disk: {files}. Anyone who copies them can read all the "
            "data; delete them when they are no longer needed.").format(
            files=", ".join(str(copy) for copy in status.plain_copies)))
        self.copies_warning.setVisible(bool(status.plain_copies))
        if not self.is_admin:
            self.message.setText(self.tr("Only an administrator manages encryption."))
        self.encrypt_button.setEnabled(self.is_admin and status.available and not status.encrypted)
        self.export_button.setEnabled(self.is_admin and status.encrypted)
        self.delete_button.setEnabled(self.is_admin and status.encrypted and bool(status.plain_backups))
        self.delete_button.setVisible(status.encrypted and bool(status.plain_backups))

    def _busy(self, text: str) -> None:
        for button in (self.encrypt_button, self.export_button, self.delete_button):
            button.setEnabled(False)
        style.text_color(self.message, style.BUSY)
        self.message.setText(text)

    def _failed(self, error: BaseException) -> None:
        if self.status is not None:
            self._show(self.status)  # buttons back as they were, then the reason
        style.text_color(self.message, style.ERROR)
        self.message.setText(user_message(error))

    def _done(self, text: str) -> None:
        style.text_color(self.message, style.INK)
        self.message.setText(text)
        self.refresh()

    # Encrypting
    def ask_encrypt(self) -> QMessageBox:
        return ask(self, self.tr("Encrypt the database"), self.tr(
            "The database will be encrypted and its key kept on this computer. Close Opora on every other "
            "computer and window using this database first.\n\nThe unencrypted original is overwritten and "
            "deleted unless you keep a copy of it (keep it only somewhere safe)."), [
            (self.tr("Encrypt"), QMessageBox.ButtonRole.AcceptRole, lambda: self.encrypt(None)),
            (self.tr("Encrypt and keep an unencrypted copy…"), QMessageBox.ButtonRole.ActionRole,
             self.choose_plain_copy),
            (self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole, None),
        ])

    def choose_plain_copy(self) -> None:
        path = generated_files.ask_save_path(self, self.tr("Keep the unencrypted copy as"), "database_copies",
                                             "opora-unencrypted.db", self.tr("Databases (*.db)"))
        if path is not None:
            self.encrypt(path)

    def encrypt(self, keep_plain_copy: Path | None) -> None:
        self._busy(self.tr("Encrypting the database…"))
        actor = self.context.actor
        self.context.worker.submit(lambda database: encrypt_database(database, actor, keep_plain_copy),
                                   alive(self, self._encrypted), alive(self, self._failed))

    def _encrypted(self, result: EncryptionResult) -> None:
        lines = [self.tr("The database is encrypted. Its key is saved in {path}.").format(path=result.key_file),
                 self.tr("Export the key now and keep the file apart from the database and its backups.")]
        if result.plain_copy is not None:
            lines.append(self.tr("The unencrypted copy is kept as you chose: {path}").format(path=result.plain_copy))
        else:
            lines.append(self.tr("The unencrypted original was overwritten with zeros and deleted.") + " " + SSD_NOTE)
        self._done("\n".join(lines))

    # The key
    def choose_export_path(self) -> None:
        if self.status is None or not self.status.key_id:
            return
        path = generated_files.ask_save_path(self, self.tr("Export the key"), "keys",
                                             f"opora-{self.status.key_id[:8]}.key", self.tr("Key files (*.key)"))
        if path is not None:
            self.export_to(path)

    def export_to(self, target: Path) -> None:
        self._busy(self.tr("Exporting the key…"))
        actor = self.context.actor
        self.context.worker.submit(lambda database: export_key(database, actor, target),
                                   alive(self, self._exported), alive(self, self._failed))

    def _exported(self, path: Path) -> None:
        self._done(self.tr(
            "The key is written to {path}. Keep it apart from the database and its backups: whoever has "
            "both can read the data. On another computer: opora key import FILE.").format(path=path))

    # Old plain backups
    def ask_delete_backups(self) -> QMessageBox:
        return ask(self, self.tr("Delete unencrypted backups"), self.tr(
            "The unencrypted backups will be overwritten and deleted. The encrypted backups stay."), [
            (self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole, self.delete_backups),
            (self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole, None),
        ], QMessageBox.Icon.Warning)

    def delete_backups(self) -> None:
        self._busy(self.tr("Deleting unencrypted backups…"))
        actor = self.context.actor
        self.context.worker.submit(lambda database: delete_plain_backups(database, actor),
                                   alive(self, self._deleted), alive(self, self._failed))

    def _deleted(self, removed: list[Path]) -> None:
        self._done(self.tr("Unencrypted backups deleted: {count}.").format(count=len(removed)))
