"""Administration → Audit log, driven through its widgets."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from app.core.errors import AuthenticationFailed
from app.system.bootstrap import log_in
from db.models import AuditEntry
from tests.app.audit_setup import drop_audit_triggers
from tests.world import PASSWORD
from ui.admin import audit_page as page_module
from ui.admin.audit_page import PAGE, AuditLogPage
from ui.context import UiContext
from ui.forms import select_data
from ui.worker import DatabaseWorker

WAIT = 20000


@pytest.fixture
def page(qtbot, sqlite_database, sqlite_world):
    log_in(sqlite_database, "coord", PASSWORD)
    with pytest.raises(AuthenticationFailed):
        log_in(sqlite_database, "spec", "wrong-password1")
    worker = DatabaseWorker(sqlite_database, lambda error: None)
    widget = AuditLogPage(UiContext(worker, sqlite_world.admin))
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    qtbot.waitUntil(lambda: widget.loaded and widget.is_idle(), timeout=WAIT)
    yield widget
    worker.stop()


def _logins(page) -> list[str]:
    return [row.login for row in page.model.rows]


def test_filters_narrow_the_table(qtbot, page):
    everything = page.total
    assert everything >= 6 and page.model.rowCount() == everything
    assert page.model.data(page.model.index(0, 4)) == "Неудачный вход"  # newest first
    select_data(page.action, "login")
    page.search_button.click()
    qtbot.waitUntil(lambda: page.is_idle() and _logins(page) == ["coord"], timeout=WAIT)
    select_data(page.action, None)
    select_data(page.login, "spec")
    page.search_button.click()
    qtbot.waitUntil(lambda: page.is_idle() and set(_logins(page)) == {"spec"}, timeout=WAIT)
    page.date_from.setText("32.13.2026")
    page.search_button.click()
    assert "ДД.ММ.ГГГГ" in page.status.text() or "dd.mm.yyyy" in page.status.text().lower()


def test_pages_of_two_hundred(qtbot, page, sqlite_database, sqlite_world):
    for _ in range(PAGE):
        with pytest.raises(AuthenticationFailed):
            log_in(sqlite_database, "nobody", "wrong-password1")
    page.search_button.click()
    qtbot.waitUntil(lambda: page.is_idle() and page.total > PAGE, timeout=WAIT)
    assert page.model.rowCount() == PAGE and page.next_button.isEnabled() and not page.previous_button.isEnabled()
    page.next_button.click()
    qtbot.waitUntil(lambda: page.is_idle() and page.offset == PAGE, timeout=WAIT)
    assert page.model.rowCount() == page.total - PAGE and page.previous_button.isEnabled()
    assert page.model.rows[-1].id == 1


def test_export_and_chain_check(qtbot, page, sqlite_database, tmp_path, monkeypatch):
    target = tmp_path / "audit"
    monkeypatch.setattr(page_module, "choose_file", lambda parent, suggested: target)
    page.export_button.click()
    qtbot.waitUntil(lambda: "audit.xlsx" in page.status.text(), timeout=WAIT)
    rows = list(load_workbook(target.with_suffix(".xlsx")).active.iter_rows(values_only=True))
    assert any(row[4] == "Неудачный вход" and row[2] == "spec" for row in rows)
    page.verify_button.click()
    qtbot.waitUntil(lambda: "цел" in page.status.text(), timeout=WAIT)
    drop_audit_triggers(sqlite_database)
    with sqlite_database.write() as session:
        first = session.execute(select(AuditEntry.id).order_by(AuditEntry.id).limit(1)).scalar_one()
        session.execute(update(AuditEntry).where(AuditEntry.id == first).values(login="someone"))
    page.verify_button.click()
    qtbot.waitUntil(lambda: "повреждён" in page.status.text(), timeout=WAIT)
    assert f"№ {first}" in page.status.text()
