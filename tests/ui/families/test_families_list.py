"""The registry list: search as you type, filters, count, keyboard."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt

from app.registry.families import CategoryData, FamilyData, MemberData, NewFamily, register_family
from app.registry.persons import PersonData
from tests.ui.conftest import type_text
from ui.context import UiContext
from ui.families.list_screen import FamiliesScreen
from ui.worker import DatabaseWorker


@pytest.fixture
def screen(qtbot, sqlite_database, sqlite_world, tmp_path):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    world = sqlite_world
    with sqlite_database.write() as session:
        mother = world.code(session, "member_role", "mother")
        child = world.code(session, "member_role", "child")
        for surname, settlement, category in (("Королёв", world.far_settlement_id, "large"),
                                              ("Петров", world.near_settlement_id, "tzhs"),
                                              ("Сидоров", world.other_settlement_id, "large")):
            register_family(session, world.specialist, NewFamily(
                FamilyData(world.office_id, date(2025, 1, 1), settlement_id=settlement),
                [MemberData(mother, True, person=PersonData(surname + "а", "Анна", None, "F", date(1990, 1, 1))),
                 MemberData(child, False, person=PersonData(surname, "Илья", None, "M", date(2020, 1, 1)))],
                [CategoryData(world.code(session, "family_category", category), date(2025, 1, 1))]))
    errors: list[BaseException] = []
    worker = DatabaseWorker(sqlite_database, errors.append)
    widget = FamiliesScreen(UiContext(worker, world.specialist))
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.total == 3 and widget.category.count() > 1, timeout=20000)
    yield widget
    worker.stop()
    assert errors == []


def _titles(screen):
    return [screen.model.data(screen.model.index(r, 0)) for r in range(screen.model.rowCount())]


def test_lists_all_families_with_count(screen):
    assert _titles(screen) == ["Королёва Анна", "Петрова Анна", "Сидорова Анна"]
    assert "3" in screen.count_label.text()


def test_typing_searches_after_a_pause(qtbot, screen):
    type_text(screen.search, "королев")
    qtbot.waitUntil(lambda: screen.model.total == 1, timeout=5000)
    assert _titles(screen) == ["Королёва Анна"]
    screen.search.clear()
    type_text(screen.search, "Соседн")  # a settlement name
    qtbot.waitUntil(lambda: _titles(screen) == ["Сидорова Анна"], timeout=5000)


def test_filters_narrow_and_reset(qtbot, screen):
    screen.category.setCurrentIndex(screen.category.findText("Многодетная семья"))
    qtbot.waitUntil(lambda: screen.model.total == 2, timeout=5000)
    screen.district.setCurrentIndex(screen.district.findText("Соседний район"))
    qtbot.waitUntil(lambda: screen.model.total == 1, timeout=5000)
    assert [screen.settlement.itemText(i) for i in range(screen.settlement.count())][1:] == ["Соседнее"]
    screen.reset_button.click()
    qtbot.waitUntil(lambda: screen.model.total == 3, timeout=5000)


def test_enter_opens_and_ctrl_n_asks_for_new(qtbot, screen):
    opened, created = [], []
    screen.open_family.connect(opened.append)
    screen.new_family.connect(lambda: created.append(True))
    screen.table.setFocus()
    screen.table.selectRow(1)
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert opened == [screen.model.rows[1].id]
    qtbot.keyClick(screen.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert created == [True]


def test_sorting_by_header(qtbot, screen):
    screen.table.horizontalHeader().sectionClicked.emit(0)
    qtbot.waitUntil(lambda: _titles(screen)[0] == "Сидорова Анна", timeout=5000)


def test_filters_and_sort_are_remembered(qtbot, screen):
    screen.category.setCurrentIndex(screen.category.findText("Многодетная семья"))
    qtbot.waitUntil(lambda: screen.model.total == 2, timeout=5000)
    screen.table.horizontalHeader().sectionClicked.emit(0)
    qtbot.waitUntil(lambda: screen.model.descending, timeout=5000)
    screen.save_settings()
    again = FamiliesScreen(screen.context)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.category.currentText() == "Многодетная семья", timeout=10000)
    qtbot.waitUntil(lambda: again.model.total == 2, timeout=10000)
    assert again.model.descending and again.model.sort_key == "title"
