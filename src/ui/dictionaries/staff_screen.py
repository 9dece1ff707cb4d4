"""Staff of the centre: full name, position, office and contacts; leavers are switched off."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from app.reference.dictionaries import DictionaryRow, list_items
from app.reference.organization import OfficeRow, list_offices
from app.reference.staff import (
    StaffData,
    StaffRow,
    create_staff,
    deactivate_staff,
    delete_staff,
    list_staff,
    reactivate_staff,
    update_staff,
)
from ui.context import UiContext
from ui.dictionaries.list_screen import ListScreen
from ui.dictionaries.rows_model import FLAG, Column
from ui.dictionaries.widgets import EntryDialog, fill_combo, selectable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class StaffScreen(ListScreen):
    delete_service = staticmethod(delete_staff)
    deactivate_service = staticmethod(deactivate_staff)
    reactivate_service = staticmethod(reactivate_staff)

    def __init__(self, context: UiContext) -> None:
        self.positions: list[DictionaryRow] = []
        self.offices: list[OfficeRow] = []
        super().__init__(context, self.tr("Staff"))
        self.set_note(self.tr("A person who has worked with families is deactivated on leaving, not deleted: "
                              "visits, sessions and cases keep the name."))
        self.deactivate_button.setText(self.tr("Has left"))
        self.reactivate_button.setText(self.tr("Works again"))
        self.office_filter = QComboBox(objectName="office_filter")
        self.office_filter.setMinimumWidth(200)
        self.office_filter.currentIndexChanged.connect(self.refilter)
        self.filters.addWidget(QLabel(self.tr("Office:")))
        self.filters.addWidget(self.office_filter)
        self.filters.addSpacing(12)

    def columns(self) -> list[Column]:
        return [
            Column(self.tr("Full name"), lambda row: row.full_name, stretch=True),
            Column(self.tr("Position"), lambda row: row.position_name, width=190),
            Column(self.tr("Office"), lambda row: row.office_name, width=170),
            Column(self.tr("Phone"), lambda row: row.phone or "", width=140),
            Column(self.tr("Works"), lambda row: row.active, FLAG, width=65),
        ]

    def fetch(self, session: Session) -> tuple[list[StaffRow], list[DictionaryRow], list[OfficeRow]]:
        return (list_staff(session, include_inactive=True),
                list_items(session, "position", include_inactive=True),
                list_offices(session, include_inactive=True))

    def take(self, payload: tuple[list[StaffRow], list[DictionaryRow], list[OfficeRow]]) -> list[StaffRow]:
        rows, self.positions, self.offices = payload
        fill_combo(self.office_filter, [(office.name, office.id) for office in self.offices],
                   self.office_filter.currentData(), none_text=self.tr("All offices"))
        return rows

    def visible(self, row: StaffRow) -> bool:
        office = self.office_filter.currentData()
        return office is None or row.office_id == office

    def describe(self, row: StaffRow) -> str:
        return row.full_name

    def open_editor(self, row: StaffRow | None) -> None:
        dialog = EntryDialog(self, self.context,
                             self.tr("New staff member") if row is None else self.tr("Staff member"),
                             self.after_write)
        form = dialog.form
        last = form.add_row(self.tr("Surname:"), QLineEdit(), "last_name")
        first = form.add_row(self.tr("First name:"), QLineEdit(), "first_name")
        middle = form.add_row(self.tr("Patronymic (if any):"), QLineEdit(), "middle_name")
        position = form.add_row(self.tr("Position:"), QComboBox(), "position_id")
        office = form.add_row(self.tr("Office:"), QComboBox(), "office_id")
        phone = form.add_row(self.tr("Phone:"), QLineEdit(), "phone")
        email = form.add_row(self.tr("E-mail:"), QLineEdit(), "email")
        form.finish()
        phone.setPlaceholderText("+7 (914) 123-45-67")
        email.setPlaceholderText("name@example.ru")
        current_position = row.position_id if row else None
        fill_combo(position, selectable(self.positions, current_position), current_position,
                   none_text=None if row else "—")
        current_office = row.office_id if row else (self.office_filter.currentData()
                                                    or next(iter(self.context.actor.office_ids), None))
        fill_combo(office, selectable(self.offices, current_office), current_office)
        if row is not None:
            last.setText(row.last_name)
            first.setText(row.first_name)
            middle.setText(row.middle_name or "")
            phone.setText(row.phone or "")
            email.setText(row.email or "")

        def build() -> Any:
            data = StaffData(last_name=last.text(), first_name=first.text(), middle_name=middle.text(),
                             position_id=position.currentData(), office_id=office.currentData(),
                             phone=phone.text(), email=email.text())
            if row is None:
                return self.writer(lambda session, actor: create_staff(session, actor, data))
            row_id = row.id
            return self.writer(lambda session, actor: update_staff(session, actor, row_id, data))

        dialog.build_action = build
        self.show_dialog(dialog)
