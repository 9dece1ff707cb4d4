"""The account editor of Administration → Users: a new account or an existing one's role and links."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QWidget

from app.accounts.choices import AccountChoices
from app.accounts.user_admin import UserData, UserRow, reset_password, update_user
from app.accounts.users import NewUser, create_user
from app.core.actor import ADMIN, COORDINATOR, SPECIALIST
from ui import style
from ui.context import UiContext
from ui.forms import FormDialog, fill_combo, select_data
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

    def office_ids(self) -> tuple[uuid.UUID, ...]:
        return tuple(self.offices.item(i).data(ID_ROLE) for i in range(self.offices.count())
                     if self.offices.item(i).checkState() == Qt.CheckState.Checked)

    def save(self) -> None:
        actor, offices = self.context.actor, self.office_ids()
        role, working_role = self.role.currentData(), self.working_role.currentData()
        staff_id = self.staff.currentData()
        name = self.display_name.text()
        if self.row is None:
            data = NewUser(self.login.text(), self.password.text(), role, name, staff_id, working_role, offices)
            self.write(lambda session: create_user(session, actor, data))
            return
        user_id = self.row.id
        edited = UserData(name, role, working_role, staff_id, offices)
        self.write(lambda session: update_user(session, actor, user_id, edited))


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
