"""«Сегодня»: the first section after sign-in shows today's sessions with one-click attendance, visits coming
due, the user's overdue plan rows and the deadlines of their families; double-click opens the family."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import shiboken6
from PySide6.QtWidgets import QApplication

from app.core.dates import add_years
from app.rehab.sessions import create_session
from app.visits.visits import VisitData, create_visit
from tests.app.rehab_setup import session_data
from tests.app.worklist.test_deadlines import _family
from ui.context import UiContext
from ui.families.card import FamilyCardWindow
from ui.main_window import MainWindow
from ui.rehab.attendance_dialog import AttendanceDialog
from ui.screens import section_screens

WAIT = 20000
TODAY = date.today()


def test_today_lists_the_days_work_and_opens_what_it_shows(qtbot, worker, sqlite_database, sqlite_world):
    world = sqlite_world
    own = _family(sqlite_database, world, "Белова", add_years(TODAY, -5), consent=False,
                  responsible=world.specialist.staff_id)
    with sqlite_database.write() as session:
        create_visit(session, world.specialist, VisitData(
            own.id, TODAY - timedelta(days=25), [world.psychologist_id], "Патронаж",
            world.code(session, "delivery_mode", "family_home"), next_visit_on=TODAY + timedelta(days=2)))
        for hour in (9, 11):
            create_session(session, world.specialist, session_data(
                world, session, datetime(TODAY.year, TODAY.month, TODAY.day, hour), [own.child_id]),
                allow_conflicts=True)
    window = MainWindow(UiContext(worker, world.specialist), section_screens())
    qtbot.addWidget(window)
    window.show()
    assert window.section_keys[0] == "today" and window.navigation.currentRow() == 0
    today = window.section("today")
    qtbot.waitUntil(today.is_loaded, timeout=WAIT)
    assert today.sessions.count() == 2 and today.sessions.item(0).text().startswith("09:00")
    assert today.visits.count() == 1 and "Белова Ирина Сергеевна" in today.visits.item(0).text()
    groups = {today.deadlines.topLevelItem(i).text(0) for i in range(today.deadlines.topLevelItemCount())}
    assert any(text.startswith("Согласие на обработку персональных данных (2)") for text in groups)

    navigation = {key: window.navigation.item(row).text() for row, key in enumerate(window.section_keys)}
    assert navigation["sessions"] == "Занятия · 2" and navigation["visits"] == "Визиты и выезды · 1"
    assert navigation["today"].startswith("Сегодня · ")  # the two missing consents are due now

    today.mark_attendance()  # nothing selected: all of today's sessions
    assert isinstance(today.dialog, AttendanceDialog) and today.dialog.table.rowCount() == 2
    today.dialog.reject()

    today._open_item(today.visits.item(0))
    qtbot.waitUntil(lambda: any(isinstance(w, FamilyCardWindow) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=WAIT)
    card = next(w for w in QApplication.topLevelWidgets() if isinstance(w, FamilyCardWindow) and w.isVisible())
    assert card.family_id == own.id
    qtbot.waitUntil(card.is_loaded, timeout=WAIT)
    card.discard_confirmed = True
    card.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(card) or not card.isVisible(), timeout=WAIT)


def test_a_hidden_today_screen_reads_again_only_when_shown(qtbot, worker, sqlite_world):
    from app.core.changes import VISITS
    from ui.today import TodaySection

    context = UiContext(worker, sqlite_world.specialist)
    today = TodaySection(context)
    qtbot.addWidget(today)
    today.show()
    qtbot.waitUntil(today.is_loaded, timeout=WAIT)
    reads: list[int] = []
    original = today.load
    today.load = lambda: (reads.append(1), original())[1]  # type: ignore[method-assign]
    today.hide()
    context.changes.announce(frozenset({VISITS}), None)
    context.changes.announce(frozenset({VISITS}), None)
    assert reads == [] and today.stale
    today.show()
    assert reads == [1] and not today.stale
    context.changes.announce(frozenset({VISITS}), None)  # shown: read at once
    assert reads == [1, 1]
