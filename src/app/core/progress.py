"""The Qt-free progress protocol for long work (reports, import, backup, demo data).

Long work takes a `progress(done, total, label)` callable; the caller's implementation may raise
`Cancelled` from it to stop the work at the next step. Work must leave the database unchanged
when stopped this way (it runs inside one unit of work, or cleans up after itself).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from app.core.errors import Cancelled

Progress = Callable[[int, int, str], None]


def no_progress(_done: int, _total: int, _label: str) -> None:
    """For callers that do not report progress."""


class ProgressState:
    """Thread-safe progress shared by a worker (which reports) and a GUI (which reads and cancels)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cancelled = threading.Event()
        self.done = 0
        self.total = 0
        self.label = ""

    def report(self, done: int, total: int, label: str) -> None:
        """The `Progress` callable handed to the work; raises Cancelled once cancel() was called."""
        if self._cancelled.is_set():
            raise Cancelled()
        with self._lock:
            self.done, self.total, self.label = done, total, label

    def snapshot(self) -> tuple[int, int, str]:
        with self._lock:
            return self.done, self.total, self.label

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()
