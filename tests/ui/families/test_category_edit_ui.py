"""A family's category is edited, not only added or taken off (#17 item 6): «Изменить…» opens the span prefilled,
corrects its start date and its КДН и ЗП decision, and for a span already ended its removal date and reason;
the change is saved and audited, a removal date before the start is named and nothing is changed; the dialog
opens, closes and opens again."""

from __future__ import annotations

from datetime import date, timedelta

from app.registry.families import CategoryData
from tests.app.family_setup import audit_entries
from tests.ui.conftest import type_text
from tests.ui.families import test_family_card as family_card
from ui.forms import find_data

WAIT = family_card.WAIT
open_card = family_card.open_card


def test_a_category_is_corrected_in_its_dialog(qtbot, open_card, sqlite_database, sqlite_world):
    world = sqlite_world
    sop = family_card._code(sqlite_database, world, "family_category", "sop")
    large = family_card._code(sqlite_database, world, "family_category", "large")
    started = date.today() - timedelta(days=100)
    family_id = family_card._family(sqlite_database, world, [("mother", True, family_card._mother())], [
        CategoryData(sop, started, kdn_intake_number="12", kdn_intake_date=started),
        CategoryData(large, started, started + timedelta(days=30),
                     family_card._code(sqlite_database, world, "category_removal_reason", "other"))])
    card = open_card(family_id)
    tab = card.categories_tab
    sop_row = next(i for i, row in enumerate(tab.model.rows) if row.category_id == sop)
    tab.table.selectRow(sop_row)
    assert tab.edit_button.isEnabled()
    dialog = family_card._dialog(qtbot, tab, tab.edit_button)
    assert dialog.started_on.value() == started and dialog.kdn_number.text() == "12"
    dialog.reject()
    dialog = family_card._dialog(qtbot, tab, tab.edit_button)  # opened again after closing
    earlier = started - timedelta(days=3)
    dialog.started_on.clear()
    type_text(dialog.started_on, earlier.strftime("%d.%m.%Y"))
    dialog.kdn_number.clear()
    type_text(dialog.kdn_number, "12/4")
    with qtbot.waitSignal(card.context.changes.changed, timeout=WAIT):
        dialog.ok_button.click()
    qtbot.waitUntil(lambda: any(r.kdn_intake_number == "12/4" for r in tab.model.rows), timeout=WAIT)
    row = next(r for r in tab.model.rows if r.category_id == sop)
    assert row.started_on == earlier and row.ended_on is None

    ended = next(i for i, r in enumerate(tab.model.rows) if r.category_id == large)
    tab.table.selectRow(ended)
    dialog = family_card._dialog(qtbot, tab, tab.edit_button)
    assert dialog.ended_on.value() == started + timedelta(days=30)
    dialog.ended_on.clear()
    type_text(dialog.ended_on, (started - timedelta(days=10)).strftime("%d.%m.%Y"))  # before the start: refused
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "Дата снятия" in dialog.errors.message("ended_on"), timeout=WAIT)
    assert next(r for r in tab.model.rows if r.category_id == large).ended_on == started + timedelta(days=30)
    dialog.ended_on.clear()
    type_text(dialog.ended_on, (started + timedelta(days=40)).strftime("%d.%m.%Y"))
    reason = family_card._code(sqlite_database, world, "category_removal_reason", "moved")
    dialog.end_reason.setCurrentIndex(find_data(dialog.end_reason, reason))
    with qtbot.waitSignal(card.context.changes.changed, timeout=WAIT):
        dialog.ok_button.click()
    qtbot.waitUntil(lambda: any(r.ended_on == started + timedelta(days=40) for r in tab.model.rows), timeout=WAIT)
    assert next(r for r in tab.model.rows if r.category_id == large).end_reason_id == reason
    assert [action for action, _fields in audit_entries(sqlite_database, "family_category")].count("update") == 2
