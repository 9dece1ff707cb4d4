"""Administration → report indicators: an administrator adds and corrects an indicator through the dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.core.changes import SETTINGS
from app.reports.indicators import list_indicators
from tests.ui.conftest import type_text
from ui.admin.section import AdminSection
from ui.context import UiContext
from ui.forms import select_data
from ui.worker import DatabaseWorker

WAIT = 20000


@pytest.fixture
def section(qtbot, sqlite_database, sqlite_world):
    errors: list[BaseException] = []
    worker = DatabaseWorker(sqlite_database, errors.append)
    section = AdminSection(UiContext(worker, sqlite_world.admin))
    qtbot.addWidget(section)
    section.resize(1366, 768)
    section.show()
    yield section
    worker.stop()
    assert errors == []


def _dialog(qtbot, page, button):
    previous = page.dialog
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not previous and page.dialog.isVisible(), timeout=WAIT)
    return page.dialog


def test_add_and_correct_an_indicator(qtbot, section, sqlite_database) -> None:
    page = section.show_page("indicators")
    qtbot.waitUntil(lambda: not page.stale and not page.loading, timeout=WAIT)
    dialog = _dialog(qtbot, page, page.add_button)
    type_text(dialog.field("name"), "Семьи в СОП")
    type_text(dialog.field("unit"), "семей")
    type_text(dialog.field("value_at_start"), "12")
    type_text(dialog.field("plan"), "много")
    select_data(dialog.field("source"), "category:sop")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.form.error_text("plan")), timeout=WAIT)
    assert dialog.isVisible() and "«Плановое значение»: укажите число" in dialog.form.error_text("plan")

    dialog.field("plan").clear()
    type_text(dialog.field("plan"), "8,5")
    with qtbot.waitSignal(section.context.changes.changed, timeout=WAIT) as saved:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert SETTINGS in saved.args[0]
    qtbot.waitUntil(lambda: any(row.name == "Семьи в СОП" for row in page.model.rows), timeout=WAIT)
    with sqlite_database.read() as session:
        (row,) = list_indicators(session)
    assert (row.unit, row.value_at_start, row.plan, row.source) == ("семей", 12, 8.5, "category:sop")
    assert row.source_label.startswith("Семей категории «")
