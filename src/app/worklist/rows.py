"""What a deadline list is made of: `Deadline` rows and a kind's `KindCount`."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, NamedTuple

from app.worklist.settings import KIND_BY_CODE


class Deadline(NamedTuple):
    """One deadline (a tuple: a coordinator of every office has some 17,000). Ids are text (the canonical
    form, `str(uuid)`): the full list is printed and written, and a UUID object per id cost more than the rest
    of the row; `uuid.UUID(...)` for the one row a user opens."""

    kind: str  # a code of `app.worklist.settings.KINDS`
    due_on: date | None  # None: already due (nothing recorded to count from)
    family_id: str
    family_title: str
    person_id: str | None
    person_name: str
    detail: str  # one Russian sentence
    record_id: str | None = None  # the case, plan row, decision or consent it is about

    @property
    def title(self) -> str:
        return KIND_BY_CODE[self.kind].title

    def overdue(self, today: date) -> bool:
        return self.due_on is None or self.due_on < today


class KindCount(NamedTuple):
    """How many deadlines of a kind, and how many of them overdue (the side bar's count)."""

    total: int
    overdue: int


def text_id(value: Any) -> str | None:
    """An id as `str(uuid)` from what the driver gives: SQLite's stored 32 hex digits, PostgreSQL's UUID."""
    if value is None:
        return None
    if isinstance(value, str):
        if len(value) == 32:
            return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
        return value
    return str(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))


def person_name(last: str | None, first: str | None, middle: str | None) -> str:
    return " ".join(filter(None, (last, first, middle)))
