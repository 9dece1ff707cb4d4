"""The «Семья» tab: registration, contacts and the address, whose settlement list narrows to the district."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.reference.choices import FamilyCardChoices
from app.registry.families import FamilyData
from app.registry.family_card import FamilyCard
from ui import style
from ui.date_edit import DateEdit
from ui.forms import (
    FieldErrors,
    field_label,
    fill_combo,
    fill_staff_combo,
    find_data,
    home_office,
    select_data,
    text_or_none,
    watch,
)

if TYPE_CHECKING:
    from app.core.actor import Actor


class FamilyTab(QWidget):
    """Field object names are the keys of FamilyData, so the service's messages land under them.

    `on_edit` is called on every change the user makes (a plain callback: it runs per keystroke).
    """

    def __init__(self, errors: FieldErrors, on_edit: Callable[[], None]) -> None:
        super().__init__()
        self.errors = errors
        self.choices: FamilyCardChoices | None = None
        wrap = errors.wrap
        self.office = QComboBox(objectName="office_id")
        self.registered_on = DateEdit("registered_on")
        self.responsible = QComboBox(objectName="responsible_staff_id")
        self.phone = QLineEdit(objectName="phone", placeholderText="+7 (914) 123-45-67")
        self.email = QLineEdit(objectName="email")
        self.district = QComboBox(objectName="district_id")
        self.settlement = QComboBox(objectName="settlement_id")
        self.settlement.setEditable(True)  # typing a few letters finds the settlement in a long list
        self.settlement.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.settlement.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.settlement.completer().setCompletionMode(self.settlement.completer().CompletionMode.PopupCompletion)
        self.distance = QLabel(objectName="distance")
        style.muted(self.distance)
        self.street = QLineEdit(objectName="street")
        self.house = QLineEdit(objectName="house")
        self.building = QLineEdit(objectName="building")
        self.apartment = QLineEdit(objectName="apartment")
        for short in (self.house, self.building, self.apartment):
            short.setMaximumWidth(90)
        self.notes = QPlainTextEdit(objectName="notes")
        self.notes.setTabChangesFocus(True)
        for combo in (self.office, self.responsible, self.district, self.settlement):
            combo.setMinimumWidth(260)

        address = QGroupBox(self.tr("Address"))
        address_form = QFormLayout(address)
        self.address_form = address_form
        address_form.addRow(self.tr("District:"), wrap(self.district))
        address_form.addRow(self.tr("Settlement:"), wrap(self.settlement))
        address_form.addRow("", self.distance)
        address_form.addRow(self.tr("Street:"), wrap(self.street))
        numbers = QGridLayout()
        numbers.setHorizontalSpacing(8)
        for column, (label, widget) in enumerate(((self.tr("House:"), self.house),
                                                  (self.tr("Building:"), self.building),
                                                  (self.tr("Apartment:"), self.apartment))):
            numbers.addWidget(field_label(label), 0, column * 2, Qt.AlignmentFlag.AlignTop)
            numbers.addWidget(wrap(widget), 0, column * 2 + 1, Qt.AlignmentFlag.AlignTop)
        numbers.setColumnStretch(6, 1)
        address_form.addRow("", numbers)

        registration = QGroupBox(self.tr("Registration and contacts"))
        registration_form = QFormLayout(registration)
        registration_form.addRow(self.tr("Office:"), wrap(self.office))
        registration_form.addRow(self.tr("Registered on:"), wrap(self.registered_on))
        registration_form.addRow(self.tr("Responsible specialist:"), wrap(self.responsible))
        registration_form.addRow(self.tr("Phone:"), wrap(self.phone))
        registration_form.addRow(self.tr("E-mail:"), wrap(self.email))

        notes = QGroupBox(self.tr("Notes"))
        notes_layout = QVBoxLayout(notes)
        notes_layout.addWidget(wrap(self.notes))

        columns = QHBoxLayout()
        columns.setSpacing(12)
        columns.addWidget(address, 1)
        columns.addWidget(registration, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(notes, 1)

        self.district.currentIndexChanged.connect(self._district_changed)
        self.district.activated.connect(lambda _index: self._district_chosen())
        self.office.activated.connect(lambda _index: self._fill_responsible())
        self.settlement.currentIndexChanged.connect(self._settlement_changed)
        watch([self.office, self.registered_on, self.responsible, self.phone, self.email, self.district,
               self.settlement, self.street, self.house, self.building, self.apartment, self.notes],
              on_edit)
        self.settlement.lineEdit().textEdited.connect(lambda _text: on_edit())
        self.settlement.lineEdit().editingFinished.connect(self._settlement_typed)

    # --- pickers --------------------------------------------------------------------------------
    def set_choices(self, choices: FamilyCardChoices) -> None:
        self.choices = choices
        registry = choices.registry
        fill_combo(self.office, registry.offices)
        self._fill_responsible()
        fill_combo(self.district, registry.districts, "—")
        self._narrow()

    def _fill_responsible(self) -> None:
        """The office's specialists first, the rest below; refilled when the office changes."""
        if self.choices is not None:
            registry = self.choices.registry
            fill_staff_combo(self.responsible, registry.staff, self.office.currentData(), registry.family_workers,
                             "—")

    def _district_chosen(self) -> None:
        """Choosing a district proposes the office that serves it."""
        office = next((d.parent_id for d in self.choices.registry.districts
                       if d.id == self.district.currentData()), None) if self.choices else None
        if office is not None and office != self.office.currentData() and find_data(self.office, office) >= 0:
            select_data(self.office, office)
            self._fill_responsible()

    def _narrow(self) -> None:
        """Offer only the settlements of the chosen district (all of them while none is chosen)."""
        if self.choices is None:
            return
        district = self.district.currentData()
        fill_combo(self.settlement, [s for s in self.choices.registry.settlements
                                     if district is None or s.parent_id == district], "—")
        self._settlement_changed()

    def _settlement_typed(self) -> None:
        """An editable combo keeps typed text that names no settlement: take the match or show the choice."""
        text = self.settlement.currentText().strip().casefold()
        index = next((i for i in range(self.settlement.count()) if self.settlement.itemText(i).casefold() == text),
                     self.settlement.currentIndex())
        self.settlement.setCurrentIndex(index)
        self.settlement.setEditText(self.settlement.itemText(index))

    def _district_changed(self) -> None:
        self._narrow()

    def _settlement_changed(self) -> None:
        settlement = self.settlement.currentData()
        if self.choices is None:
            return
        if settlement is not None and self.district.currentData() is None:
            parent = next((s.parent_id for s in self.choices.registry.settlements if s.id == settlement), None)
            self.district.blockSignals(True)
            select_data(self.district, parent)
            self.district.blockSignals(False)
            self._narrow()
            select_data(self.settlement, settlement)
        distance = self.choices.distances.get(settlement) if settlement else None
        self.distance.setText(self.tr("{km} km from the office").format(km=f"{distance:g}".replace(".", ","))
                              if distance is not None else "")
        self.address_form.setRowVisible(self.distance, distance is not None)

    # --- values ---------------------------------------------------------------------------------
    def set_defaults(self, actor: Actor) -> None:
        """A new family: today, the user's office and the user as the responsible specialist."""
        self.registered_on.set_value(date.today())
        office = home_office(actor, self.choices.registry.staff if self.choices else [])
        if office is not None:
            select_data(self.office, office)
            self._fill_responsible()
        if actor.staff_id is not None:
            select_data(self.responsible, actor.staff_id)

    def show_card(self, card: FamilyCard, office_id: object = None) -> None:
        for combo, value in ((self.district, card.district_id), (self.responsible, card.responsible_staff_id)):
            combo.blockSignals(True)
            select_data(combo, value)
            combo.blockSignals(False)
        self._narrow()
        select_data(self.settlement, card.settlement_id)
        if office_id is not None:
            select_data(self.office, office_id)
        else:
            self.office.setCurrentIndex(max(self.office.findText(card.office), 0))
        self.registered_on.set_value(card.registered_on)
        for edit, value in ((self.street, card.street), (self.house, card.house), (self.building, card.building),
                            (self.apartment, card.apartment), (self.phone, card.phone), (self.email, card.email)):
            edit.setText(value or "")
        self.notes.blockSignals(True)
        self.notes.setPlainText(card.notes or "")
        self.notes.blockSignals(False)

    def data(self) -> FamilyData:
        return FamilyData(
            office_id=self.office.currentData(), registered_on=self.registered_on.value(),
            district_id=self.district.currentData(), settlement_id=self.settlement.currentData(),
            street=text_or_none(self.street), house=text_or_none(self.house), building=text_or_none(self.building),
            apartment=text_or_none(self.apartment), phone=text_or_none(self.phone), email=text_or_none(self.email),
            responsible_staff_id=self.responsible.currentData(), notes=text_or_none(self.notes))
