"""Calendar arithmetic shared by the services."""

from __future__ import annotations

from datetime import date

from app.core.dates import add_years


def test_add_years_keeps_the_day_and_handles_29_february():
    assert add_years(date(2020, 2, 29), 1) == date(2021, 2, 28)
    assert add_years(date(2020, 2, 29), 4) == date(2024, 2, 29)
    assert add_years(date(2019, 5, 6), 18) == date(2037, 5, 6)
