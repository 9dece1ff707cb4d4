"""Calendar arithmetic shared by the services: full years of age and the same day some years away."""

from __future__ import annotations

from datetime import date

ADULT_AGE = 18


def age_on(birth: date, day: date) -> int:
    """Full years on `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def months_on(birth: date, day: date) -> int:
    """Full months on `day` (an infant's age is said in months: «8 мес.», not «0 л.»)."""
    return (day.year - birth.year) * 12 + day.month - birth.month - (day.day < birth.day)


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later (earlier when negative); 29 February becomes 28 February
    in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
