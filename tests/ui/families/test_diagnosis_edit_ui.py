"""A child's diagnosis is edited in the child dialog (#17 item 6): «Edit» puts it into the fields, «Save changes»
writes it back (validated, audited), and the fields are free for a new one again; out of scope is refused."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from app.core.actor import COORDINATOR, Actor
from app.core.errors import OporaError
from app.registry.children import DiagnosisData, add_diagnosis, list_diagnoses, update_diagnosis
from app.registry.family_card import load_family_card
from tests.app.family_setup import audit_entries
from tests.ui.conftest import type_text
from tests.ui.families.test_family_card import WAIT, _child, _dialog, _family, _mother, open_card  # noqa: F401


def test_diagnosis_is_edited_in_the_child_dialog(qtbot, open_card, sqlite_database, sqlite_world):  # noqa: F811
    family_id = _family(sqlite_database, sqlite_world, [("mother", True, _mother()), ("child", False, _child())])
    with sqlite_database.write() as session:
        members = load_family_card(session, sqlite_world.coordinator, family_id).members
        child = next(m for m in members if m.full_name.startswith("Иванов Пётр"))
        diagnosis_id = add_diagnosis(session, sqlite_world.specialist, child.person_id,
                                     DiagnosisData("F84.0", "Детский аутизм", True, date(2022, 5, 4))).id
    card = open_card(family_id)
    tab = card.members_tab
    tab.table.selectRow(next(i for i, m in enumerate(tab.model.rows) if m.full_name.startswith("Иванов Пётр")))
    dialog = _dialog(qtbot, tab, tab.child_button)
    qtbot.waitUntil(lambda: dialog.diagnoses.rowCount() == 1, timeout=WAIT)
    dialog.tabs.setCurrentIndex(2)
    dialog.diagnosis_table.selectRow(0)
    dialog.edit_diagnosis_button.click()
    assert dialog.icd_code.text() == "F84.0" and dialog.diagnosis_title.text() == "Детский аутизм"
    assert dialog.diagnosed_on.value() == date(2022, 5, 4) and dialog.is_main.isChecked()
    dialog.icd_code.clear()
    type_text(dialog.icd_code, "F84.1")
    dialog.diagnosis_title.clear()
    type_text(dialog.diagnosis_title, "Атипичный аутизм")
    dialog.add_diagnosis_button.click()
    qtbot.waitUntil(lambda: dialog.diagnoses.rows[0].icd_code == "F84.1", timeout=WAIT)
    assert dialog.diagnoses.rowCount() == 1 and dialog.editing_diagnosis is None and dialog.icd_code.text() == ""
    assert ("update", "icd_code,title") in audit_entries(sqlite_database, "diagnosis")
    stranger = Actor(uuid.uuid4(), "coord2", COORDINATOR, office_ids=frozenset({uuid.uuid4()}))
    with pytest.raises(OporaError), sqlite_database.write() as session:
        update_diagnosis(session, stranger, diagnosis_id, DiagnosisData("F80.1"))
    with sqlite_database.read() as session:
        [row] = list_diagnoses(session, sqlite_world.coordinator, child.person_id)
    assert (row.icd_code, row.title) == ("F84.1", "Атипичный аутизм")
    dialog.discard_confirmed = True
    dialog.reject()
