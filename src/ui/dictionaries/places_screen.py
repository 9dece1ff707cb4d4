"""Districts and settlements of the service area, with each settlement's distance to the office."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QLineEdit

from app.core.errors import ValidationError
from app.reference.dictionaries import DictionaryRow, list_items
from app.reference.organization import OfficeRow, list_offices
from app.reference.places import (
    REMOTE_DISTANCE_KM,
    DistrictData,
    DistrictRow,
    SettlementData,
    SettlementRow,
    create_district,
    create_settlement,
    deactivate_district,
    deactivate_settlement,
    delete_district,
    delete_settlement,
    list_districts,
    list_settlements,
    reactivate_district,
    reactivate_settlement,
    update_district,
    update_settlement,
)
from ui.context import UiContext
from ui.dictionaries.list_screen import ListScreen
from ui.dictionaries.rows_model import FLAG, NUMBER, Column
from ui.dictionaries.widgets import EntryDialog, fill_combo, format_number, parse_number, selectable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class DistrictsScreen(ListScreen):
    delete_service = staticmethod(delete_district)
    deactivate_service = staticmethod(deactivate_district)
    reactivate_service = staticmethod(reactivate_district)

    def __init__(self, context: UiContext) -> None:
        self.offices: list[OfficeRow] = []
        super().__init__(context, self.tr("Districts"))
        self.set_note(self.tr("Municipal districts and okrugs served by the centre. Switching a district off "
                              "hides its settlements from choice lists too."))

    def columns(self) -> list[Column]:
        return [Column(self.tr("District"), lambda row: row.name, stretch=True),
                Column(self.tr("Office"), lambda row: row.office_name or "—", width=320)]

    def fetch(self, session: Session) -> tuple[list[DistrictRow], list[OfficeRow]]:
        return list_districts(session, include_inactive=True), list_offices(session, include_inactive=True)

    def take(self, payload: tuple[list[DistrictRow], list[OfficeRow]]) -> list[DistrictRow]:
        rows, self.offices = payload
        return rows

    def open_editor(self, row: DistrictRow | None) -> None:
        dialog = EntryDialog(self, self.context,
                             self.tr("New district") if row is None else self.tr("District"), self.after_write)
        name = dialog.form.add_row(self.tr("Name:"), QLineEdit(), "name")
        office = dialog.form.add_row(self.tr("Office:"), QComboBox(), "office_id")
        dialog.form.finish()
        current = row.office_id if row else None
        fill_combo(office, selectable(self.offices, current), current, none_text="—")
        if row is not None:
            name.setText(row.name)

        def build() -> Any:
            data = DistrictData(name=name.text(), office_id=office.currentData())
            if row is None:
                return self.writer(lambda session, actor: create_district(session, actor, data))
            row_id = row.id
            return self.writer(lambda session, actor: update_district(session, actor, row_id, data))

        dialog.build_action = build
        self.show_dialog(dialog)


class SettlementsScreen(ListScreen):
    delete_service = staticmethod(delete_settlement)
    deactivate_service = staticmethod(deactivate_settlement)
    reactivate_service = staticmethod(reactivate_settlement)

    def __init__(self, context: UiContext) -> None:
        self.districts: list[DistrictRow] = []
        self.kinds: list[DictionaryRow] = []
        self.inactive_districts: set[uuid.UUID] = set()
        super().__init__(context, self.tr("Settlements"))
        self.set_note(self.tr("Settlements {km} km or more from the office are marked remote: "
                              "the mobile brigade's destinations.").format(km=format_number(REMOTE_DISTANCE_KM)))
        self.district_filter = QComboBox(objectName="district_filter")
        self.district_filter.setMinimumWidth(200)
        self.district_filter.currentIndexChanged.connect(self.refilter)
        self.filters.addWidget(QLabel(self.tr("District:")))
        self.filters.addWidget(self.district_filter)
        self.filters.addSpacing(12)

    def columns(self) -> list[Column]:
        return [
            Column(self.tr("District"), lambda row: row.district_name, width=160),
            Column(self.tr("Settlement"), lambda row: row.name, stretch=True),
            Column(self.tr("Kind"), lambda row: row.kind_short_name or "", width=80),
            Column(self.tr("Municipality"), lambda row: row.municipality, width=190),
            Column(self.tr("Distance, km"), lambda row: row.distance_km, NUMBER, width=100),
            Column(self.tr("Remote"), lambda row: row.is_remote, FLAG, width=75),
        ]

    def fetch(self, session: Session) -> tuple[list[SettlementRow], list[DistrictRow], list[DictionaryRow]]:
        return (list_settlements(session, include_inactive=True),
                list_districts(session, include_inactive=True),
                list_items(session, "settlement_kind", include_inactive=True))

    def take(self, payload: tuple[list[SettlementRow], list[DistrictRow], list[DictionaryRow]]
             ) -> list[SettlementRow]:
        rows, self.districts, self.kinds = payload
        self.inactive_districts = {district.id for district in self.districts if not district.active}
        fill_combo(self.district_filter, [(row.name, row.id) for row in self.districts],
                   self.district_filter.currentData(), none_text=self.tr("All districts"))
        return rows

    def visible(self, row: SettlementRow) -> bool:
        district = self.district_filter.currentData()
        if not self.show_inactive.isChecked() and row.district_id in self.inactive_districts:
            return False  # a switched-off district takes its settlements out of choice lists too
        return district is None or row.district_id == district

    def describe(self, row: SettlementRow) -> str:
        return row.title

    def open_editor(self, row: SettlementRow | None) -> None:
        dialog = EntryDialog(self, self.context,
                             self.tr("New settlement") if row is None else self.tr("Settlement"),
                             self.after_write)
        form = dialog.form
        district = form.add_row(self.tr("District:"), QComboBox(), "district_id")
        municipality = form.add_row(self.tr("Municipality (settlement):"), QLineEdit(), "municipality")
        name = form.add_row(self.tr("Name:"), QLineEdit(), "name")
        kind = form.add_row(self.tr("Kind:"), QComboBox(), "kind_id")
        distance = form.add_row(self.tr("Distance to the office, km:"), QLineEdit(), "distance_km")
        form.finish()
        municipality.setPlaceholderText(self.tr("e.g. Ruchey rural settlement"))
        distance.setPlaceholderText(self.tr("e.g. 35 or 12,5"))
        distance.setMaximumWidth(160)
        known = sorted({r.municipality for r in self.all_rows if r.municipality})
        completer = QCompleter(known, municipality)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        municipality.setCompleter(completer)
        current_district = row.district_id if row else self.district_filter.currentData()
        fill_combo(district, selectable(self.districts, current_district), current_district)
        current_kind = row.kind_id if row else None
        fill_combo(kind, selectable(self.kinds, current_kind), current_kind, none_text="—")
        if row is not None:
            municipality.setText(row.municipality)
            name.setText(row.name)
            distance.setText(format_number(row.distance_km))
        bad_number = self.tr("Enter the distance as a number, e.g. 35 or 12,5.")

        def build() -> Any:
            try:
                km = parse_number(distance.text())
            except ValueError:
                raise ValidationError({"distance_km": bad_number}) from None
            data = SettlementData(district_id=district.currentData(), name=name.text(),
                                  municipality=municipality.text(), kind_id=kind.currentData(), distance_km=km)
            if row is None:
                return self.writer(lambda session, actor: create_settlement(session, actor, data))
            row_id = row.id
            return self.writer(lambda session, actor: update_settlement(session, actor, row_id, data))

        dialog.build_action = build
        self.show_dialog(dialog)

