"""The administrator's set-up dialogs of the exchange: this database as the centre, an office registered."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from app.core.changes import Saved
from app.exchange import partners
from ui import generated_files
from ui.context import UiContext
from ui.forms import FormDialog

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class _CodeNameDialog(FormDialog):
    """A code and a name, saved through a service; errors shown under the fields."""

    def __init__(self, context: UiContext, parent: QWidget | None, title: str, ok_text: str) -> None:
        super().__init__(context, parent)
        self.setWindowTitle(title)
        self.ok_button.setText(ok_text)
        self.code_edit = QLineEdit(objectName="code")
        self.code_edit.setPlaceholderText(self.tr("for example, ОТД-3"))
        self.name_edit = QLineEdit(objectName="name")
        form = QFormLayout()
        form.addRow(self.tr("Code:"), self.errors.wrap(self.code_edit, "code"))
        form.addRow(self.tr("Name:"), self.errors.wrap(self.name_edit, "name"))
        self.body.addLayout(form)
        self.setMinimumWidth(460)


class CentreDialog(_CodeNameDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent, self.tr("Set up as the regional centre"), self.tr("Set up"))

    def save(self) -> None:
        actor, code, name = self.context.actor, self.code_edit.text(), self.name_edit.text()
        self.write(lambda session: partners.set_up_centre(session, actor, code, name))


class OfficeDialog(_CodeNameDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent, self.tr("Register an office"), self.tr("Register and save the key…"))
        note = QLabel(self.tr("The office's key file is written next: hand it to the office (it is secret)."))
        note.setWordWrap(True)
        self.body.addWidget(note)
        self.key_path: Path | None = None

    def save(self) -> None:
        if self.key_path is None:
            path = generated_files.ask_save_path(self, self.tr("Save the office key"), "exchange_keys",
                                                 f"{self.code_edit.text().strip()}{partners.KEY_SUFFIX}",
                                                 self.tr("Opora exchange key (*.opora-key)"))
            if path is None:
                return
            self.key_path = path
        self.register_to(self.key_path)

    def register_to(self, key_path: Path) -> None:
        """Register with the key file at `key_path` (the file dialog's answer; tests call it directly)."""
        self.key_path = key_path
        actor, code, name = self.context.actor, self.code_edit.text(), self.name_edit.text()

        def action(session: Session) -> Saved:
            return partners.register_office(session, actor, code, name, key_path)

        self.write(action)
