"""Opening a record's editor from anywhere (e.g. the family card's history) by its kind and id.

Each section registers how its records open; the family card only knows kinds and ids, so the
sections stay independent of one another.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from ui.context import UiContext

Opener = Callable[[UiContext, uuid.UUID], None]
_OPENERS: dict[str, Opener] = {}


def register_opener(kind: str, opener: Opener) -> None:
    _OPENERS[kind] = opener


def can_open(kind: str) -> bool:
    return kind in _OPENERS


def open_record(context: UiContext, kind: str, record_id: uuid.UUID) -> bool:
    """Open the record; False when no section knows how to open that kind."""
    opener = _OPENERS.get(kind)
    if opener is None:
        return False
    opener(context, record_id)
    return True
