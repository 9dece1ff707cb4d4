"""Reopening a closed case (#17 item 6): the reason is required and kept in the notes with the day, the closing is
cleared, the action audited as «reopen»; an open case is not «reopened», and a user outside the family's scope is
refused."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from app.cases.cases import close_case
from app.cases.reopening import reopen_case
from app.core.actor import COORDINATOR, Actor
from app.core.errors import OporaError, ValidationError
from tests.app.case_setup import family_cases, open_new_case
from tests.app.family_setup import audit_entries, mother_and_child


def test_a_closed_case_is_reopened_with_a_reason(database, world):
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family)
    with pytest.raises(ValidationError) as caught, database.write() as session:
        reopen_case(session, world.specialist, case_id, "Семья снова обратилась")
    assert "не закрыто" in caught.value.errors["reason"]
    with database.write() as session:
        close_case(session, world.specialist, case_id, date(2024, 12, 20),
                   world.code(session, "case_closing_reason", "family_moved"))
    with pytest.raises(ValidationError) as caught, database.write() as session:
        reopen_case(session, world.specialist, case_id, "   ")
    assert "«Причина возобновления»" in caught.value.errors["reason"]
    stranger = Actor(uuid.uuid4(), "coord2", COORDINATOR, office_ids=frozenset({uuid.uuid4()}))
    with pytest.raises(OporaError), database.write() as session:
        reopen_case(session, stranger, case_id, "Семья снова обратилась")
    with database.write() as session:
        saved = reopen_case(session, world.specialist, case_id, "Семья вернулась, снова ТЖС", date(2025, 2, 3))
    assert saved.changes == frozenset({"cases", "families"})
    [row] = family_cases(database, family)
    assert row.is_open and row.closed_on is None and row.closing_reason_id is None
    assert row.notes == "Первичный приём\nВозобновлено 03.02.2025: Семья вернулась, снова ТЖС"
    assert ("reopen", "closed_on,closing_reason_id,notes") in audit_entries(database, "support_case")
