"""A report exported from the GUI on a database that cannot be written (#15 item 4): the file is built and saved,
as on the command line, and the screen says the export could not be recorded in the audit log — no error box.
Tried on a tmpfs remounted read-only (needs root) and in the app's own read-only mode (a write block, as a
database on a network share gets), which every machine can run."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import func, select

from db.models import AuditEntry
from ui.context import UiContext
from ui.reports.section import ReportsSection
from ui.worker import DatabaseWorker

WAIT = 20000


def test_export_on_a_read_only_database_writes_the_file(qtbot, read_only, sqlite_world, tmp_path, monkeypatch):
    errors: list[BaseException] = []
    shown: list[BaseException] = []
    opened: list[Path] = []
    worker = DatabaseWorker(read_only, errors.append)
    monkeypatch.setattr("ui.reports.section.open_file", opened.append)
    monkeypatch.setattr("ui.reports.section.show_error", lambda _parent, error: shown.append(error))
    with read_only.read() as session:
        audit_rows = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    try:
        section = ReportsSection(UiContext(worker, sqlite_world.coordinator))
        qtbot.addWidget(section)
        qtbot.waitUntil(lambda: section.offices.count() == 1, timeout=WAIT)
        section.period.set_state("quarter", 2025, 3)
        out = tmp_path / "out"
        out.mkdir()
        monkeypatch.setattr("ui.reports.section.choose_target",
                            lambda _parent, stem, fmt: (out / "отчёт").with_suffix(f".{fmt}"))
        for fmt in ("xlsx", "pdf"):
            section.export_buttons[fmt].click()
            qtbot.waitUntil(lambda fmt=fmt: (opened and opened[-1].suffix == f".{fmt}") or bool(shown), timeout=WAIT)
            assert shown == []
            assert "журнал аудита" in section.status.text() and "только для чтения" in section.status.text()
            assert section.error.isHidden()
        assert opened == [out / "отчёт.xlsx", out / "отчёт.pdf"]
        assert load_workbook(opened[0])["Контингент"]["A1"].value == "ГБУ «Тестовый центр помощи семье и детям»"
        assert opened[1].read_bytes().startswith(b"%PDF")
        with read_only.read() as session:  # nothing could be written, nothing was
            assert session.execute(select(func.count()).select_from(AuditEntry)).scalar_one() == audit_rows
    finally:
        worker.stop()
    assert errors == []
