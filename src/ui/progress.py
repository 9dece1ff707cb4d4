"""Running long work on the database worker with a progress dialog that appears only if needed.

The dialog shows after SHOW_AFTER_MS (quick work never flashes a window), updates from a timer
(the worker never touches widgets) and its Cancel button asks the work to stop at its next step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.core.errors import Cancelled
from app.core.progress import Progress, ProgressState
from ui.worker import DatabaseWorker

if TYPE_CHECKING:
    from db.session import Database

SHOW_AFTER_MS = 500
REFRESH_MS = 100
LongJob = Callable[["Database", Progress], Any]


class ProgressRun(QObject):
    """One long job in flight; keep a reference until `finished` callbacks ran."""

    def __init__(self, parent: QWidget | None, worker: DatabaseWorker, title: str, job: LongJob,
                 on_result: Callable[[Any], None], on_error: Callable[[BaseException], None],
                 on_cancelled: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.state = ProgressState()
        self.dialog = QProgressDialog(title, self.tr("Cancel"), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.dialog.hide()
        self.running = True
        self.shown = False  # whether the dialog ever appeared
        self._on_result, self._on_error, self._on_cancelled = on_result, on_error, on_cancelled
        self.show_timer = QTimer(self, singleShot=True, interval=SHOW_AFTER_MS)
        self.show_timer.timeout.connect(self._show)
        self.refresh_timer = QTimer(self, interval=REFRESH_MS)
        self.refresh_timer.timeout.connect(self._refresh)
        self.show_timer.start()
        state = self.state
        worker.submit(lambda database: job(database, state.report), self._finished, self._failed)

    def cancel(self) -> None:
        self.state.cancel()
        self.dialog.setLabelText(self.tr("Stopping…"))

    def _show(self) -> None:
        if self.running:
            self._refresh()
            self.dialog.show()
            self.shown = True
            self.refresh_timer.start()

    def _refresh(self) -> None:
        done, total, label = self.state.snapshot()
        if total:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
        if label and not self.state.cancelled:
            self.dialog.setLabelText(label)

    def _stop(self) -> None:
        self.running = False
        self.show_timer.stop()
        self.refresh_timer.stop()
        self.dialog.hide()
        self.dialog.deleteLater()

    def _finished(self, result: Any) -> None:
        self._stop()
        self._on_result(result)

    def _failed(self, error: BaseException) -> None:
        self._stop()
        if isinstance(error, Cancelled):
            if self._on_cancelled is not None:
                self._on_cancelled()
            return
        self._on_error(error)


def run_with_progress(parent: QWidget | None, worker: DatabaseWorker, title: str, job: LongJob,
                      on_result: Callable[[Any], None], on_error: Callable[[BaseException], None],
                      on_cancelled: Callable[[], None] | None = None) -> ProgressRun:
    """Start `job(database, progress)` on the worker; see the module docstring."""
    return ProgressRun(parent, worker, title, job, on_result, on_error, on_cancelled)
