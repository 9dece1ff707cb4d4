"""The Dictionaries section, driven through its widgets: places, staff, categories, read-only view."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.core.changes import DICTIONARIES
from app.reference.dictionaries import list_items
from app.reference.places import SettlementData, create_settlement, list_settlements
from app.reference.staff import list_staff
from app.registry.families import FamilyData, NewFamily, register_family
from db.session import Database
from tests.ui.conftest import type_text
from ui.context import UiContext
from ui.dictionaries.rows_model import INACTIVE_INK
from ui.dictionaries.section import DictionariesSection
from ui.forms import select_data
from ui.worker import DatabaseWorker

WAIT = 20000


@pytest.fixture
def make_section(qtbot, sqlite_database):
    workers: list[DatabaseWorker] = []

    def make(actor) -> DictionariesSection:
        errors: list[BaseException] = []
        worker = DatabaseWorker(sqlite_database, errors.append)
        workers.append(worker)
        section = DictionariesSection(UiContext(worker, actor, "ГБУ", "Центральное отделение"))
        qtbot.addWidget(section)
        section.resize(1366, 768)
        section.show()
        return section

    yield make
    for worker in workers:
        worker.stop()


def _open(qtbot, section: DictionariesSection, key: str):
    editor = section.open_dictionary(key)
    qtbot.waitUntil(lambda: editor.isVisible() and not editor.stale and not editor.loading, timeout=WAIT)
    return editor


def _select(qtbot, editor, predicate) -> None:
    qtbot.waitUntil(lambda: any(predicate(row) for row in editor.model.rows), timeout=WAIT)
    number = next(n for n, row in enumerate(editor.model.rows) if predicate(row))
    editor.table.selectRow(number)
    assert predicate(editor.current_row())


def _dialog(qtbot, editor, button):
    previous = editor.dialog
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.dialog is not previous and editor.dialog.isVisible(), timeout=WAIT)
    return editor.dialog


def _press(qtbot, editor, previous, role: QMessageBox.ButtonRole) -> QMessageBox:
    """Wait for a new question box and press its button with `role`."""
    qtbot.waitUntil(lambda: editor.prompt is not previous and editor.prompt.isVisible(), timeout=WAIT)
    box = editor.prompt
    button = next(b for b in box.buttons() if box.buttonRole(b) == role)
    text = box.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return box, text


def _settlements(database: Database, name: str):
    with database.read() as session:
        return [row for row in list_settlements(session, include_inactive=True) if row.name == name]


def test_add_settlement_through_the_dialog(qtbot, make_section, sqlite_database, sqlite_world):
    section = make_section(sqlite_world.admin)
    editor = _open(qtbot, section, "settlements")
    dialog = _dialog(qtbot, editor, editor.add_button)
    select_data(dialog.field("district_id"), sqlite_world.district_id)
    type_text(dialog.field("municipality"), "Ручейское МО")
    type_text(dialog.field("name"), "Ручей")
    type_text(dialog.field("distance_km"), "75,5")
    reloads: list[object] = []
    reload = editor.reload
    editor.reload = lambda *args, **kwargs: (reloads.append(args), reload(*args, **kwargs))
    with qtbot.waitSignal(section.context.changes.changed, timeout=WAIT) as saved:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert DICTIONARIES in saved.args[0]
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: any(row.name == "Ручей" for row in editor.model.rows), timeout=WAIT)
    assert editor.current_row().name == "Ручей"  # the new entry is selected
    assert len(reloads) == 1  # one re-read for one announced write
    assert editor.current_row().is_remote
    [stored] = _settlements(sqlite_database, "Ручей")
    assert (stored.district_id, stored.municipality, stored.distance_km) == (sqlite_world.district_id,
                                                                              "Ручейское МО", 75.5)
    # #12: shown as typed, with the decimal comma, whatever the system locale
    row = next(i for i, r in enumerate(editor.model.rows) if r.name == "Ручей")
    column = next(i for i, c in enumerate(editor.model.columns) if "km" in c.header or "км" in c.header)
    assert editor.model.data(editor.model.index(row, column)) == "75,5"


def test_bad_distance_is_shown_by_the_field_and_nothing_is_saved(qtbot, make_section, sqlite_database,
                                                                 sqlite_world):
    section = make_section(sqlite_world.admin)
    editor = _open(qtbot, section, "settlements")
    dialog = _dialog(qtbot, editor, editor.add_button)
    type_text(dialog.field("name"), "Ручей")
    type_text(dialog.field("distance_km"), "5000")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    error = dialog.form.errors["distance_km"]
    qtbot.waitUntil(lambda: error.isVisible(), timeout=WAIT)
    assert "Расстояние" in error.text() and "2000" in error.text()
    assert dialog.isVisible()
    assert _settlements(sqlite_database, "Ручей") == []

    dialog.field("distance_km").clear()
    type_text(dialog.field("distance_km"), "далеко")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: error.isVisible() and "2000" not in error.text(), timeout=WAIT)
    assert dialog.isVisible()
    assert _settlements(sqlite_database, "Ручей") == []


def test_deleting_a_settlement_in_use_offers_deactivation(qtbot, make_section, sqlite_database, sqlite_world):
    with sqlite_database.write() as session:
        family = FamilyData(office_id=sqlite_world.office_id, registered_on=date(2025, 2, 1),
                            district_id=sqlite_world.district_id, settlement_id=sqlite_world.far_settlement_id)
        register_family(session, sqlite_world.specialist, NewFamily(family))
    section = make_section(sqlite_world.admin)
    editor = _open(qtbot, section, "settlements")
    _select(qtbot, editor, lambda row: row.id == sqlite_world.far_settlement_id)

    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    confirm, _text = _press(qtbot, editor, None, QMessageBox.ButtonRole.DestructiveRole)
    _refusal, text = _press(qtbot, editor, confirm, QMessageBox.ButtonRole.AcceptRole)
    assert "уже используется" in text and "семьи" in text

    qtbot.waitUntil(lambda: all(row.id != sqlite_world.far_settlement_id for row in editor.model.rows),
                    timeout=WAIT)
    [stored] = _settlements(sqlite_database, "Дальнее")
    assert stored.active is False
    editor.show_inactive.setChecked(True)
    number = next(n for n, row in enumerate(editor.model.rows) if row.id == sqlite_world.far_settlement_id)
    assert editor.model.data(editor.model.index(number, 0), Qt.ItemDataRole.ForegroundRole) == INACTIVE_INK
    editor.table.selectRow(number)
    assert editor.reactivate_button.isEnabled() and not editor.deactivate_button.isEnabled()


def test_add_staff_member(qtbot, make_section, sqlite_database, sqlite_world):
    section = make_section(sqlite_world.admin)
    editor = _open(qtbot, section, "staff")
    dialog = _dialog(qtbot, editor, editor.add_button)
    type_text(dialog.field("last_name"), "Иванова")
    type_text(dialog.field("first_name"), "Мария")
    type_text(dialog.field("middle_name"), "Петровна")
    position = dialog.field("position_id")
    position.setCurrentIndex(position.findText("Социальный педагог"))
    select_data(dialog.field("office_id"), sqlite_world.office_id)
    type_text(dialog.field("phone"), "+7 (914) 123-45-67")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: any(row.full_name == "Иванова Мария Петровна" for row in editor.model.rows),
                    timeout=WAIT)
    with sqlite_database.read() as session:
        [stored] = [row for row in list_staff(session) if row.last_name == "Иванова"]
    assert (stored.position_name, stored.office_id, stored.phone) == (
        "Социальный педагог", sqlite_world.office_id, "+7 (914) 123-45-67")


def test_rename_family_category(qtbot, make_section, sqlite_database, sqlite_world):
    section = make_section(sqlite_world.admin)
    editor = _open(qtbot, section, "items:family_category")
    _select(qtbot, editor, lambda row: row.code == "large")
    dialog = _dialog(qtbot, editor, editor.edit_button)
    assert dialog.field("code").isReadOnly()
    name = dialog.field("name")
    name.clear()
    type_text(name, "Многодетная семья (трое детей и более)")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: editor.current_row().name == "Многодетная семья (трое детей и более)", timeout=WAIT)
    with sqlite_database.read() as session:
        [stored] = [row for row in list_items(session, "family_category") if row.code == "large"]
    assert stored.name == "Многодетная семья (трое детей и более)"


def test_changes_made_elsewhere_are_reloaded(qtbot, make_section, sqlite_database, sqlite_world):
    section = make_section(sqlite_world.admin)
    editor = _open(qtbot, section, "settlements")
    with sqlite_database.write() as session:
        create_settlement(session, sqlite_world.admin, SettlementData(sqlite_world.other_district_id, "Новое"))
    section.context.changes.announce({DICTIONARIES})  # another window wrote
    qtbot.waitUntil(lambda: any(row.name == "Новое" for row in editor.model.rows), timeout=WAIT)


def test_service_kinds_fixed_by_law_can_only_be_renamed(qtbot, make_section, sqlite_world):
    section = make_section(sqlite_world.admin)
    editor = _open(qtbot, section, "items:service_kind")
    qtbot.waitUntil(lambda: len(editor.model.rows) == 8, timeout=WAIT)
    assert editor.edit_button.isEnabled()
    assert not editor.add_button.isVisible() and not editor.delete_button.isVisible()
    assert not editor.deactivate_button.isVisible()


def test_specialist_sees_read_only_lists(qtbot, make_section, sqlite_world):
    section = make_section(sqlite_world.specialist)
    assert section.read_only_note.isVisible()
    for key in ("settlements", "staff", "services", "items:family_category"):
        editor = _open(qtbot, section, key)
        qtbot.waitUntil(lambda editor=editor: editor.model.rowCount() > 0, timeout=WAIT)
        editor.table.selectRow(0)
        buttons = (editor.add_button, editor.edit_button, editor.delete_button, editor.deactivate_button)
        assert not any(button.isEnabled() for button in buttons), key
        editor.table.doubleClicked.emit(editor.model.index(0, 0))
        assert editor.dialog is None
    organization = _open(qtbot, section, "organization")
    qtbot.waitUntil(lambda: organization.name.text() != "", timeout=WAIT)
    assert organization.name.isReadOnly() and not organization.save_button.isEnabled()
    assert not organization.offices.add_button.isEnabled()
