"""Administration → «Методики оценки»: the administrator edits the family instrument (a new criterion, a label
changed), creates an instrument, a bad scale is named; the dialog opened, cancelled and opened again; a
coordinator sees the page read-only."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidgetItem

from app.effectiveness.instruments import list_instruments
from tests.ui.admin import test_indicators_page as indicators_tests
from ui.admin.instruments_page import InstrumentsPage
from ui.context import UiContext
from ui.worker import DatabaseWorker

WAIT = 20000
section = indicators_tests.section


def _page(qtbot, section) -> InstrumentsPage:
    page = section.show_page("instruments")
    assert isinstance(page, InstrumentsPage)
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=WAIT)
    return page


def _open(qtbot, page, button):
    previous = page.dialog
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not previous and page.dialog.isVisible(), timeout=WAIT)
    return page.dialog


def test_the_administrator_edits_and_creates_instruments(qtbot, section, sqlite_database, tmp_path):
    page = _page(qtbot, section)
    page.table.selectRow(0)
    dialog = _open(qtbot, page, page.edit_button)
    assert dialog.table.rowCount() == 10 and dialog.name.text() == "Оценка ситуации в семье"
    dialog.discard_confirmed = True
    dialog.reject()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=WAIT)
    dialog = _open(qtbot, page, page.edit_button)  # opened again
    dialog.table.setCurrentCell(9, 1)
    dialog.add_button.click()  # joins the last area
    assert dialog.table.rowCount() == 11 and dialog.table.item(10, 0).text() == dialog.table.item(9, 0).text()
    dialog.table.setItem(10, 1, QTableWidgetItem("Участие в жизни сообщества"))
    dialog.table.setItem(10, 5, QTableWidgetItem("нет;редко;иногда;часто"))
    dialog.table.setItem(0, 5, QTableWidgetItem("критическое;неблагополучное;удовлетворительное;хорошее"))
    dialog.resize(1100, 640)
    dialog.grab().save(str(tmp_path / "instrument.png"))
    dialog.save()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=WAIT)
    with sqlite_database.read() as session:
        family = list_instruments(session)[0]
    last = family.areas[-1]
    assert len(family.areas) == 10 and [c.name for c in last.criteria][-1] == "Участие в жизни сообщества"
    assert last.criteria[-1].label(4) == "4 — часто" and family.areas[0].criteria[0].label(4) == "4 — хорошее"
    # A new instrument with a bad scale is refused with the field named; fixed, it is saved.
    dialog = _open(qtbot, page, page.add_button)
    dialog.name.setText("Оценка родительских компетенций")
    dialog.table.setItem(0, 0, QTableWidgetItem("Родительские компетенции"))
    dialog.table.setItem(0, 1, QTableWidgetItem("Уход за ребёнком"))
    dialog.table.setItem(0, 2, QTableWidgetItem("3"))
    dialog.table.setItem(0, 3, QTableWidgetItem("1"))
    dialog.save()
    qtbot.waitUntil(lambda: any("больше наименьшего" in label.text() for label in dialog.findChildren(QLabel)),
                    timeout=WAIT)
    dialog.table.setItem(0, 2, QTableWidgetItem("0"))
    dialog.save()
    qtbot.waitUntil(lambda: page.table.rowCount() == 3, timeout=WAIT)


def test_a_coordinator_sees_the_page_read_only(qtbot, sqlite_database, sqlite_world):
    worker = DatabaseWorker(sqlite_database, lambda error: None)
    page = InstrumentsPage(UiContext(worker, sqlite_world.coordinator))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=WAIT)
    assert not page.add_button.isEnabled() and not page.edit_button.isEnabled()
    worker.stop()
