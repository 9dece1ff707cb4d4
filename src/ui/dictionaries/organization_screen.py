"""The centre's own details (report headings) and its offices (отделения)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.core.changes import DICTIONARIES, SETTINGS, Saved
from app.core.errors import ValidationError
from app.core.permissions import MANAGE_DICTIONARIES, allowed
from app.reference.organization import (
    OfficeData,
    OfficeRow,
    OrganizationData,
    OrganizationRow,
    create_office,
    deactivate_office,
    list_offices,
    load_organization,
    reactivate_office,
    update_office,
    update_organization,
)
from ui.context import UiContext
from ui.dictionaries.list_screen import ListScreen
from ui.dictionaries.rows_model import FLAG, Column
from ui.dictionaries.widgets import EntryDialog, FieldForm
from ui.forms import report
from ui.ops import run_op, run_query
from ui.resources import icon

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class OfficesScreen(ListScreen):
    deactivate_service = staticmethod(deactivate_office)
    reactivate_service = staticmethod(reactivate_office)

    def __init__(self, context: UiContext) -> None:
        super().__init__(context, self.tr("Offices"))
        self.deactivate_button.setText(self.tr("Close office"))
        self.deactivate_button.setToolTip(self.tr("The office leaves choice lists; its families, staff and "
                                                  "history stay as they are"))
        self.reactivate_button.setText(self.tr("Reopen"))
        self.show_inactive.setText(self.tr("Show closed"))

    def columns(self) -> list[Column]:
        return [
            Column(self.tr("Office"), lambda row: row.name, width=280),
            Column(self.tr("Address"), lambda row: row.address or "", stretch=True),
            Column(self.tr("Phone"), lambda row: row.phone or "", width=150),
            Column(self.tr("Main"), lambda row: row.is_main, FLAG, width=70),
        ]

    def fetch(self, session: Session) -> list[OfficeRow]:
        return list_offices(session, include_inactive=True)

    def take(self, payload: list[OfficeRow]) -> list[OfficeRow]:
        return payload

    def open_editor(self, row: OfficeRow | None) -> None:
        dialog = EntryDialog(self, self.context,
                             self.tr("New office") if row is None else self.tr("Office"), self.after_write)
        form = dialog.form
        name = form.add_row(self.tr("Name:"), QLineEdit(), "name")
        address = form.add_row(self.tr("Address:"), QLineEdit(), "address")
        phone = form.add_row(self.tr("Phone:"), QLineEdit(), "phone")
        main = form.add_row("", QCheckBox(self.tr("Main office")), "is_main")
        form.finish()
        if row is not None:
            name.setText(row.name)
            address.setText(row.address or "")
            phone.setText(row.phone or "")
            main.setChecked(row.is_main)

        def build() -> Any:
            data = OfficeData(name=name.text(), address=address.text(), phone=phone.text(),
                              is_main=main.isChecked())
            if row is None:
                return self.writer(lambda session, actor: create_office(session, actor, data))
            row_id = row.id
            return self.writer(lambda session, actor: update_office(session, actor, row_id, data))

        dialog.build_action = build
        self.show_dialog(dialog)


class OrganizationScreen(QWidget):
    """The organisation form (saved with its own button) above the list of offices.

    The form and the offices list each subscribe to the changes they show and re-read themselves."""

    loaded = Signal()

    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.context = context
        self.can_write = allowed(context.actor, MANAGE_DICTIONARIES)
        self.stale = True
        self.loading = False
        self.prompt: QWidget | None = None
        self.form = FieldForm()
        self.name = self.form.add_row(self.tr("Full name:"), QLineEdit(), "name")
        self.short_name = self.form.add_row(self.tr("Short name:"), QLineEdit(), "short_name")
        self.inn = self.form.add_row(self.tr("INN:"), QLineEdit(), "inn")
        self.address = self.form.add_row(self.tr("Address:"), QLineEdit(), "address")
        self.director = self.form.add_row(self.tr("Director (full name):"), QLineEdit(), "director_name")
        self.form.finish()
        self.inn.setMaximumWidth(180)
        self.inn.setMaxLength(12)
        self.name.setPlaceholderText(self.tr("as in the charter; used in report headings"))
        self.save_button = QPushButton(icon("save"), self.tr("Save details"), objectName="save_organization")
        self.save_button.clicked.connect(self.save)
        self.status = QLabel(objectName="organization_status")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)
        for edit in (self.name, self.short_name, self.inn, self.address, self.director):
            edit.setReadOnly(not self.can_write)
            edit.textEdited.connect(lambda _text: self.status.clear())
        self.save_button.setEnabled(False)
        self.offices = OfficesScreen(context)
        context.changes.subscribe(self, {DICTIONARIES, SETTINGS}, lambda _flags, _initiator: self.mark_stale())
        title = QLabel(self.tr("Organisation"), objectName="editorTitle")
        title.setFont(self.offices.title.font())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        layout.addSpacing(8)
        layout.addWidget(self.offices, 1)

    def reload(self) -> None:
        self.stale = False
        self.loading = True

        run_query(self, self.context, load_organization, self._show, self._failed)

    def mark_stale(self) -> None:
        """Re-read the form now if it is shown, else when it is next shown (the offices list does its own)."""
        if self.isVisible():
            self.reload()
        else:
            self.stale = True

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.stale:
            self.reload()

    def _show(self, row: OrganizationRow) -> None:
        self.loading = False
        self.name.setText(row.name)
        self.short_name.setText(row.short_name or "")
        self.inn.setText(row.inn or "")
        self.address.setText(row.address or "")
        self.director.setText(row.director_name or "")
        self.save_button.setEnabled(self.can_write)
        self.loaded.emit()

    def save(self) -> None:
        if not self.can_write:
            return
        self.form.clear_errors()
        self.status.clear()
        self.save_button.setEnabled(False)
        data = OrganizationData(name=self.name.text(), short_name=self.short_name.text(), inn=self.inn.text(),
                                address=self.address.text(), director_name=self.director.text())
        actor = self.context.actor
        run_op(self, self.context, lambda session: update_organization(session, actor, data), self._saved,
               self._failed)

    def _saved(self, saved: Saved) -> None:
        """The form re-reads on the announcement of the change (if there was one); here only the message."""
        self.save_button.setEnabled(True)
        self.status.setText(self.tr("Saved.") if saved.changes else self.tr("Nothing to save: no changes."))

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        self.save_button.setEnabled(self.can_write)
        if isinstance(error, ValidationError):
            self.form.show_errors(error.errors)
        else:
            self.prompt = report(self, error)
