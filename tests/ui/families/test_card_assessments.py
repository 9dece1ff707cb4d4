"""The «Оценки» tab of the family card: a new assessment through the generated form, the charts per area, the
dynamics verdict, reopening the dialog; the closing rule's message reaches the user."""

from __future__ import annotations

from datetime import date

import shiboken6

from app.cases.cases import close_case
from app.effectiveness.assessments import INTAKE, AssessmentData, record_assessment
from tests.app.assessment_setup import criteria, instrument_id
from tests.app.case_setup import open_new_case
from tests.app.family_setup import mother_and_child
from tests.ui.families import test_family_card as family_card
from ui.families.card_assessments import AreaChart
from ui.forms import find_data

WAIT = family_card.WAIT
open_card = family_card.open_card


def test_record_an_assessment_and_see_the_dynamics(qtbot, open_card, sqlite_database, sqlite_world, tmp_path):
    database, world = sqlite_database, sqlite_world
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family, opened_on=date(2025, 1, 10))
    with database.write() as session:
        record_assessment(session, world.specialist, AssessmentData(
            family.id, instrument_id(session), INTAKE, date(2025, 1, 15), world.psychologist_id, case_id=case_id,
            values=dict.fromkeys(criteria(session), 2)))
        goals = world.code(session, "case_closing_reason", "goals_achieved")
    card = open_card(family.id)
    tab = card.assessments_tab
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=WAIT)
    assert "one assessment so far" in tab.verdict.text() or "одна оценка" in tab.verdict.text()
    for attempt in range(2):  # opened, cancelled, opened again
        tab.add()
        dialog = tab.dialog
        qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
        assert dialog.case.currentData() == case_id and dialog.staff.currentData() == world.psychologist_id
        assert len(dialog.combos) == 10
        if attempt == 0:
            dialog.reject()
            qtbot.waitUntil(lambda d=dialog: not shiboken6.isValid(d) or not d.isVisible(), timeout=WAIT)
    dialog.kind.setCurrentIndex(find_data(dialog.kind, "closing"))
    for combo in dialog.combos.values():
        combo.setCurrentIndex(find_data(combo, 3))
    dialog.combos[next(iter(dialog.combos))].setCurrentIndex(find_data(next(iter(dialog.combos.values())), 4))
    dialog.save()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=WAIT)
    qtbot.waitUntil(lambda: len(tab.charts.findChildren(AreaChart)) == 10, timeout=WAIT)
    assert "положительная" in tab.verdict.text() or "positive" in tab.verdict.text()
    card.resize(1366, 768)
    card.tabs.setCurrentWidget(tab)
    card.grab().save(str(tmp_path / "assessments.png"))
    # The closing assessment exists now: the case closes with «цели достигнуты».
    with database.write() as session:
        close_case(session, world.specialist, case_id, date(2025, 9, 1), goals)


def test_an_empty_form_is_refused_with_a_russian_message(qtbot, open_card, sqlite_database, sqlite_world):
    database, world = sqlite_database, sqlite_world
    family = mother_and_child(database, world)
    open_new_case(database, world, family, opened_on=date(2025, 1, 10))
    card = open_card(family.id)
    tab = card.assessments_tab
    qtbot.waitUntil(tab.add_button.isEnabled, timeout=WAIT)  # only once the instruments are read
    tab.add()
    dialog = tab.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    dialog.save()
    qtbot.waitUntil(lambda: "Оцените хотя бы один критерий" in dialog.errors.message("values"), timeout=WAIT)
    assert dialog.isVisible() and tab.model.rowCount() == 0
    dialog.discard_confirmed = True
    dialog.reject()


def test_closing_with_goals_reached_names_the_missing_assessment(qtbot, open_card, sqlite_database,
                                                                 sqlite_world):
    database, world = sqlite_database, sqlite_world
    family = mother_and_child(database, world)
    open_new_case(database, world, family, opened_on=date(2025, 1, 10))
    with database.read() as session:
        goals = world.code(session, "case_closing_reason", "goals_achieved")
    card = open_card(family.id)
    cases = card.cases_tab
    qtbot.waitUntil(lambda: cases.close_case_button.isEnabled(), timeout=WAIT)
    cases.close_case()
    dialog = cases.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    dialog.reason.setCurrentIndex(find_data(dialog.reason, goals))
    dialog.save()
    qtbot.waitUntil(lambda: "итоговую оценку" in dialog.errors.message("closing_reason_id"), timeout=WAIT)
    assert "вкладка «Оценки»" in dialog.errors.message("closing_reason_id")
    dialog.discard_confirmed = True
    dialog.reject()
