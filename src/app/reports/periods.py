"""Report periods: a quarter, a half-year, 9 months, a year or custom dates, parsed from short text.

Accepted forms (Latin or Cyrillic letters, any case): «2026-Q3», «2026-H1», «2026-9M», «2026» and
«2026-03-01..2026-05-31» (both ends inclusive).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.core.errors import ValidationError
from app.core.text import format_date

ROMAN = ("I", "II", "III", "IV")
MIN_YEAR = 2000
MAX_YEAR = 2100
FIELD = "period"
FORMS_HINT = ("укажите, например, 2026-Q3 (квартал), 2026-H1 (полугодие), 2026-9M (9 месяцев), "
              "2026 (год) или 2026-03-01..2026-05-31 (свои даты)")

_QUARTER = re.compile(r"(\d{4})-[QК]([1-4])")
_HALF = re.compile(r"(\d{4})-[HП]([12])")
_NINE = re.compile(r"(\d{4})-9[MМ]")
_YEAR = re.compile(r"(\d{4})")
_CUSTOM = re.compile(r"(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class Period:
    """Days `start`..`end` inclusive with a title for report headings («III квартал 2026 г.»)."""

    start: date
    end: date
    title: str


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date.fromordinal(date(year, month + 1, 1).toordinal() - 1)


def _fail(message: str) -> ValidationError:
    return ValidationError({FIELD: f"Поле «Период»: {message}"})


def _year(text: str) -> int:
    year = int(text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _fail(f"год {year} вне допустимого диапазона {MIN_YEAR}–{MAX_YEAR}.")
    return year


def _day(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise _fail(f"дата {text} не существует — проверьте день и месяц.") from None
    _year(str(day.year))
    return day


def quarter(year: int, number: int) -> Period:
    first = 3 * (number - 1) + 1
    return Period(date(year, first, 1), _month_end(year, first + 2), f"{ROMAN[number - 1]} квартал {year} г.")


def half_year(year: int, number: int) -> Period:
    first = 6 * (number - 1) + 1
    return Period(date(year, first, 1), _month_end(year, first + 5), f"{ROMAN[number - 1]} полугодие {year} г.")


def nine_months(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 9, 30), f"9 месяцев {year} г.")


def whole_year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), f"{year} год")


def custom(start: date, end: date) -> Period:
    if end < start:
        raise _fail(f"дата окончания {format_date(end)} раньше даты начала {format_date(start)}.")
    return Period(start, end, f"с {format_date(start)} по {format_date(end)}")


def parse_period(text: str | None) -> Period:
    """The period named by `text`; a ValidationError on the "period" field otherwise."""
    value = (text or "").strip().upper()
    if not value:
        raise _fail(f"не заполнено — {FORMS_HINT}.")
    if match := _QUARTER.fullmatch(value):
        return quarter(_year(match[1]), int(match[2]))
    if match := _HALF.fullmatch(value):
        return half_year(_year(match[1]), int(match[2]))
    if match := _NINE.fullmatch(value):
        return nine_months(_year(match[1]))
    if match := _YEAR.fullmatch(value):
        return whole_year(_year(match[1]))
    if match := _CUSTOM.fullmatch(value):
        return custom(_day(match[1]), _day(match[2]))
    raise _fail(f"«{(text or '').strip()}» не распознан — {FORMS_HINT}.")
