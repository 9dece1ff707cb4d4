"""The trip editor's planned departure, return and distance (#13 item 7): typed in, refused when wrong (the
dialog stays open with the message under the field), kept on reopening."""

from __future__ import annotations

from datetime import time

import shiboken6
from sqlalchemy import select

from app.trips.reads import load_trip
from db.models import BrigadeTrip
from tests.ui.conftest import type_text
from tests.ui.trips.test_trips import WAIT, _planned_trip, families, screen  # noqa: F401


def test_departure_return_and_distance_are_planned_in_the_editor(qtbot, screen, sqlite_database,  # noqa: F811
                                                                  sqlite_world, families):  # noqa: F811
    _planned_trip(sqlite_database, sqlite_world, families)
    screen.refresh()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=WAIT)
    screen.table.selectRow(0)
    editor = screen.open_current()
    qtbot.waitUntil(editor.is_loaded, timeout=WAIT)
    type_text(editor.departs_at, "8:30")
    type_text(editor.returns_at, "07:00")
    editor.distance_km.setValue(320)
    editor.ok_button.click()
    qtbot.waitUntil(lambda: bool(editor.errors.message("returns_at")), timeout=WAIT)
    assert "позже времени выезда" in editor.errors.message("returns_at") and editor.isVisible()
    editor.returns_at.clear()
    type_text(editor.returns_at, "17:00")
    editor.ok_button.click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or not editor.isVisible(), timeout=WAIT)
    with sqlite_database.read() as session:
        trip_id = session.execute(select(BrigadeTrip.id)).scalar_one()
        data = load_trip(session, sqlite_world.coordinator, trip_id).data
    assert (data.departs_at, data.returns_at, data.distance_km) == (time(8, 30), time(17, 0), 320)
    screen.table.selectRow(0)
    editor = screen.open_current()
    qtbot.waitUntil(editor.is_loaded, timeout=WAIT)
    assert (editor.departs_at.text(), editor.returns_at.text(), editor.distance_km.value()) == ("08:30", "17:00", 320)
    editor.reject()
