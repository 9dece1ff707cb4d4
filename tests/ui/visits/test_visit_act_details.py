"""The visit editor's act number and time (#13 item 7): typed in, refused when not a time, printed in the act."""

from __future__ import annotations

from datetime import time

from app.visits.visits import load_visit
from tests.ui.conftest import type_text
from tests.ui.visits.test_visits import _docx_text, _editor, act_folder, screen, setup  # noqa: F401


def test_act_number_and_time_are_saved_and_printed(qtbot, screen, sqlite_database, sqlite_world,  # noqa: F811
                                                    act_folder):  # noqa: F811
    screen.table.selectRow(0)
    editor = _editor(qtbot, screen.open_current())
    type_text(editor.visit_time, "25:00")
    type_text(editor.act_number, "17/2026")
    editor.save()
    qtbot.waitUntil(lambda: bool(editor.errors.message("visit_time")), timeout=10000)
    assert "чч:мм" in editor.errors.message("visit_time")
    editor.visit_time.clear()
    type_text(editor.visit_time, "10.45")
    editor.act_button.click()
    qtbot.waitUntil(lambda: bool(act_folder), timeout=10000)
    with sqlite_database.read() as session:
        saved = load_visit(session, sqlite_world.coordinator, editor.visit_id)
    assert (saved.act_number, saved.visit_time) == ("17/2026", time(10, 45))
    text = _docx_text(act_folder[0])
    assert "АКТ № 17/2026" in text and ", время: 10:45" in text
