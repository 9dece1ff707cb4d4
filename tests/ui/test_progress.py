"""Long work: the progress dialog appears only after a delay and Cancel stops the work."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QPushButton

from app.core.errors import Cancelled
from app.core.progress import ProgressState
from ui.progress import SHOW_AFTER_MS, run_with_progress
from ui.worker import DatabaseWorker


def _slow_job(steps: int, pause: float):
    def job(_database, progress):
        for step in range(steps):
            progress(step, steps, f"Шаг {step + 1} из {steps}")
            time.sleep(pause)
        return "готово"
    return job


def test_quick_work_shows_no_dialog(qtbot, sqlite_database):
    worker = DatabaseWorker(sqlite_database, lambda error: None)
    results = []
    run = run_with_progress(None, worker, "Работа", _slow_job(2, 0.01), results.append, lambda e: None)
    qtbot.waitUntil(lambda: results == ["готово"], timeout=5000)
    assert not run.shown and not run.running
    worker.stop()


def test_slow_work_shows_dialog_and_cancel_stops_it(qtbot, sqlite_database):
    worker = DatabaseWorker(sqlite_database, lambda error: None)
    results, errors, cancelled = [], [], []
    run = run_with_progress(None, worker, "Работа", _slow_job(200, 0.02), results.append, errors.append,
                            lambda: cancelled.append(True))
    qtbot.wait(SHOW_AFTER_MS + 300)
    assert run.dialog.isVisible()
    assert run.dialog.labelText().startswith("Шаг")
    assert run.dialog.maximum() == 200
    cancel_button = run.dialog.findChild(QPushButton)
    assert cancel_button.text() == "Отмена"
    cancel_button.click()
    qtbot.waitUntil(lambda: cancelled == [True], timeout=5000)
    assert results == [] and errors == []
    assert not run.running
    worker.stop()


def test_failure_is_reported_not_raised(qtbot, sqlite_database):
    worker = DatabaseWorker(sqlite_database, lambda error: None)
    errors = []

    def broken(_database, _progress):
        raise ValueError("boom")

    run_with_progress(None, worker, "Работа", broken, lambda r: None, errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=5000)
    assert isinstance(errors[0], ValueError)
    worker.stop()


def test_progress_state_raises_after_cancel():
    state = ProgressState()
    state.report(1, 10, "a")
    assert state.snapshot() == (1, 10, "a")
    state.cancel()
    try:
        state.report(2, 10, "b")
    except Cancelled:
        pass
    else:
        raise AssertionError("Cancelled expected")
