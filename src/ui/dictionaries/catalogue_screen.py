"""The service catalogue: every service has one of the eight kinds (442-ФЗ ст. 20) and a form (ст. 19)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox

from app.reference import catalogue
from app.reference.catalogue import DEFAULT_UNIT, MAX_MINUTES, ServiceData, ServiceRow
from app.reference.dictionaries import DictionaryRow, list_items
from ui.context import UiContext
from ui.dictionaries.list_screen import ListScreen
from ui.dictionaries.rows_model import NUMBER, Column
from ui.dictionaries.widgets import EntryDialog, fill_combo, selectable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Payload = tuple[list[ServiceRow], list[DictionaryRow], list[DictionaryRow], frozenset[uuid.UUID]]


class CatalogueScreen(ListScreen):
    delete_service = staticmethod(catalogue.delete_service)
    deactivate_service = staticmethod(catalogue.deactivate_service)
    reactivate_service = staticmethod(catalogue.reactivate_service)

    def __init__(self, context: UiContext) -> None:
        self.kinds: list[DictionaryRow] = []
        self.forms: list[DictionaryRow] = []
        self.shipped: frozenset[uuid.UUID] = frozenset()
        super().__init__(context, self.tr("Service catalogue"))
        self.set_note(self.tr("Each service belongs to one of the eight kinds of social services and is given "
                              "in one form of service; reports count services by both."))
        self.kind_filter = QComboBox(objectName="kind_filter")
        self.kind_filter.setMinimumWidth(220)
        self.kind_filter.currentIndexChanged.connect(self.refilter)
        self.filters.addWidget(QLabel(self.tr("Kind:")))
        self.filters.addWidget(self.kind_filter)
        self.filters.addSpacing(12)

    def columns(self) -> list[Column]:
        return [
            Column(self.tr("Code"), lambda row: row.code, width=130),
            Column(self.tr("Service"), lambda row: row.name, stretch=True),
            Column(self.tr("Kind"), lambda row: row.kind_short_name, width=160),
            Column(self.tr("Form"), lambda row: row.form_short_name, width=120),
            Column(self.tr("Unit"), lambda row: row.unit, width=95),
            Column(self.tr("Minutes"), lambda row: row.minutes, NUMBER, width=65),
        ]

    def fetch(self, session: Session) -> Payload:
        rows = catalogue.list_services(session, include_inactive=True)
        return (rows, list_items(session, "service_kind", include_inactive=True),
                list_items(session, "service_form", include_inactive=True),
                frozenset(row.id for row in rows if catalogue.is_shipped_service(row.code)))

    def take(self, payload: Payload) -> list[ServiceRow]:
        rows, self.kinds, self.forms, self.shipped = payload
        fill_combo(self.kind_filter, [(kind.name, kind.id) for kind in self.kinds],
                   self.kind_filter.currentData(), none_text=self.tr("All kinds"))
        return rows

    def visible(self, row: ServiceRow) -> bool:
        kind = self.kind_filter.currentData()
        return kind is None or row.kind_id == kind

    def open_editor(self, row: ServiceRow | None) -> None:
        dialog = EntryDialog(self, self.context,
                             self.tr("New service") if row is None else self.tr("Service"), self.after_write)
        dialog.setMinimumWidth(640)
        form = dialog.form
        code = form.add_row(self.tr("Code:"), QLineEdit(), "code")
        name = form.add_row(self.tr("Name:"), QLineEdit(), "name")
        kind = form.add_row(self.tr("Kind of service:"), QComboBox(), "kind_id")
        service_form = form.add_row(self.tr("Form of service:"), QComboBox(), "form_id")
        unit = form.add_row(self.tr("Unit:"), QLineEdit(), "unit")
        minutes = form.add_row(self.tr("Duration, minutes:"), QSpinBox(), "minutes")
        form.finish()
        code.setPlaceholderText(self.tr("made from the name when left empty"))
        minutes.setRange(0, MAX_MINUTES)
        minutes.setSpecialValueText("—")
        minutes.setMaximumWidth(120)
        current_kind = row.kind_id if row else self.kind_filter.currentData()
        fill_combo(kind, selectable(self.kinds, current_kind), current_kind, none_text=None if row else "—")
        current_form = row.form_id if row else None
        fill_combo(service_form, selectable(self.forms, current_form), current_form,
                   none_text=None if row else "—")
        if row is None:
            unit.setText(DEFAULT_UNIT)
        else:
            code.setText(row.code)
            name.setText(row.name)
            unit.setText(row.unit)
            minutes.setValue(row.minutes or 0)
            if row.id in self.shipped:
                code.setReadOnly(True)
                code.setToolTip(self.tr("The service ships with the program: its code is fixed"))

        def build() -> Any:
            data = ServiceData(name=name.text(), kind_id=kind.currentData(), form_id=service_form.currentData(),
                               code=code.text(), unit=unit.text(), minutes=minutes.value() or None)
            if row is None:
                return self.writer(lambda session, actor: catalogue.create_service(session, actor, data))
            row_id = row.id
            return self.writer(lambda session, actor: catalogue.update_service(session, actor, row_id, data))

        dialog.build_action = build
        self.show_dialog(dialog)
