"""An identity document is edited in the documents dialog (#17 item 6): «Edit» puts it into the fields, «Save
changes» writes it back (validated, audited) and the fields are for a new one again; out of scope is refused."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from app.core.actor import COORDINATOR, Actor
from app.core.errors import OporaError
from app.registry.family_card import load_family_card
from app.registry.identity_papers import DocumentData, add_document, list_documents, update_document
from tests.app.family_setup import audit_entries
from tests.ui.conftest import type_text
from tests.ui.families.test_family_card import WAIT, _child, _dialog, _family, _mother, open_card  # noqa: F401


def test_document_is_edited_in_the_documents_dialog(qtbot, open_card, sqlite_database, sqlite_world):  # noqa: F811
    family_id = _family(sqlite_database, sqlite_world, [("mother", True, _mother()), ("child", False, _child())])
    with sqlite_database.write() as session:
        members = load_family_card(session, sqlite_world.coordinator, family_id).members
        child = next(m for m in members if m.full_name.startswith("Иванов Пётр"))
        kind = sqlite_world.code(session, "document_kind", "birth_certificate")
        document_id = add_document(session, sqlite_world.specialist, child.person_id,
                                   DocumentData(kind, "123456", "IV-АИ", date(2018, 6, 10), "ЗАГС г. Тест")).id
    card = open_card(family_id)
    tab = card.members_tab
    tab.table.selectRow(next(i for i, m in enumerate(tab.model.rows) if m.full_name.startswith("Иванов Пётр")))
    dialog = _dialog(qtbot, tab, tab.documents_button)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1 and dialog.edit_button.isEnabled(), timeout=WAIT)
    dialog.table.selectRow(0)
    dialog.edit_button.click()
    assert (dialog.kind.currentData(), dialog.series.text(), dialog.number.text()) == (kind, "IV-АИ", "123456")
    assert dialog.issued_on.value() == date(2018, 6, 10) and dialog.issued_by.text() == "ЗАГС г. Тест"
    dialog.number.clear()
    type_text(dialog.number, "654321")
    with qtbot.waitSignal(card.context.changes.changed, timeout=WAIT):
        dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.model.rows[0].number == "654321", timeout=WAIT)
    assert dialog.model.rowCount() == 1 and dialog.editing is None and dialog.number.text() == ""
    assert ("update", "number") in audit_entries(sqlite_database, "identity_document")
    stranger = Actor(uuid.uuid4(), "coord2", COORDINATOR, office_ids=frozenset({uuid.uuid4()}))
    with pytest.raises(OporaError), sqlite_database.write() as session:
        update_document(session, stranger, document_id, DocumentData(kind, "111111", "IV-АИ"))
    with sqlite_database.read() as session:
        assert [d.number for d in list_documents(session, sqlite_world.coordinator, child.person_id)] == ["654321"]
    dialog.reject()
