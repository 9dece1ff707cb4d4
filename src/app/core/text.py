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


def _one_phone(number: str) -> str:
    """One number in the shape Russian forms use: mobiles «+7 (914) 123-45-67», bare local digits grouped."""
    text = number.strip()
    main, _, extension = text.partition("доб")
    extension = extension.lstrip(". ").strip()
    suffix = f" доб. {extension}" if extension else ""
    digits = re.sub(r"\D", "", main)
    if len(digits) in (5, 6, 7):  # a local number: 1-23-45, 12-34-56, 123-45-67
        cut = {5: (1, 3), 6: (2, 4), 7: (3, 5)}[len(digits)]
        return f"{digits[:cut[0]]}-{digits[cut[0]:cut[1]]}-{digits[cut[1]:]}{suffix}"
    if len(digits) == 11 and digits[0] in "78":
        national = digits[1:]
    elif len(digits) == 10 and not main.lstrip().startswith("+"):
        national = digits
    else:
        return text  # a foreign or unreadable number stays as typed
    if national[0] != "9" and "(" in main:
        # A landline's area code has 3 to 5 digits: the user's own grouping of it is kept.
        return "+7 " + main[main.index("("):].strip() + suffix
    return f"+7 ({national[:3]}) {national[3:6]}-{national[6:8]}-{national[8:]}{suffix}"


def normalise_phone(value: str) -> str:
    """«89141234567», «8 914 123 45 67», «+7(914)1234567» → «+7 (914) 123-45-67»; several numbers separated
    by «,» or «;» are each formatted; what cannot be read safely (a foreign number) stays as typed."""
    return ", ".join(_one_phone(part) for part in re.split(r"\s*[,;]\s*", value.strip()) if part)
