"""Auto-lock, unlocking, switching user and the sign-in notice of the main window."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from app.core.errors import AuthenticationFailed
from app.core.settings import AUTOLOCK_MINUTES, write_number
from app.system.bootstrap import log_in
from tests.ui.conftest import type_text
from tests.world import PASSWORD
from ui.context import UiContext
from ui.main_window import MainWindow
from ui.password_dialog import PasswordDialog
from ui.restart import take_restart_request
from ui.worker import DatabaseWorker

WAIT = 20000


@pytest.fixture
def make_window(qtbot, sqlite_database):
    workers: list[DatabaseWorker] = []

    def make(actor, screens=None) -> MainWindow:
        worker = DatabaseWorker(sqlite_database, lambda error: None)
        workers.append(worker)
        window = MainWindow(UiContext(worker, actor, "ГБУ", "Центральное отделение"), screens or {})
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(worker.is_idle, timeout=WAIT)
        return window

    yield make
    for worker in workers:
        worker.stop()
    take_restart_request()


class FamilyWindow(QWidget):
    """Stands in for a family card: a window whose title and text name a family."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Семья Беловой Ирины")
        self.text = QLabel("Белова Дарья, диагноз F80.1", self)
        self.resize(400, 300)


def _idle_for(window: MainWindow, seconds: float) -> None:
    window.lock.last_input = time.monotonic() - seconds


def test_idle_time_comes_from_the_setting_and_locks_everything(qtbot, sqlite_database, sqlite_world, make_window):
    with sqlite_database.write() as session:
        write_number(session, sqlite_world.admin, AUTOLOCK_MINUTES, 3)
    window = make_window(sqlite_world.specialist)
    qtbot.waitUntil(lambda: window.lock.idle_seconds == 180, timeout=WAIT)
    card = FamilyWindow()
    qtbot.addWidget(card)
    card.show()
    _idle_for(window, 170)
    window.lock._check()
    assert not window.lock.locked
    _idle_for(window, 181)
    window.lock._check()
    assert window.lock.locked
    screen = window.findChild(QWidget, "lock_screen")
    assert screen.isVisible() and screen.geometry() == window.rect()
    assert not window.centralWidget().isEnabled() and not window.menuBar().isEnabled()
    cover = card.findChild(QWidget, "lock_cover")
    assert cover.isVisible() and cover.geometry() == card.rect() and not card.isEnabled()
    assert "Белов" not in card.windowTitle()
    grabbed = card.grab().toImage()
    assert grabbed.pixelColor(5, 5).name().lower() == "#eceff1"  # the cover, not the card's text
    card.resize(600, 500)
    qtbot.waitUntil(lambda: cover.geometry() == card.rect(), timeout=WAIT)


def test_input_keeps_the_program_unlocked(qtbot, sqlite_world, make_window):
    window = make_window(sqlite_world.specialist)
    _idle_for(window, 10_000)
    event = QMouseEvent(QEvent.Type.MouseMove, QPointF(5, 5), QPointF(5, 5), Qt.MouseButton.NoButton,
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.navigation.viewport(), event)
    window.lock._check()
    assert not window.lock.locked


def test_unlock_needs_the_signed_in_users_password(qtbot, sqlite_database, sqlite_world, make_window):
    window = make_window(sqlite_world.specialist)
    card = FamilyWindow()
    qtbot.addWidget(card)
    card.show()
    window.lock_action.trigger()
    screen = window.lock.screen
    type_text(screen.password, "wrong-password1")
    screen.unlock_button.click()
    qtbot.waitUntil(lambda: screen.message.text() != "", timeout=WAIT)
    assert "Неверный логин или пароль" in screen.message.text() and window.lock.locked
    type_text(screen.password, "secret123")  # the coordinator's password is the same, but not the login
    screen.unlock_button.click()
    qtbot.waitUntil(lambda: not window.lock.locked, timeout=WAIT)
    assert card.windowTitle() == "Семья Беловой Ирины" and card.isEnabled()
    assert card.findChild(QWidget, "lock_cover") is None or not card.findChild(QWidget, "lock_cover").isVisible()
    assert window.centralWidget().isEnabled()


def test_failed_unlocks_count_towards_the_lockout(qtbot, sqlite_database, sqlite_world, make_window):
    window = make_window(sqlite_world.specialist)
    window.lock.lock()
    screen = window.lock.screen
    for _ in range(5):
        type_text(screen.password, "wrong-password1")
        screen.unlock_button.click()
        qtbot.waitUntil(lambda: screen.unlock_button.isEnabled(), timeout=WAIT)
    with pytest.raises(AuthenticationFailed, match="заблокирована"):
        log_in(sqlite_database, "spec", PASSWORD)


def test_switch_user_from_the_lock_screen_warns_then_signs_out(qtbot, sqlite_world, make_window):
    window = make_window(sqlite_world.specialist)
    card = FamilyWindow()
    qtbot.addWidget(card)
    card.show()
    window.lock.lock()
    window.lock.screen.switch_button.click()
    box = window.lock.box
    assert isinstance(box, QMessageBox) and "(1)" in box.text()
    box.buttons()[0].click()
    assert take_restart_request()
    assert not card.isVisible() and not window.isVisible()


def test_sections_follow_the_role(sqlite_world, make_window):
    from dataclasses import replace

    assert make_window(sqlite_world.specialist).section_keys == [
        "today", "families", "visits", "sessions", "events", "dictionaries"]
    assert make_window(sqlite_world.coordinator).section_keys == [
        "today", "families", "visits", "sessions", "events", "reports", "dictionaries", "exchange"]
    assert make_window(sqlite_world.admin).section_keys == ["reports", "dictionaries", "exchange", "admin"]
    assert make_window(replace(sqlite_world.admin, working_role="coordinator")).section_keys == [
        "today", "families", "visits", "sessions", "events", "reports", "dictionaries", "exchange", "admin"]


def test_status_bar_tells_the_previous_sign_in_and_failures(qtbot, sqlite_database, sqlite_world, make_window):
    log_in(sqlite_database, "spec", PASSWORD)
    for _ in range(2):
        with pytest.raises(AuthenticationFailed):
            log_in(sqlite_database, "spec", "wrong-password1")
    actor = log_in(sqlite_database, "spec", PASSWORD).actor
    window = make_window(actor)
    qtbot.waitUntil(lambda: window.login_label.text() != "", timeout=WAIT)
    assert "2" in window.login_label.text() and window.findChild(PasswordDialog) is None


def test_a_reset_password_must_be_changed_first(qtbot, sqlite_database, sqlite_world, make_window):
    from app.accounts.user_admin import reset_password

    with sqlite_database.write() as session:
        reset_password(session, sqlite_world.admin, sqlite_world.specialist.user_id, "temporary-1")
    actor = log_in(sqlite_database, "spec", "temporary-1").actor
    window = make_window(actor)
    qtbot.waitUntil(lambda: window.password_dialog is not None and window.password_dialog.isVisible(),
                    timeout=WAIT)
    dialog = window.password_dialog
    assert dialog.forced
    type_text(dialog.old_password, "temporary-1")
    type_text(dialog.new_password, "my-own-pass-1")
    type_text(dialog.repeat, "my-own-pass-1")
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
        dialog.ok_button.click()
    assert not take_restart_request()
    assert not log_in(sqlite_database, "spec", "my-own-pass-1").must_change_password


def test_no_status_bar_message_is_cut_at_1366x768(qtbot, sqlite_database, sqlite_world, make_window):
    from PySide6.QtWidgets import QLabel

    log_in(sqlite_database, "spec", PASSWORD)
    for _ in range(3):
        with pytest.raises(AuthenticationFailed):
            log_in(sqlite_database, "spec", "wrong-password1")
    window = make_window(log_in(sqlite_database, "spec", PASSWORD).actor)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: "3" in window.login_label.text(), timeout=WAIT)
    qtbot.wait(50)
    labels = [label for label in window.statusBar().findChildren(QLabel) if label.isVisible() and label.text()]
    assert len(labels) >= 4
    cut = [label.text() for label in labels if label.width() < label.sizeHint().width()]
    assert cut == []
