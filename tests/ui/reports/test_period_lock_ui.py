"""The period lock on the Reports screen and in an editor: a coordinator marks the built quarter as submitted (after
a question), a visit of it then opens read-only in the visit editor with the banner saying why, an administrator
reopens the period with a reason, and «Compare with submitted…» shows the figure that changed and the record."""

from __future__ import annotations

from datetime import date

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from app.periods.lock import list_submissions
from app.visits.visits import VisitData, create_visit
from db.models import AuditEntry
from tests.app.family_setup import mother_and_child
from tests.ui.conftest import type_text
from ui.context import UiContext
from ui.reports.period_lock import CompareDialog, ReopenPeriodDialog
from ui.reports.section import ReportsSection
from ui.visits.editor import open_visit
from ui.worker import DatabaseWorker

WAIT = 20000
DAY = date(2026, 8, 12)


def _visit(database, world, family, day: date):
    with database.write() as session:
        return create_visit(session, world.specialist, VisitData(
            family_id=family.id, visit_date=day, staff_ids=[world.psychologist_id], purpose="Плановый патронаж",
            delivery_mode_id=world.code(session, "delivery_mode", "family_home"))).id


@pytest.fixture
def contexts(sqlite_database, sqlite_world):
    errors: list[BaseException] = []
    worker = DatabaseWorker(sqlite_database, errors.append)
    yield {role: UiContext(worker, actor) for role, actor in (
        ("coordinator", sqlite_world.coordinator), ("admin", sqlite_world.admin),
        ("specialist", sqlite_world.specialist))}
    worker.stop()
    assert errors == []


def _section(qtbot, context) -> ReportsSection:
    section = ReportsSection(context)
    qtbot.addWidget(section)
    section.resize(1366, 768)
    section.show()
    qtbot.waitUntil(lambda: section.offices.count() == 1, timeout=WAIT)
    section.kinds.setCurrentRow(0)
    section.period.set_state("quarter", 2026, 3)
    section.show_button.click()
    qtbot.waitUntil(lambda: section.built is not None and section.lock_bar.isVisible(), timeout=WAIT)
    return section


def _question() -> QMessageBox:
    [box] = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and shiboken6.isValid(w) and w.isVisible()]
    return box


def test_submit_refuse_in_the_editor_reopen_and_compare(qtbot, contexts, sqlite_database, sqlite_world):
    family = mother_and_child(sqlite_database, sqlite_world)
    visit_id = _visit(sqlite_database, sqlite_world, family, DAY)
    section = _section(qtbot, contexts["coordinator"])
    bar = section.lock_bar
    qtbot.waitUntil(lambda: bar.submit_button.isEnabled(), timeout=WAIT)
    assert not bar.reopen_button.isVisible() and not bar.compare_button.isEnabled()
    bar.submit_button.click()
    box = _question()
    [yes] = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
    yes.click()
    qtbot.waitUntil(lambda: bar.locked() is not None, timeout=WAIT)
    assert "III квартал 2026 г. сдан" in bar.state.text() and "только для чтения" in bar.state.text()
    assert not bar.submit_button.isEnabled() and bar.compare_button.isEnabled()

    # The specialist's visit editor opens the visit read-only with the banner saying why (the guard refusing a
    # write that gets past it is tested in tests/app/periods).
    editor = open_visit(contexts["specialist"], visit_id)  # deletes itself on close: not given to qtbot
    qtbot.waitUntil(editor.is_loaded, timeout=WAIT)
    assert editor.period_lock.banner.isVisible()
    assert editor.period_lock.banner.text().startswith("Период III квартал 2026 сдан")
    type_text(editor.purpose, " и консультация")
    assert editor.purpose.text() == "Плановый патронаж" and not editor.dirty
    assert not editor.save_button.isEnabled()
    editor.close()

    # The administrator reopens it with a reason; the reopen dialog opens, closes and opens again.
    admin = _section(qtbot, contexts["admin"])
    qtbot.waitUntil(lambda: admin.lock_bar.reopen_button.isEnabled(), timeout=WAIT)
    assert not admin.lock_bar.submit_button.isVisible()
    for _round in range(2):
        admin.lock_bar.reopen_button.click()
        dialog = admin.lock_bar.dialog
        assert isinstance(dialog, ReopenPeriodDialog) and dialog.isVisible()
        dialog.reject()
    admin.lock_bar.reopen_button.click()
    dialog = admin.lock_bar.dialog
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(dialog.errors.message("reason")), timeout=WAIT)
    type_text(dialog.reason, "Ошибка в дате визита")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: admin.lock_bar.locked() is None and bool(admin.lock_bar.rows), timeout=WAIT)
    assert "открыт" in admin.lock_bar.state.text() and "Ошибка в дате визита" in admin.lock_bar.state.text()
    bar.refresh()  # another user's screen reads the state again when shown or refreshed
    qtbot.waitUntil(lambda: bar.locked() is None, timeout=WAIT)
    assert bar.submit_button.isEnabled()
    with sqlite_database.read() as session:
        assert session.execute(select(AuditEntry.action).where(AuditEntry.entity == "period_submission")
                               .order_by(AuditEntry.id)).scalars().all() == ["submit", "reopen"]
        assert list_submissions(session, sqlite_world.admin)[0].reopen_reason == "Ошибка в дате визита"

    _visit(sqlite_database, sqlite_world, family, date(2026, 9, 2))
    for _round in range(2):
        admin.lock_bar.compare_button.click()
        qtbot.waitUntil(lambda: isinstance(admin.lock_bar.dialog, CompareDialog), timeout=WAIT)
        compare = admin.lock_bar.dialog
        labels = [row.label for row in compare.figures.rows]
        assert "Визиты и выезды · визитов на дом" in labels
        assert [(row.what, row.day) for row in compare.records.rows] == [("Визит", date(2026, 9, 2))]
        compare.reject()
        qtbot.waitUntil(lambda: admin.lock_bar.dialog is None, timeout=WAIT)

