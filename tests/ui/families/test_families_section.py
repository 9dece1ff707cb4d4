"""The Families section opens one card per family and a fresh card for each new family."""

from __future__ import annotations

from datetime import date

from app.registry.families import FamilyData, NewFamily, register_family
from ui.context import UiContext
from ui.families.section import FamiliesSection
from ui.worker import DatabaseWorker


def test_cards_are_reused_per_family_and_new_ones_are_fresh(qtbot, sqlite_database, sqlite_world):
    with sqlite_database.write() as session:
        family_id = register_family(session, sqlite_world.specialist,
                                    NewFamily(FamilyData(sqlite_world.office_id, date(2025, 1, 1)))).id
    worker = DatabaseWorker(sqlite_database, lambda error: None)
    section = FamiliesSection(UiContext(worker, sqlite_world.specialist))
    qtbot.addWidget(section)
    section.open_card(family_id)
    section.open_card(family_id)
    assert len(section.cards) == 1
    section.new_family()
    section.new_family()
    assert len(section.cards) == 3
    for card in list(section.cards.values()):
        qtbot.waitUntil(card.is_loaded, timeout=10000)
        card.close()
    section.open_card(family_id)
    assert len(section.cards) == 1
    for card in list(section.cards.values()):
        qtbot.waitUntil(card.is_loaded, timeout=10000)
        card.close()
    worker.stop()


def test_a_card_save_refreshes_the_registry_once_without_a_relay(qtbot, sqlite_database, sqlite_world):
    from tests.ui.conftest import type_text

    with sqlite_database.write() as session:
        family_id = register_family(session, sqlite_world.specialist,
                                    NewFamily(FamilyData(sqlite_world.office_id, date(2025, 1, 1)))).id
    worker = DatabaseWorker(sqlite_database, lambda error: None)
    section = FamiliesSection(UiContext(worker, sqlite_world.specialist))
    qtbot.addWidget(section)
    section.show()
    model = section.list.model
    qtbot.waitUntil(lambda: model.total == 1 and worker.is_idle(), timeout=10000)
    queries: list[object] = []
    query = model.query
    model.query = lambda *args, **kwargs: (queries.append(args), query(*args, **kwargs))
    section.open_card(family_id)
    card = section.cards[family_id]
    qtbot.waitUntil(card.is_loaded, timeout=10000)
    type_text(card.family_tab.apartment, "7")
    card.save()
    qtbot.waitUntil(lambda: not card.dirty and worker.is_idle(), timeout=10000)
    assert len(queries) == 1  # the list heard the card's announcement itself, once
    card.close()
    section.open_card(family_id)  # a closed card opens again
    assert section.cards[family_id] is not card
    qtbot.waitUntil(section.cards[family_id].is_loaded, timeout=10000)
    section.cards[family_id].close()
    worker.stop()
