"""What every screen needs, passed explicitly (no global main window)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.core.actor import Actor
from ui.change_bus import ChangeBus
from ui.worker import DatabaseWorker


@dataclass
class UiContext:
    worker: DatabaseWorker
    actor: Actor
    organization: str = ""
    office: str = ""
    # Reference lists shared by windows (e.g. the family card's pickers), dropped when
    # dictionaries change: opening the tenth card should not re-read 400 staff rows.
    cache: dict[str, Any] = field(default_factory=dict)
    # Committed changes are announced here once (by `ui.ops.run_op`); screens subscribe to the flags they show.
    changes: ChangeBus = field(default_factory=ChangeBus)

    def __post_init__(self) -> None:
        self.changes.changed.connect(self._forget_cached)

    def _forget_cached(self, changed: frozenset[str], _initiator: object | None = None) -> None:
        from app.core.changes import DICTIONARIES, SETTINGS

        if changed & {DICTIONARIES, SETTINGS}:
            self.cache.clear()

    @property
    def database_location(self) -> str:
        return self.worker.database.location
