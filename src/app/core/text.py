"""Text folding and formatting shared by search, duplicate detection and documents."""

from __future__ import annotations

import re
from datetime import date

_SPACES = re.compile(r"\s+")


def fold(value: str | None) -> str:
    """Fold text for comparison: lower case, ё→е, single spaces, trimmed.

    SQLite's lower() and LIKE do not fold Cyrillic, so folded copies are stored and searched.
    """
    if not value:
        return ""
    return _SPACES.sub(" ", value.strip().lower().replace("ё", "е"))


def clean(value: str | None) -> str | None:
    """Trim and collapse spaces; empty text becomes None."""
    if value is None:
        return None
    cleaned = _SPACES.sub(" ", value.strip())
    return cleaned or None


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix` (byte order)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def full_name(last: str, first: str, middle: str | None) -> str:
    return " ".join(part for part in (last, first, middle) if part)


def short_name(last: str, first: str, middle: str | None) -> str:
    """«Иванова М.П.»."""
    initials = "".join(f"{part[0]}." for part in (first, middle) if part)
    return f"{last} {initials}".strip()


def format_date(value: date | None) -> str:
    """Dates for people and documents: dd.mm.yyyy."""
    return value.strftime("%d.%m.%Y") if value else ""


def format_snils(digits: str | None) -> str:
    if not digits:
        return ""
    return f"{digits[0:3]}-{digits[3:6]}-{digits[6:9]} {digits[9:11]}"
