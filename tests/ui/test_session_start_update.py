"""Start-up on a database of an older schema: the notice says the database is being updated once (on a large
database the summaries are filled from every session, many minutes), not a plain «opening»; a current database
shows no such notice."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QProgressDialog

from app.system.startup import StartState
from db import migrate
from db.session import Database
from tests.db.first_revision import migrate_to
from ui import session_start
from ui.worker import DatabaseWorker


class _Notice(QProgressDialog):
    labels: list[str] = []

    def setLabelText(self, text: str) -> None:
        _Notice.labels.append(text)
        super().setLabelText(text)


def _start(qtbot, monkeypatch, path: Path) -> tuple[StartState | BaseException, list[str]]:
    _Notice.labels = []
    monkeypatch.setattr(session_start, "QProgressDialog", _Notice)
    database = Database(f"sqlite:///{path}")
    worker = DatabaseWorker(database, lambda error: None)
    try:
        outcome = session_start._prepare(worker)
    finally:
        worker.stop()
        database.dispose()
    return outcome, list(_Notice.labels)


def test_an_older_database_is_announced_as_updated_once(qtbot, monkeypatch, tmp_path):
    path = tmp_path / "old.db"
    old = Database(f"sqlite:///{path}")
    migrate_to(old.engine, "0013")
    old.dispose()
    outcome, labels = _start(qtbot, monkeypatch, path)
    assert isinstance(outcome, StartState), outcome
    assert any("Обновление базы" in text and "не выключайте" in text for text in labels), labels
    current = Database(f"sqlite:///{path}")
    assert not migrate.needs_upgrade(current.engine)
    current.dispose()
    outcome, labels = _start(qtbot, monkeypatch, path)  # now current: no update notice
    assert isinstance(outcome, StartState)
    assert not any("Обновление базы" in text for text in labels)
