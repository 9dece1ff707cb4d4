"""What a service changed, so screens re-query only the areas that are affected."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

FAMILIES = "families"
PERSONS = "persons"
CASES = "cases"
VISITS = "visits"
TRIPS = "trips"
SESSIONS = "sessions"
EVENTS = "events"
DICTIONARIES = "dictionaries"
USERS = "users"
SETTINGS = "settings"
EXCHANGE = "exchange"  # packages, partners and the conflict queue of the office exchange
PERIODS = "periods"  # submitted report periods and their reopening (the period lock)
# Every flag a write may return. The UI's change bus refuses others, and a test forbids spelling a flag as a
# free string anywhere but here.
ALL_FLAGS = frozenset({FAMILIES, PERSONS, CASES, VISITS, TRIPS, SESSIONS, EVENTS, DICTIONARIES, USERS, SETTINGS,
                       EXCHANGE, PERIODS})


@dataclass(frozen=True)
class Saved:
    """The result of a write: the record's id and the areas whose lists may have changed."""

    id: uuid.UUID
    changes: frozenset[str] = field(default_factory=frozenset)


def assign(target: Any, values: dict[str, Any]) -> list[str]:
    """Set attributes that differ and return their names (for the audit log)."""
    changed = []
    for name, value in values.items():
        if getattr(target, name) != value:
            setattr(target, name, value)
            changed.append(name)
    return changed


def changed_areas(*areas: str | Iterable[str]) -> frozenset[str]:
    flat: set[str] = set()
    for area in areas:
        flat.update([area] if isinstance(area, str) else area)
    return frozenset(flat)
