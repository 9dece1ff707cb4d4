"""The account editor of Administration → Users: a new account or an existing one's role and links."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QWidget,
)
from sqlalchemy.orm import Session

from app.accounts.choices import AccountChoices
from app.accounts.user_admin import UserData, UserRow, reset_password, update_user
from app.accounts.users import NewUser, create_user
from app.core.actor import ADMIN, COORDINATOR, SPECIALIST
from app.core.changes import Saved
from app.reference.staff import StaffData, create_staff
from ui import style
from ui.context import UiContext
from ui.forms import FormDialog, ask, fill_combo, select_data
from ui.password_dialog import password_edit
from ui.resources import icon

ID_ROLE = Qt.ItemDataRole.UserRole


class UserDialog(FormDialog):
    """`row` None creates an account (login and password asked); otherwise edits `row`."""

    def __init__(self, context: UiContext, choices: AccountChoices, row: UserRow | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.row = row
        self.setWindowTitle(self.tr("New user") if row is None else self.tr("User {login}").format(login=row.login))
        self.setWindowIcon(icon("user"))
        self.setMinimumWidth(560)
        form = QFormLayout()
        self.login = QLineEdit(objectName="login")
        self.password = password_edit("password")
        if row is None:
            form.addRow(self.tr("Login:"), self.errors.wrap(self.login))
            form.addRow(self.tr("Temporary password:"), self.errors.wrap(self.password))
        self.display_name = QLineEdit(objectName="display_name")
        self.role = QComboBox(objectName="role")
        for key, title in ((SPECIALIST, self.tr("Specialist")), (COORDINATOR, self.tr("Coordinator")),
                           (ADMIN, self.tr("Administrator"))):
            self.role.addItem(title, key)
        self.working_role = QComboBox(objectName="working_role")
        for key, title in ((None, self.tr("None — no access to family data")),
                           (COORDINATOR, self.tr("Coordinator")), (SPECIALIST, self.tr("Specialist"))):
            self.working_role.addItem(title, key)
        self.staff = QComboBox(objectName="staff_id")
        fill_combo(self.staff, choices.staff, self.tr("— not linked —"))
        self.offices = QListWidget(objectName="office_ids")
        self.offices.setMaximumHeight(110)
        for office in choices.offices:
            item = QListWidgetItem(office.label)
            item.setData(ID_ROLE, office.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.offices.addItem(item)
        form.addRow(self.tr("Name shown:"), self.errors.wrap(self.display_name))
        form.addRow(self.tr("Role:"), self.errors.wrap(self.role))
        form.addRow(self.tr("Working role:"), self.errors.wrap(self.working_role))
        form.addRow(self.tr("Staff record:"), self.errors.wrap(self.staff))
        # A specialist needs a staff record: it can be made here instead of in Dictionaries → Staff first.
        self.new_staff = QCheckBox(self.tr("Create a new staff record for this user"), objectName="new_staff")
        form.addRow("", self.new_staff)
        self.staff_box = QGroupBox(self.tr("New staff record"))
        staff_form = QFormLayout(self.staff_box)
        self.staff_last = QLineEdit(objectName="last_name")
        self.staff_first = QLineEdit(objectName="first_name")
        self.staff_middle = QLineEdit(objectName="middle_name")
        self.staff_position = QComboBox(objectName="position_id")
        fill_combo(self.staff_position, choices.positions, self.tr("— choose —"))
        self.staff_office = QComboBox(objectName="office_id")
        fill_combo(self.staff_office, choices.offices, self.tr("— choose —"))
        if len(choices.offices) == 1:
            self.staff_office.setCurrentIndex(1)
        staff_form.addRow(self.tr("Last name:"), self.errors.wrap(self.staff_last))
        staff_form.addRow(self.tr("First name:"), self.errors.wrap(self.staff_first))
        staff_form.addRow(self.tr("Middle name:"), self.errors.wrap(self.staff_middle))
        staff_form.addRow(self.tr("Position:"), self.errors.wrap(self.staff_position))
        staff_form.addRow(self.tr("Office:"), self.errors.wrap(self.staff_office))
        self.staff_box.hide()
        form.addRow(self.staff_box)
        self.new_staff.toggled.connect(self._new_staff_toggled)
        form.addRow(self.tr("Offices:"), self.errors.wrap(self.offices))
        self.body.addLayout(form)
        hint = QLabel(self.tr(
            "A specialist works with the families they are responsible for or assigned to, found through the "
            "staff record. A coordinator works with every family of the chosen offices (or of the staff "
            "record's office). An administrator manages accounts, dictionaries and backups and sees family "
            "data only when also given a working role."))
        hint.setWordWrap(True)
        style.muted(hint)
        self.body.addWidget(hint)
        self.role.currentIndexChanged.connect(self._role_changed)
        if row is not None:
            self.display_name.setText(row.display_name)
            select_data(self.role, row.role)
            select_data(self.working_role, row.working_role)
            select_data(self.staff, row.staff_id)
            for index in range(self.offices.count()):
                item = self.offices.item(index)
                if item.data(ID_ROLE) in row.office_ids:
                    item.setCheckState(Qt.CheckState.Checked)
        self._role_changed()
        self.ok_button.setText(self.tr("Create") if row is None else self.tr("Save"))

    def _role_changed(self) -> None:
        is_admin = self.role.currentData() == ADMIN
        self.working_role.setEnabled(is_admin)
        if not is_admin:
            self.working_role.setCurrentIndex(0)

    def _new_staff_toggled(self, checked: bool) -> None:
        self.staff_box.setVisible(checked)
        self.staff.setEnabled(not checked)
        if checked:
            self.staff.setCurrentIndex(0)
            words = self.display_name.text().split()
            for edit, word in zip((self.staff_last, self.staff_first, self.staff_middle), words, strict=False):
                if not edit.text() and "." not in word:
                    edit.setText(word)
            self.staff_last.setFocus()
        self.fit()

    def staff_data(self) -> StaffData | None:
        """The staff record to create with the account, when asked for."""
        if not self.new_staff.isChecked():
            return None
        return StaffData(self.staff_last.text(), self.staff_first.text(), self.staff_middle.text() or None,
                         self.staff_position.currentData(), self.staff_office.currentData())

    def _needs_office_warning(self) -> bool:
        """A coordinator with neither offices nor a staff record works with no family at all."""
        coordinator = COORDINATOR in (self.role.currentData(), self.working_role.currentData())
        has_staff = self.staff.currentData() is not None or self.new_staff.isChecked()
        return coordinator and not self.office_ids() and not has_staff

    def office_ids(self) -> tuple[uuid.UUID, ...]:
        return tuple(self.offices.item(i).data(ID_ROLE) for i in range(self.offices.count())
                     if self.offices.item(i).checkState() == Qt.CheckState.Checked)

    def save(self) -> None:
        if self._needs_office_warning():
            self.question = ask(self, self.windowTitle(), self.tr(
                "A coordinator works with the families of the chosen offices. With no office (and no staff "
                "record) this user will see no family at all. Save anyway?"),
                [(self.tr("Choose offices"), QMessageBox.ButtonRole.RejectRole, self.offices.setFocus),
                 (self.tr("Save without offices"), QMessageBox.ButtonRole.AcceptRole, self._save)],
                QMessageBox.Icon.Warning)
            return
        self._save()

    def _save(self) -> None:
        actor, offices = self.context.actor, self.office_ids()
        role, working_role = self.role.currentData(), self.working_role.currentData()
        staff_id = self.staff.currentData()
        name = self.display_name.text()
        new_staff = self.staff_data()
        row = self.row
        login, password = self.login.text(), self.password.text()

        def action(session: Session) -> Saved:
            # One unit of work: the staff record is kept only if the account is saved too.
            linked, made = staff_id, None
            if new_staff is not None:
                made = create_staff(session, actor, new_staff)
                linked = made.id
            if row is None:
                saved = create_user(session, actor, NewUser(login, password, role, name, linked, working_role,
                                                            offices))
            else:
                saved = update_user(session, actor, row.id, UserData(name, role, working_role, linked, offices))
            return Saved(saved.id, saved.changes | (made.changes if made else frozenset()))

        self.write(action)


class ResetPasswordDialog(FormDialog):
    """The administrator types a temporary password; the user must change it at the next sign-in."""

    def __init__(self, context: UiContext, row: UserRow, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.row = row
        self.setWindowTitle(self.tr("Reset password of {login}").format(login=row.login))
        self.setWindowIcon(icon("lock"))
        self.password = password_edit("password")
        self.repeat = password_edit("repeat")
        form = QFormLayout()
        form.addRow(self.tr("Temporary password:"), self.errors.wrap(self.password))
        form.addRow(self.tr("Repeat it:"), self.errors.wrap(self.repeat))
        note = QLabel(self.tr("Tell the user this password in person. At the next sign-in Opora asks them to "
                              "choose their own. A lock after failed attempts is lifted too."))
        note.setWordWrap(True)
        style.muted(note)
        self.body.addLayout(form)
        self.body.addWidget(note)
        self.ok_button.setText(self.tr("Reset password"))

    def save(self) -> None:
        password = self.password.text()
        if password != self.repeat.text():
            self.show_errors({"repeat": self.tr("The two passwords differ — type the same password twice.")})
            return
        actor, user_id = self.context.actor, self.row.id
        self.write(lambda session: reset_password(session, actor, user_id, password))
