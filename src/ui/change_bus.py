"""The change bus: committed changes are announced here once, and screens subscribe to the flags they show.

`ui.ops.run_op` announces what a write returned; nothing else relays notices between screens.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.core.changes import ALL_FLAGS

ChangeHandler = Callable[[frozenset[str], object | None], None]


def flags_of(result: Any) -> frozenset[str]:
    """The change flags a write returned: `Saved.changes`, a set of flags, or nothing."""
    if result is None:
        return frozenset()
    changes = getattr(result, "changes", None)
    if changes is not None:
        return frozenset(changes)
    if isinstance(result, frozenset | set):
        return frozenset(result)
    return frozenset()


class ChangeBus(QObject):
    """Where committed changes are announced once and screens subscribe to the flags they show."""

    changed = Signal(object, object)  # flags: frozenset[str], initiator: QWidget | None

    def announce(self, flags: Iterable[str], initiator: object | None = None) -> None:
        flags = frozenset(flags)
        unknown = flags - ALL_FLAGS
        if unknown:  # a typo would silently refresh nothing; the flag constants test catches free strings
            raise ValueError(f"unknown change flags: {sorted(unknown)}")
        if flags:
            self.changed.emit(flags, initiator)

    def subscribe(self, owner: QWidget | QObject, flags: Iterable[str], handler: ChangeHandler) -> None:
        """Call `handler(flags, initiator)` for announcements touching any of `flags`, while `owner` lives."""
        wanted = frozenset(flags)
        unknown = wanted - ALL_FLAGS
        if unknown:
            raise ValueError(f"unknown change flags: {sorted(unknown)}")

        def deliver(changed: frozenset[str], initiator: object | None) -> None:
            if not shiboken6.isValid(owner):
                return
            touched = changed & wanted
            if touched:
                handler(frozenset(changed), initiator)

        # Connected to a plain function: Qt cannot drop the connection when `owner` dies, so `deliver`
        # checks it; disconnect on destruction keeps the list of receivers short.
        self.changed.connect(deliver)

        def drop(*_args: object) -> None:
            with contextlib.suppress(RuntimeError, TypeError):  # the bus itself is already gone at exit
                self.changed.disconnect(deliver)

        owner.destroyed.connect(drop)
