"""Phones are stored in one shape, «+7 (914) 123-45-67», whatever way they were typed; what cannot be read
safely stays as typed."""

from __future__ import annotations

import pytest

from app.core.checks import Checker
from app.core.errors import ValidationError
from app.core.text import normalise_phone


@pytest.mark.parametrize(("typed", "stored"), [
    ("89141234567", "+7 (914) 123-45-67"),
    ("8 914 123 45 67", "+7 (914) 123-45-67"),
    ("+7(914)1234567", "+7 (914) 123-45-67"),
    ("8-914-123-45-67", "+7 (914) 123-45-67"),
    ("9141234567", "+7 (914) 123-45-67"),
    ("+7 (914) 123-45-67", "+7 (914) 123-45-67"),
    ("8 (41234) 2-11-22", "+7 (41234) 2-11-22"),  # a 5-digit area code keeps the user's grouping
    ("84752723456", "+7 (475) 272-34-56"),
    ("2-11-22", "2-11-22"),
    ("211222", "21-12-22"),
    ("2112233", "211-22-33"),
    ("8 (4752) 72-34-56 доб. 12", "+7 (4752) 72-34-56 доб. 12"),
    ("89141234567; 8-914-765-43-21", "+7 (914) 123-45-67, +7 (914) 765-43-21"),
    ("+375 29 123 45 67", "+375 29 123 45 67"),  # foreign: as typed
])
def test_typed_phones_are_stored_in_one_shape(typed, stored):
    assert normalise_phone(typed) == stored
    check = Checker()
    assert check.phone("phone", typed) == stored
    check.done()


def test_a_phone_with_letters_is_refused_with_the_field_named():
    check = Checker()
    check.phone("phone", "звонить маме", "Телефон")
    with pytest.raises(ValidationError) as caught:
        check.done()
    assert "Телефон" in caught.value.errors["phone"]
