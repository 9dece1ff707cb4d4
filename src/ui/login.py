"""The login dialog: opens the database in the background, then asks for login and password."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from app.accounts.users import LoginResult
from app.core.errors import AuthenticationFailed
from app.system.bootstrap import log_in
from app.system.startup import StartState, prepare_database
from ui import style
from ui.errors import user_message
from ui.forms import ok_cancel_buttons
from ui.resources import icon
from ui.worker import DatabaseWorker

FIRST_RUN = 2  # dialog result: the database has no users yet


class LoginDialog(QDialog):
    def __init__(self, worker: DatabaseWorker, state: StartState | None = None,
                 signed_in: LoginResult | None = None) -> None:
        super().__init__()
        self.worker = worker
        self.state: StartState | None = state
        self.result_login: LoginResult | None = None
        self.signed_in = signed_in  # signed in already (the first-run wizard's administrator): no form
        self.setWindowTitle(self.tr("Opora — sign in"))
        self.setWindowIcon(icon("opora"))
        self.setMinimumWidth(420)
        self.heading = QLabel(self.tr("Opora"))
        style.section_title(self.heading)
        self.organization = QLabel()
        self.organization.setWordWrap(True)
        self.login_edit = QLineEdit()
        self.login_edit.setObjectName("login")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        style.field_error(self.message)
        self.message.setWordWrap(True)
        self.demo_hint = QLabel()
        style.warning_banner(self.demo_hint)
        self.demo_hint.setWordWrap(True)
        self.demo_hint.hide()
        self.location = QLabel()
        self.location.setWordWrap(True)
        style.muted(self.location)
        form = QFormLayout()
        form.addRow(self.tr("Login:"), self.login_edit)
        form.addRow(self.tr("Password:"), self.password_edit)
        self.buttons, self.ok_button = ok_cancel_buttons(self.tr("Sign in"), self.tr("Exit"))
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.organization, self.demo_hint):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.location)
        layout.addWidget(self.buttons, alignment=Qt.AlignmentFlag.AlignRight)
        if state is None:
            self._set_busy(self.tr("Opening the database…"))
            worker.submit(prepare_database, self._prepared, self._failed)
        else:
            self._prepared(state)

    def _set_busy(self, text: str) -> None:
        self.ok_button.setEnabled(False)
        style.text_color(self.message, style.BUSY)
        self.message.setText(text)

    def _prepared(self, state: StartState) -> None:
        self.state = state
        if not state.initialized:
            self.done(FIRST_RUN)
            return
        if self.signed_in is not None:
            self.result_login = self.signed_in
            QTimer.singleShot(0, self.accept)  # after exec() has started
            return
        self.organization.setText(state.organization)
        self.location.setText(self.tr("Database: {location}").format(location=state.location))
        if state.demo_login:
            self.demo_hint.setText(
                self.tr("Demo database. Login: {login}, password: {password}").format(
                    login=state.demo_login, password=state.demo_password or "")
            )
            self.demo_hint.show()
        self.message.setText("")
        self.ok_button.setEnabled(True)
        self.login_edit.setFocus()

    def _failed(self, error: BaseException) -> None:
        style.text_color(self.message, style.ERROR)
        self.message.setText(user_message(error))

    def try_login(self) -> None:
        login, password = self.login_edit.text(), self.password_edit.text()
        if not login.strip() or not password:
            style.text_color(self.message, style.ERROR)
            self.message.setText(self.tr("Enter your login and password."))
            return
        self._set_busy(self.tr("Checking…"))
        self.worker.submit(lambda database: log_in(database, login, password), self._logged_in, self._login_failed)

    def _logged_in(self, result: LoginResult) -> None:
        self.result_login = result
        self.accept()

    def _login_failed(self, error: BaseException) -> None:
        self.ok_button.setEnabled(True)
        style.text_color(self.message, style.ERROR)
        self.message.setText(str(error) if isinstance(error, AuthenticationFailed) else user_message(error))
        self.password_edit.clear()
        self.password_edit.setFocus()
