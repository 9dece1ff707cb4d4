"""Typing a code or words in the child profile's diagnosis fields proposes МКБ-10 codes already entered;
choosing one fills the code and the wording."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from app.registry.children import DiagnosisData, add_diagnosis
from db.models import FamilyMember, Person
from tests.ui.conftest import type_text
from tests.ui.families import test_family_card as family_card

WAIT = 20000
open_card = family_card.open_card


def test_typing_a_code_proposes_and_choosing_fills_both_fields(qtbot, open_card, sqlite_database, sqlite_world):
    other = family_card._family(sqlite_database, sqlite_world,
                                [("mother", True, family_card._mother()), ("child", False, family_card._child())])
    with sqlite_database.write() as session:
        child_id = session.execute(select(Person.id).join(FamilyMember, FamilyMember.person_id == Person.id)
                                   .where(FamilyMember.family_id == other, Person.first_name == "Пётр")).scalar_one()
        add_diagnosis(session, sqlite_world.specialist, child_id,
                      DiagnosisData("F84.0", "Детский аутизм", True, date(2025, 3, 1)))
    card = open_card(other)
    tab = card.members_tab
    tab.table.selectRow(next(i for i, m in enumerate(tab.model.rows) if m.full_name.startswith("Иванов Пётр")))
    dialog = family_card._dialog(qtbot, tab, tab.child_button)
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=WAIT)
    dialog.tabs.setCurrentIndex(2)
    type_text(dialog.icd_code, "F8")
    popup = dialog.icd_lookup.completers[dialog.icd_code].popup()
    qtbot.waitUntil(popup.isVisible, timeout=WAIT)
    assert popup.model().index(0, 0).data() == "F84.0 — Детский аутизм"
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.icd_code.text() == "F84.0", timeout=WAIT)
    assert dialog.diagnosis_title.text() == "Детский аутизм"

    dialog.icd_code.clear()
    dialog.diagnosis_title.clear()
    type_text(dialog.diagnosis_title, "аутизм")  # words of the wording work too
    title_popup = dialog.icd_lookup.completers[dialog.diagnosis_title].popup()
    qtbot.waitUntil(title_popup.isVisible, timeout=WAIT)
    assert title_popup.model().rowCount() == 1
