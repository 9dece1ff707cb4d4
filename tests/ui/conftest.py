"""GUI tests: the application with shipped fonts and the Russian translation, offscreen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from ui.application import create_application
from ui.worker import DatabaseWorker, stop_all_workers


@pytest.fixture(scope="session")
def qapp_cls():  # pytest-qt: build our configured QApplication instead of a bare one
    return QApplication


@pytest.fixture(scope="session")
def qapp(qapp_args, qapp_cls, pytestconfig):
    return create_application(qapp_args)


@pytest.fixture(autouse=True)
def _private_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Remembered widths and filters go to a temporary folder, never the developer's own settings."""
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


@pytest.fixture(autouse=True)
def _stop_leftover_workers() -> Iterator[None]:
    """Each test ends with no database thread running, whatever the test itself stopped."""
    yield
    stop_all_workers()


@pytest.fixture
def worker(sqlite_database) -> Iterator[DatabaseWorker]:
    """The database thread over the test's SQLite database; any error it met fails the test."""
    errors: list[BaseException] = []
    worker = DatabaseWorker(sqlite_database, errors.append)
    yield worker
    worker.stop()
    assert errors == []


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, Cyrillic included (qtbot.keyClicks asserts on non-ASCII keys)."""
    widget.setFocus()
    for char in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier)
