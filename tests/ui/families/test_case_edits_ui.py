"""The «Сопровождение» tab edits what it adds (#17 item 6): a plan row is edited in its dialog (prefilled, saved,
audited; opened, closed and opened again), and a closed case is reopened with a reason."""

from __future__ import annotations

from datetime import date, timedelta

from app.cases.cases import CaseData, close_case, list_cases, open_case
from app.cases.plan_items import PlanItemData, add_plan_item
from tests.app.family_setup import audit_entries
from tests.ui.conftest import type_text
from tests.ui.families.test_family_card import WAIT, _dialog, _family, _mother, open_card  # noqa: F401 (fixture)
from ui.families.case_edits import EditCaseDialog, EditPlanItemDialog, ReopenCaseDialog
from ui.forms import select_data


def test_plan_row_is_edited_and_a_closed_case_reopened(qtbot, open_card, sqlite_database, sqlite_world):  # noqa: F811
    family_id = _family(sqlite_database, sqlite_world, [("mother", True, _mother())])
    today = date.today()
    actor, staff = sqlite_world.specialist, sqlite_world.psychologist_id
    with sqlite_database.write() as session:
        kind = sqlite_world.code(session, "case_kind", "social_support")
        case_id = open_case(session, actor, CaseData(family_id, kind, opened_on=today - timedelta(days=60),
                                                     responsible_staff_id=staff)).id
        add_plan_item(session, actor, case_id, PlanItemData("Патронаж", executor_staff_id=staff,
                                                            due_on=today + timedelta(days=10)))
    card = open_card(family_id)
    card.tabs.setCurrentWidget(card.cases_tab)
    tab = card.cases_tab
    tab.cases_table.selectRow(0)
    tab.plan_table.selectRow(0)
    assert tab.edit_row_button.isEnabled() and not tab.reopen_case_button.isEnabled()
    for _round in range(2):
        dialog = _dialog(qtbot, tab, tab.edit_row_button)
        assert isinstance(dialog, EditPlanItemDialog)
        assert dialog.measure.toPlainText() == "Патронаж" and dialog.staff.currentData() == staff
        assert dialog.due_on.value() == today + timedelta(days=10)
        dialog.reject()
    dialog = _dialog(qtbot, tab, tab.edit_row_button)
    dialog.measure.setPlainText("Патронаж и консультация")
    dialog.due_on.set_value(today + timedelta(days=20))
    with qtbot.waitSignal(card.context.changes.changed, timeout=WAIT):
        dialog.ok_button.click()
    qtbot.waitUntil(lambda: tab.plan.rows[0].measure == "Патронаж и консультация", timeout=WAIT)
    assert tab.plan.rows[0].due_on == today + timedelta(days=20) and tab.plan.rowCount() == 1
    assert ("update", "due_on,measure") in audit_entries(sqlite_database, "plan_item")

    with sqlite_database.write() as session:
        close_case(session, actor, case_id, today - timedelta(days=1),
                   sqlite_world.code(session, "case_closing_reason", "family_moved"))
    card.after_write(None)
    qtbot.waitUntil(lambda: not tab.cases.rows[0].is_open, timeout=WAIT)
    tab.cases_table.selectRow(0)
    assert tab.reopen_case_button.isEnabled()
    dialog = _dialog(qtbot, tab, tab.reopen_case_button)
    assert isinstance(dialog, ReopenCaseDialog)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(dialog.errors.message("reason")), timeout=WAIT)
    type_text(dialog.reason, "Семья вернулась")
    with qtbot.waitSignal(card.context.changes.changed, timeout=WAIT):
        dialog.ok_button.click()
    qtbot.waitUntil(lambda: tab.cases.rows[0].is_open, timeout=WAIT)
    with sqlite_database.read() as session:
        [case] = list_cases(session, sqlite_world.coordinator, family_id)
    assert case.notes is not None and case.notes.endswith("Семья вернулась")
    assert audit_entries(sqlite_database, "support_case")[-1][0] == "reopen"


def test_a_case_is_edited_in_its_dialog_and_keeps_its_closing(qtbot, open_card, sqlite_database,  # noqa: F811
                                                             sqlite_world):
    """The level of support changes as the work goes (экстренный → поддерживающий): the case dialog opens filled in
    (opened, closed and opened again), a bad date is refused naming the field, the change is saved and audited,
    and editing a closed case keeps its closing date, reason and outcome."""
    family_id = _family(sqlite_database, sqlite_world, [("mother", True, _mother())])
    today = date.today()
    actor, staff = sqlite_world.specialist, sqlite_world.psychologist_id
    with sqlite_database.write() as session:
        kind = sqlite_world.code(session, "case_kind", "social_support")
        emergency = sqlite_world.code(session, "support_level", "emergency")
        maintenance = sqlite_world.code(session, "support_level", "maintenance")
        ground = sqlite_world.code(session, "need_ground", sqlite_world_ground(session))
        case_id = open_case(session, actor, CaseData(family_id, kind, number="12/26", opened_on=today - timedelta(
            days=40), responsible_staff_id=staff, ground_ids=[ground], support_level_id=emergency)).id
    card = open_card(family_id)
    card.tabs.setCurrentWidget(card.cases_tab)
    tab = card.cases_tab
    tab.cases_table.selectRow(0)
    assert tab.edit_case_button.isEnabled()
    for _round in range(2):
        dialog = _dialog(qtbot, tab, tab.edit_case_button)
        assert isinstance(dialog, EditCaseDialog)
        assert (dialog.kind.currentData(), dialog.number.text()) == (kind, "12/26")
        assert dialog.opened_on.value() == today - timedelta(days=40)
        assert dialog.support_level.currentData() == emergency and dialog.checked_grounds() == [ground]
        assert dialog.responsible.currentData() == staff
        dialog.reject()
    dialog = _dialog(qtbot, tab, tab.edit_case_button)
    dialog.opened_on.set_value(today + timedelta(days=5))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(dialog.errors.message("opened_on")), timeout=WAIT)
    assert "Дата начала" in dialog.errors.message("opened_on")
    dialog.opened_on.set_value(today - timedelta(days=40))
    select_data(dialog.support_level, maintenance)
    with qtbot.waitSignal(card.context.changes.changed, timeout=WAIT):
        dialog.ok_button.click()
    qtbot.waitUntil(lambda: tab.cases.rows[0].support_level_id == maintenance, timeout=WAIT)
    assert ("update", "support_level_id") in audit_entries(sqlite_database, "support_case")

    with sqlite_database.write() as session:
        reason = sqlite_world.code(session, "case_closing_reason", "family_moved")
        close_case(session, actor, case_id, today - timedelta(days=1), reason)
    card.after_write(None)
    qtbot.waitUntil(lambda: not tab.cases.rows[0].is_open, timeout=WAIT)
    tab.cases_table.selectRow(0)
    dialog = _dialog(qtbot, tab, tab.edit_case_button)
    dialog.notes.setPlainText("Переехали в соседний район")
    with qtbot.waitSignal(card.context.changes.changed, timeout=WAIT):
        dialog.ok_button.click()
    with sqlite_database.read() as session:
        [case] = list_cases(session, sqlite_world.coordinator, family_id)
    assert (case.closed_on, case.closing_reason_id, case.notes) == (
        today - timedelta(days=1), reason, "Переехали в соседний район")
    assert case.support_level_id == maintenance and case.ground_ids == (ground,)


def sqlite_world_ground(session) -> str:
    from app.reference.dictionaries import list_items
    return list_items(session, "need_ground")[0].code
