"""The level of support is chosen when a case is opened and the outcome when it is closed, both from the region's
dictionaries, and the family card's list of cases shows them (#17)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from app.cases.cases import list_cases
from tests.ui.families.test_family_card import WAIT, _dialog, _family, _mother, open_card  # noqa: F401 (fixture)
from ui.families.case_dialog import CaseDialog, CloseCaseDialog
from ui.forms import select_data


def test_level_chosen_on_opening_and_outcome_on_closing(qtbot, open_card, sqlite_database, sqlite_world):  # noqa: F811
    family_id = _family(sqlite_database, sqlite_world, [("mother", True, _mother())])
    with sqlite_database.read() as session:
        kind = sqlite_world.code(session, "case_kind", "social_support")
        emergency = sqlite_world.code(session, "support_level", "emergency")
        worsened = sqlite_world.code(session, "case_outcome", "worsened")
        moved = sqlite_world.code(session, "case_closing_reason", "family_moved")
    card = open_card(family_id)
    card.tabs.setCurrentWidget(card.cases_tab)
    tab = card.cases_tab
    dialog = _dialog(qtbot, tab, tab.add_case_button)
    assert isinstance(dialog, CaseDialog)
    assert [dialog.support_level.itemText(i) for i in range(dialog.support_level.count())] == [
        "—", "Экстренный", "Интенсивный", "Поддерживающий"]
    select_data(dialog.kind, kind)
    dialog.opened_on.set_value(date.today() - timedelta(days=30))
    select_data(dialog.support_level, emergency)
    with qtbot.waitSignal(card.context.changes.changed, timeout=WAIT):
        dialog.ok_button.click()
    qtbot.waitUntil(lambda: tab.cases.rowCount() == 1, timeout=WAIT)
    columns = [tab.cases.headerData(c, Qt.Orientation.Horizontal) for c in range(tab.cases.columnCount())]
    level_column = columns.index("Уровень")
    assert tab.cases.index(0, level_column).data() == "Экстренный"

    tab.cases_table.selectRow(0)
    dialog = _dialog(qtbot, tab, tab.close_case_button)
    assert isinstance(dialog, CloseCaseDialog)
    dialog.closed_on.set_value(date.today() - timedelta(days=1))
    select_data(dialog.reason, moved)
    select_data(dialog.outcome, worsened)
    with qtbot.waitSignal(card.context.changes.changed, timeout=WAIT):
        dialog.ok_button.click()
    qtbot.waitUntil(lambda: not tab.cases.rows[0].is_open, timeout=WAIT)
    assert tab.cases.index(0, columns.index("Результат")).data() == "Положение семьи ухудшилось"
    with sqlite_database.read() as session:
        [case] = list_cases(session, sqlite_world.coordinator, family_id)
    assert (case.support_level_id, case.outcome_id) == (emergency, worsened)
