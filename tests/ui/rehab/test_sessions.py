"""The sessions screen driven through its widgets on a real SQLite database, offscreen."""

from __future__ import annotations

from datetime import timedelta

import pytest
import shiboken6
from openpyxl import load_workbook
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QMessageBox, QPushButton
from sqlalchemy import select

from app.rehab.sessions import create_session
from db.models import SessionParticipant
from tests.app.rehab_setup import MONDAY, at, mother_with_children, service_by_code, session_data
from tests.ui.conftest import type_text
from ui.context import UiContext
from ui.forms import find_data, select_data
from ui.rehab import SessionsScreen
from ui.rehab.list_screen import BY_CHILD
from ui.worker import DatabaseWorker

WAIT = 20000


@pytest.fixture
def kids(sqlite_database, sqlite_world):
    with sqlite_database.write() as session:
        children, _mother = mother_with_children(sqlite_world, session, 3)
    return children


@pytest.fixture
def section(qtbot, worker, sqlite_world, kids):
    screen = SessionsScreen(UiContext(worker, sqlite_world.specialist))
    qtbot.addWidget(screen)
    screen.resize(1366, 700)
    screen.show()
    qtbot.waitUntil(screen.is_idle, timeout=WAIT)
    select_data(screen.staff, sqlite_world.psychologist_id)
    screen.go_to_week(MONDAY)
    wait_loaded(qtbot, screen)
    return screen


def wait_loaded(qtbot, screen) -> None:
    qtbot.waitUntil(lambda: screen.is_idle() and screen.count_label.text() != screen.tr("Loading…"), timeout=WAIT)


def add(sqlite_database, sqlite_world, starts, person_ids, **overrides):
    with sqlite_database.write() as session:
        data = session_data(sqlite_world, session, starts, person_ids, **overrides)
        # A specialist schedules their own sessions; another specialist's are the coordinator's to schedule.
        own = data.staff_id == sqlite_world.specialist.staff_id
        actor = sqlite_world.specialist if own else sqlite_world.coordinator
        return create_session(session, actor, data, allow_conflicts=True).id


def test_recurring_session_created_in_the_dialog_appears_in_the_week(qtbot, sqlite_database, sqlite_world,
                                                                     section, kids):
    with sqlite_database.read() as session:
        service_id = service_by_code(session)
    dialog = section.new_session()
    dialog.date_edit.setText(f"{MONDAY:%d.%m.%Y}")
    dialog.time_edit.setTime(QTime(10, 0))
    dialog.service_combo.setCurrentIndex(find_data(dialog.service_combo, service_id))
    assert dialog.staff_combo.currentData() == sqlite_world.psychologist_id
    type_text(dialog.child_search, "Королёв Ар")
    qtbot.waitUntil(lambda: dialog.child_results.count() == 1, timeout=WAIT)
    qtbot.mouseClick(dialog.findChild(QPushButton, "addChild"), Qt.MouseButton.LeftButton)
    assert dialog.participants.count() == 1
    dialog.recurrence.setChecked(True)  # ticks the date's weekday (Monday)
    dialog.weekday_checks[2].setChecked(True)
    dialog.weeks.setValue(2)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=WAIT)
    assert len(dialog.result_value) == 4  # Mon and Wed for two weeks
    qtbot.waitUntil(lambda: len(section.rows) == 2, timeout=WAIT)
    assert "Королёв А." in section.grid.item(2, 0).text()  # 10:00 row, Monday
    assert "Королёв А." in section.grid.item(2, 2).text()  # Wednesday
    assert section.grid.horizontalHeaderItem(0).text().endswith(f"{MONDAY:%d.%m}")
    section.next_button.click()
    qtbot.waitUntil(lambda: section.week_start == MONDAY + timedelta(days=7) and section.is_idle()
                    and len(section.rows) == 2, timeout=WAIT)


def test_double_booking_warns_and_saves_anyway(qtbot, sqlite_database, sqlite_world, section, kids):
    add(sqlite_database, sqlite_world, at(MONDAY, 10), kids[:1])
    with sqlite_database.read() as session:
        service_id = service_by_code(session)
    dialog = section.new_session()
    dialog.date_edit.setText(f"{MONDAY:%d.%m.%Y}")
    dialog.time_edit.setTime(QTime(10, 20))
    dialog.service_combo.setCurrentIndex(find_data(dialog.service_combo, service_id))
    dialog._add_child(kids[1], "Королёв Борис")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(dialog, "conflict_box", None) is not None
                    and dialog.conflict_box.isVisible(), timeout=WAIT)
    box = dialog.conflict_box
    assert "пересекается" in box.text() and "Смирнова О.И." in box.text()
    assert dialog.result_value is None
    save_anyway = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    save_anyway.click()
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: len(section.rows) == 2, timeout=WAIT)
    assert "Королёв Б." in section.grid.item(2, 0).text()


def test_whole_day_attendance_in_one_action(qtbot, sqlite_database, sqlite_world, section, kids):
    for hour, kid in zip((9, 11, 14), kids, strict=True):
        add(sqlite_database, sqlite_world, at(MONDAY, hour), [kid])
    add(sqlite_database, sqlite_world, at(MONDAY + timedelta(days=1), 9), kids[:1])
    section.schedule_load()
    qtbot.waitUntil(lambda: len(section.rows) == 4, timeout=WAIT)
    section.grid.select_day(0)
    dialog = section.mark_attendance()
    assert dialog.table.rowCount() == 3
    assert all(dialog.came(row) for row in range(3))  # everyone came by default
    assert not dialog.reasons[1].isEnabled()
    dialog.set_came(1, False)
    assert dialog.reasons[1].isEnabled()
    with sqlite_database.read() as session:
        illness = sqlite_world.code(session, "absence_reason", "illness")
    dialog.common_reason.setCurrentIndex(find_data(dialog.common_reason, illness))
    dialog.common_reason.activated.emit(dialog.common_reason.currentIndex())
    assert dialog.reasons[1].currentData() == illness
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=WAIT)
    with sqlite_database.read() as session:
        marks = sorted(session.execute(select(SessionParticipant.attended, SessionParticipant.absence_reason_id))
                       .all(), key=lambda m: str(m))
    assert sorted(marks, key=str) == sorted([(True, None), (True, None), (False, illness), (None, None)], key=str)
    qtbot.waitUntil(lambda: any("Болезнь" in (p.absence_reason or "") for r in section.rows
                                for p in r.participants), timeout=WAIT)


def test_calendar_per_child_and_rehab_card(qtbot, sqlite_database, sqlite_world, section, kids, tmp_path):
    add(sqlite_database, sqlite_world, at(MONDAY, 9), kids[:1])
    add(sqlite_database, sqlite_world, at(MONDAY, 12), kids[1:2],
        staff_id=sqlite_world.speech_therapist_id)
    add(sqlite_database, sqlite_world, at(MONDAY + timedelta(days=3), 15), kids[:2])
    section.mode.setCurrentIndex(section.mode.findData(BY_CHILD))
    type_text(section.child_search, "Королёв Бор")
    qtbot.waitUntil(lambda: section.child.currentData() == kids[1], timeout=WAIT)
    qtbot.waitUntil(lambda: section.is_idle() and len(section.rows) == 2, timeout=WAIT)
    assert "Кузнецова" in section.grid.item(4, 0).text()  # 12:00 row: the specialist is shown per child
    assert section.grid.item(7, 3) is not None  # Thursday 15:00, the group session
    assert section.card_button.isEnabled()
    card = section.open_card()
    card.folder.setText(str(tmp_path))
    card.date_from.setText(f"{MONDAY:%d.%m.%Y}")
    card.date_to.setText(f"{MONDAY + timedelta(days=6):%d.%m.%Y}")
    opened = []
    card.opener = opened.append
    card.xlsx_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT)
    sheet = load_workbook(opened[0])["Сводка"]
    assert "Королёв Борис" in sheet["A3"].value
    assert sorted(sheet.cell(r, 5).value for r in (7, 8)) == [1, 1]
    card.docx_button.click()
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=WAIT)
    assert opened[1].suffix == ".docx" and opened[1].parent == tmp_path


def test_a_session_opens_from_outside_the_calendar(qtbot, sqlite_database, sqlite_world):
    """The family history opens sessions through this opener: the editor shows the session's data."""
    from datetime import datetime, timedelta

    from PySide6.QtWidgets import QApplication

    from app.rehab.sessions import SessionData, create_session
    from tests.app.family_setup import mother_and_child
    from ui.context import UiContext
    from ui.rehab import SessionEditor, open_session

    child_id = mother_and_child(sqlite_database, sqlite_world).child_id
    with sqlite_database.write() as session:
        from sqlalchemy import select

        from db.models import Service

        service_id = session.execute(select(Service.id).limit(1)).scalar_one()
        mode = sqlite_world.code(session, "delivery_mode", "centre")
        start = datetime.combine(datetime.now().date() - timedelta(days=3), datetime.min.time()).replace(hour=10)
        session_id = create_session(session, sqlite_world.specialist, SessionData(
            starts_at=start, duration_min=40, staff_id=sqlite_world.psychologist_id, service_id=service_id,
            delivery_mode_id=mode, person_ids=[child_id])).id
    worker = DatabaseWorker(sqlite_database, lambda error: None)
    open_session(UiContext(worker, sqlite_world.specialist), session_id)
    qtbot.waitUntil(lambda: any(isinstance(w, SessionEditor) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=10000)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, SessionEditor) and w.isVisible())
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10000)
    assert dialog.session_id == session_id
    dialog.reject()
    worker.stop()
