"""Change your own password: the current one, then the new one twice.

After an administrator's reset the dialog opens by itself right after signing in (`forced`);
then there is no way around it but to sign out.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from app.accounts.users import change_own_password
from app.core.changes import Saved
from ui import style
from ui.context import UiContext
from ui.forms import FormDialog
from ui.resources import icon


def password_edit(name: str) -> QLineEdit:
    edit = QLineEdit(objectName=name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMinimumWidth(260)
    return edit


class PasswordDialog(FormDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None, *, forced: bool = False) -> None:
        super().__init__(context, parent)
        self.forced = forced
        self.setWindowTitle(self.tr("Change password"))
        self.setWindowIcon(icon("lock"))
        if forced:
            notice = QLabel(self.tr("An administrator has set a temporary password for you. "
                                    "Choose your own password to continue."), objectName="forced_notice")
            notice.setWordWrap(True)
            style.warning_banner(notice)
            self.body.addWidget(notice)
            self.buttons.button(self.buttons.StandardButton.Cancel).setText(self.tr("Sign out"))
        rules = QLabel(self.tr("At least 8 characters, with both letters and digits."))
        style.muted(rules)
        self.old_password = password_edit("old_password")
        self.new_password = password_edit("new_password")
        self.repeat = password_edit("repeat")
        form = QFormLayout()
        form.addRow(self.tr("Current password:"), self.errors.wrap(self.old_password))
        form.addRow(self.tr("New password:"), self.errors.wrap(self.new_password))
        form.addRow(self.tr("Repeat the new password:"), self.errors.wrap(self.repeat))
        self.body.addLayout(form)
        self.body.addWidget(rules)
        self.ok_button.setText(self.tr("Change password"))
        self.old_password.setFocus()

    def save(self) -> None:
        old, new = self.old_password.text(), self.new_password.text()
        if new != self.repeat.text():
            self.show_errors({"repeat": self.tr("The two new passwords differ — type the same password twice.")})
            return
        actor = self.context.actor
        self.write(lambda session: change_own_password(session, actor, old, new), self._changed)

    def _changed(self, saved: Saved) -> None:
        self.finish(saved)
