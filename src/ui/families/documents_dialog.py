"""A member's identity documents (passport, birth certificate, …), opened from the «Состав семьи» tab.

Each addition or removal is its own unit of work (`ui.ops.run_op`, which announces it); `changes`
collects the areas written so the card re-reads itself when the dialog closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import ValidationError
from app.core.text import format_date
from app.reference.choices import FamilyCardChoices
from app.registry.family_card import MemberRow
from app.registry.identity_papers import (
    DocumentData,
    DocumentRow,
    add_document,
    delete_document,
    list_documents,
    update_document,
)
from ui.context import UiContext
from ui.date_edit import DateEdit, date_errors
from ui.errors import show_error
from ui.families.card_models import Column, RowsModel, Written, make_table, selected_row
from ui.forms import FieldErrors, field_label, fill_combo, select_data, text_or_none
from ui.ops import run_op, run_query
from ui.resources import icon

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class DocumentsDialog(QDialog):
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("DocumentsDialog", "Document"), lambda d: d.kind_name),
        Column(QT_TRANSLATE_NOOP("DocumentsDialog", "Series"), lambda d: d.series or ""),
        Column(QT_TRANSLATE_NOOP("DocumentsDialog", "Number"), lambda d: d.number),
        Column(QT_TRANSLATE_NOOP("DocumentsDialog", "Issued on"), lambda d: format_date(d.issued_on)),
        Column(QT_TRANSLATE_NOOP("DocumentsDialog", "Issued by"), lambda d: d.issued_by or ""),
    )

    def __init__(self, context: UiContext, choices: FamilyCardChoices, member: MemberRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.member = context, member
        self.changes: frozenset[str] = frozenset()
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Documents of {name}").format(name=member.full_name))
        self.model = RowsModel("DocumentsDialog", self.COLUMNS, self)
        self.table = make_table(self.model, "documents", (180, 70, 90, 90))
        self.errors = FieldErrors()
        wrap = self.errors.wrap
        self.kind = QComboBox(objectName="kind_id")
        fill_combo(self.kind, choices.document_kinds, "—")
        self.series = QLineEdit(objectName="series", placeholderText="4510 / IV-АИ")
        self.number = QLineEdit(objectName="number", placeholderText="123456")
        self.issued_on = DateEdit("issued_on")
        self.issued_by = QLineEdit(objectName="issued_by")
        self.add_button = QPushButton(icon("add"), self.tr("Add"), objectName="add_document")
        self.add_button.clicked.connect(self.add)
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete"), objectName="delete_document")
        self.delete_button.clicked.connect(self.delete)
        self.editing: Any = None  # the id of the document the fields edit (#17 item 6), None: a new one
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit"), objectName="edit_document")
        self.edit_button.clicked.connect(self.edit)
        new = QGroupBox(self.tr("New document"))
        self.fields_box = new
        grid = QGridLayout(new)
        cells = [(self.tr("Kind:"), self.kind, 0, 0, 3), (self.tr("Series:"), self.series, 1, 0, 1),
                 (self.tr("Number:"), self.number, 1, 2, 1), (self.tr("Issued on:"), self.issued_on, 2, 0, 1),
                 (self.tr("Issued by:"), self.issued_by, 3, 0, 3)]
        for label, widget, row, column, span in cells:
            grid.addWidget(field_label(label), row, column, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(wrap(widget), row, column + 1, 1, span)
        grid.addWidget(self.add_button, 2, 3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.addButton(self.edit_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(new)
        layout.addWidget(self.errors.general)
        layout.addWidget(buttons)
        self.resize(720, 480)
        self._run(None)

    def add(self) -> None:
        problems = date_errors([self.issued_on])
        if problems:
            self.errors.show(problems)
            return
        data = DocumentData(self.kind.currentData(), text_or_none(self.number), text_or_none(self.series),
                            self.issued_on.value(), text_or_none(self.issued_by))
        editing = self.editing
        if editing is not None:
            self._run(lambda session, actor, _person_id: update_document(session, actor, editing, data), clear=True)
            return
        self._run(lambda session, actor, person_id: add_document(session, actor, person_id, data), clear=True)

    def edit(self) -> None:
        """Put the selected document into the fields; «Save changes» writes it back."""
        row: DocumentRow | None = selected_row(self.table)
        if row is None:
            return
        self.editing = row.id
        select_data(self.kind, row.kind_id)
        self.series.setText(row.series or "")
        self.number.setText(row.number)
        self.issued_on.set_value(row.issued_on)
        self.issued_by.setText(row.issued_by or "")
        self.fields_box.setTitle(self.tr("Edit the document"))
        self.add_button.setText(self.tr("Save changes"))

    def delete(self) -> None:
        row: DocumentRow | None = selected_row(self.table)
        if row is not None:
            self._run(lambda session, actor, _person_id: delete_document(session, actor, row.id))

    def _run(self, write: Any, clear: bool = False) -> None:
        """Write (unless None), then re-read the list, in one unit: `run_op` announces the write's changes."""
        person_id, actor = self.member.person_id, self.context.actor
        self.errors.clear()
        self.add_button.setEnabled(False)

        def action(session: Session) -> Written:
            changes = write(session, actor, person_id).changes if write is not None else frozenset()
            return Written(list_documents(session, actor, person_id), changes)

        def done(written: Written) -> None:
            self.add_button.setEnabled(True)
            self.changes |= written.changes
            rows = written.rows
            self.model.set_rows(rows)
            self.delete_button.setEnabled(bool(rows))
            self.edit_button.setEnabled(bool(rows))
            if rows:
                self.table.selectRow(0)
            if clear:
                for edit in (self.series, self.number, self.issued_on, self.issued_by):
                    edit.clear()
                self.editing = None
                self.fields_box.setTitle(self.tr("New document"))
                self.add_button.setText(self.tr("Add"))

        def failed(error: BaseException) -> None:
            self.add_button.setEnabled(True)
            if isinstance(error, ValidationError):
                self.errors.show(error.errors)
            else:
                show_error(self, error)

        if write is None:
            run_query(self, self.context, action, done, failed)
        else:
            run_op(self, self.context, action, done, failed)
