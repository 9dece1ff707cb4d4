"""The operation runner: every database action of a screen goes through `run_op` or `run_query`.

The shape is Anki's `CollectionOp`/`QueryOp`:

- `run_op(parent, context, action, on_done=…)` runs `action(session)` as one write transaction on the
  database worker. When it commits, the change flags it returns (a `Saved`, a frozenset of flags, or an
  object with `.changes`) are announced once, centrally, on `context.changes` together with the initiating
  widget; then `on_done(result)` runs. Screens never relay another screen's notice.
- `run_query(parent, context, read, on_done=…)` runs `read(session)` in a read transaction and hands the
  result to `on_done`. It announces nothing.

Both drop the answer when `parent` was closed and deleted meanwhile, and show an error (a Russian sentence;
unexpected ones are logged) unless `on_failed` is given. Both return the worker's job id, so a screen can
`forget` a stale query (a search overtaken by the next keystroke).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ui.change_bus import flags_of
from ui.errors import show_error

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.session import Database
    from ui.context import UiContext

log = logging.getLogger("opora.ui.ops")
T = TypeVar("T")


def _guarded(parent: QObject | None, callback: Callable[..., Any] | None) -> Callable[..., None]:
    def call(*args: Any) -> None:
        if callback is not None and (parent is None or shiboken6.isValid(parent)):
            callback(*args)

    return call


def _failure(parent: QWidget | None, on_failed: Callable[[BaseException], None] | None
             ) -> Callable[[BaseException], None]:
    def failed(error: BaseException) -> None:
        if parent is not None and not shiboken6.isValid(parent):
            log.info("an answer for a closed window was dropped: %s", type(error).__name__)
            return
        if on_failed is not None:
            on_failed(error)
        else:
            show_error(parent, error)

    return failed


def run_op(parent: QWidget | None, context: UiContext, action: Callable[[Session], T],
           on_done: Callable[[T], None] | None = None,
           on_failed: Callable[[BaseException], None] | None = None) -> int:
    """Run one write unit `action(session)` on the worker; announce its changes once, then `on_done`."""

    def job(database: Any) -> T:
        with database.write() as session:
            return action(session)

    def done(result: T) -> None:
        context.changes.announce(flags_of(result), parent)
        _guarded(parent, on_done)(result)

    return context.worker.submit(job, done, _failure(parent, on_failed))


def run_query(parent: QWidget | None, context: UiContext, read: Callable[[Session], T],
              on_done: Callable[[T], None],
              on_failed: Callable[[BaseException], None] | None = None) -> int:
    """Run `read(session)` in a read transaction on the worker and hand the result to `on_done`."""

    def job(database: Any) -> T:
        with database.read() as session:
            return read(session)

    return context.worker.submit(job, _guarded(parent, on_done), _failure(parent, on_failed))


def run_read(parent: QWidget | None, context: UiContext, read: Callable[[Database], T],
             on_done: Callable[[T], None],
             on_failed: Callable[[BaseException], None] | None = None) -> int:
    """Run `read(database)` on the worker, for a read that opens its own units (several connections at once)."""
    return context.worker.submit(read, _guarded(parent, on_done), _failure(parent, on_failed))
