"""The services of an ИППСУ (Приказ Минтруда № 874н), opened from the «Сопровождение» tab: rows «услуга |
объём | периодичность | срок | поставщик | отметка о выполнении» added, marked done and deleted.

Each write is its own unit (`ui.ops.run_op`, which announces it) that also re-reads the rows; `changes`
collects the areas written so the card re-reads itself when the dialog closes.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.cases.cases import CaseRow
from app.cases.ippsu import (
    URGENT_KIND,
    IppsuServiceData,
    IppsuServiceRow,
    add_ippsu_service,
    delete_ippsu_service,
    list_ippsu_services,
    mark_ippsu_service_done,
)
from app.core.errors import ValidationError
from app.core.text import format_date
from app.reference.catalogue import list_services
from ui.context import UiContext
from ui.date_edit import DateEdit, date_errors
from ui.errors import show_error
from ui.families.card_models import Column, RowsModel, Written, make_table, reselect, selected_row
from ui.forms import FieldErrors, field_label, text_or_none
from ui.ops import run_op, run_query
from ui.resources import icon

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _done(row: IppsuServiceRow) -> str:
    return " — ".join(part for part in (format_date(row.done_on), row.done_note or "") if part)


class IppsuDialog(QDialog):
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("IppsuDialog", "Kind"), lambda r: r.kind_name),
        Column(QT_TRANSLATE_NOOP("IppsuDialog", "Service"), lambda r: r.service_name),
        Column(QT_TRANSLATE_NOOP("IppsuDialog", "Volume"), lambda r: r.volume),
        Column(QT_TRANSLATE_NOOP("IppsuDialog", "Periodicity"), lambda r: r.periodicity),
        Column(QT_TRANSLATE_NOOP("IppsuDialog", "Term"), lambda r: r.term),
        Column(QT_TRANSLATE_NOOP("IppsuDialog", "Provider"), lambda r: r.provider or ""),
        Column(QT_TRANSLATE_NOOP("IppsuDialog", "Done"), _done),
    )

    def __init__(self, context: UiContext, case: CaseRow, can_edit: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.case, self.can_edit = context, case, can_edit and case.is_open
        self.changes: frozenset[str] = frozenset()
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Services of the IPPSU {number} of {day}").format(
            number=f"№ {case.number}" if case.number else "", day=format_date(case.opened_on)).replace("  ", " "))
        self.model = RowsModel("IppsuDialog", self.COLUMNS, self)
        self.table = make_table(self.model, "ippsu_rows", (150, 290, 80, 120, 150, 130))
        self.table.selectionModel().currentChanged.connect(lambda *_args: self._update_buttons())
        self.errors = FieldErrors()
        wrap = self.errors.wrap
        self.service = QComboBox(objectName="service_id")
        self.service.setMinimumWidth(420)
        self.volume = QLineEdit(objectName="volume", placeholderText=self.tr("e.g. 24 services"))
        self.periodicity = QLineEdit(objectName="periodicity", placeholderText=self.tr("e.g. twice a week"))
        self.starts_on = DateEdit("starts_on")
        self.ends_on = DateEdit("ends_on")
        self.provider = QLineEdit(objectName="provider", placeholderText=self.tr("empty: the centre itself"))
        self.add_button = QPushButton(icon("add"), self.tr("Add"), objectName="add_row")
        self.add_button.clicked.connect(self.add)
        new = QGroupBox(self.tr("New service of the programme"))
        grid = QGridLayout(new)
        cells = [(self.tr("Service:"), self.service, 0, 0, 3), (self.tr("Volume:"), self.volume, 1, 0, 1),
                 (self.tr("Periodicity:"), self.periodicity, 1, 2, 1), (self.tr("From:"), self.starts_on, 2, 0, 1),
                 (self.tr("To:"), self.ends_on, 2, 2, 1), (self.tr("Provider:"), self.provider, 3, 0, 3)]
        for label, widget, row, column, span in cells:
            grid.addWidget(field_label(label), row, column, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(wrap(widget), row, column + 1, 1, span)
        grid.addWidget(self.add_button, 4, 3, Qt.AlignmentFlag.AlignRight)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.done_on = DateEdit("done_on")
        self.done_on.set_value(date.today())
        self.done_note = QLineEdit(objectName="done_note", placeholderText=self.tr("What was done (optional)"))
        self.done_button = QPushButton(icon("check"), self.tr("Mark done"), objectName="mark_row_done")
        self.done_button.clicked.connect(self.mark_done)
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete"), objectName="delete_row")
        self.delete_button.clicked.connect(self.delete)
        done_row = QHBoxLayout()
        done_row.addWidget(QLabel(self.tr("Selected row done on:")))
        done_row.addWidget(wrap(self.done_on))
        done_row.addWidget(wrap(self.done_note), 1)
        done_row.addWidget(self.done_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(done_row)
        layout.addWidget(new)
        layout.addWidget(self.errors.general)
        layout.addWidget(buttons)
        new.setVisible(self.can_edit)
        self.resize(1100, 640)
        self._load()

    def _load(self) -> None:
        actor, case_id = self.context.actor, self.case.id
        self.add_button.setEnabled(False)

        def read(session: Session) -> tuple[list[Any], list[IppsuServiceRow]]:
            services = [row for row in list_services(session) if row.kind_code != URGENT_KIND]
            return services, list_ippsu_services(session, actor, case_id)

        def loaded(result: tuple[list[Any], list[IppsuServiceRow]]) -> None:
            services, rows = result
            self.service.clear()
            self.service.addItem("—", None)
            for service in services:
                self.service.addItem(f"{service.kind_short_name}: {service.name}", service.id)
            self._show(rows)

        run_query(self, self.context, read, loaded, self._failed)

    def _show(self, rows: list[IppsuServiceRow]) -> None:
        current = selected_row(self.table)
        self.model.set_rows(rows)
        reselect(self.table, lambda r: r.id, current.id if current else None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row: IppsuServiceRow | None = selected_row(self.table)
        self.add_button.setEnabled(self.can_edit)
        self.delete_button.setEnabled(self.can_edit and row is not None)
        self.done_button.setEnabled(self.can_edit and row is not None and row.done_on is None)

    def add(self) -> None:
        problems = date_errors([self.starts_on, self.ends_on])
        if problems:
            self.errors.show(problems)
            return
        data = IppsuServiceData(self.service.currentData(), text_or_none(self.volume), text_or_none(self.periodicity),
                                self.starts_on.value(), self.ends_on.value(), text_or_none(self.provider))
        case_id = self.case.id
        self._write(lambda session, actor: add_ippsu_service(session, actor, case_id, data), clear=True)

    def mark_done(self) -> None:
        row: IppsuServiceRow | None = selected_row(self.table)
        problems = date_errors([self.done_on])
        if problems or row is None:
            self.errors.show(problems)
            return
        day, note = self.done_on.value(), text_or_none(self.done_note)
        if day is None:
            self.errors.show({"done_on": self.tr("Enter the date the service was done.")})
            return
        self._write(lambda session, actor: mark_ippsu_service_done(session, actor, row.id, day, note))

    def delete(self) -> None:
        row: IppsuServiceRow | None = selected_row(self.table)
        if row is not None:
            self._write(lambda session, actor: delete_ippsu_service(session, actor, row.id))

    def _write(self, write: Any, clear: bool = False) -> None:
        """Write, then re-read the rows, in one unit: `run_op` announces the write's changes."""
        actor, case_id = self.context.actor, self.case.id
        self.errors.clear()
        self.add_button.setEnabled(False)

        def action(session: Session) -> Written:
            changes = write(session, actor).changes
            return Written(list_ippsu_services(session, actor, case_id), changes)

        def done(written: Written) -> None:
            self.changes |= written.changes
            self._show(written.rows)
            if clear:
                for edit in (self.volume, self.periodicity, self.starts_on, self.ends_on, self.provider):
                    edit.clear()
                self.service.setCurrentIndex(0)
            self.done_note.clear()

        run_op(self, self.context, action, done, self._failed)

    def _failed(self, error: BaseException) -> None:
        self._update_buttons()
        if isinstance(error, ValidationError):
            self.errors.show(error.errors)
        else:
            show_error(self, error)
