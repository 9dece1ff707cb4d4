"""Adding or editing a family member: the person's data, the role and legal representation.

On OK the person is validated and searched for duplicates on the worker; a registered person with
the same СНИЛС, or the same ФИО and birth date, is offered instead of creating a second record.
In a new family (no id yet) the dialog only collects a `MemberData`; otherwise it saves itself.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import changed_areas
from app.core.checks import Checker
from app.core.errors import ValidationError
from app.core.text import format_date, format_snils
from app.reference.choices import FamilyCardChoices
from app.registry.duplicates import DuplicateCheck, check_duplicates
from app.registry.families import MemberData, add_member, remove_member, update_member
from app.registry.family_card import MemberRow
from app.registry.persons import PersonData, PersonRow, load_person, update_person, validate_person
from ui import style
from ui.context import UiContext
from ui.date_edit import DateEdit
from ui.families.card_models import Column, RowsModel, make_table
from ui.forms import FormDialog, fill_combo, select_data, text_or_none
from ui.resources import icon

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class DuplicatesDialog(QDialog):
    """Lists registered persons that look like the one being entered; `chosen` says what to do."""

    chosen = Signal(object)  # a PersonRow to use instead, or None to go on creating / saving

    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("DuplicatesDialog", "Full name"), lambda p: p.full_name),
        Column(QT_TRANSLATE_NOOP("DuplicatesDialog", "Birth date"), lambda p: format_date(p.birth_date)),
        Column(QT_TRANSLATE_NOOP("DuplicatesDialog", "SNILS"), lambda p: format_snils(p.snils)),
    )

    def __init__(self, duplicates: list[PersonRow], parent: QWidget, allow_existing: bool,
                 elsewhere: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Possible duplicate"))
        self.setObjectName("duplicates")
        message = QLabel(self.tr("A person with the same SNILS, or the same full name and birth date, is already "
                                 "registered. Add the existing record to the family to avoid a second card."))
        message.setWordWrap(True)
        style.warning_banner(message)
        self.model = RowsModel("DuplicatesDialog", self.COLUMNS, self)
        self.model.set_rows(duplicates)
        self.table = make_table(self.model, "duplicates_table", (280, 110))
        self.table.selectRow(0)
        # Matches outside the user's offices: only where and whom to ask, never who (app.registry.duplicates).
        self.elsewhere = QLabel(elsewhere, objectName="duplicates_elsewhere")
        self.elsewhere.setWordWrap(True)
        self.elsewhere.setVisible(bool(elsewhere))
        message.setVisible(bool(duplicates))
        self.table.setVisible(bool(duplicates))
        allow_existing = allow_existing and bool(duplicates)
        self.open_button = QPushButton(icon("open"), self.tr("Open existing"))
        self.open_button.setObjectName("open_existing")
        self.open_button.setToolTip(self.tr("Use the registered person instead of creating a new record"))
        self.open_button.setVisible(allow_existing)
        self.create_button = QPushButton(self.tr("Create anyway") if allow_existing else self.tr("Save anyway"))
        self.create_button.setObjectName("create_anyway")
        cancel = QPushButton(self.tr("Cancel"))
        self.open_button.clicked.connect(self._use_existing)
        self.create_button.clicked.connect(lambda: self._choose(None))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.open_button, self.create_button, cancel):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.elsewhere)
        layout.addLayout(buttons)
        self.resize(560, 260)
        (self.open_button if allow_existing else self.create_button).setDefault(True)

    def _use_existing(self) -> None:
        index = self.table.currentIndex()
        self._choose(self.model.row(index.row() if index.isValid() else 0))

    def _choose(self, person: PersonRow | None) -> None:
        self.accept()
        self.chosen.emit(person)


class MemberDialog(FormDialog):
    """`result_value`: a `MemberData` (new family) or the `Saved` of the write; `display` names the person."""

    def __init__(self, context: UiContext, choices: FamilyCardChoices, family_id: uuid.UUID | None,
                 member: MemberRow | None = None, pending: tuple[MemberData, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("Family member") if member or pending else self.tr("New family member"))
        self.choices, self.family_id, self.member = choices, family_id, member
        self.existing_person_id: uuid.UUID | None = None
        self.display: PersonData | PersonRow | None = None
        self.duplicates_dialog: DuplicatesDialog | None = None
        self._build()
        if member is not None:
            self._load_person(member)
        elif pending is not None:
            self._show_pending(*pending)
        if family_id is not None and member is None:
            self.error_prefix = "members.0."

    # --- form -----------------------------------------------------------------------------------
    def _build(self) -> None:
        def line(name: str, placeholder: str = "") -> QLineEdit:
            edit = QLineEdit(objectName=name, placeholderText=placeholder)
            edit.setMinimumWidth(220)
            return edit

        self.last_name, self.first_name, self.middle_name = line("last_name"), line("first_name"), line("middle_name")
        self.sex = QComboBox(objectName="sex")
        for text, value in (("—", None), (self.tr("female"), "F"), (self.tr("male"), "M")):
            self.sex.addItem(text, value)
        self.birth_date = DateEdit("birth_date")
        self.snils = line("snils", "123-456-789 01")
        self.inn = line("inn", self.tr("12 digits"))
        self.oms_policy = line("oms_policy", self.tr("16 digits"))
        self.phone = line("phone", "+7 (914) 123-45-67")
        self.role = QComboBox(objectName="role_id")
        fill_combo(self.role, self.choices.registry.member_roles, "—")
        self.role.currentIndexChanged.connect(self._role_changed)
        self.legal_rep = QCheckBox(self.tr("Legal representative of the children"),
                                   objectName="is_legal_representative")
        self.person_fields: list[QWidget] = [self.last_name, self.first_name, self.middle_name, self.sex,
                                             self.birth_date, self.snils, self.inn, self.oms_policy, self.phone]
        wrap = self.errors.wrap
        left, right = QFormLayout(), QFormLayout()
        left.addRow(self.tr("Last name:"), wrap(self.last_name))
        left.addRow(self.tr("First name:"), wrap(self.first_name))
        left.addRow(self.tr("Patronymic:"), wrap(self.middle_name))
        left.addRow(self.tr("Sex:"), wrap(self.sex))
        left.addRow(self.tr("Birth date:"), wrap(self.birth_date))
        right.addRow(self.tr("SNILS:"), wrap(self.snils))
        right.addRow(self.tr("INN:"), wrap(self.inn))
        right.addRow(self.tr("OMS policy:"), wrap(self.oms_policy))
        right.addRow(self.tr("Phone:"), wrap(self.phone))
        right.addRow(self.tr("Role in the family:"), wrap(self.role))
        right.addRow("", wrap(self.legal_rep))
        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addLayout(left)
        columns.addLayout(right)
        self.body.addLayout(columns)
        self.note = QLabel(objectName="note", wordWrap=True)
        self.note.hide()
        self.body.addWidget(self.note)
        self.snils.editingFinished.connect(self._format_snils)
        self._role_changed()
        self.last_name.setFocus()

    def _format_snils(self) -> None:
        digits = "".join(ch for ch in self.snils.text() if ch.isdigit())
        if len(digits) == 11:
            self.snils.setText(format_snils(digits))

    def _role_changed(self) -> None:
        may = self.role.currentData() in self.choices.may_represent
        self.legal_rep.setEnabled(may)
        if not may:
            self.legal_rep.setChecked(False)

    def _fill_person(self, data: PersonData | PersonRow) -> None:
        self.last_name.setText(data.last_name)
        self.first_name.setText(data.first_name)
        self.middle_name.setText(data.middle_name or "")
        select_data(self.sex, data.sex)
        self.birth_date.set_value(data.birth_date)
        self.snils.setText(format_snils(data.snils))
        if isinstance(data, PersonData):
            self.inn.setText(data.inn or "")
            self.oms_policy.setText(data.oms_policy or "")
            self.phone.setText(data.phone or "")

    def _lock_person(self, text: str) -> None:
        for widget in self.person_fields:
            widget.setEnabled(False)
        self.note.setText(text)
        self.note.show()

    def _load_person(self, member: MemberRow) -> None:
        select_data(self.role, member.role_id)
        self.legal_rep.setChecked(member.is_legal_representative)
        person_id, actor = member.person_id, self.context.actor
        self.read(lambda session: load_person(session, actor, person_id), self._fill_person)

    def _show_pending(self, data: MemberData, display: PersonData | PersonRow) -> None:
        select_data(self.role, data.role_id)
        self.legal_rep.setChecked(data.is_legal_representative)
        self._fill_person(display)
        if data.person_id is not None:
            self.existing_person_id = data.person_id
            self._lock_person(self.tr("An already registered person; their data are edited in their own card."))

    def person_data(self) -> PersonData:
        return PersonData(
            last_name=self.last_name.text(), first_name=self.first_name.text(),
            middle_name=text_or_none(self.middle_name), sex=self.sex.currentData(),
            birth_date=self.birth_date.value(), snils=text_or_none(self.snils), inn=text_or_none(self.inn),
            oms_policy=text_or_none(self.oms_policy), phone=text_or_none(self.phone))

    # --- saving ---------------------------------------------------------------------------------
    def save(self) -> None:
        if not self.check_dates(self.birth_date):
            return
        role_id = self.role.currentData()
        if role_id is None:
            self.show_errors({"role_id": self.tr("Choose the role of the person in the family.")})
            return
        if self.existing_person_id is not None:
            self._finish_member(None)
            return
        data = self.person_data()
        exclude = self.member.person_id if self.member else None

        actor = self.context.actor

        def read(session: Session) -> DuplicateCheck:
            check = Checker()
            validate_person(check, data)
            check.done()
            return check_duplicates(session, actor, data, exclude)

        self.read(read, self._checked)

    def _checked(self, duplicates: DuplicateCheck) -> None:
        if not duplicates.found:
            self._finish_member(None)
            return
        dialog = DuplicatesDialog(duplicates.visible, self, allow_existing=self.member is None,
                                  elsewhere=duplicates.elsewhere_message)
        dialog.chosen.connect(self._finish_member)
        self.duplicates_dialog = dialog
        dialog.open()

    def _finish_member(self, existing: PersonRow | None) -> None:
        """Build the member from the form (or the chosen registered person) and save it."""
        person_id = existing.id if existing else self.existing_person_id
        person = None if person_id else self.person_data()
        member = MemberData(role_id=self.role.currentData(), is_legal_representative=self.legal_rep.isChecked(),
                            person=person, person_id=person_id, joined_on=None)
        self.display = existing or person or self.display
        if self.member is not None:
            self._update(person or self.person_data())
        elif self.family_id is None:
            self.finish(member)
        else:
            family_id, actor = self.family_id, self.context.actor
            self.write(lambda session: add_member(session, actor, family_id, member))

    def _update(self, person: PersonData) -> None:
        member, actor = self.member, self.context.actor
        role_id, legal = self.role.currentData(), self.legal_rep.isChecked()
        assert member is not None

        def action(session: Session) -> frozenset[str]:
            errors: dict[str, str] = {}
            changes: list[frozenset[str]] = []
            for write in (lambda: update_person(session, actor, member.person_id, person),
                          lambda: update_member(session, actor, member.member_id, role_id, legal)):
                try:
                    changes.append(write().changes)
                except ValidationError as error:
                    errors |= error.errors
            if errors:  # leaving the unit by an exception rolls both writes back
                raise ValidationError(errors)
            return changed_areas(*changes)

        self.write(action)


class LeaveDialog(FormDialog):
    """A member leaves the family on a date; the person record and history stay."""

    def __init__(self, context: UiContext, member: MemberRow, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("Member leaves the family"))
        self.member = member
        text = QLabel(self.tr("{name} leaves the family. The person's record and history are kept.")
                      .format(name=member.full_name), wordWrap=True)
        self.left_on = DateEdit("left_on")
        self.left_on.set_value(date.today())
        form = QFormLayout()
        form.addRow(self.tr("Date of leaving:"), self.errors.wrap(self.left_on))
        self.body.addWidget(text)
        self.body.addLayout(form)
        self.ok_button.setText(self.tr("Remove from family"))
        self.resize(420, 150)

    def save(self) -> None:
        if not self.check_dates(self.left_on):
            return
        member_id, left_on, actor = self.member.member_id, self.left_on.value(), self.context.actor
        self.write(lambda session: remove_member(session, actor, member_id, left_on))
