"""A family card opened on a database that cannot be written (#15 «reading works on a read-only database»): the card
shows the family, no error box, and a notice says the view could not go into the audit log and is noted on this
computer; closed and opened again, the same. Read-only as on a read-only disk or folder (a tmpfs remounted ro; needs
root) and in the app's own read-only mode, which every machine can run. On a writable database no notice shows."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from sqlalchemy import func, select

from app.system.view_audit import pending_count
from db.models import AuditEntry, Family
from ui.context import UiContext
from ui.families.card import FamilyCardWindow
from ui.worker import DatabaseWorker

WAIT = 20000


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("OPORA_DATA_DIR", str(folder))
    return folder


def _open(qtbot, worker: DatabaseWorker, actor, family_id) -> FamilyCardWindow:
    card = FamilyCardWindow(UiContext(worker, actor), family_id)
    card.show()
    qtbot.waitUntil(lambda: card.is_loaded() and not card.audit_notice.isHidden(), timeout=WAIT)
    return card


def test_a_card_opens_on_a_read_only_database_and_says_the_view_waits(qtbot, read_only, sqlite_world, monkeypatch):
    shown: list[BaseException] = []
    monkeypatch.setattr("ui.families.card.show_error", lambda _parent, error: shown.append(error))
    errors: list[BaseException] = []
    worker = DatabaseWorker(read_only, errors.append)
    with read_only.read() as session:
        family_id, title = session.execute(select(Family.id, Family.title).where(Family.deleted_at.is_(None))
                                           .order_by(Family.title).limit(1)).one()
        audit_rows = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    try:
        for opening in (1, 2):  # opened, closed, opened again
            card = _open(qtbot, worker, sqlite_world.coordinator, family_id)
            assert card.title.text() == title and card.members_tab.model.rowCount() > 0
            notice = card.audit_notice.text()
            assert "только для чтения" in notice and "журнал аудита" in notice and "на этом компьютере" in notice
            assert shown == []
            assert pending_count(read_only) == opening
            card.discard_confirmed = True
            card.close()
            qtbot.waitUntil(lambda card=card: not shiboken6.isValid(card) or not card.isVisible(), timeout=WAIT)
        with read_only.read() as session:  # nothing could be written, nothing was
            assert session.execute(select(func.count()).select_from(AuditEntry)).scalar_one() == audit_rows
    finally:
        worker.stop()
    assert errors == []


def test_no_notice_on_a_writable_database(qtbot, sqlite_database, sqlite_world):
    from tests.app.reports.test_quarterly import build

    build(sqlite_database, sqlite_world)
    worker = DatabaseWorker(sqlite_database, lambda error: None)
    with sqlite_database.read() as session:
        family_id = session.execute(select(Family.id).where(Family.deleted_at.is_(None)).limit(1)).scalar_one()
        before = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    try:
        card = FamilyCardWindow(UiContext(worker, sqlite_world.coordinator), family_id)
        card.show()
        qtbot.waitUntil(card.is_loaded, timeout=WAIT)
        qtbot.waitUntil(worker.is_idle, timeout=WAIT)
        assert card.audit_notice.isHidden()
        with sqlite_database.read() as session:
            assert session.execute(select(func.count()).select_from(AuditEntry)).scalar_one() == before + 1
        assert pending_count(sqlite_database) == 0
        card.discard_confirmed = True
        card.close()
    finally:
        worker.stop()


def test_a_childs_health_data_opens_on_a_read_only_database(qtbot, read_only, sqlite_world, monkeypatch):
    """The child profile dialog from the card: the health data is shown, both health views wait here."""
    from ui.families.card_members import is_child

    shown: list[BaseException] = []
    monkeypatch.setattr("ui.families.card.show_error", lambda _parent, error: shown.append(error))
    monkeypatch.setattr("ui.forms.show_error", lambda _parent, error: shown.append(error))
    worker = DatabaseWorker(read_only, lambda error: shown.append(error))
    with read_only.read() as session:
        family_ids = session.execute(select(Family.id).where(Family.deleted_at.is_(None))).scalars().all()
    try:
        for family_id in family_ids:
            card = _open(qtbot, worker, sqlite_world.coordinator, family_id)
            tab = card.members_tab
            children = [index for index, member in enumerate(tab.model.rows) if is_child(member)]
            if children:
                break
            card.discard_confirmed = True
            card.close()
        assert children, "the built dataset has a child"
        before = pending_count(read_only)
        tab.table.selectRow(children[0])
        tab.child_button.click()
        qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible(), timeout=WAIT)
        dialog = tab.dialog
        qtbot.waitUntil(lambda: not dialog.audit_notice.isHidden(), timeout=WAIT)
        assert "сведений о здоровье ребёнка" in dialog.audit_notice.text()
        assert "на этом компьютере" in dialog.audit_notice.text()
        assert pending_count(read_only) == before + 2  # the profile and the diagnoses, as two audit rows would
        assert shown == []
        dialog.discard_confirmed = True
        dialog.reject()
        card.discard_confirmed = True
        card.close()
    finally:
        worker.stop()
