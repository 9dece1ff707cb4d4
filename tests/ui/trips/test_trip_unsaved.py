"""The trip editor asks about unsaved changes on close (#17 item 6): the generic FormDialog question — «Continue
editing» keeps it open with the text, «Save» saves and closes; an editor without changes closes without asking."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QMessageBox

from db.models import BrigadeTrip
from tests.ui.conftest import type_text
from tests.ui.trips.test_trips import WAIT, _planned_trip, families, screen  # noqa: F401 (fixtures)


def _button(box: QMessageBox, role: QMessageBox.ButtonRole):
    return next(b for b in box.buttons() if box.buttonRole(b) == role)


def test_trip_editor_asks_before_losing_changes(qtbot, screen, sqlite_database, sqlite_world, families):  # noqa: F811
    trip_id = _planned_trip(sqlite_database, sqlite_world, families)
    screen.refresh()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=WAIT)
    screen.table.selectRow(0)
    editor = screen.open_current()
    qtbot.waitUntil(editor.is_loaded, timeout=WAIT)
    editor.close()  # nothing changed: no question
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or not editor.isVisible(), timeout=WAIT)

    editor = screen.open_current()
    qtbot.waitUntil(editor.is_loaded, timeout=WAIT)
    type_text(editor.notes, " и ФАП")
    editor.close()
    assert editor.isVisible()
    box = editor.findChild(QMessageBox, "question")
    assert box is not None and box.isVisible()
    _button(box, QMessageBox.ButtonRole.RejectRole).click()  # «Continue editing»
    assert editor.isVisible() and editor.notes.text().endswith(" и ФАП")
    editor.close()
    box = editor.findChild(QMessageBox, "question")
    _button(box, QMessageBox.ButtonRole.AcceptRole).click()  # «Save»
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or not editor.isVisible(), timeout=WAIT)
    with sqlite_database.read() as session:
        assert session.get(BrigadeTrip, trip_id).notes == "Выезд по графику и ФАП"
