"""What the preview shows for each row, the user's decisions about duplicates and the final counts."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.importing.matching import Unknown

CHECKPOINT_SECONDS = 1.0  # work between commits of a long import
YIELD_SECONDS = 0.15  # pause after a commit: SQLite hands the lock to a waiting writer only when it is free

NEW = "new"
UPDATE = "update"
DUPLICATE = "duplicate"
ERROR = "error"
OUTCOME_TITLES = {NEW: "новая запись", UPDATE: "обновление", DUPLICATE: "дубликат", ERROR: "ошибка"}

SKIP = "skip"
CREATE = "create"
DECISIONS = (SKIP, UPDATE, CREATE)
DECISION_TITLES = {SKIP: "пропустить", UPDATE: "обновить", CREATE: "создать новую запись"}


@dataclass(slots=True)  # a million of them for a two-year journal
class RowResult:
    """One sheet row in the preview: its outcome, what it is about and why (Russian).

    `decision` applies to rows matched to existing records (UPDATE or DUPLICATE): skip, update
    the existing record from the file, or create a new record anyway.
    """

    row: int
    outcome: str
    summary: str
    reason: str = ""
    decision: str | None = None
    cells: list[str] = field(default_factory=list)

    @property
    def matched(self) -> bool:
        return self.outcome in (UPDATE, DUPLICATE)


@dataclass
class Decisions:
    """What to do with matched rows: one choice for all, and exceptions per sheet row number."""

    default: str = SKIP
    per_row: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for value in (self.default, *self.per_row.values()):
            if value not in DECISIONS:
                raise ValueError(f"Unknown decision {value!r}")

    def for_row(self, row: int) -> str:
        return self.per_row.get(row, self.default)


@dataclass
class Preview:
    kind: str
    rows: list[RowResult]
    unknown: list[Unknown] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # what blocks the import as a whole
    notes: list[str] = field(default_factory=list)  # what the import will do besides the rows (staff it creates)

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def errors(self) -> list[RowResult]:
        return [row for row in self.rows if row.outcome == ERROR]


@dataclass
class ImportSummary:
    """Records created and updated, matched rows skipped and rows rejected by one import."""

    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: int = 0
    dry_run: bool = False

    def to_json(self) -> dict[str, int | bool]:
        return {"created": self.created, "updated": self.updated, "skipped": self.skipped, "errors": self.errors,
                "dry_run": self.dry_run}

    def describe(self) -> str:
        prefix = "Проверка без записи: было бы " if self.dry_run else ""
        return (f"{prefix}создано {self.created}, обновлено {self.updated}, пропущено {self.skipped}, "
                f"с ошибками {self.errors}.")


class Checkpoint:
    """Called by the import's writers between whole families or sessions: commits the work so far once
    CHECKPOINT_SECONDS have passed and (on SQLite) pauses so that a waiting writer takes the lock.

    The session begins its next transaction by itself (BEGIN IMMEDIATE again on SQLite)."""

    def __init__(self, session: Session | None = None, pause: bool = False) -> None:
        self.session = session
        self.pause = pause
        self.commits = 0
        self.last = time.monotonic()

    def __call__(self) -> None:
        if self.session is None or time.monotonic() - self.last < CHECKPOINT_SECONDS:
            return
        self.session.commit()
        self.commits += 1
        if self.pause:
            time.sleep(YIELD_SECONDS)
        self.last = time.monotonic()
