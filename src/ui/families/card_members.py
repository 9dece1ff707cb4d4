"""The «Состав семьи» tab: members with role, age, СНИЛС, legal representation and consent state.

For a family not yet registered the members are kept here (as `MemberData`) until the first save.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from app.core.dates import ADULT_AGE, age_on, months_on
from app.core.text import format_date, format_snils
from app.registry.families import MemberData
from app.registry.family_card import MemberRow
from app.registry.persons import PersonData, PersonRow
from ui.families.card_models import MUTED_TEXT, ROMAN, CardHost, Column, RowsModel, make_table, reselect, selected_row
from ui.families.child_dialog import ChildDialog
from ui.families.documents_dialog import DocumentsDialog
from ui.families.member_dialog import LeaveDialog, MemberDialog
from ui.forms import button_row, error_label, open_dialog, show_message
from ui.resources import icon

CONSENT_STATES = {
    "valid": QT_TRANSLATE_NOOP("MembersTab", "valid"),
    "expired": QT_TRANSLATE_NOOP("MembersTab", "expired"),
    "withdrawn": QT_TRANSLATE_NOOP("MembersTab", "withdrawn"),
    "missing": QT_TRANSLATE_NOOP("MembersTab", "none"),
    "pending": QT_TRANSLATE_NOOP("MembersTab", "after saving"),
}


def _t(text: str) -> str:
    """Translate a source string marked with QT_TRANSLATE_NOOP("MembersTab", …)."""
    return QCoreApplication.translate("MembersTab", text)


def consent_text(state: str) -> str:
    return _t(CONSENT_STATES.get(state, state))


def _birth(m: MemberRow) -> str:
    if m.birth_date is None:
        return ""
    if m.age == 0:  # an infant's age in months: «8 мес.», not «0 л.»
        months = months_on(m.birth_date, date.today())
        return QCoreApplication.translate("MembersTab", "{day} ({months} mo.)").format(
            day=format_date(m.birth_date), months=months)
    text = QCoreApplication.translate("MembersTab", "{day} ({age} y.)")
    return text.format(day=format_date(m.birth_date), age=m.age)


def _role(m: MemberRow) -> str:
    if m.left_on is None:
        return m.role
    text = QCoreApplication.translate("MembersTab", "{role}, left {day}")
    return text.format(role=m.role, day=format_date(m.left_on))


def _child_notes(m: MemberRow) -> str:
    notes = []
    if m.is_disabled:
        notes.append(QCoreApplication.translate("MembersTab", "disabled child"))
    if m.has_ovz:
        notes.append(QCoreApplication.translate("MembersTab", "SEN"))
    if m.health_group:
        group = ROMAN[m.health_group - 1] if 1 <= m.health_group <= len(ROMAN) else str(m.health_group)
        notes.append(QCoreApplication.translate("MembersTab", "health group {group}").format(group=group))
    if m.early_help_needed:
        notes.append(QCoreApplication.translate("MembersTab", "early help"))
    return ", ".join(notes)


def is_child(member: MemberRow) -> bool:
    return member.is_child_role or (member.age is not None and member.age < ADULT_AGE)


class MembersTab(QWidget):
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("MembersTab", "Full name"), lambda m: m.full_name),
        Column(QT_TRANSLATE_NOOP("MembersTab", "Role"), _role),
        Column(QT_TRANSLATE_NOOP("MembersTab", "Birth date"), _birth),
        Column(QT_TRANSLATE_NOOP("MembersTab", "SNILS"), lambda m: format_snils(m.snils)),
        Column(QT_TRANSLATE_NOOP("MembersTab", "Legal repr."), lambda m: "✓" if m.is_legal_representative else "",
               Qt.AlignmentFlag.AlignCenter),
        Column(QT_TRANSLATE_NOOP("MembersTab", "Consent"), lambda m: consent_text(m.consent)),
        Column(QT_TRANSLATE_NOOP("MembersTab", "Child"), _child_notes),
    )

    def __init__(self, window: CardHost) -> None:
        super().__init__()
        self.window_ = window
        self.pending: list[tuple[MemberData, PersonData | PersonRow]] = []
        self.dialog: Any = None
        self.model = RowsModel("MembersTab", self.COLUMNS, self, foreground=self._foreground,
                               decoration=self._decoration)
        self.table = make_table(self.model, "members", (270, 190, 140, 120, 90, 100))
        self.table.doubleClicked.connect(lambda _index: self.edit())
        only_here = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self.edit, context=only_here)
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self, activated=self.add, context=only_here)
        self.table.selectionModel().currentChanged.connect(lambda *_args: self.update_buttons())
        self.add_button = QPushButton(icon("add"), self.tr("Add member"), objectName="add_member")
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit"), objectName="edit_member")
        self.remove_button = QPushButton(icon("delete"), self.tr("Remove"), objectName="remove_member")
        self.remove_button.setToolTip(self.tr("The member leaves the family on a date; history is kept"))
        self.child_button = QPushButton(icon("child"), self.tr("Child profile…"), objectName="child_profile")
        self.documents_button = QPushButton(icon("open"), self.tr("Documents…"), objectName="documents")
        self.documents_button.setToolTip(self.tr("Passport, birth certificate and other identity documents"))
        self.documents_button.clicked.connect(self.documents)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        self.child_button.clicked.connect(self.child_profile)
        self.message = error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(button_row(self.add_button, self.edit_button, self.remove_button, self.child_button,
                                    self.documents_button))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.update_buttons()

    # --- view -----------------------------------------------------------------------------------
    def _foreground(self, member: MemberRow) -> QColor | None:
        return MUTED_TEXT if member.left_on is not None else None

    def _decoration(self, member: MemberRow, column: int) -> QIcon | None:
        if column == 0:
            return icon("child") if is_child(member) else icon("user")
        if column == 5 and member.consent not in ("valid", "pending") and member.left_on is None:
            return icon("warning")
        return None

    def show_members(self, members: list[MemberRow]) -> None:
        current = selected_row(self.table)
        self.model.set_rows(members)
        reselect(self.table, lambda m: m.person_id, current.person_id if current else None)
        self.update_buttons()

    def update_buttons(self) -> None:
        member: MemberRow | None = selected_row(self.table)
        editable = self.window_.can_edit
        new_family = self.window_.family_id is None
        self.add_button.setEnabled(editable and self.window_.choices is not None)
        self.edit_button.setEnabled(editable and member is not None)
        self.remove_button.setEnabled(editable and member is not None and member.left_on is None)
        self.child_button.setEnabled(editable and not new_family and member is not None and is_child(member))
        self.documents_button.setEnabled(editable and not new_family and member is not None)

    def show_error(self, text: str) -> None:
        show_message(self.message, text)

    # --- pending members of a new family ----------------------------------------------------------
    def _pending_rows(self) -> list[MemberRow]:
        choices = self.window_.choices
        roles = {c.id: c.label for c in choices.registry.member_roles} if choices else {}
        child_roles = choices.child_roles if choices else frozenset()
        rows = []
        for data, person in self.pending:
            age = age_on(person.birth_date, date.today()) if person.birth_date else None
            rows.append(MemberRow(
                member_id=uuid.uuid4(), person_id=data.person_id or uuid.uuid4(), full_name=_full_name(person),
                sex=person.sex or "", birth_date=person.birth_date, age=age, role_id=data.role_id,  # type: ignore[arg-type]
                role=roles.get(data.role_id, ""), is_child_role=data.role_id in child_roles,  # type: ignore[arg-type]
                is_legal_representative=data.is_legal_representative, snils=_digits(person.snils), left_on=None,
                is_disabled=False, has_ovz=False, health_group=None, early_help_needed=False, consent="pending"))
        return rows

    def _pending_changed(self) -> None:
        """The rows of a family not yet saved changed: show them and mark the card unsaved."""
        self.refresh_pending()
        self.window_.mark_dirty()

    def refresh_pending(self) -> None:
        self.show_members(self._pending_rows())

    def pending_members(self) -> list[MemberData]:
        return [data for data, _person in self.pending]

    # --- actions --------------------------------------------------------------------------------
    def add(self) -> None:
        if self.window_.choices is None or not self.add_button.isEnabled():
            return
        dialog = MemberDialog(self.window_.context, self.window_.choices, self.window_.family_id, parent=self.window_)
        self._open(dialog, self._added)

    def _added(self, dialog: MemberDialog) -> None:
        if self.window_.family_id is None:
            self.pending.append((dialog.result_value, dialog.display))
            self._pending_changed()
            self.table.selectRow(len(self.pending) - 1)
        else:
            self.window_.after_write(dialog.result_value)

    def edit(self) -> None:
        member = selected_row(self.table)
        if member is None or self.window_.choices is None or not self.edit_button.isEnabled():
            return
        if self.window_.family_id is None:
            index = self.table.currentIndex().row()
            dialog = MemberDialog(self.window_.context, self.window_.choices, None, pending=self.pending[index],
                                  parent=self.window_)
            self._open(dialog, lambda d: self._edited_pending(index, d))
        else:
            dialog = MemberDialog(self.window_.context, self.window_.choices, self.window_.family_id, member=member,
                                  parent=self.window_)
            self._open(dialog, lambda d: self.window_.after_write(d.result_value))

    def _edited_pending(self, index: int, dialog: MemberDialog) -> None:
        self.pending[index] = (dialog.result_value, dialog.display or self.pending[index][1])
        self._pending_changed()

    def remove(self) -> None:
        member = selected_row(self.table)
        if member is None or not self.remove_button.isEnabled():
            return
        if self.window_.family_id is None:
            del self.pending[self.table.currentIndex().row()]
            self._pending_changed()
            return
        self._open(LeaveDialog(self.window_.context, member, self.window_),
                   lambda d: self.window_.after_write(d.result_value))

    def child_profile(self) -> None:
        member = selected_row(self.table)
        if member is None or not self.child_button.isEnabled():
            return
        dialog = ChildDialog(self.window_.context, member, self.window_)
        dialog.finished.connect(lambda _code: self._written_in(dialog))
        self.dialog = dialog
        dialog.open()

    def documents(self) -> None:
        member = selected_row(self.table)
        if member is None or not self.documents_button.isEnabled():
            return
        dialog = DocumentsDialog(self.window_.context, self.window_.choices, member, self.window_)  # type: ignore[arg-type]
        dialog.finished.connect(lambda _code: self._written_in(dialog))
        self.dialog = dialog
        dialog.open()

    def _written_in(self, dialog: Any) -> None:
        """A dialog that saves as it goes (profile, diagnoses, documents) closed: refresh if it wrote."""
        if dialog.changes:
            self.window_.after_write(dialog.changes)

    def _open(self, dialog: Any, on_accepted: Any) -> None:
        self.dialog = open_dialog(dialog, on_accepted)


def _full_name(person: PersonData | PersonRow) -> str:
    return " ".join(part.strip() for part in (person.last_name, person.first_name, person.middle_name or "")
                    if part and part.strip())


def _digits(value: str | None) -> str | None:
    digits = "".join(ch for ch in value or "" if ch.isdigit())
    return digits or None
