"""The 442-ФЗ papers in the family card: the ИППСУ services dialog and «Сформировать» of the programme, the
«Документы» tab (decision, contract, urgent-services act) and the printed consent and its withdrawal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import shiboken6
from docx import Document

from app.cases.cases import CaseData, open_case
from app.cases.papers import list_papers
from app.registry.consents import ConsentData, add_consent
from tests.ui.conftest import type_text
from tests.ui.families.test_family_card import WAIT, _child, _choose, _dialog, _family, _mother
from ui import generated_files
from ui.context import UiContext
from ui.families.card import FamilyCardWindow

OPENED = date.today() - timedelta(days=20)


@pytest.fixture
def written(monkeypatch, tmp_path) -> list:
    """The folder question answered with `tmp_path` at once; files «opened» are collected."""
    opened: list = []

    def choose(parent, title, on_chosen):
        on_chosen(tmp_path)

    monkeypatch.setattr(generated_files, "choose_folder", choose)
    monkeypatch.setattr(generated_files, "open_file", opened.append)
    return opened


@pytest.fixture
def card_with_ippsu(qtbot, worker, sqlite_database, sqlite_world):
    family_id = _family(sqlite_database, sqlite_world, [("mother", True, _mother()), ("child", False, _child())])
    with sqlite_database.write() as session:
        open_case(session, sqlite_world.specialist, CaseData(
            family_id, sqlite_world.code(session, "case_kind", "ippsu"), "3/2026", opened_on=OPENED,
            ground_ids=[sqlite_world.code(session, "need_ground", "child_adaptation_difficulties")]))
    card = FamilyCardWindow(UiContext(worker, sqlite_world.specialist), family_id)
    card.show()
    qtbot.waitUntil(card.is_loaded, timeout=WAIT)
    yield card
    if shiboken6.isValid(card):
        card.discard_confirmed = True
        card.close()


def _ippsu_round(qtbot, card, tab, *, first: bool) -> None:
    """Open the ИППСУ services dialog; the first time enter a row (refused, then right) and mark it done."""
    dialog = _dialog(qtbot, tab, tab.ippsu_button)
    qtbot.waitUntil(lambda: dialog.service.count() > 1 and dialog.add_button.isEnabled(), timeout=WAIT)
    assert not any(dialog.service.itemText(i).startswith("Срочные") for i in range(dialog.service.count()))
    if first:
        dialog.add_button.click()
        qtbot.waitUntil(lambda: bool(dialog.errors.message("service_id")), timeout=WAIT)
        assert dialog.errors.message("volume") == "Поле «Объём» обязательно для заполнения."
        _choose(dialog.service, "Социально-психологические")
        type_text(dialog.volume, "24 услуги")
        type_text(dialog.periodicity, "2 раза в неделю")
        type_text(dialog.starts_on, OPENED.strftime("%d.%m.%Y"))
        with qtbot.waitSignal(card.context.changes.changed, timeout=WAIT):
            dialog.add_button.click()
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=WAIT)
        dialog.table.selectRow(0)
        with qtbot.waitSignal(card.context.changes.changed, timeout=WAIT):
            dialog.done_button.click()
        qtbot.waitUntil(lambda: dialog.model.rows[0].done_on is not None, timeout=WAIT)
    else:
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=WAIT)
        assert dialog.model.rows[0].volume == "24 услуги" and dialog.model.rows[0].done_on is not None
    dialog.reject()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=WAIT)


def test_ippsu_services_are_entered_in_a_dialog_reopened_and_the_programme_is_made(
        qtbot, card_with_ippsu, sqlite_database, written):
    card = card_with_ippsu
    tab = card.cases_tab
    card.tabs.setCurrentWidget(tab)
    tab.cases_table.selectRow(0)
    assert tab.ippsu_button.isEnabled() and tab.make_ippsu_button.isEnabled()
    for attempt in range(3):  # opened, closed and opened again
        _ippsu_round(qtbot, card, tab, first=attempt == 0)
    tab.cases_table.selectRow(0)
    tab.make_ippsu_button.click()
    qtbot.waitUntil(lambda: len(written) == 1, timeout=WAIT)
    text = "\n".join(" | ".join(c.text for c in row.cells) for t in Document(str(written[0])).tables for row in t.rows)
    assert "24 услуги | 2 раза в неделю" in text


def test_decision_contract_and_urgent_act_are_entered_and_made_on_the_documents_tab(
        qtbot, card_with_ippsu, sqlite_database, sqlite_world, written):
    card = card_with_ippsu
    tab = card.papers_tab
    card.tabs.setCurrentWidget(tab)
    dialog = _dialog(qtbot, tab, tab.decision_button)
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=WAIT)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(dialog.errors.message("number")), timeout=WAIT)
    assert dialog.errors.message("applied_on").startswith("Поле «Дата заявления» обязательно")
    type_text(dialog.number, "15-р")
    _choose(dialog.person, "Иванов Пётр")
    type_text(dialog.applied_on, (date.today() - timedelta(days=2)).strftime("%d.%m.%Y"))
    _choose(dialog.form, "Полустационарная")
    _choose(dialog.case, "ИППСУ")
    with qtbot.waitSignal(card.context.changes.changed, timeout=WAIT):
        dialog.ok_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=WAIT)

    dialog = _dialog(qtbot, tab, tab.contract_button)
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=WAIT)
    type_text(dialog.number, "7/2026")
    _choose(dialog.person, "Иванов Пётр")
    _choose(dialog.form, "Полустационарная")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(dialog.errors.message("case_id")), timeout=WAIT)
    _choose(dialog.case, "ИППСУ")
    with qtbot.waitSignal(card.context.changes.changed, timeout=WAIT):
        dialog.ok_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=WAIT)

    dialog = _dialog(qtbot, tab, tab.act_button)
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled() and len(dialog.lines) == 1, timeout=WAIT)
    type_text(dialog.number, "С-1")
    _choose(dialog.person, "Иванова Мария")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(dialog.errors.message("urgent")), timeout=WAIT)
    _choose(dialog.lines[0].service, "Обеспечение бесплатным горячим питанием")
    dialog.lines[0].quantity.setValue(2)
    with qtbot.waitSignal(card.context.changes.changed, timeout=WAIT):
        dialog.ok_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3, timeout=WAIT)
    with sqlite_database.read() as session:
        papers = list_papers(session, sqlite_world.coordinator, card.family_id)
    assert sorted(p.kind for p in papers) == ["contract", "need_decision", "urgent_act"]
    assert [u.quantity for p in papers for u in p.urgent] == [2]

    for index in range(3):
        tab.table.selectRow(index)
        tab.make_button.click()
        qtbot.waitUntil(lambda count=index + 1: len(written) == count, timeout=WAIT)
    names = sorted(path.name.split(" №")[0] for path in written)
    assert names == ["Акт срочных услуг", "Договор", "Решение о нуждаемости"]

    # The programme closed for «расторжение договора» terminates the contract, shown greyed on the tab.
    cases = card.cases_tab
    card.tabs.setCurrentWidget(cases)
    cases.cases_table.selectRow(0)
    dialog = _dialog(qtbot, cases, cases.close_case_button)
    _choose(dialog.reason, "Расторжение")
    with qtbot.waitSignal(card.context.changes.changed, timeout=WAIT):
        dialog.ok_button.click()
    qtbot.waitUntil(lambda: any(p.terminated_on for p in tab.model.rows), timeout=WAIT)


def test_a_family_without_a_contract_cannot_close_for_termination(qtbot, card_with_ippsu):
    card = card_with_ippsu
    cases = card.cases_tab
    card.tabs.setCurrentWidget(cases)
    cases.cases_table.selectRow(0)
    dialog = _dialog(qtbot, cases, cases.close_case_button)
    _choose(dialog.reason, "Расторжение")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(dialog.errors.message("closing_reason_id")), timeout=WAIT)
    assert "не внесён договор" in dialog.errors.message("closing_reason_id")
    assert dialog.isVisible()


def test_consent_and_its_withdrawal_are_printed_from_the_consents_tab(
        qtbot, worker, sqlite_database, sqlite_world, written):
    family_id = _family(sqlite_database, sqlite_world, [("mother", True, _mother()), ("child", False, _child())])
    with sqlite_database.write() as session:
        from app.registry.family_card import load_family_card

        child = next(m.person_id for m in load_family_card(session, sqlite_world.specialist, family_id).members
                     if m.full_name.startswith("Иванов Пётр"))
        mother = next(m.person_id for m in load_family_card(session, sqlite_world.specialist, family_id).members
                      if m.full_name.startswith("Иванова"))
        add_consent(session, sqlite_world.specialist, child, ConsentData(date.today(), signer_person_id=mother))
    card = FamilyCardWindow(UiContext(worker, sqlite_world.specialist), family_id)
    card.show()
    qtbot.waitUntil(card.is_loaded, timeout=WAIT)
    tab = card.consents_tab
    card.tabs.setCurrentWidget(tab)
    tab.select_person(child)
    qtbot.waitUntil(lambda: tab.print_button.isEnabled(), timeout=WAIT)
    tab.print_button.click()
    qtbot.waitUntil(lambda: len(written) == 1, timeout=WAIT)
    tab.print_withdrawal_button.click()
    qtbot.waitUntil(lambda: len(written) == 2, timeout=WAIT)
    texts = ["\n".join(p.text for p in Document(str(path)).paragraphs) for path in written]
    assert "являясь законным представителем Иванова Петра Сергеевича" in texts[0].replace("\xa0", " ")
    assert "ЗАЯВЛЕНИЕ" in texts[1]
    card.discard_confirmed = True
    card.close()
