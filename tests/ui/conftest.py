"""GUI tests: the application with shipped fonts and the Russian translation, offscreen."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from app.system.integrity import WriteBlock, block_writes, check_on_open
from app.system.storage_errors import READ_ONLY
from db.session import Database
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


def _checkpointed_copy(database: Database, target: Path) -> Path:
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    assert database.sqlite_path is not None
    shutil.copyfile(database.sqlite_path, target)
    return target


@pytest.fixture(params=["mount", "block"])
def read_only(request, sqlite_database, sqlite_world, tmp_path) -> Iterator[Database]:
    """The quarterly report's test data in a database that cannot be written: on a tmpfs remounted read-only
    (needs root) and in the app's own read-only mode (a write block), which every machine can run."""
    from tests.app.reports.test_quarterly import build

    build(sqlite_database, sqlite_world)
    if request.param == "mount":
        folder = tmp_path / "mnt"
        folder.mkdir()
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)],
                          capture_output=True, check=False).returncode != 0:
            pytest.skip("mounting a tmpfs needs root")
        path = _checkpointed_copy(sqlite_database, folder / "opora.db")
        assert subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=False).returncode == 0
        database = Database.open(str(path))
        block = check_on_open(database)  # what the start does
        assert block is not None and block.kind == READ_ONLY
    else:
        database = Database.open(str(_checkpointed_copy(sqlite_database, tmp_path / "copy.db")))
        block_writes(database, WriteBlock(READ_ONLY, "База данных открыта только для чтения."))
    yield database
    database.dispose()
    if request.param == "mount":
        subprocess.run(["umount", "-l", str(tmp_path / "mnt")], check=False)


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, Cyrillic included (qtbot.keyClicks asserts on non-ASCII keys)."""
    widget.setFocus()
    for char in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier)
