"""One background thread for all database work, so the GUI thread never runs SQL.

A job is a plain function taking the Database; its result (or exception) comes back to the
GUI thread through a queued signal and is handed to the callbacks given at submission.
SQLite has one writer anyway, so one thread loses nothing and keeps jobs in order.
"""

from __future__ import annotations

import atexit
import itertools
import logging
import queue
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal, Slot

from db.session import Database

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

log = logging.getLogger("opora.ui.worker")
Job = Callable[[Database], Any]
_STOP = object()


def alive(widget: QWidget, callback: Callable[..., Any]) -> Callable[..., None]:
    """Wrap a worker callback so that an answer arriving after its window was closed and deleted is dropped."""

    def call(*args: Any) -> None:
        if shiboken6.isValid(widget):
            callback(*args)

    return call


class _Thread(QThread):
    finished_job = Signal(int, object, object)  # job id, result, exception

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.database = database
        self.jobs: queue.Queue[Any] = queue.Queue()

    def run(self) -> None:
        while True:
            item = self.jobs.get()
            if item is _STOP:
                return
            job_id, job = item
            try:
                result, error = job(self.database), None
            except Exception as exc:  # handed to the GUI thread, which decides how to report it
                result, error = None, exc
            self.finished_job.emit(job_id, result, error)


class DatabaseWorker(QObject):
    """Submit jobs with `submit(job, on_result, on_error)`; callbacks run on the GUI thread."""

    def __init__(self, database: Database, default_error: Callable[[BaseException], None]) -> None:
        super().__init__()
        self.database = database
        self._default_error = default_error
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable[[Any], None] | None, Callable[[BaseException], None] | None]] = {}
        self._thread = _Thread(database)
        self._thread.finished_job.connect(self._deliver)
        self._thread.start()
        _LIVE.add(self)

    def submit(self, job: Job, on_result: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None) -> int:
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_result, on_error)
        self._thread.jobs.put((job_id, job))
        return job_id

    def is_idle(self) -> bool:
        """True when every submitted job has been answered (used by screenshots and benchmarks)."""
        return not self._callbacks

    def forget(self, job_id: int) -> None:
        """Drop the callbacks of a job whose answer is no longer wanted (e.g. a stale search)."""
        self._callbacks.pop(job_id, None)

    @Slot(int, object, object)
    def _deliver(self, job_id: int, result: Any, error: BaseException | None) -> None:
        on_result, on_error = self._callbacks.pop(job_id, (None, None))
        if error is not None:
            (on_error or self._default_error)(error)
        elif on_result is not None:
            on_result(result)

    def stop(self) -> None:
        """Finish the queued jobs and end the thread (safe to call more than once)."""
        if self._thread.isRunning():
            self._thread.jobs.put(_STOP)
            self._thread.wait(10_000)
        _LIVE.discard(self)


# Qt aborts the process when a QThread object is destroyed while its thread still runs; a worker
# nobody stopped (a window closed oddly, a test) would turn a normal exit into a crash.
_LIVE: weakref.WeakSet[DatabaseWorker] = weakref.WeakSet()


@atexit.register
def stop_all_workers() -> None:
    for worker in list(_LIVE):
        worker.stop()
