"""Defaults from context: a new case and a new plan row propose the family's responsible specialist (or the
case's), never the first name of the staff list; with nobody to propose, nothing is chosen."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView

from app.cases.cases import CaseData, open_case
from app.core.actor import Actor
from app.core.dates import add_years
from app.reference.choices import Choice
from app.reference.organization import OfficeData, create_office
from app.reference.places import DistrictData, create_district
from app.reference.staff import StaffData, create_staff
from app.registry.families import FamilyData, MemberData, NewFamily, register_family
from tests.ui.families import test_family_card as family_card
from ui.context import UiContext
from ui.families.card import FamilyCardWindow
from ui.forms import find_data, home_office

WAIT = 20000


def _family(database, world, responsible) -> object:
    with database.write() as session:
        data = NewFamily(
            FamilyData(world.office_id, date(2025, 1, 15), world.district_id, world.near_settlement_id,
                       responsible_staff_id=responsible),
            [MemberData(world.code(session, "member_role", "mother"), True, family_card._mother()),
             MemberData(world.code(session, "member_role", "child"), False, family_card._child())], [])
        return register_family(session, world.coordinator, data).id


def _card(qtbot, worker, actor, family_id) -> FamilyCardWindow:
    card = FamilyCardWindow(UiContext(worker, actor), family_id)
    card.show()
    qtbot.waitUntil(card.is_loaded, timeout=WAIT)
    card.tabs.setCurrentWidget(card.cases_tab)
    return card


def _close(card: FamilyCardWindow) -> None:
    if shiboken6.isValid(card):
        card.discard_confirmed = True
        card.close()


def test_a_coordinator_gets_the_familys_specialist_in_a_new_case_and_plan_row(qtbot, worker, sqlite_database,
                                                                              sqlite_world):
    family_id = _family(sqlite_database, sqlite_world, sqlite_world.speech_therapist_id)
    with sqlite_database.write() as session:
        kind = sqlite_world.code(session, "case_kind", "social_support")
        open_case(session, sqlite_world.coordinator, CaseData(family_id, kind, opened_on=date(2025, 2, 1),
                                                             responsible_staff_id=sqlite_world.psychologist_id))
    card = _card(qtbot, worker, sqlite_world.coordinator, family_id)  # a coordinator has no staff record
    try:
        tab = card.cases_tab
        dialog = family_card._dialog(qtbot, tab, tab.add_case_button)
        assert dialog.responsible.currentData() == sqlite_world.speech_therapist_id
        dialog.reject()
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
        qtbot.waitUntil(lambda: tab.cases.rowCount() == 1, timeout=WAIT)
        tab.cases_table.selectRow(0)
        row_dialog = family_card._dialog(qtbot, tab, tab.add_row_button)
        assert row_dialog.staff.currentData() == sqlite_world.psychologist_id  # the case's own specialist
        row_dialog.reject()
    finally:
        _close(card)


def test_with_nobody_to_propose_no_specialist_is_chosen(qtbot, worker, sqlite_database, sqlite_world):
    family_id = _family(sqlite_database, sqlite_world, None)
    with sqlite_database.write() as session:
        kind = sqlite_world.code(session, "case_kind", "social_support")
        open_case(session, sqlite_world.coordinator, CaseData(family_id, kind, opened_on=date(2025, 2, 1)))
    card = _card(qtbot, worker, sqlite_world.coordinator, family_id)
    try:
        tab = card.cases_tab
        qtbot.waitUntil(lambda: tab.cases.rowCount() == 1, timeout=WAIT)
        tab.cases_table.selectRow(0)
        dialog = family_card._dialog(qtbot, tab, tab.add_row_button)
        assert dialog.staff.currentData() is None
        dialog.measure.setPlainText("Консультация")
        dialog.ok_button.click()  # an OK-presser is told to choose, nobody is assigned by accident
        qtbot.waitUntil(lambda: bool(dialog.errors.message("executor_staff_id")
                                     or dialog.errors.general.text()), timeout=WAIT)
        assert tab.plan.rowCount() == 0
        dialog.discard_confirmed = True
        dialog.reject()
    finally:
        _close(card)


@pytest.fixture
def second_office(sqlite_database, sqlite_world):
    """«Дальнее отделение» serving «Заречный район», with a psychologist and a driver of its own."""
    with sqlite_database.write() as session:
        admin = sqlite_world.admin
        office = create_office(session, admin, OfficeData("Дальнее отделение")).id
        district = create_district(session, admin, DistrictData("Заречный район", office)).id
        position = {code: sqlite_world.code(session, "position", code) for code in ("psychologist", "driver")}
        psychologist = create_staff(session, admin, StaffData("Юдина", "Анна", None, position["psychologist"],
                                                              office)).id
        driver = create_staff(session, admin, StaffData("Яковлев", "Пётр", None, position["driver"], office)).id
    return office, district, psychologist, driver


def _headings(combo) -> list[tuple[str, list[object]]]:
    """Each heading of a grouped picker with the ids listed under it."""
    groups: list[tuple[str, list[object]]] = []
    for i in range(combo.count()):
        if not combo.model().item(i).isEnabled():
            groups.append((combo.itemText(i), []))
        elif groups and combo.itemData(i) is not None:
            groups[-1][1].append(combo.itemData(i))
    return groups


def test_choosing_a_district_proposes_its_office_and_its_staff_come_first(qtbot, worker, sqlite_world,
                                                                           second_office):
    office, district, psychologist, driver = second_office
    card = FamilyCardWindow(UiContext(worker, sqlite_world.specialist), None)
    card.show()
    qtbot.waitUntil(card.is_loaded, timeout=WAIT)
    try:
        tab = card.family_tab
        assert tab.office.currentData() == sqlite_world.office_id  # the specialist's own office
        (first, near), (_rest, others) = _headings(tab.responsible)
        assert first == "Сотрудники отделения" and sqlite_world.psychologist_id in near and psychologist in others
        index = find_data(tab.district, district)
        tab.district.setCurrentIndex(index)
        tab.district.activated.emit(index)  # as a user's choice does
        assert tab.office.currentData() == office
        (_first, near), (_rest, others) = _headings(tab.responsible)
        assert psychologist in near and driver in others  # the driver is not offered as a specialist
        assert sqlite_world.psychologist_id in others
    finally:
        _close(card)


def test_the_home_office_is_the_staff_records_else_the_only_one():
    staff = [Choice(uuid.uuid4(), "Смирнова А.А.", OFFICE_A), Choice(STAFF_B, "Юдина А.", OFFICE_B)]
    assert home_office(Actor(uuid.uuid4(), "u", "specialist", STAFF_B, frozenset({OFFICE_A, OFFICE_B})),
                       staff) == OFFICE_B
    assert home_office(Actor(uuid.uuid4(), "c", "coordinator", None, frozenset({OFFICE_A})), staff) == OFFICE_A
    assert home_office(Actor(uuid.uuid4(), "c", "coordinator", None, frozenset({OFFICE_A, OFFICE_B})),
                       staff) is None


OFFICE_A, OFFICE_B, STAFF_B = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def test_an_infants_age_is_shown_in_months(qtbot, worker, sqlite_database, sqlite_world):
    today = date.today()
    born = date(today.year - (today.month <= 8), (today.month - 8 - 1) % 12 + 1, 1)  # 8 full months ago
    infant = replace(family_card._child(), first_name="Лев", birth_date=born, snils=None)
    with sqlite_database.write() as session:
        data = NewFamily(FamilyData(sqlite_world.office_id, date(2025, 1, 15), sqlite_world.district_id),
                         [MemberData(sqlite_world.code(session, "member_role", "mother"), True, family_card._mother()),
                          MemberData(sqlite_world.code(session, "member_role", "child"), False, infant)], [])
        family_id = register_family(session, sqlite_world.specialist, data).id
    card = _card(qtbot, worker, sqlite_world.specialist, family_id)
    try:
        tab = card.members_tab
        row = next(i for i, m in enumerate(tab.model.rows) if m.full_name.startswith("Иванов Лев"))
        shown = [tab.model.index(row, c).data() for c in range(tab.model.columnCount())]
        assert f"{born:%d.%m.%Y} (8 мес.)" in shown, shown
        tab.table.selectRow(row)
        dialog = family_card._dialog(qtbot, tab, tab.child_button)
        assert any(label.text().endswith(", 8 месяцев") for label in dialog.findChildren(QLabel))
        dialog.reject()
    finally:
        _close(card)


def test_the_ipra_term_fills_valid_until_but_keeps_a_date_of_the_users_own(qtbot, worker, sqlite_database,
                                                                            sqlite_world):
    family_id = _family(sqlite_database, sqlite_world, None)
    card = _card(qtbot, worker, sqlite_world.coordinator, family_id)
    try:
        tab = card.members_tab
        tab.table.selectRow(next(i for i, m in enumerate(tab.model.rows) if m.full_name.startswith("Иванов Пётр")))
        dialog = family_card._dialog(qtbot, tab, tab.child_button)
        qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=WAIT)
        dialog.is_disabled.click()
        family_card.type_text(dialog.ipra_date, "15.03.2025")
        dialog.ipra_date.editingFinished.emit()

        def choose_term(code: str) -> None:
            index = find_data(dialog.ipra_term, code)
            dialog.ipra_term.setCurrentIndex(index)
            dialog.ipra_term.activated.emit(index)

        choose_term("2y")
        assert dialog.ipra_until.text() == "15.03.2027"
        choose_term("until_18")
        assert dialog.ipra_until.value() == add_years(family_card._child().birth_date, 18)
        dialog.ipra_until.setText("01.09.2030")  # the user's own date stays
        choose_term("1y")
        assert dialog.ipra_until.text() == "01.09.2030"
        dialog.discard_confirmed = True
        dialog.reject()
    finally:
        _close(card)


def test_no_heading_of_the_cards_tables_is_cut_at_1366x768(qtbot, worker, sqlite_database, sqlite_world):
    family_id = _family(sqlite_database, sqlite_world, sqlite_world.psychologist_id)
    card = _card(qtbot, worker, sqlite_world.specialist, family_id)
    card.resize(1366, 768)
    try:
        cut = []
        for index in range(card.tabs.count()):
            card.tabs.setCurrentIndex(index)
            qtbot.wait(20)
            for table in card.tabs.currentWidget().findChildren(QTableView):
                header = table.horizontalHeader()
                model = table.model()
                for column in range(header.count() - 1):  # the last one stretches to the edge
                    if not header.isSectionHidden(column) and header.sectionSize(column) < header.sectionSizeHint(
                            column):
                        cut.append(model.headerData(column, Qt.Orientation.Horizontal))
        assert cut == []
    finally:
        _close(card)
