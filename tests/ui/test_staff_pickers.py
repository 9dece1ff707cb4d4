"""Staff pickers that scale (#18 item 1): a trip's brigade, the specialists of a visit and a session's
specialist offer the staff of the record's office first; everybody else (other offices, drivers for a visit)
waits behind «Другие сотрудники», shown on request or when the filter names them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget

from app.rehab.choices import load_session_choices
from app.visits.visits import VisitData, create_visit
from tests.app.trip_setup import family_living_in
from tests.ui.conftest import type_text
from tests.ui.families import test_defaults as defaults
from ui.context import UiContext
from ui.forms import find_data
from ui.rehab.editor import SessionEditor
from ui.trips.editor import TripEditor
from ui.visits.editor import VisitEditor

WAIT = 20000
second_office = defaults.second_office
_headings = defaults._headings


def _shown(staff: QListWidget) -> list[object]:
    """The ids of the employees on view, in order (the «other staff» line has no id)."""
    rows = (staff.item(i) for i in range(staff.count()))
    return [item.data(Qt.ItemDataRole.UserRole) for item in rows
            if not item.isHidden() and not isinstance(item.data(Qt.ItemDataRole.UserRole), str)]


def _toggle(staff: QListWidget):
    return next(staff.item(i) for i in range(staff.count())
                if isinstance(staff.item(i).data(Qt.ItemDataRole.UserRole), str))


def test_the_brigade_lists_the_trip_offices_staff_first_and_others_on_request(qtbot, worker, sqlite_world,
                                                                               second_office):
    office, _district, psychologist, driver = second_office
    editor = TripEditor(UiContext(worker, sqlite_world.coordinator))
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(editor.is_loaded, timeout=WAIT)
    shown = _shown(editor.staff)
    assert sqlite_world.psychologist_id in shown and sqlite_world.speech_therapist_id in shown
    assert psychologist not in shown and driver not in shown
    toggle = _toggle(editor.staff)
    assert toggle.text() == "▸ Другие сотрудники (2): показать"
    editor.staff.itemClicked.emit(toggle)  # as a click on the line does
    assert {psychologist, driver} <= set(_shown(editor.staff))
    assert toggle.text() == "▾ Другие сотрудники (2): скрыть"
    editor.staff.itemClicked.emit(toggle)
    assert psychologist not in _shown(editor.staff)

    type_text(editor.staff_filter, "юди")  # the filter looks behind the line too
    assert _shown(editor.staff) == [psychologist] and _toggle(editor.staff).isHidden()
    editor.staff_filter.clear()

    assert editor.staff_ids() == []  # the coordinator has no employee record to tick
    editor.check_staff([psychologist])  # ticked: stays in view, and counts
    assert psychologist in _shown(editor.staff) and editor.staff_count.text() == "В бригаде: 1 человек"
    editor.office.setCurrentIndex(find_data(editor.office, office))  # the other office's trip
    shown = _shown(editor.staff)
    assert shown == [psychologist, driver]  # the tick first and kept; the brigade's own driver comes with it
    editor.check_staff([sqlite_world.speech_therapist_id])  # somebody from elsewhere, ticked by the filter's way
    assert editor.staff_ids()[0] == psychologist and set(editor.staff_ids()) == {
        psychologist, sqlite_world.speech_therapist_id}
    editor.discard_confirmed = True


def _visit_editor(qtbot, worker, actor, **kwargs) -> VisitEditor:
    editor = VisitEditor(UiContext(worker, actor), **kwargs)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(editor.is_loaded, timeout=WAIT)
    return editor


def test_a_visit_offers_the_familys_office_specialists_and_never_hides_a_saved_one(qtbot, worker, sqlite_database,
                                                                                  sqlite_world, second_office):
    _office, _district, psychologist, driver = second_office
    with sqlite_database.write() as session:
        family, _child = family_living_in(sqlite_world, session, "Иванова", sqlite_world.near_settlement_id)
    editor = _visit_editor(qtbot, worker, sqlite_world.coordinator, family_id=family)
    qtbot.waitUntil(lambda: editor.office_id == sqlite_world.office_id, timeout=WAIT)
    shown = _shown(editor.staff_list)
    assert set(shown) == {sqlite_world.psychologist_id, sqlite_world.speech_therapist_id}
    assert "(2)" in _toggle(editor.staff_list).text()
    editor.staff_list.itemActivated.emit(_toggle(editor.staff_list))  # Enter on the line
    assert {psychologist, driver} <= set(_shown(editor.staff_list))
    editor.discard_confirmed = True  # qtbot closes it at the end

    with sqlite_database.write() as session:  # a visit made with the other office's psychologist
        visit = create_visit(session, sqlite_world.coordinator, VisitData(
            family_id=family, visit_date=date.today() - timedelta(days=1), staff_ids=[psychologist],
            purpose="Совместный выезд",
            delivery_mode_id=sqlite_world.code(session, "delivery_mode", "family_home"))).id
    editor = _visit_editor(qtbot, worker, sqlite_world.coordinator, visit_id=visit)
    shown = _shown(editor.staff_list)
    assert shown[0] == psychologist and driver not in shown
    assert editor.checked_staff() == [psychologist]
    editor.discard_confirmed = True


@pytest.mark.parametrize("user", ["specialist", "coordinator"])
def test_a_sessions_specialist_picker_puts_the_users_office_first(qtbot, worker, sqlite_database, sqlite_world,
                                                                  second_office, user):
    _office, _district, psychologist, driver = second_office
    with sqlite_database.read() as session:
        choices = load_session_choices(session)
    dialog = SessionEditor(UiContext(worker, getattr(sqlite_world, user)), choices)
    qtbot.addWidget(dialog)
    groups = dict(_headings(dialog.staff_combo))
    assert sqlite_world.psychologist_id in groups["Сотрудники отделения"]
    assert psychologist in groups["Другие сотрудники"] and driver in groups["Другие сотрудники"]
    assert dialog.staff_combo.currentData() is None  # nobody is guessed for a new session
