"""A consent is edited in its dialog (#17 item 6): prefilled, opened, closed and opened again, the change saved and
audited; a user outside the family's scope is refused by the service."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from app.core.actor import COORDINATOR, Actor
from app.core.errors import OporaError
from app.registry.consents import ConsentData, add_consent, list_consents, update_consent
from app.registry.family_card import load_family_card
from tests.app.family_setup import audit_entries
from tests.ui.families.test_family_card import WAIT, _dialog, _family, _mother, open_card  # noqa: F401 (fixture)
from ui.families.consent_edits import EditConsentDialog


def test_consent_is_edited_in_its_dialog(qtbot, open_card, sqlite_database, sqlite_world):  # noqa: F811
    family_id = _family(sqlite_database, sqlite_world, [("mother", True, _mother())])
    signed = date.today() - timedelta(days=10)
    with sqlite_database.write() as session:
        [mother] = load_family_card(session, sqlite_world.coordinator, family_id).members
        consent_id = add_consent(session, sqlite_world.specialist, mother.person_id,
                                 ConsentData(signed, mother.person_id, scope="Учёт и сопровождение")).id
    card = open_card(family_id)
    card.tabs.setCurrentWidget(card.consents_tab)
    tab = card.consents_tab
    tab.select_person(mother.person_id)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=WAIT)
    tab.table.selectRow(0)
    assert tab.edit_button.isEnabled()
    for _round in range(2):
        dialog = _dialog(qtbot, tab, tab.edit_button)
        assert isinstance(dialog, EditConsentDialog)
        assert dialog.signed_on.value() == signed and dialog.signer.currentData() == mother.person_id
        assert dialog.scope.toPlainText() == "Учёт и сопровождение"
        dialog.reject()
    dialog = _dialog(qtbot, tab, tab.edit_button)
    dialog.scope.setPlainText("Учёт, сопровождение и реабилитация")
    dialog.valid_until.set_value(date.today() + timedelta(days=365))
    with qtbot.waitSignal(card.context.changes.changed, timeout=WAIT):
        dialog.ok_button.click()
    qtbot.waitUntil(lambda: tab.model.rows[0].scope == "Учёт, сопровождение и реабилитация", timeout=WAIT)
    assert tab.model.rowCount() == 1 and tab.model.rows[0].valid_until == date.today() + timedelta(days=365)
    assert ("update", "scope,valid_until") in audit_entries(sqlite_database, "consent")
    stranger = Actor(uuid.uuid4(), "coord2", COORDINATOR, office_ids=frozenset({uuid.uuid4()}))
    with pytest.raises(OporaError), sqlite_database.write() as session:
        update_consent(session, stranger, consent_id, ConsentData(signed, mother.person_id, scope="Чужое"))
    with sqlite_database.read() as session:
        assert list_consents(session, sqlite_world.coordinator, mother.person_id)[0].scope.startswith("Учёт, сопр")
