"""What every screen needs, passed explicitly (no global main window)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.actor import Actor
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
    # Set by the main window: windows opened from anywhere report their saves through it.
    broadcast: Callable[[frozenset[str]], None] | None = None

    def announce(self, changed: frozenset[str]) -> None:
        if self.broadcast is not None:
            self.broadcast(frozenset(changed))

    def forget_cached(self, changed: frozenset[str]) -> None:
        from app.changes import DICTIONARIES, SETTINGS

        if changed & {DICTIONARIES, SETTINGS}:
            self.cache.clear()

    @property
    def database_location(self) -> str:
        return self.worker.database.location
