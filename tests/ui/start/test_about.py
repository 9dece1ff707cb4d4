"""Справка → О программе: where the data lives, and «Проверить установку» from the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.system.backups import make_backup
from ui.about import AboutDialog, size_text
from ui.context import UiContext
from ui.main_window import MainWindow
from ui.worker import DatabaseWorker

WAIT = 60000


@pytest.fixture
def make_window(qtbot, sqlite_database):
    workers: list[DatabaseWorker] = []

    def make(actor) -> MainWindow:
        worker = DatabaseWorker(sqlite_database, lambda error: None)
        workers.append(worker)
        window = MainWindow(UiContext(worker, actor, "ГБУ", "Центральное отделение"), {})
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(worker.is_idle, timeout=WAIT)
        return window

    yield make
    for worker in workers:
        worker.stop()


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("OPORA_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def _open(qtbot, window) -> AboutDialog:
    window.about_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.about_dialog, AboutDialog) and window.about_dialog.isVisible())
    dialog = window.about_dialog
    assert isinstance(dialog, AboutDialog)
    return dialog


def test_about_shows_the_installation_and_checks_it(qtbot, sqlite_database, sqlite_world, make_window, data_dir):
    make_backup(sqlite_database, reason="manual")
    window = make_window(sqlite_world.admin)
    assert [action.text() for action in window.menuBar().actions()] == ["&Пользователь", "&Справка"]
    dialog = _open(qtbot, window)
    assert dialog.windowTitle() == "О программе «Опора»"
    values = {key: label.text() for key, label in dialog.values.items()}
    assert values["version"] == "0.1.0"
    assert values["database"] == sqlite_database.location
    assert values["size"].endswith(("КБ", "МБ")) and values["encryption"] == "не зашифрована"
    assert values["backups"] == str(data_dir / "backups") and values["logs"] == str(data_dir / "logs")
    assert values["last_backup"][2] == "." and values["last_backup"][5] == "."  # dd.mm.yyyy hh:mm
    assert dialog.check_button.text() == "Проверить установку"
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert not dialog.check_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.check_button.isEnabled(), timeout=WAIT)
    lines = dialog.output.toPlainText().splitlines()
    assert len(lines) == 7 and all(line.startswith("OK") for line in lines), lines
    assert dialog.verdict.text() == "Установка в порядке."
    # Closed and opened again: a fresh dialog, the old one gone.
    dialog.close()
    qtbot.waitUntil(lambda: window.about_dialog is None)
    again = _open(qtbot, window)
    assert again is not dialog and again.output.toPlainText() == ""
    again.close()


def test_closing_the_dialog_during_the_check_is_harmless(qtbot, sqlite_world, make_window):
    window = make_window(sqlite_world.coordinator)
    dialog = _open(qtbot, window)
    dialog.start_check()
    thread = dialog._thread
    dialog.close()
    qtbot.waitUntil(lambda: window.about_dialog is None)
    assert thread is not None
    thread.join(WAIT / 1000)
    qtbot.wait(50)  # the late results arrive at a deleted dialog: nothing happens
    assert _open(qtbot, window).values["encryption"].text() == "не зашифрована"


def test_size_text():
    assert [size_text(None), size_text(100), size_text(500_000), size_text(1_500_000_000)] == [
        "—", "1 КБ", "488 КБ", "1430,5 МБ"]


def test_about_clicked_twice_opens_one_dialog(qtbot, sqlite_database, sqlite_world, make_window):
    window = make_window(sqlite_world.coordinator)
    window.about_action.trigger()
    window.about_action.trigger()  # before the worker has answered
    dialog = _open(qtbot, window)
    window.about_action.trigger()  # while it is open: brought forward, not a second one
    qtbot.wait(200)
    assert [d for d in window.findChildren(AboutDialog) if d.isVisible()] == [dialog]
    dialog.close()
    qtbot.waitUntil(lambda: window.about_dialog is None)
