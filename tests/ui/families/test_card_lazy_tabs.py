"""The family card builds a tab when it is first opened: the tab shows the card's data then, keeps its place,
text and enabled state, and data arriving later goes straight to the built tab."""

from __future__ import annotations

from tests.ui.families.test_family_card import WAIT, _child, _family, _mother, open_card  # noqa: F401  (fixture)

ALL = ("members", "categories", "consents", "cases", "assessments", "papers", "history")


def test_only_the_family_tab_is_built_when_the_card_opens(qtbot, open_card, sqlite_database,  # noqa: F811
                                                          sqlite_world):
    family_id = _family(sqlite_database, sqlite_world, [("mother", True, _mother()), ("child", False, _child())])
    card = open_card(family_id)
    assert card.lazy.built(ALL) == []
    assert card.tabs.count() == 8
    texts = [card.tabs.tabText(index) for index in range(card.tabs.count())]

    index = card.lazy.index("members")
    card.tabs.tabBar().setCurrentIndex(index)  # as a click on the tab does
    assert card.lazy.built(ALL) == [card.members_tab]
    assert card.tabs.currentWidget() is card.members_tab
    assert card.tabs.indexOf(card.members_tab) == index
    assert [card.tabs.tabText(i) for i in range(card.tabs.count())] == texts
    assert card.members_tab.model.rowCount() == 2  # the data that arrived before the tab was built

    # A reload (as after a save) reaches the built tab directly; the tabs not opened stay unbuilt.
    before = card.data
    card.members_tab.model.set_rows([])
    card.load()
    qtbot.waitUntil(lambda: card.data is not before, timeout=WAIT)
    assert card.members_tab.model.rowCount() == 2
    assert card.lazy.built(ALL) == [card.members_tab]


def test_a_new_family_keeps_the_later_tabs_disabled_when_they_are_built(open_card):  # noqa: F811
    card = open_card(None)
    index = card.lazy.index("cases")
    assert not card.tabs.isTabEnabled(index)
    tooltip = card.tabs.tabToolTip(index)
    assert tooltip
    tab = card.cases_tab  # built on use
    assert card.tabs.indexOf(tab) == index
    assert not card.tabs.isTabEnabled(index) and card.tabs.tabToolTip(index) == tooltip
    assert card.tabs.currentIndex() == 0


def test_every_tab_opened_in_turn_shows_its_rows(qtbot, open_card, sqlite_database, sqlite_world):  # noqa: F811
    family_id = _family(sqlite_database, sqlite_world, [("mother", True, _mother()), ("child", False, _child())])
    card = open_card(family_id)
    for name in reversed(ALL):
        card.tabs.setCurrentIndex(card.lazy.index(name))
        assert card.tabs.currentWidget() is card.lazy.get(name)
    assert len(card.lazy.built(ALL)) == len(ALL)
    assert card.consents_tab.isEnabled()
    # Members and consents came from the first load, before their tabs existed.
    assert card.members_tab.model.rowCount() == 2
    assert card.tabs.currentIndex() == card.lazy.index("members")


def test_saving_the_family_tab_builds_no_other_tab(qtbot, open_card, sqlite_database, sqlite_world):  # noqa: F811
    from db.models import Family

    family_id = _family(sqlite_database, sqlite_world, [("mother", True, _mother())])
    card = open_card(family_id)
    card.family_tab.phone.setText("+7 (900) 111-22-33")
    card.mark_dirty()
    card.save()
    qtbot.waitUntil(lambda: not card.saving and not card.dirty, timeout=WAIT)
    assert card.lazy.built(ALL) == []
    with sqlite_database.read() as session:
        assert session.get(Family, family_id).phone == "+7 (900) 111-22-33"
