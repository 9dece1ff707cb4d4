"""What every screen needs, passed explicitly (no global main window)."""

from __future__ import annotations

from dataclasses import dataclass

from app.actor import Actor
from ui.worker import DatabaseWorker


@dataclass
class UiContext:
    worker: DatabaseWorker
    actor: Actor
    organization: str = ""
    office: str = ""

    @property
    def database_location(self) -> str:
        return self.worker.database.location
