"""Administration → Users: the accounts, their roles and links; create, edit, reset, unlock, deactivate."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from app.accounts.choices import AccountChoices, account_choices
from app.accounts.user_admin import UserRow, list_users, set_active, unlock
from app.core.actor import ROLE_TITLES
from app.core.changes import DICTIONARIES, USERS
from app.core.text import format_date
from db.base import utc_now
from ui import style
from ui.admin.user_dialog import ResetPasswordDialog, UserDialog
from ui.context import UiContext
from ui.forms import button_row, open_dialog, report
from ui.ops import run_op, run_query
from ui.resources import icon
from ui.table_base import RowsTable

Index = QModelIndex | QPersistentModelIndex


def _when(moment: Any) -> str:
    return f"{format_date(moment.astimezone().date())} {moment.astimezone():%H:%M}" if moment else "—"


OFFICES_COLUMN = 4  # in UsersModel's columns

class UsersModel(RowsTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers = [self.tr("Login"), self.tr("Name"), self.tr("Role"), self.tr("Staff record"),
                        self.tr("Offices"), self.tr("Last sign-in"), self.tr("State")]

    def state(self, row: UserRow) -> str:
        if not row.active:
            return self.tr("Deactivated")
        if row.is_locked(utc_now()):
            return self.tr("Locked until {time}").format(time=f"{row.locked_until.astimezone():%H:%M}")
        if row.must_change_password:
            return self.tr("Must change password")
        return self.tr("Active")

    def role(self, row: UserRow) -> str:
        title = ROLE_TITLES.get(row.role, row.role)
        if row.working_role:
            title += " + " + ROLE_TITLES.get(row.working_role, row.working_role).lower()
        return title

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row: UserRow = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.login, row.display_name, self.role(row), row.staff_name, row.offices,
                    _when(row.last_login_at), self.state(row))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == OFFICES_COLUMN:
            return row.offices
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return QColor(style.MUTED)
        return None


class UsersPage(QWidget):
    """Refreshes once whenever accounts or the staff records its pickers show change (USERS, DICTIONARIES)."""

    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.context = context
        self.choices: AccountChoices | None = None
        self.dialog: Any = None
        self.model = UsersModel(self)
        self._build()
        self.refresh()
        context.changes.subscribe(self, {USERS, DICTIONARIES}, lambda _flags, _initiator: self.refresh())

    def _build(self) -> None:
        title = QLabel(self.tr("Users"))
        style.section_title(title)
        about = QLabel(self.tr("Accounts of the people who work in Opora. There are no built-in accounts: "
                               "each person gets their own login. A deactivated account stays in the audit log."))
        about.setWordWrap(True)
        style.muted(about)
        self.table = QTableView(objectName="users")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        # A coordinator of every office would push the sign-in and state columns off the screen:
        # the offices column keeps a fixed width, elided, with the full list in the tooltip.
        header.setSectionResizeMode(OFFICES_COLUMN, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(OFFICES_COLUMN, 320)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.new_button = QPushButton(icon("add"), self.tr("New user…"), objectName="new_user")
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit…"), objectName="edit_user")
        self.reset_button = QPushButton(icon("lock"), self.tr("Reset password…"), objectName="reset_password")
        self.unlock_button = QPushButton(icon("check"), self.tr("Unlock"), objectName="unlock")
        self.active_button = QPushButton(icon("close"), self.tr("Deactivate"), objectName="toggle_active")
        self.new_button.clicked.connect(self.create)
        self.edit_button.clicked.connect(self.edit)
        self.reset_button.clicked.connect(self.reset_password)
        self.unlock_button.clicked.connect(self.unlock)
        self.active_button.clicked.connect(self.toggle_active)
        self.status = QLabel(objectName="status")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(about)
        layout.addLayout(button_row(self.new_button, self.edit_button, self.reset_button, self.unlock_button,
                                    self.active_button))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self._update_buttons()

    # --- data ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        actor = self.context.actor

        run_query(self, self.context, lambda session: (list_users(session, actor), account_choices(session)),
                  self._show, self._failed)

    def _show(self, result: tuple[list[UserRow], AccountChoices]) -> None:
        selected = self.current()
        rows, self.choices = result
        self.model.set_rows(rows)
        for number, row in enumerate(rows):
            if selected is not None and row.id == selected.id:
                self.table.selectRow(number)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(OFFICES_COLUMN, min(self.table.columnWidth(OFFICES_COLUMN), 320))
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        style.text_color(self.status, style.ERROR)
        report(self, error)

    def current(self) -> UserRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        row = self.current()
        for button in (self.edit_button, self.reset_button, self.active_button):
            button.setEnabled(row is not None)
        self.unlock_button.setEnabled(row is not None and (row.is_locked(utc_now()) or row.failed_attempts > 0))
        self.new_button.setEnabled(self.choices is not None)
        self.active_button.setText(self.tr("Activate") if row is not None and not row.active
                                   else self.tr("Deactivate"))

    # --- actions ------------------------------------------------------------------------------------
    def _done(self, text: str) -> None:
        """After a write: the list re-reads on its announcement (USERS); here only the message."""
        style.text_color(self.status, None)
        self.status.setText(text)

    def create(self) -> None:
        if self.choices is None:
            return
        self.dialog = open_dialog(UserDialog(self.context, self.choices, None, self),
                                  lambda _dialog: self._done(self.tr("The account was created.")))

    def edit(self) -> None:
        row = self.current()
        if row is None or self.choices is None:
            return
        self.dialog = open_dialog(UserDialog(self.context, self.choices, row, self),
                                  lambda _dialog: self._done(self.tr("The account was saved.")))

    def reset_password(self) -> None:
        row = self.current()
        if row is not None:
            self.dialog = open_dialog(ResetPasswordDialog(self.context, row, self), lambda _dialog: self._done(
                self.tr("The password of {login} was reset; they choose their own at the next sign-in.")
                .format(login=row.login)))

    def _write(self, action: Any, text: str) -> None:
        run_op(self, self.context, action, lambda _saved: self._done(text), self._failed)

    def unlock(self) -> None:
        row, actor = self.current(), self.context.actor
        if row is not None:
            self._write(lambda session: unlock(session, actor, row.id),
                        self.tr("{login} can sign in again.").format(login=row.login))

    def toggle_active(self) -> None:
        row, actor = self.current(), self.context.actor
        if row is None:
            return
        text = (self.tr("{login} was deactivated.") if row.active else self.tr("{login} was activated."))
        self._write(lambda session: set_active(session, actor, row.id, not row.active), text.format(login=row.login))
