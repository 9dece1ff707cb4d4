"""Report periods parsed from short text."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.errors import ValidationError
from app.reports.periods import Period, parse_period


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-Q1", Period(date(2026, 1, 1), date(2026, 3, 31), "I квартал 2026 г.")),
    ("2026-Q2", Period(date(2026, 4, 1), date(2026, 6, 30), "II квартал 2026 г.")),
    ("2026-Q3", Period(date(2026, 7, 1), date(2026, 9, 30), "III квартал 2026 г.")),
    (" 2026-q4 ", Period(date(2026, 10, 1), date(2026, 12, 31), "IV квартал 2026 г.")),
    ("2026-H1", Period(date(2026, 1, 1), date(2026, 6, 30), "I полугодие 2026 г.")),
    ("2026-h2", Period(date(2026, 7, 1), date(2026, 12, 31), "II полугодие 2026 г.")),
    ("2026-9M", Period(date(2026, 1, 1), date(2026, 9, 30), "9 месяцев 2026 г.")),
    ("2026", Period(date(2026, 1, 1), date(2026, 12, 31), "2026 год")),
    ("2026-03-01..2026-05-31", Period(date(2026, 3, 1), date(2026, 5, 31), "с 01.03.2026 по 31.05.2026")),
    ("2024-02-29 .. 2024-02-29", Period(date(2024, 2, 29), date(2024, 2, 29), "с 29.02.2024 по 29.02.2024")),
])
def test_each_form_gives_its_days_and_title(text: str, expected: Period) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize(("text", "fragment"), [
    ("", "не заполнено"),
    (None, "не заполнено"),
    ("2026-Q5", "«2026-Q5» не распознан"),
    ("2026-H3", "не распознан"),
    ("2026-6M", "не распознан"),
    ("26-Q1", "не распознан"),
    ("квартал", "не распознан"),
    ("1999", "год 1999 вне допустимого диапазона 2000–2100"),
    ("2101-Q1", "год 2101 вне допустимого диапазона"),
    ("2026-02-30..2026-03-31", "дата 2026-02-30 не существует"),
    ("2026-05-01..2026-04-30", "дата окончания 30.04.2026 раньше даты начала 01.05.2026"),
    ("1990-01-01..2026-01-01", "год 1990 вне допустимого диапазона"),
])
def test_bad_input_is_a_russian_message_on_the_period_field(text: str | None, fragment: str) -> None:
    with pytest.raises(ValidationError) as raised:
        parse_period(text)
    assert list(raised.value.errors) == ["period"]
    message = raised.value.errors["period"]
    assert message.startswith("Поле «Период»: ")
    assert fragment in message
