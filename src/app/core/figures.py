"""Small figures computed the same way on every screen and in every report."""

from __future__ import annotations


def attendance_rate(attended: int, absent: int) -> float | None:
    """The share of marked places that were attended; None when nothing was marked yet (0 % would read as
    «nobody came»). Places not marked either way do not count."""
    marked = attended + absent
    return attended / marked if marked else None
