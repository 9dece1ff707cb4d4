"""Shows what the checks after sign-in found (app.system.background_checks): a red line in the main window's status
bar that stays, and a message box that does not block work."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from app.core.actor import Actor
from app.system.background_checks import start_background_checks
from db.session import Database
from ui import style


class _Relay(QObject):
    """Carries the warnings from the checking thread to the GUI thread (a queued signal)."""

    found = Signal(list)


def watch_background_checks(window: QMainWindow, database: Database, actor: Actor) -> None:
    relay = _Relay(window)
    relay.found.connect(lambda warnings: show_check_warnings(window, warnings))

    def done(warnings: list[str]) -> None:
        if shiboken6.isValid(relay):
            relay.found.emit(warnings)

    window.background_checks = start_background_checks(database, actor, done)  # type: ignore[attr-defined]


def show_check_warnings(window: QMainWindow, warnings: list[str]) -> QMessageBox | None:
    if not warnings or not shiboken6.isValid(window):
        return None
    text = "\n\n".join(warnings)
    label = QLabel(QCoreApplication.translate("BackgroundChecks", "Checks found a problem: see the message."),
                   objectName="check_warning")
    label.setToolTip(text)
    style.text_color(label, style.ERROR)
    window.statusBar().addWidget(label)
    title = QCoreApplication.translate("BackgroundChecks", "Opora")
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, window)
    box.setObjectName("check_warnings")
    box.setModal(False)
    box.show()  # not open(): that would make it window-modal and block the work the warning is about
    return box
