"""Every window can be opened, closed and opened again: in every section of the main window, each enabled button is
clicked, whatever window it opens is closed, and the round is done twice more. A button that keeps a reference to
a deleted dialog (the TripEditor bug of #15) raises on the second round; pytest-qt turns an exception in a slot
into a failure of this test.

Runs on demo data (a coordinator sees every record screen, an administrator the administration pages). Buttons that
start long or irreversible work without asking are left out by name, and file pickers answer «cancel»."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
import pytestqt.exceptions
import shiboken6
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QPushButton, QTabWidget, QWidget

from app.core.actor import ADMIN, Actor
from app.system.bootstrap import log_in, open_database
from db.session import Database
from demo.generator import DEMO_LOGIN, DEMO_PASSWORD, generate_demo
from ui import generated_files
from ui.context import UiContext
from ui.main_window import MainWindow
from ui.screens import section_screens
from ui.worker import DatabaseWorker

WAIT = 30000
# Clicked, these act at once (a backup, a restart, a file written) rather than open a window to close.
NOT_CLICKED = {"backup_now", "restart", "route_sheet", "export", "refresh", "rebuild"}


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = open_database(str(tmp_path_factory.mktemp("reopen") / "demo.db"))
    generate_demo(database, families=40, seed=5)
    yield database
    database.dispose()


@pytest.fixture(autouse=True)
def _no_file_pickers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: ("", "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: ("", "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *args, **kwargs: ([], "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *args, **kwargs: ""))
    monkeypatch.setattr(generated_files, "choose_folder", lambda parent, title, on_chosen, kind="documents": None)
    # Modal file questions (Qt's Russian dialog, exec()) answer «cancel»: a nested loop, not a window to reopen.
    monkeypatch.setattr(generated_files, "ask_save_path", lambda *args, **kwargs: None)
    monkeypatch.setattr(generated_files, "ask_open_path", lambda *args, **kwargs: None)
    # Blocking questions (QMessageBox.question and kin) answer «No»: they are modal loops, not windows to reopen.
    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *args, **kwargs: QMessageBox.StandardButton.No))
    monkeypatch.setattr(generated_files, "open_file", lambda path: None)


def _windows() -> set[QWidget]:
    return {w for w in QApplication.topLevelWidgets() if shiboken6.isValid(w) and w.isVisible()}


def _close_new(before: set[QWidget], qtbot) -> int:
    """Close every window opened since `before` (and any question closing one of them asks); the count closed."""
    closed = 0
    for _round in range(5):
        new = [w for w in _windows() - before if shiboken6.isValid(w)]
        if not new:
            return closed
        for window in new:
            if not shiboken6.isValid(window):
                continue
            if isinstance(window, QMessageBox):
                buttons = [b for b in window.buttons()
                           if window.buttonRole(b) in (QMessageBox.ButtonRole.RejectRole,
                                                       QMessageBox.ButtonRole.NoRole)]
                if buttons:
                    buttons[0].click()
                else:
                    window.reject()
            elif isinstance(window, QDialog):
                window.reject()
            else:
                window.close()
            closed += 1
        qtbot.wait(20)
    return closed


def _click_everything(window: MainWindow, key: str, qtbot, worker: DatabaseWorker) -> list[str]:
    window.show_section(key)
    qtbot.waitUntil(worker.is_idle, timeout=WAIT)
    screen = window.section(key)
    clicked: list[str] = []
    tab_widgets = screen.findChildren(QTabWidget)
    pages = [(tabs, index) for tabs in tab_widgets for index in range(tabs.count())] or [(None, 0)]
    for tabs, index in pages:
        if tabs is not None:
            tabs.setCurrentIndex(index)
            qtbot.waitUntil(worker.is_idle, timeout=WAIT)
        clicked += _click_buttons_of(screen, qtbot, worker)
    return clicked


def _reopen_all(qtbot, database: Database, actor: Actor, sections: list[str]) -> dict[str, list[str]]:
    errors: list[BaseException] = []
    worker = DatabaseWorker(database, errors.append)
    window = MainWindow(UiContext(worker, actor), section_screens())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(worker.is_idle, timeout=WAIT)
    _close_new({window}, qtbot)  # a forced password change, if any
    opened: dict[str, list[str]] = {}
    try:
        for round_ in range(3):  # opened, closed, and opened again twice
            for key in sections:
                clicked = _click_everything(window, key, qtbot, worker)
                if round_ == 0:
                    opened[key] = clicked
                else:
                    # Every window opened the first time opens again (lazily built tabs may add more).
                    assert set(opened[key]) <= set(clicked), f"{key}, round {round_ + 1}"
    finally:
        window.close()
        worker.stop()
    assert errors == []
    return opened


def test_every_dialog_of_the_record_screens_reopens(qtbot, demo_database: Database) -> None:
    actor = log_in(demo_database, DEMO_LOGIN, DEMO_PASSWORD).actor
    opened = _reopen_all(qtbot, demo_database, actor,
                         ["today", "families", "visits", "sessions", "events", "reports", "dictionaries"])
    # The check really opened windows in each section (not a test that cannot fail by clicking nothing).
    for key in ("families", "visits", "sessions", "events"):
        assert opened[key], key
    assert {"plan", "open"} <= set(opened["visits"]), opened["visits"]  # the trips: TripEditor, #15


def test_every_dialog_of_the_administration_reopens(qtbot, demo_database: Database) -> None:
    admin = Actor(user_id=None, login="admin", role=ADMIN, display_name="admin")
    opened = _reopen_all(qtbot, demo_database, admin, ["admin"])
    assert opened["admin"]


def _click_buttons_of(widget: QWidget, qtbot, worker: DatabaseWorker,
                      skipped: frozenset[str] = frozenset()) -> list[str]:
    """Click every enabled button of `widget` and close what it opened; the names of those that opened one."""
    clicked: list[str] = []
    for button in widget.findChildren(QPushButton):
        if not (shiboken6.isValid(button) and button.isVisible() and button.isEnabled()) or \
                button.objectName() in NOT_CLICKED | skipped:
            continue
        before = _windows()
        button.click()
        qtbot.waitUntil(worker.is_idle, timeout=WAIT)
        # A window may open a moment after the worker answered (a busy CI machine missed it with 10 ms);
        # a button that opens none costs the wait.
        with contextlib.suppress(pytestqt.exceptions.TimeoutError):
            qtbot.waitUntil(lambda before=before: bool(_windows() - before), timeout=250)
        if _close_new(before, qtbot):
            clicked.append(button.objectName() or button.text())
        qtbot.waitUntil(worker.is_idle, timeout=WAIT)
    return clicked


def test_the_assessment_windows_reopen(qtbot, demo_database: Database) -> None:
    """The family card's «Оценки» tab (new / edit assessment) and Administration → «Методики оценки» (new / edit
    instrument): the administration section shows only its first page to the round above, the card is a window
    of its own."""
    from sqlalchemy import select

    from db.models.effectiveness import Assessment
    from ui.admin.section import AdminSection
    from ui.families.card import FamilyCardWindow

    with demo_database.read() as session:
        family_id = session.execute(select(Assessment.family_id).limit(1)).scalar_one()
    errors: list[BaseException] = []
    worker = DatabaseWorker(demo_database, errors.append)
    actor = log_in(demo_database, DEMO_LOGIN, DEMO_PASSWORD).actor
    admin = Actor(user_id=None, login="admin", role=ADMIN, display_name="admin")
    card = FamilyCardWindow(UiContext(worker, actor), family_id)
    section = AdminSection(UiContext(worker, admin))
    qtbot.addWidget(section)
    try:
        card.show()
        qtbot.waitUntil(card.is_loaded, timeout=WAIT)
        card.tabs.setCurrentWidget(card.assessments_tab)
        qtbot.waitUntil(lambda: card.assessments_tab.model.rowCount() > 0, timeout=WAIT)
        section.show()
        page = section.show_page("instruments")
        qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=WAIT)
        kept = frozenset({"delete_assessment"})  # a question, not a window to reopen; it would delete the row
        rounds = [(_click_buttons_of(card.assessments_tab, qtbot, worker, kept),
                   _click_buttons_of(page, qtbot, worker, kept)) for _round in range(3)]
    finally:
        if shiboken6.isValid(card):
            card.discard_confirmed = True
            card.close()
        worker.stop()
    assert errors == []
    first_card, first_page = rounds[0]
    assert {"add_assessment", "edit_assessment"} <= set(first_card), first_card
    assert {"add_instrument", "edit_instrument"} <= set(first_page), first_page
    assert all(card_ == first_card and page_ == first_page for card_, page_ in rounds)
