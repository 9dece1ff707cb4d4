"""Daily comfort in the main window and the calendar: Ctrl+1…7 switch sections, F1 opens the user guide at the
topic of the section on screen, the guide's pictures are all there, today's column stands out."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from app.core.resources import resources_dir
from tests.app.rehab_setup import at
from tests.ui.conftest import type_text
from tests.ui.rehab import test_sessions as sessions_tests
from tests.ui.trips import test_trips as trips_tests
from ui import help as guide
from ui.context import UiContext
from ui.main_window import MainWindow
from ui.rehab.week_grid import TODAY_TINT
from ui.screens import section_screens
from ui.worker import DatabaseWorker

WAIT = 20000


@pytest.fixture
def window(qtbot, worker, sqlite_world):
    main = MainWindow(UiContext(worker, sqlite_world.coordinator), section_screens())
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(worker.is_idle, timeout=WAIT)
    yield main
    if guide._window is not None:
        guide._window.close()


def test_ctrl_and_a_digit_switch_sections(qtbot, window: MainWindow, worker: DatabaseWorker):
    window.activateWindow()
    for number in range(len(window.section_keys), 0, -1):
        QTest.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.navigation.currentRow() == number - 1
        qtbot.waitUntil(worker.is_idle, timeout=WAIT)
    assert window.navigation.item(0).toolTip() == "Ctrl+1"


def test_f1_opens_the_guide_at_the_sections_topic_and_a_second_f1_reuses_it(qtbot, window: MainWindow):
    window.show_section("sessions")
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: guide._window is not None and guide._window.isVisible(), timeout=WAIT)
    opened = guide._window
    assert opened.browser.source().fragment() == "attendance"
    assert "Отметить посещение занятий" in opened.browser.toPlainText()
    window.show_section("reports")
    window.guide_action.trigger()
    assert guide._window is opened and opened.browser.source().fragment() == "report"
    QTest.keyClick(opened.browser, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: guide._window is None, timeout=WAIT)


def test_the_guide_covers_every_topic_and_ships_its_pictures():
    text = (resources_dir() / guide.GUIDE).read_text(encoding="utf-8")
    anchors = set(re.findall(r'<a name="([a-z]+)"></a>', text))
    assert anchors == set(guide.TOPICS)
    assert set(guide.SECTION_TOPICS.values()) <= anchors
    pictures = re.findall(r'<img src="([^"]+)"', text)
    assert len(pictures) == len(guide.TOPICS)
    for picture in pictures:
        path = resources_dir() / "help" / picture
        assert path.is_file() and path.stat().st_size > 5000, picture  # made by `make screenshots`
    assert "http" not in text  # works offline: nothing to fetch


def test_todays_column_stands_out(qtbot, worker, sqlite_world):
    from ui.rehab import SessionsScreen

    screen = SessionsScreen(UiContext(worker, sqlite_world.specialist))
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(screen.is_idle, timeout=WAIT)
    today = date.today()
    screen.go_to_week(today - timedelta(days=today.weekday()))
    sessions_tests.wait_loaded(qtbot, screen)
    grid = screen.grid
    column = today.weekday()
    if column == 6 and grid.columnCount() == 6:
        pytest.skip("Sunday is shown only when it has sessions")
    header = grid.horizontalHeaderItem(column)
    assert header.font().bold() and "сегодня" in header.text()
    assert grid.item(0, column).background().color().name().upper() == TODAY_TINT
    others = [c for c in range(grid.columnCount()) if c != column]
    assert not any(grid.horizontalHeaderItem(c).font().bold() for c in others)
    screen.go_to_week(today - timedelta(days=today.weekday() + 7))  # last week: no column is today's
    sessions_tests.wait_loaded(qtbot, screen)
    assert not any("сегодня" in grid.horizontalHeaderItem(c).text() for c in range(grid.columnCount()))


class _WindowSpy(QObject):
    """Records every window shown (a parentless widget shown by mistake flashes on screen as a window)."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self.shown.append(f"{type(watched).__name__} {watched.objectName()}")
        return False


@pytest.mark.parametrize("role", ["coordinator", "admin", "specialist"])
def test_building_the_sections_opens_no_stray_window(qtbot, worker, sqlite_world, role):
    main = MainWindow(UiContext(worker, getattr(sqlite_world, role)), section_screens())
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(worker.is_idle, timeout=WAIT)
    spy = _WindowSpy()
    QApplication.instance().installEventFilter(spy)
    try:
        for key in main.section_keys:
            main.show_section(key)
            qtbot.waitUntil(worker.is_idle, timeout=WAIT)
    finally:
        QApplication.instance().removeEventFilter(spy)
    assert spy.shown == []


kids = sessions_tests.kids
section = sessions_tests.section


def test_mark_attendance_with_nothing_selected_takes_todays_sessions(qtbot, sqlite_database, sqlite_world,
                                                                     section, kids):
    today = date.today()
    other = today - timedelta(days=1) if today.weekday() > 0 else today + timedelta(days=1)
    sessions_tests.add(sqlite_database, sqlite_world, at(today, 8), kids[:1])
    sessions_tests.add(sqlite_database, sqlite_world, at(today, 9), kids[1:2])
    sessions_tests.add(sqlite_database, sqlite_world, at(other, 9), kids[2:3])
    section.go_to_week(today - timedelta(days=today.weekday()))
    sessions_tests.wait_loaded(qtbot, section)
    assert len(section.rows) == 3
    section.grid.clearSelection()
    dialog = section.mark_attendance()
    assert dialog is not None and dialog.table.rowCount() == 2
    assert {dialog.table.item(r, 1).text()[:5] for r in range(2)} == {f"{today:%d.%m}"}
    dialog.reject()


families, trips_screen = trips_tests.families, trips_tests.screen


def test_a_newly_saved_trip_is_selected_in_the_list(qtbot, trips_screen, sqlite_database, sqlite_world, families):
    old = trips_tests._planned_trip(sqlite_database, sqlite_world, families)
    trips_screen.refresh()
    qtbot.waitUntil(lambda: trips_screen.model.rowCount() == 1, timeout=WAIT)
    trips_screen.table.selectRow(0)
    assert trips_screen.current_row().id == old
    editor = trips_screen.plan_trip()
    qtbot.waitUntil(editor.is_loaded, timeout=WAIT)
    editor.trip_date.clear()
    type_text(editor.trip_date, trips_screen.model.rows[0].trip_date.strftime("%d.%m.%Y"))
    editor.add_settlement(sqlite_world.near_settlement_id)
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: trips_screen.model.rowCount() == 2, timeout=WAIT)
    qtbot.waitUntil(lambda: trips_screen.current_row() is not None and trips_screen.current_row().id != old,
                    timeout=WAIT)
