"""The service picker: grouped under the kinds of services of 442-ФЗ (headings not choosable), typing any
part of a name narrows it, text that names no service goes back to the chosen one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox

from app.rehab.choices import load_session_choices
from tests.ui.conftest import type_text
from ui.forms import fill_grouped_combo, select_data

WAIT = 20000


def _picker(qtbot, sqlite_database) -> tuple[QComboBox, list]:
    with sqlite_database.read() as session:
        services = load_session_choices(session).services
    combo = QComboBox()
    qtbot.addWidget(combo)
    fill_grouped_combo(combo, services, "— выберите —")
    combo.resize(600, 30)
    combo.show()
    combo.activateWindow()
    combo.lineEdit().setFocus()
    qtbot.waitUntil(combo.lineEdit().hasFocus, timeout=WAIT)
    return combo, services


def test_services_are_grouped_by_kind_and_headings_cannot_be_chosen(qtbot, sqlite_database):
    combo, services = _picker(qtbot, sqlite_database)
    kinds = list(dict.fromkeys(s.group for s in services))
    assert 1 < len(kinds) <= 8
    model = combo.model()
    headings = [i for i in range(combo.count()) if not model.item(i).isEnabled()]
    assert [combo.itemText(i) for i in headings] == kinds
    assert combo.count() == 1 + len(kinds) + len(services)
    for i in headings:  # every heading is followed by services of its kind
        group = combo.itemText(i)
        following = combo.itemData(i + 1)
        assert next(s for s in services if s.id == following).group == group
    assert all(combo.itemData(i) is None for i in headings)


def test_typing_part_of_a_name_narrows_and_choosing_sets_the_service(qtbot, sqlite_database):
    combo, services = _picker(qtbot, sqlite_database)
    wanted = next(s for s in services if "логопед" in s.label.casefold() or "речи" in s.label.casefold())
    fragment = "логопед" if "логопед" in wanted.label.casefold() else "речи"
    type_text(combo.lineEdit(), fragment)
    completer = combo.completer()
    qtbot.waitUntil(lambda: completer.popup().isVisible(), timeout=WAIT)
    shown = [completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())]
    assert shown and all(fragment in label.casefold() for label in shown)
    assert len(shown) < len(services)
    row = shown.index(wanted.label)
    for _ in range(row + 1):
        QTest.keyClick(completer.popup(), Qt.Key.Key_Down)
    QTest.keyClick(completer.popup(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: combo.currentData() == wanted.id, timeout=WAIT)


def test_text_naming_no_service_returns_to_the_chosen_one(qtbot, sqlite_database):
    combo, services = _picker(qtbot, sqlite_database)
    select_data(combo, services[3].id)
    combo.lineEdit().setFocus()
    combo.lineEdit().selectAll()
    type_text(combo.lineEdit(), "нет такой услуги")
    combo.lineEdit().editingFinished.emit()
    assert combo.currentText() == services[3].label and combo.currentData() == services[3].id
