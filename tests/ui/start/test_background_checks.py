"""After sign-in the background checks report in the main window without blocking it (#15 items 5 and 7)."""

from __future__ import annotations

from sqlalchemy import func, select, update

from db.models import AuditEntry
from tests.app.audit_setup import drop_audit_triggers
from ui.background_checks import watch_background_checks
from ui.context import UiContext
from ui.main_window import MainWindow
from ui.worker import DatabaseWorker


def _window(qtbot, database, actor) -> MainWindow:
    window = MainWindow(UiContext(DatabaseWorker(database, lambda error: None), actor), {})
    qtbot.addWidget(window)
    window.show()
    return window


def test_an_administrator_sees_a_broken_audit_chain(qtbot, sqlite_database, sqlite_world):
    drop_audit_triggers(sqlite_database)
    with sqlite_database.write() as session:
        last = session.execute(select(func.max(AuditEntry.id))).scalar_one()
        session.execute(update(AuditEntry).where(AuditEntry.id == last).values(login="someone"))
    window = _window(qtbot, sqlite_database, sqlite_world.admin)
    watch_background_checks(window, sqlite_database, sqlite_world.admin)
    qtbot.waitUntil(lambda: window.findChild(object, "check_warnings") is not None, timeout=20000)
    box = window.findChild(object, "check_warnings")
    assert f"№ {last}" in box.text() and not box.isModal()
    label = window.findChild(object, "check_warning")
    assert label.isVisible() and f"№ {last}" in label.toolTip()
    window.context.worker.stop()


def test_a_sound_database_shows_nothing(qtbot, sqlite_database, sqlite_world):
    window = _window(qtbot, sqlite_database, sqlite_world.admin)
    watch_background_checks(window, sqlite_database, sqlite_world.admin)
    window.background_checks.join(20)
    qtbot.wait(50)
    assert window.findChild(object, "check_warnings") is None
    window.context.worker.stop()
