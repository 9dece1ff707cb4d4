"""The trips screen driven through its widgets on a real SQLite database, offscreen: planning a trip,
writing its route sheet, marking the results."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import shiboken6
from docx import Document
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.core.changes import SESSIONS, TRIPS, VISITS
from app.trips.reads import load_trip
from app.trips.trips import PlannedFamily, plan_trip
from db.models import BrigadeTrip, HomeVisit, RehabSession, SessionParticipant, VisitService
from tests.app.trip_setup import TRIP_DAY, family_living_in, trip_data
from tests.ui.conftest import type_text
from ui import generated_files
from ui.context import UiContext
from ui.trips.list_screen import TripsScreen

WAIT = 20000


@pytest.fixture
def families(sqlite_database, sqlite_world) -> dict:
    with sqlite_database.write() as session:
        near, near_child = family_living_in(sqlite_world, session, "Иванова", sqlite_world.near_settlement_id)
        far, far_child = family_living_in(sqlite_world, session, "Петрова", sqlite_world.far_settlement_id)
        family_living_in(sqlite_world, session, "Сидорова", sqlite_world.other_settlement_id)
    return {"near": near, "far": far, "near_child": near_child, "far_child": far_child}


@pytest.fixture
def screen(qtbot, worker, sqlite_world):
    screen = TripsScreen(UiContext(worker, sqlite_world.specialist))
    qtbot.addWidget(screen)
    screen.resize(1366, 700)
    screen.show()
    qtbot.waitUntil(worker.is_idle, timeout=WAIT)
    return screen


@pytest.fixture
def written(monkeypatch, tmp_path) -> list[Path]:
    """Route sheets go to tmp_path without a folder question; opened files are recorded."""
    opened: list[Path] = []
    monkeypatch.setattr(generated_files, "choose_folder",
                        lambda parent, title, on_chosen: on_chosen(tmp_path / "sheets"))
    monkeypatch.setattr(generated_files, "open_file", opened.append)
    return opened


def _planned_trip(database, world, families) -> object:
    with database.write() as session:
        planned = [PlannedFamily(families["near"], "Логопед"), PlannedFamily(families["far"], "Психолог")]
        return plan_trip(session, world.specialist, trip_data(world, planned)).id


def _announced(screen) -> list:
    """The change flags announced on the screen's context from now on."""
    emitted: list = []
    screen.context.changes.changed.connect(lambda flags, _initiator: emitted.append(flags))
    return emitted


def test_plan_a_trip_through_the_editor(qtbot, screen, worker, sqlite_database, sqlite_world, families, written):
    emitted = _announced(screen)
    editor = screen.plan_trip()
    qtbot.waitUntil(editor.is_loaded, timeout=WAIT)
    assert editor.staff_ids() == [sqlite_world.psychologist_id]  # the user's own record is ticked
    editor.trip_date.clear()
    type_text(editor.trip_date, "16.06.2026")
    editor.vehicle.setEditText("УАЗ «Профи»")
    editor.check_staff([sqlite_world.speech_therapist_id])
    editor.add_settlement(sqlite_world.far_settlement_id)
    editor.add_settlement(sqlite_world.near_settlement_id)
    assert editor.route.item(0).text().startswith("1. Дальнее (Тестовый район, 150 км)")
    editor.route.setCurrentRow(1)
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)  # the near settlement goes first
    assert editor.route_ids() == [sqlite_world.near_settlement_id, sqlite_world.far_settlement_id]
    qtbot.waitUntil(lambda: editor.families.rowCount() == 2 and editor.is_loaded(), timeout=WAIT)
    titles = [editor.families.item(row, 1).text() for row in range(2)]
    assert titles == ["Иванова Мария", "Петрова Мария"]
    assert editor.families.item(0, 3).text() == "Посещений ещё не было"
    editor.set_family(families["near"], True, "Консультация логопеда")
    editor.set_family(families["far"], True)
    home_visit = editor.tr("Home visit")
    assert list(editor.planned) == [families["near"], families["far"]]
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or not editor.isVisible(), timeout=WAIT)
    assert emitted == [frozenset({TRIPS})]
    with sqlite_database.read() as session:
        trip_id = session.execute(select(BrigadeTrip.id)).scalar_one()
        card = load_trip(session, sqlite_world.coordinator, trip_id)
    assert card.data.trip_date == TRIP_DAY
    assert card.data.vehicle == "УАЗ «Профи»"
    assert set(card.data.staff_ids) == {sqlite_world.psychologist_id, sqlite_world.speech_therapist_id}
    assert card.data.settlement_ids == [sqlite_world.near_settlement_id, sqlite_world.far_settlement_id]
    assert [(f.family_title, f.planned_work) for f in card.families] == [
        ("Иванова Мария", "Консультация логопеда"), ("Петрова Мария", home_visit)]
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=WAIT)
    assert screen.model.rows[0].route == "Центральный → Дальнее"


def test_editor_shows_refusals_and_keeps_the_dialog_open(qtbot, screen, sqlite_database, families):
    editor = screen.plan_trip()
    qtbot.waitUntil(editor.is_loaded, timeout=WAIT)
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.errors.message("settlement_ids") != "", timeout=WAIT)
    assert "хотя бы один населённый пункт" in editor.errors.message("settlement_ids")
    assert editor.isVisible()
    with sqlite_database.read() as session:
        assert session.execute(select(BrigadeTrip.id)).all() == []


def test_route_sheet_buttons_write_docx_and_pdf(qtbot, screen, worker, sqlite_database, sqlite_world, families,
                                                written, tmp_path):
    trip_id = _planned_trip(sqlite_database, sqlite_world, families)
    screen.refresh()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1 and worker.is_idle(), timeout=WAIT)
    assert screen.sheet_button.isEnabled()
    qtbot.mouseClick(screen.sheet_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(written) == 1, timeout=WAIT)
    folder = tmp_path / "sheets"
    docx, pdf = sorted(folder.iterdir())
    assert (docx.suffix, pdf.suffix) == (".docx", ".pdf") and written == [pdf]
    text = "\n".join(cell.text for table in Document(str(docx)).tables for row in table.rows for cell in row.cells)
    assert "Иванова Мария" in text and "Психолог" in text
    pdf_text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Петрова Мария" in pdf_text and "Маршрутный лист" in pdf_text

    # The editor's button saves the trip first, then writes the sheet again.
    for path in folder.iterdir():
        path.unlink()
    editor = screen._open_editor(trip_id)
    qtbot.waitUntil(editor.is_loaded, timeout=WAIT)
    editor.notes.setText("Взять раздаточный материал")
    qtbot.mouseClick(editor.sheet_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(written) == 2, timeout=WAIT)
    assert editor.isVisible()
    assert "Взять раздаточный материал" in "\n".join(
        p.text for p in Document(str(folder / written[1].with_suffix(".docx").name)).paragraphs)
    editor.reject()


def test_completion_marks_families_and_creates_visits_and_sessions(qtbot, screen, worker, sqlite_database,
                                                                   sqlite_world, families):
    _planned_trip(sqlite_database, sqlite_world, families)
    emitted = _announced(screen)
    screen.refresh()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1 and worker.is_idle(), timeout=WAIT)
    assert screen.complete_button.isEnabled()
    qtbot.mouseClick(screen.complete_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialogs[-1]
    qtbot.waitUntil(dialog.is_loaded, timeout=WAIT)
    near, far = dialog.panels
    assert near.family.family_title == "Иванова Мария" and near.purpose.text() == "Логопед"
    type_text(near.result, "Проведена консультация")
    near.findings.setPlainText("Условия удовлетворительные")
    near.add_service()  # nothing chosen yet («— выберите услугу —»): nothing is added
    assert near.services.count() == 0
    picker = near.service_picker
    picker.setCurrentIndex(next(i for i in range(picker.count()) if picker.itemData(i) is not None))
    near.add_service()
    session_row = near.add_session()
    assert session_row.child.currentText() == "Иванова Ира"
    far.done.setChecked(False)
    assert not far.details.isEnabled()
    type_text(far.result, "Семьи не было дома")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=WAIT)
    assert emitted == [frozenset({TRIPS, VISITS, SESSIONS})]
    with sqlite_database.read() as session:
        assert session.execute(select(BrigadeTrip.status)).scalar_one() == "done"
        visit = session.execute(select(HomeVisit.family_id, HomeVisit.purpose, HomeVisit.conclusions)).one()
        services = session.execute(select(VisitService.id)).all()
        sessions = session.execute(select(RehabSession.starts_at)).scalars().all()
        child = session.execute(select(SessionParticipant.person_id)).scalar_one()
    assert tuple(visit) == (families["near"], "Логопед", "Условия удовлетворительные")
    assert len(services) == 1
    assert [s.date() for s in sessions] == [TRIP_DAY] and child == families["near_child"]
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1 and screen.model.rows[0].status == "done",
                    timeout=WAIT)
    assert not screen.complete_button.isEnabled()


def test_completion_errors_stay_on_the_screen(qtbot, screen, worker, sqlite_database, sqlite_world, families):
    _planned_trip(sqlite_database, sqlite_world, families)
    screen.refresh()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1 and worker.is_idle(), timeout=WAIT)
    dialog = screen.complete_current()
    qtbot.waitUntil(dialog.is_loaded, timeout=WAIT)
    dialog.panels[1].done.setChecked(False)  # not done, and no reason given
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.message("outcomes.1.result") != "", timeout=WAIT)
    assert "почему" in dialog.errors.message("outcomes.1.result")
    assert dialog.isVisible()
    with sqlite_database.read() as session:
        assert session.execute(select(BrigadeTrip.status)).scalar_one() == "planned"
