"""«Сегодня» reads today's sessions a page at a time (a coordinator of every office has some 1,900): «show more»
reads the next page, the side bar counts every session still to mark, and «Mark attendance» with nothing
selected reads the rest first and opens the dialog on all of today's sessions."""

from __future__ import annotations

from datetime import date

from app.rehab.sessions import cancel_session
from app.worklist import today as today_module
from tests.app.rehab_setup import add_session, at, mother_with_children
from ui.context import UiContext
from ui.rehab.attendance_dialog import AttendanceDialog
from ui.today.section import TodaySection

WAIT = 20000
TODAY = date.today()


def test_todays_sessions_are_paged_and_all_of_them_marked(qtbot, worker, sqlite_database, sqlite_world, monkeypatch):
    world = sqlite_world
    monkeypatch.setattr(today_module, "SESSIONS_PAGE", 2)
    with sqlite_database.write() as session:
        children, _mother = mother_with_children(world, session, 1)
        ids = [add_session(world, session, at(TODAY, hour), children) for hour in (9, 10, 11, 12, 13)]
        cancel_session(session, world.coordinator, ids[4])  # listed, not to mark, not in the dialog
    today = TodaySection(UiContext(worker, world.coordinator))
    qtbot.addWidget(today)
    counts: list[dict] = []
    today.counts_changed.connect(counts.append)
    today.show()
    qtbot.waitUntil(today.is_loaded, timeout=WAIT)
    texts = [today.sessions.item(i).text() for i in range(today.sessions.count())]
    assert [text[:5] for text in texts[:2]] == ["09:00", "10:00"] and len(texts) == 3
    assert texts[2] == "Показать ещё (осталось 3)"
    assert counts[-1]["sessions"] == 4  # every session to mark, not only the page shown

    today.mark_attendance()  # nothing selected: the unread sessions are read first
    qtbot.waitUntil(lambda: isinstance(today.dialog, AttendanceDialog), timeout=WAIT)
    assert today.dialog.table.rowCount() == 4  # the cancelled one is not marked
    today.dialog.reject()

    today.sessions.itemClicked.emit(today.sessions.item(2))  # «show more»: the next page, and more again
    qtbot.waitUntil(lambda: today.sessions.count() == 5 and not today.sessions_reading, timeout=WAIT)
    assert today.sessions.item(4).text() == "Показать ещё (осталось 1)"
    today.sessions.itemClicked.emit(today.sessions.item(4))
    qtbot.waitUntil(lambda: today.sessions.count() == 5 and not today.sessions_reading, timeout=WAIT)
    texts = [today.sessions.item(i).text() for i in range(today.sessions.count())]
    assert [text[:5] for text in texts] == ["09:00", "10:00", "11:00", "12:00", "13:00"]
    today.sessions.item(1).setSelected(True)  # a selection: only that one, no read
    today.dialog = None
    today.mark_attendance()
    assert isinstance(today.dialog, AttendanceDialog) and today.dialog.table.rowCount() == 1
    today.dialog.reject()
