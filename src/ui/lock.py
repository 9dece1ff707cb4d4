"""Auto-lock: after the idle time set by the administrator, every window's personal data is covered.

Nothing is closed, so unsaved work survives the lock: each top-level window gets an opaque
cover (its title, which may name a family, is replaced too) and is disabled, so neither the
mouse nor a keyboard shortcut reaches what lies under it. The main window's cover asks for the
password again; «Switch user» there closes everything (after a warning) and returns to sign-in.
Idle time is measured from the last keyboard or mouse input anywhere in the application.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import SETTINGS
from app.core.errors import AuthenticationFailed
from app.core.settings import AUTOLOCK_MINUTES, read_number
from app.system.bootstrap import log_in
from db.session import Database
from ui import style
from ui.context import UiContext
from ui.errors import user_message
from ui.forms import ask
from ui.ops import run_query
from ui.resources import icon
from ui.restart import request_restart
from ui.worker import alive

INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                          QEvent.Type.Wheel, QEvent.Type.TouchBegin})
CHECK_INTERVAL_MS = 5000
COVER_BACKGROUND = "#ECEFF1"


def _opaque(widget: QWidget) -> None:
    widget.setAutoFillBackground(True)
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Window, COVER_BACKGROUND)
    widget.setPalette(palette)


class WindowCover(QWidget):
    """An opaque sheet over a secondary window while the program is locked."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lock_cover")
        _opaque(self)
        text = QLabel(self.tr("Opora is locked. Unlock it in the main window."))
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        style.muted(text)
        layout = QVBoxLayout(self)
        layout.addWidget(text)


class LockScreen(QWidget):
    """The main window's cover: who is signed in, the password, «Unlock» and «Switch user»."""

    unlock_requested = Signal(str)
    switch_requested = Signal()

    def __init__(self, window: QWidget, context: UiContext) -> None:
        super().__init__(window)
        self.setObjectName("lock_screen")
        _opaque(self)
        title = QLabel(self.tr("Opora is locked"))
        style.section_title(title)
        who = QLabel(self.tr("Signed in: {name}").format(name=context.actor.display_name or context.actor.login)
                     + "\n" + self.tr("Enter the password to continue."))
        who.setWordWrap(True)
        self.password = QLineEdit(objectName="lock_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMinimumWidth(260)
        self.password.returnPressed.connect(self._unlock)
        self.message = QLabel(objectName="lock_message")
        self.message.setWordWrap(True)
        style.field_error(self.message)
        self.unlock_button = QPushButton(icon("lock"), self.tr("Unlock"), objectName="unlock")
        self.unlock_button.setDefault(True)
        self.switch_button = QPushButton(icon("user"), self.tr("Switch user…"), objectName="switch_user")
        self.unlock_button.clicked.connect(self._unlock)
        self.switch_button.clicked.connect(self.switch_requested)
        box = QWidget()
        box.setMaximumWidth(460)
        inner = QVBoxLayout(box)
        for widget in (title, who, self.password, self.message):
            inner.addWidget(widget)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)

    def _unlock(self) -> None:
        if not self.password.text():
            self.message.setText(self.tr("Enter your password."))
            return
        self.unlock_button.setEnabled(False)
        self.message.setText("")
        self.unlock_requested.emit(self.password.text())

    def failed(self, text: str) -> None:
        self.unlock_button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.message.setText(text)


class AutoLock(QObject):
    """Watches input, locks after the idle time, unlocks with the password of the signed-in user."""

    locked_changed = Signal(bool)

    def __init__(self, window: QMainWindow, context: UiContext, check_interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.idle_seconds = AUTOLOCK_MINUTES.default * 60
        self.last_input = time.monotonic()
        self.locked = False
        self.screen: LockScreen | None = None
        self.covers: dict[QWidget, tuple[QWidget, str, bool]] = {}
        self.box: QMessageBox | None = None
        QApplication.instance().installEventFilter(self)
        self.timer = QTimer(self, interval=check_interval_ms)
        self.timer.timeout.connect(self._check)
        self.timer.start()
        context.changes.subscribe(self, {SETTINGS}, lambda _flags, _initiator: self.reload())
        self.reload()

    # --- the idle time ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the idle time (a database setting) on the worker."""
        run_query(self.window, self.context, lambda session: read_number(session, AUTOLOCK_MINUTES),
                  self._set_minutes, on_failed=lambda _error: None)

    def _set_minutes(self, minutes: float) -> None:
        self.idle_seconds = float(minutes) * 60

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in INPUT_EVENTS:
            self.last_input = time.monotonic()
        elif self.locked and kind == QEvent.Type.Resize:
            self._fit_covers()
        return False

    def _check(self) -> None:
        if not self.locked and time.monotonic() - self.last_input >= self.idle_seconds:
            self.lock()

    # --- locking ---------------------------------------------------------------------------------
    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        for window in QApplication.topLevelWidgets():
            if window is self.window or not window.isVisible() or not window.isWindow():
                continue
            cover = WindowCover(window)
            self.covers[window] = (cover, window.windowTitle(), window.isEnabled())
            window.setWindowTitle(self.tr("Opora — locked"))
            cover.show()
            cover.raise_()
            window.setEnabled(False)
        self.screen = LockScreen(self.window, self.context)
        self.screen.unlock_requested.connect(self._try_unlock)
        self.screen.switch_requested.connect(self.ask_switch)
        self.covers[self.window] = (self.screen, self.window.windowTitle(), True)
        self.window.setWindowTitle(self.tr("Opora — locked"))
        for part in self._main_parts():
            part.setEnabled(False)
        self._fit_covers()
        self.screen.show()
        self.screen.raise_()
        self.screen.password.setFocus()
        self.locked_changed.emit(True)

    def _main_parts(self) -> list[QWidget]:
        parts = [self.window.centralWidget(), self.window.menuBar(), self.window.statusBar()]
        return [part for part in parts if part is not None]

    def _fit_covers(self) -> None:
        for window, (cover, _title, _enabled) in self.covers.items():
            cover.setGeometry(window.rect())
            cover.raise_()

    def unlock(self) -> None:
        if not self.locked:
            return
        for window, (cover, title, enabled) in self.covers.items():
            window.setWindowTitle(title)
            if window is not self.window:
                window.setEnabled(enabled)
            cover.hide()
            cover.deleteLater()
        for part in self._main_parts():
            part.setEnabled(True)
        self.covers.clear()
        self.screen = None
        self.locked = False
        self.last_input = time.monotonic()
        self.locked_changed.emit(False)

    def _try_unlock(self, password: str) -> None:
        login, user_id = self.context.actor.login, self.context.actor.user_id

        def job(database: Database) -> bool:
            # The same check as signing in: failed attempts count towards the lockout.
            return log_in(database, login, password).actor.user_id == user_id

        self.context.worker.submit(job, alive(self.window, self._unlock_answer),
                                   alive(self.window, self._unlock_failed))

    def _unlock_answer(self, same_user: bool) -> None:
        if same_user:
            self.unlock()
        elif self.screen is not None:
            self.screen.failed(self.tr("This is not the password of the signed-in user."))

    def _unlock_failed(self, error: BaseException) -> None:
        if self.screen is not None:
            self.screen.failed(str(error) if isinstance(error, AuthenticationFailed) else user_message(error))

    # --- switching user --------------------------------------------------------------------------
    def other_windows(self) -> list[QWidget]:
        return [w for w in QApplication.topLevelWidgets()
                if w is not self.window and w.isVisible() and w.isWindow() and w is not self.box]

    def ask_switch(self) -> None:
        """From the lock screen: warn that open windows close without saving, then sign out."""
        others = self.other_windows()
        text = self.tr("Sign out and let another user sign in?")
        if others:
            text += "\n\n" + self.tr("Open windows ({count}) will be closed; changes not saved in them will "
                                     "be lost.").format(count=len(others))
        self.box = ask(self.window, self.tr("Switch user"), text, [
            (self.tr("Switch user"), QMessageBox.ButtonRole.AcceptRole, self.switch_now),
            (self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole, None),
        ])

    def switch_now(self) -> None:
        for window in self.other_windows():
            # Hidden, not closed: a close would ask about unsaved changes over the covered data.
            window.hide()
            window.deleteLater()
        self.sign_out()

    def switch_from_menu(self) -> bool:
        """From the menu (unlocked): each open window closes the usual way, asking about its changes.

        Returns False when a window stayed open (its user chose to keep editing).
        """
        for window in self.other_windows():
            window.close()
        if self.other_windows():
            return False
        self.sign_out()
        return True

    def sign_out(self) -> None:
        self.timer.stop()
        QApplication.instance().removeEventFilter(self)
        request_restart()

    def stop(self) -> None:
        self.timer.stop()
        app: Any = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
