"""Administration → Backups and the restore dialog at start-up, driven through their widgets."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from app.core.settings import BACKUPS_DAILY_KEPT, read_number, write_number
from app.system.backups import list_backups, make_backup
from app.system.startup import prepare_database
from db.session import Database
from tests.app.db_dump import corrupt_file
from ui.admin import backups_page as page_module
from ui.admin.backups_page import BackupsPage
from ui.admin.pages import admin_pages
from ui.admin.section import AdminSection
from ui.backup_list import reason_title, size_text
from ui.context import UiContext
from ui.restore_at_start import READ_ONLY, RESTORED, RestoreAtStartDialog
from ui.worker import DatabaseWorker

WAIT = 20000


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("OPORA_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def make_page(qtbot):
    workers: list[DatabaseWorker] = []

    def make(database: Database, actor) -> BackupsPage:
        worker = DatabaseWorker(database, lambda error: None)
        workers.append(worker)
        page = BackupsPage(UiContext(worker, actor, "ГБУ", "Центральное отделение"))
        qtbot.addWidget(page)
        page.resize(1000, 600)
        page.show()
        return page

    yield make
    for worker in workers:
        worker.stop()


def _daily(database: Database) -> float:
    with database.read() as session:
        return read_number(session, BACKUPS_DAILY_KEPT)


def _message_box(name: str) -> QMessageBox | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.objectName() == name and widget.isVisible():
            return widget
    return None


def test_the_page_is_registered_in_administration(qtbot, sqlite_database, sqlite_world):
    assert [page.key for page in admin_pages()].count("backups") == 1
    from ui.screens import section_screens

    assert section_screens()["admin"] is AdminSection
    worker = DatabaseWorker(sqlite_database, lambda error: None)
    section = AdminSection(UiContext(worker, sqlite_world.admin))
    qtbot.addWidget(section)
    page = section.show_page("backups")
    assert isinstance(page, BackupsPage)
    qtbot.waitUntil(worker.is_idle, timeout=WAIT)
    worker.stop()


def test_back_up_now_lists_the_new_copy(qtbot, make_page, sqlite_database, sqlite_world, tmp_path):
    make_backup(sqlite_database)
    page = make_page(sqlite_database, sqlite_world.admin)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    assert not page.restore_button.isEnabled()  # nothing chosen yet
    page.backup_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT)
    assert str(list_backups()[0].path) in page.status.text()
    first = page.model.index(0, 0).data()
    assert len(first) == 16 and first[2] == "." and first[5] == "."  # dd.mm.yyyy HH:MM
    assert page.model.index(0, 1).data() == reason_title("manual")
    assert page.model.index(0, 2).data() == size_text(list_backups()[0].size)
    page.table.selectRow(0)
    assert page.restore_button.isEnabled()
    page.grab().save(str(tmp_path / "backups-page.png"))
    if os.environ.get("OPORA_SCREENSHOT_DIR"):
        page.grab().save(str(Path(os.environ["OPORA_SCREENSHOT_DIR"]) / "backups-page.png"))


def test_restore_confirms_then_returns_to_login(qtbot, make_page, sqlite_database, sqlite_world, monkeypatch):
    restarts: list[bool] = []
    monkeypatch.setattr(page_module, "request_restart", lambda: restarts.append(True))
    make_backup(sqlite_database)
    with sqlite_database.write() as session:
        write_number(session, sqlite_world.admin, BACKUPS_DAILY_KEPT, 44)
    page = make_page(sqlite_database, sqlite_world.admin)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    page.table.selectRow(0)
    box = page.ask_restore()
    assert page.model.index(0, 0).data() in box.text()
    next(button for button in box.buttons()
         if box.buttonRole(button) == QMessageBox.ButtonRole.AcceptRole).click()
    qtbot.waitUntil(lambda: _message_box("restored") is not None, timeout=WAIT)
    assert "восстановлена" in _message_box("restored").text()
    assert _daily(sqlite_database) == BACKUPS_DAILY_KEPT.default
    assert any(backup.reason == "before_restore" for backup in list_backups())
    _message_box("restored").accept()
    qtbot.waitUntil(lambda: restarts == [True], timeout=WAIT)


def test_specialists_see_why_they_cannot(qtbot, make_page, sqlite_database, sqlite_world):
    page = make_page(sqlite_database, sqlite_world.specialist)
    assert not page.backup_button.isEnabled()
    assert page.status.text()


def test_postgresql_page_explains_pg_dump(qtbot, make_page, database, world):
    if database.is_sqlite:
        pytest.skip("PostgreSQL behaviour")
    page = make_page(database, world.admin)
    assert "pg_dump" in page.findChild(QLabel, "pg_hint").text()


def test_a_damaged_database_offers_the_newest_sound_backup(qtbot, sqlite_database, sqlite_world, tmp_path):
    older = make_backup(sqlite_database)
    newest_bad = make_backup(sqlite_database)
    corrupt_file(newest_bad, pages=2)
    expected = _daily(sqlite_database)
    with sqlite_database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    sqlite_database.dispose()
    damaged_path = tmp_path / "damaged.db"
    shutil.copyfile(sqlite_database.sqlite_path, damaged_path)
    corrupt_file(damaged_path, pages=2)
    damaged = Database.open(str(damaged_path))
    state = prepare_database(damaged)
    worker = DatabaseWorker(damaged, lambda error: None)
    dialog = RestoreAtStartDialog(worker, state)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.restore_button.isEnabled(), timeout=WAIT)
    assert dialog.model.rowCount() == 2
    chosen = dialog.table.selectionModel().selectedRows()[0].row()
    assert dialog.model.rows[chosen].path == older  # the newer one is damaged too
    dialog.grab().save(str(tmp_path / "restore-at-start.png"))
    if os.environ.get("OPORA_SCREENSHOT_DIR"):
        dialog.grab().save(str(Path(os.environ["OPORA_SCREENSHOT_DIR"]) / "restore-at-start.png"))
    with qtbot.waitSignal(dialog.finished, timeout=WAIT) as finished:
        dialog.restore_button.click()
    assert finished.args == [RESTORED]
    assert dialog.result_restore is not None and not dialog.result_restore.safety_verified
    worker.stop()
    assert prepare_database(damaged).write_block is None
    assert _daily(damaged) == expected
    damaged.dispose()


def test_read_only_is_a_choice(qtbot, sqlite_database, tmp_path):
    with sqlite_database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    sqlite_database.dispose()
    damaged_path = tmp_path / "damaged.db"
    shutil.copyfile(sqlite_database.sqlite_path, damaged_path)
    corrupt_file(damaged_path, pages=2)
    damaged = Database.open(str(damaged_path))
    worker = DatabaseWorker(damaged, lambda error: None)
    dialog = RestoreAtStartDialog(worker, prepare_database(damaged))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0 and dialog.message.text() != "", timeout=WAIT)
    qtbot.waitUntil(lambda: dialog.worker.is_idle(), timeout=WAIT)
    assert not dialog.restore_button.isEnabled()
    with qtbot.waitSignal(dialog.finished, timeout=WAIT) as finished:
        dialog.read_only_button.click()
    assert finished.args == [READ_ONLY]
    worker.stop()
    damaged.dispose()


def test_closing_the_window_backs_up_once(qtbot, sqlite_database, sqlite_world):
    from ui.main_window import MainWindow
    from ui.session_start import finish_session

    window = MainWindow(UiContext(DatabaseWorker(sqlite_database, lambda error: None), sqlite_world.admin), {})
    finish_session(window)
    made = list_backups()
    assert [backup.reason for backup in made] == ["exit"]
    old = made[0].path.stat().st_mtime - 10
    os.utime(made[0].path, (old, old))  # the database now changed after the newest backup
    window = MainWindow(UiContext(DatabaseWorker(sqlite_database, lambda error: None), sqlite_world.admin), {})
    finish_session(window, back_up=False)  # after a restore: no backup
    assert len(list_backups()) == 1
    window = MainWindow(UiContext(DatabaseWorker(sqlite_database, lambda error: None), sqlite_world.admin), {})
    finish_session(window)
    assert len(list_backups()) == 2
