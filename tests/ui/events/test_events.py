"""Events: the list section and the event window driven through their widgets, offscreen, on SQLite."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import shiboken6
from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.core.changes import EVENTS
from app.events.events import EventData, EventParticipant, create_event, event_files, list_events, load_event
from app.registry.families import FamilyData, MemberData, NewFamily, register_family
from app.registry.persons import PersonData
from tests.ui.conftest import type_text
from ui.context import UiContext
from ui.events import EventEditor, EventsScreen, open_event
from ui.forms import find_data
from ui.worker import DatabaseWorker

WAIT = 20000


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("OPORA_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def opened(monkeypatch) -> list[Path]:
    """Files the windows asked the desktop to open (nothing is launched in tests)."""
    paths: list[Path] = []
    monkeypatch.setattr("ui.events.editor.open_path", paths.append)
    monkeypatch.setattr("ui.events.files.open_path", paths.append)
    return paths


@pytest.fixture
def context(sqlite_database, sqlite_world):
    errors: list[BaseException] = []
    worker = DatabaseWorker(sqlite_database, errors.append)
    yield UiContext(worker, sqlite_world.specialist)
    worker.stop()
    assert errors == []


@pytest.fixture
def windows():
    opened: list[EventEditor] = []
    yield opened
    for window in opened:
        if shiboken6.isValid(window):
            window.discard_confirmed = True
            window.close()


def _code(database, world, kind, code):
    with database.read() as session:
        return world.code(session, kind, code)


def _family(database, world, last_name: str):
    with database.write() as session:
        member = MemberData(world.code(session, "member_role", "mother"), True,
                            person=PersonData(last_name, "Ольга", "Ивановна", "F", date(1990, 1, 1)))
        data = FamilyData(world.office_id, date(2025, 1, 15), world.district_id, world.near_settlement_id)
        return register_family(session, world.specialist, NewFamily(data, [member])).id


def _event(database, world, **overrides):
    with database.write() as session:
        values = dict(
            office_id=world.office_id, type_id=world.code(session, "event_type", "seminar"),
            title="Семинар «Ранняя помощь в семье»", starts_on=date(2026, 3, 10),
            place="Конференц-зал центра", format_id=world.code(session, "event_format", "mixed"),
            organisers="ГБУ «Тестовый центр»", partners="Министерство социального развития",
            specialists_count=40, parents_count=11, in_person_count=31, online_count=20, districts_count=31,
            notes="Обсуждались практики ранней помощи.", resolution="Распространить опыт.",
        )
        values.update(overrides)
        return create_event(session, world.specialist, EventData(**values)).id


def _window(qtbot, context, windows, event_id=None) -> EventEditor:
    window = EventEditor(context, event_id)
    windows.append(window)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.is_loaded, timeout=WAIT)
    return window


def _choose(combo, value) -> None:
    combo.setCurrentIndex(find_data(combo, value))
    combo.activated.emit(combo.currentIndex())


def test_create_event_through_the_editor(qtbot, context, windows, sqlite_database, sqlite_world):
    family_id = _family(sqlite_database, sqlite_world, "Ёлкина")
    window = _window(qtbot, context, windows)
    assert window.office_combo.currentData() == sqlite_world.office_id
    assert not window.note_button.isEnabled()  # nothing to summarise before the first save
    _choose(window.type_combo, _code(sqlite_database, sqlite_world, "event_type", "round_table"))
    _choose(window.format_combo, _code(sqlite_database, sqlite_world, "event_format", "mixed"))
    type_text(window.title_edit, "Круглый стол «Семья и школа»")
    window.starts_on.clear()
    type_text(window.starts_on, "15.05.2026")
    type_text(window.ends_on, "14.05.2026")
    type_text(window.place, "Актовый зал")
    type_text(window.partners, "Управление образования")

    spins = window.participants.spins
    spins["specialists_count"].setValue(12)
    spins["parents_count"].setValue(9)
    spins["in_person_count"].setValue(15)
    spins["online_count"].setValue(5)
    assert not window.participants.counts_ok()
    assert "20" in window.participants.check_label.text() and "21" in window.participants.check_label.text()
    spins["online_count"].setValue(6)
    assert window.participants.counts_ok()
    assert window.participants.total_label.text().endswith("21")

    window.participants.add_button.click()
    picker = window.participants.picker
    type_text(picker.search, "елкина")  # ё and е match
    qtbot.waitUntil(lambda: picker.results.count() == 1 and "Ёлкина" in picker.results.item(0).text(),
                    timeout=WAIT)
    picker.results.item(0).setSelected(True)
    picker.accept()
    assert window.participants.table.rowCount() == 1
    window.participants.set_attended(0, True)
    assert window.participants.participants == [EventParticipant(family_id, None, True)]

    assert window.save_button.isEnabled()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=WAIT)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(window.errors.message("ends_on")), timeout=WAIT)
    assert "Дата окончания" in window.errors.message("ends_on")
    assert window.event_id is None and window.tabs.currentIndex() == 0

    window.ends_on.clear()
    type_text(window.ends_on, "16.05.2026")
    with qtbot.waitSignal(context.changes.changed, timeout=WAIT) as saved:
        window.save_button.click()
    assert saved.args[0] == frozenset({EVENTS})
    assert window.event_id is not None
    qtbot.waitUntil(lambda: not window.dirty and window.note_button.isEnabled(), timeout=WAIT)
    with sqlite_database.read() as session:
        data = load_event(session, sqlite_world.coordinator, window.event_id)
    assert (data.title, data.starts_on, data.ends_on) == ("Круглый стол «Семья и школа»", date(2026, 5, 15),
                                                          date(2026, 5, 16))
    assert (data.specialists_count, data.parents_count, data.in_person_count, data.online_count) == (12, 9, 15, 6)
    assert data.partners == "Управление образования" and data.families == [EventParticipant(family_id, None, True)]


def test_attach_open_and_remove_a_file(qtbot, context, windows, sqlite_database, sqlite_world, data_dir, opened,
                                       tmp_path):
    event_id = _event(sqlite_database, sqlite_world)
    source = tmp_path / "Программа семинара.pdf"
    source.write_bytes(b"%PDF-1.4 programme")
    window = _window(qtbot, context, windows, event_id)
    assert window.tabs.isTabEnabled(window.tabs.indexOf(window.files))
    window.tabs.setCurrentWidget(window.files)
    window.files.add_button.click()
    dialog = window.files.file_dialog
    dialog.selectFile(str(source))
    with qtbot.waitSignal(context.changes.changed, timeout=WAIT):
        dialog.accept()
    qtbot.waitUntil(lambda: window.files.table.rowCount() == 1, timeout=WAIT)
    assert window.files.table.item(0, 0).text() == "Программа семинара.pdf"
    with sqlite_database.read() as session:
        stored = event_files(session, event_id)
    assert len(stored) == 1
    copy = data_dir / "attachments" / stored[0].stored_name
    assert copy.read_bytes() == source.read_bytes() and copy.suffix == ".pdf"

    window.files.table.selectRow(0)
    window.files.open_button.click()
    assert opened == [copy]

    # A program renamed to .pdf that got in before attachments were checked (#15): not handed to the desktop.
    copy.write_bytes(b"MZ\x90\x00 renamed program")
    window.files.open_button.click()
    assert opened == [copy]
    assert "программа" in window.files.error.text()

    window.files.remove_selected()
    box = window.files.findChild(QMessageBox, "question")
    remove = next(b for b in box.buttons() if b.text() in ("Remove", "Удалить"))
    with qtbot.waitSignal(context.changes.changed, timeout=WAIT):
        remove.click()
    qtbot.waitUntil(lambda: window.files.table.rowCount() == 0, timeout=WAIT)
    assert not copy.exists()


def test_information_note_button_writes_a_docx(qtbot, context, windows, sqlite_database, sqlite_world, opened,
                                               tmp_path):
    first = _family(sqlite_database, sqlite_world, "Петрова")
    event_id = _event(sqlite_database, sqlite_world, families=[EventParticipant(first, None, True)])
    window = _window(qtbot, context, windows, event_id)
    assert window.note_button.isEnabled()
    window.note_button.click()
    dialog = window.note_dialog
    assert dialog.selectedFiles()[0].endswith("Справка 10.03.2026 Семинар Ранняя помощь в семье.docx")
    target = tmp_path / "out" / "справка.docx"
    target.parent.mkdir()
    dialog.selectFile(str(target))
    dialog.accept()
    qtbot.waitUntil(lambda: window.last_note is not None, timeout=WAIT)
    assert opened == [target]
    document = Document(str(target))
    text = "\n".join([p.text.replace("\xa0", " ") for p in document.paragraphs]
                     + [c.text.replace("\xa0", " ") for t in document.tables for r in t.rows for c in r.cells])
    assert "ИНФОРМАЦИОННАЯ СПРАВКА" in text
    assert "10 марта 2026 г. прошёл семинар «Ранняя помощь в семье»" in text  # the type said once
    assert "о мероприятии «Семинар „Ранняя помощь в семье“»" in text
    assert "В мероприятии принял участие 51 человек из 31 муниципального образования" in text
    assert "Очно — 31 человек, в режиме онлайн — 20 человек." in text
    assert "Министерство социального развития" in text and "Конференц-зал центра" in text
    assert "Петрова" not in text


def test_section_lists_filters_and_opens_events(qtbot, context, windows, sqlite_database, sqlite_world):
    year = date.today().year
    _event(sqlite_database, sqlite_world, title="Семинар весной", starts_on=date(year, 3, 10))
    _event(sqlite_database, sqlite_world, title="Клуб для родителей", starts_on=date(year, 4, 2),
           type_id=_code(sqlite_database, sqlite_world, "event_type", "parent_club"), specialists_count=2,
           parents_count=10, in_person_count=12, online_count=0, districts_count=1)
    section = EventsScreen(context)
    qtbot.addWidget(section)
    section.resize(1100, 600)
    section.show()
    qtbot.waitUntil(lambda: section.model.rowCount() == 2, timeout=WAIT)
    assert section.count_label.text() in ("Events: 2, participants: 63", "Мероприятий: 2, участников: 63")
    assert section.model.rows[0].title == "Клуб для родителей"  # newest first

    club = _code(sqlite_database, sqlite_world, "event_type", "parent_club")
    section.type_combo.setCurrentIndex(find_data(section.type_combo, club))
    qtbot.waitUntil(lambda: section.model.rowCount() == 1, timeout=WAIT)
    section.type_combo.setCurrentIndex(0)
    section.date_from.set_value(date(year, 4, 1))
    section.refresh()
    qtbot.waitUntil(lambda: section.model.rowCount() == 1, timeout=WAIT)
    section.date_to.set_value(date(year, 3, 1))
    section.refresh()
    assert section.period_error.text()

    section.date_from.set_value(date(year, 1, 1))
    section.date_to.set_value(date(year, 12, 31))
    section.refresh()
    qtbot.waitUntil(lambda: section.model.rowCount() == 2, timeout=WAIT)
    section.table.selectRow(1)
    section.open_current()
    window = section.last_window
    windows.append(window)
    qtbot.waitUntil(window.is_loaded, timeout=WAIT)
    assert window.title_edit.text() == "Семинар весной"
    assert open_event(context, window.event_id) is window  # one window per event

    window.title_edit.setText("Семинар весной (итоги)")
    window.mark_dirty()
    with qtbot.waitSignal(context.changes.changed, timeout=WAIT):
        window.save()
    qtbot.waitUntil(lambda: any(r.title == "Семинар весной (итоги)" for r in section.model.rows), timeout=WAIT)

    section.table.selectRow(0)
    section.delete_current()
    box = section.findChild(QMessageBox, "question")
    delete = next(b for b in box.buttons() if b.text() in ("Delete", "Удалить"))
    with qtbot.waitSignal(context.changes.changed, timeout=WAIT):
        delete.click()
    qtbot.waitUntil(lambda: section.model.rowCount() == 1, timeout=WAIT)
    with sqlite_database.read() as session:
        events = list_events(session, sqlite_world.coordinator, date(year, 1, 1), date(year, 12, 31))
        assert [r.title for r in events] == [
            "Семинар весной (итоги)"]
