"""The services chart's list asks for a kind by its code: a code the catalogue does not have is «not found», named,
not a refusal of access; a real kind is listed."""

from __future__ import annotations

import pytest

from app.core.errors import NotFound, PermissionDenied
from app.reports.periods import quarter
from app.worklist.chart_records import services_of_kind


def test_an_unknown_kind_is_not_found_and_named(database, world):
    with database.read() as session:
        with pytest.raises(NotFound) as missing:
            services_of_kind(session, world.coordinator, "no_such_kind", quarter(2026, 3))
        assert not isinstance(missing.value, PermissionDenied)
        assert "«no_such_kind»" in str(missing.value) and "не найден" in str(missing.value)
        listed = services_of_kind(session, world.coordinator, "household", quarter(2026, 3))
    assert listed.total == 0 and listed.rows == ()
