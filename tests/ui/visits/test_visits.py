"""The home visits journal and editor: filters, typing a new visit, field messages, the act, deleting."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import shiboken6
from docx import Document
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import event

from app.core.changes import VISITS
from app.registry.families import FamilyData, MemberData, NewFamily, register_family
from app.registry.persons import PersonData
from app.visits.visits import VisitData, create_visit, list_visits, load_visit
from tests.ui.conftest import type_text
from ui import generated_files
from ui.context import UiContext
from ui.visits import VisitsScreen
from ui.visits.editor import VisitEditor
from ui.worker import DatabaseWorker

TODAY = date.today()
RECENT = TODAY - timedelta(days=10)
OLD = TODAY - timedelta(days=400)


def _family(session, world, last: str, first: str, middle: str, settlement, district) -> object:
    role = {code: world.code(session, "member_role", code) for code in ("mother", "child")}
    data = NewFamily(FamilyData(world.office_id, date(2024, 1, 10), district_id=district, settlement_id=settlement,
                                street="ул. Лесная", house="5"), [
        MemberData(role["mother"], True, person=PersonData(last, first, middle, "F", date(1990, 2, 3))),
        MemberData(role["child"], False, person=PersonData(last[:-1], "Артём", None, "M", date(2019, 5, 6))),
    ])
    return register_family(session, world.specialist, data).id


def _visit(session, world, family_id, day, staff_id, purpose) -> object:
    return create_visit(session, world.specialist, VisitData(
        family_id=family_id, visit_date=day, staff_ids=[staff_id], purpose=purpose,
        delivery_mode_id=world.code(session, "delivery_mode", "family_home"),
        housing="Квартира благоустроенная", conclusions="Условия удовлетворительные",
        next_visit_on=day + timedelta(days=30))).id


@pytest.fixture
def setup(sqlite_database, sqlite_world, tmp_path):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
    world = sqlite_world
    with sqlite_database.write() as session:
        korolyova = _family(session, world, "Королёва", "Мария", "Петровна", world.far_settlement_id,
                            world.district_id)
        sidorova = _family(session, world, "Сидорова", "Анна", "Ивановна", world.other_settlement_id,
                           world.other_district_id)
        _visit(session, world, korolyova, RECENT, world.psychologist_id, "Плановый патронаж")
        _visit(session, world, sidorova, OLD, world.speech_therapist_id, "Обследование условий жизни")
    return {"korolyova": korolyova, "sidorova": sidorova}


@pytest.fixture
def screen(qtbot, sqlite_database, sqlite_world, setup):
    errors: list[BaseException] = []
    worker = DatabaseWorker(sqlite_database, errors.append)
    context = UiContext(worker, sqlite_world.specialist)
    widget = VisitsScreen(context)
    widget.changes_seen = []  # every change announced on the context's bus, whoever made it
    context.changes.changed.connect(lambda flags, _initiator: widget.changes_seen.append(flags))
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 1 and widget.staff.count() > 1, timeout=20000)
    yield widget
    worker.stop()
    assert errors == []


def _families(screen) -> list[str]:
    return [row.family_title for row in screen.model.rows]


def _wait_rows(qtbot, screen, expected: list[str]) -> None:
    qtbot.waitUntil(lambda: not screen.model.fetching and _families(screen) == expected, timeout=5000)


def _editor(qtbot, editor: VisitEditor, keep: bool = True) -> VisitEditor:
    if keep:  # qtbot closes it at the end (an editor that closes itself is deleted and must not be added)
        qtbot.addWidget(editor)
    qtbot.waitUntil(editor.is_loaded, timeout=10000)
    return editor


def _choose_family(qtbot, picker, surname: str) -> None:
    type_text(picker, surname)
    qtbot.waitUntil(lambda: bool(picker.matches), timeout=5000)
    picker.choose(0)


def test_list_filters_by_period_specialist_district_and_family(qtbot, screen, sqlite_world):
    assert _families(screen) == ["Королёва Мария Петровна"]  # the default period is the last quarter
    screen.date_from.clear()
    screen.apply_filters()
    _wait_rows(qtbot, screen, ["Королёва Мария Петровна", "Сидорова Анна Ивановна"])
    assert "2" in screen.count_label.text()
    screen.staff.setCurrentIndex(next(i for i in range(screen.staff.count())
                                      if screen.staff.itemData(i) == sqlite_world.speech_therapist_id))
    _wait_rows(qtbot, screen, ["Сидорова Анна Ивановна"])
    screen.staff.setCurrentIndex(0)
    screen.district.setCurrentIndex(screen.district.findText("Тестовый район"))
    _wait_rows(qtbot, screen, ["Королёва Мария Петровна"])
    screen.district.setCurrentIndex(0)
    _choose_family(qtbot, screen.family, "сидор")
    _wait_rows(qtbot, screen, ["Сидорова Анна Ивановна"])
    type_text(screen.date_to, (OLD - timedelta(days=1)).strftime("%d.%m.%Y"))
    screen.apply_filters()
    _wait_rows(qtbot, screen, [])
    screen.date_to.setText("31.02.2026")
    screen.apply_filters()
    assert "dd.mm.yyyy" in screen.errors.message("date_to") or "ДД.ММ.ГГГГ" in screen.errors.message("date_to")
    screen.reset_button.click()
    _wait_rows(qtbot, screen, ["Королёва Мария Петровна"])


def test_new_visit_is_typed_in_and_saved(qtbot, screen, sqlite_database, sqlite_world, setup):
    editor = _editor(qtbot, screen.new_visit())
    assert editor.checked_staff() == [sqlite_world.psychologist_id]  # the user's own employee record
    _choose_family(qtbot, editor.family, "Королёва Мар")
    assert editor.family.family_id == setup["korolyova"]
    editor.visit_date.clear()
    type_text(editor.visit_date, (TODAY - timedelta(days=1)).strftime("%d.%m.%Y"))
    type_text(editor.purpose, "Контроль выполнения рекомендаций")
    editor.set_staff_checked(sqlite_world.speech_therapist_id)
    type_text(editor.findings["housing"], "Частный дом, печное отопление")
    type_text(editor.findings["recommendations"], "Оформить ИПРА")
    qtbot.waitUntil(lambda: len(editor.members) == 2, timeout=5000)
    editor.add_service_button.click()
    service = editor.services.cellWidget(0, 0)
    # The first service, not index 1: that is the first kind's heading now.
    service.setCurrentIndex(next(i for i in range(service.count()) if service.itemData(i) is not None))
    person = editor.services.cellWidget(0, 1)
    person.setCurrentIndex(person.findText("Артём", Qt.MatchFlag.MatchContains))
    editor.services.cellWidget(0, 2).setValue(2)
    assert editor.dirty
    editor.save_button.click()
    qtbot.waitUntil(lambda: editor.visit_id is not None and not editor.busy, timeout=10000)
    with sqlite_database.read() as session:
        data = load_visit(session, sqlite_world.coordinator, editor.visit_id)
    assert data.family_id == setup["korolyova"]
    assert data.visit_date == TODAY - timedelta(days=1)
    assert data.purpose == "Контроль выполнения рекомендаций"
    assert set(data.staff_ids) == {sqlite_world.psychologist_id, sqlite_world.speech_therapist_id}
    assert data.housing == "Частный дом, печное отопление"
    assert data.recommendations == "Оформить ИПРА"
    assert [(s.service_id, s.quantity) for s in data.services] == [(service.currentData(), 2)]
    assert data.services[0].person_id is not None
    assert not editor.dirty
    assert VISITS in screen.changes_seen[-1]
    _wait_rows(qtbot, screen, ["Королёва Мария Петровна", "Королёва Мария Петровна"])


def test_validation_messages_appear_next_to_fields(qtbot, screen, sqlite_database, sqlite_world):
    editor = _editor(qtbot, screen.new_visit())
    editor.add_service_button.click()  # a row without a service
    editor.next_visit.setText("01.01.2000")
    editor.save_button.click()
    qtbot.waitUntil(lambda: bool(editor.error_text("purpose")), timeout=10000)
    assert "«Цель посещения»" in editor.error_text("purpose")
    assert "«Семья»" in editor.error_text("family_id")
    assert "позже даты посещения" in editor.error_text("next_visit_on")
    assert "«Услуга»" in editor.error_text("services")
    assert editor.visit_id is None and editor.dirty
    type_text(editor.purpose, "x")
    assert editor.error_text("purpose") == ""  # editing the field hides its message
    with sqlite_database.read() as session:
        assert len(list_visits(session, sqlite_world.coordinator)) == 2
    editor.visit_date.setText("32.13.2026")
    editor.save_button.click()
    assert editor.error_text("visit_date")  # unreadable dates are caught before the worker


@pytest.fixture
def act_folder(monkeypatch, tmp_path):
    opened: list = []
    folder = tmp_path / "acts"
    monkeypatch.setattr(generated_files, "choose_folder", lambda parent, title, on_chosen: on_chosen(folder))
    monkeypatch.setattr(generated_files, "open_file", opened.append)
    return opened


def _docx_text(path) -> str:
    document = Document(str(path))
    parts = [paragraph.text.replace("\xa0", " ") for paragraph in document.paragraphs]
    parts += [cell.text.replace("\xa0", " ") for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_make_act_from_the_list_writes_the_docx(qtbot, screen, act_folder):
    screen.table.selectRow(0)
    screen.act_button.click()
    qtbot.waitUntil(lambda: bool(act_folder), timeout=10000)
    text = _docx_text(act_folder[0])
    assert "семьи Королёвой Марии Петровны" in text
    assert f"Дата обследования: {RECENT.strftime('%d.%m.%Y')}" in text
    assert "Квартира благоустроенная" in text and "Условия удовлетворительные" in text
    assert "О.И. Смирнова" in text
    assert str(act_folder[0]) in screen.status.text()


def test_make_act_from_the_editor_saves_changes_first(qtbot, screen, sqlite_database, act_folder, sqlite_world):
    screen.table.selectRow(0)
    editor = _editor(qtbot, screen.open_current())
    assert editor.family.family_id is not None and editor.purpose.text() == "Плановый патронаж"
    editor.findings["children_condition"].setPlainText("Ребёнок опрятен, посещает детский сад")
    assert editor.dirty
    editor.act_button.click()
    qtbot.waitUntil(lambda: bool(act_folder), timeout=10000)
    with sqlite_database.read() as session:
        saved = load_visit(session, sqlite_world.coordinator, editor.visit_id)
        assert saved.children_condition == "Ребёнок опрятен, посещает детский сад"
    text = _docx_text(act_folder[0])
    assert "Ребёнок опрятен, посещает детский сад" in text
    assert "семьи Королёвой Марии Петровны" in text


def test_delete_asks_and_removes_the_visit(qtbot, screen, sqlite_database, sqlite_world):
    screen.table.selectRow(0)
    box = screen.delete_current()
    cancel = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole)
    cancel.click()
    qtbot.wait(50)
    assert _families(screen) == ["Королёва Мария Петровна"]
    screen.table.selectRow(0)
    box = screen.delete_current()
    delete = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    delete.click()
    _wait_rows(qtbot, screen, [])
    with sqlite_database.read() as session:
        assert len(list_visits(session, sqlite_world.coordinator)) == 1
    assert VISITS in screen.changes_seen[-1]


def test_deleting_a_visit_reads_the_list_page_once(qtbot, screen):
    """The deletion is announced once and the journal re-reads its page once: no second refresh of its
    own after the write, no relay through a section or the main window."""
    pages: list[str] = []

    def count(_conn, _cursor, statement, _parameters, _context, _executemany) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "FROM home_visits JOIN families" in statement:
            pages.append(statement)

    engine = screen.context.worker.database.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        screen.table.selectRow(0)
        box = screen.delete_current()
        delete = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
        delete.click()
        _wait_rows(qtbot, screen, [])
        qtbot.waitUntil(screen.context.worker.is_idle, timeout=5000)
        qtbot.wait(300)  # a second refresh, if any, would be queued by now
        qtbot.waitUntil(screen.context.worker.is_idle, timeout=5000)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(pages) == 1, pages
    assert screen.changes_seen == [frozenset({VISITS})]


def test_unsaved_editor_asks_before_closing(qtbot, screen):
    screen.table.selectRow(0)
    editor = _editor(qtbot, screen.open_current(), keep=False)
    type_text(editor.purpose, " и консультация")
    editor.close()
    assert editor.isVisible()
    box = editor.findChild(QMessageBox, "question")
    assert box is not None and box.isVisible()
    save = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    save.click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or not editor.isVisible(), timeout=10000)
    _wait_rows(qtbot, screen, ["Королёва Мария Петровна"])
    assert screen.model.rows[0].purpose == "Плановый патронаж и консультация"


def test_open_visit_brings_an_open_editor_to_the_front(qtbot, screen):
    screen.table.selectRow(0)
    first = _editor(qtbot, screen.open_current())
    assert screen.open_current() is first
