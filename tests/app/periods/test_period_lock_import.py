"""The journal import respects the period lock: a sessions journal dated in a submitted quarter of the specialist's
office writes nothing and says which period is closed; after reopening it imports."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.errors import ValidationError
from app.periods.lock import list_submissions, reopen_submission, submit_quarter
from db.models import RehabSession
from tests.app.importing.samples import write_xlsx
from tests.app.importing.test_journals_import import CHILD_SNILS, _registry, _run, _service_name


def test_a_journal_in_a_submitted_quarter_writes_nothing(database, world, tmp_path):
    _registry(database, world, tmp_path)
    service = _service_name(database)
    path = write_xlsx(tmp_path / "sessions.xlsx", [
        ["Дата", "Время", "ФИО ребёнка", "Дата рождения", "СНИЛС", "Специалист", "Услуга", "Групповое", "Явка"],
        ["03.03.2025", "10:00", None, None, CHILD_SNILS, "Смирнова О.И.", service, "нет", "+"],
        ["04.03.2025", "11:00", None, None, CHILD_SNILS, "Смирнова О.И.", service, "нет", "+"],
    ])
    with database.write() as session:
        submit_quarter(session, world.coordinator, 2025, 1)
    with pytest.raises(ValidationError) as error:
        _run(database, world.coordinator, path, "sessions")
    assert "I квартал 2025 г. сдан" in str(error.value)
    with database.read() as session:
        assert session.execute(select(func.count()).select_from(RehabSession)).scalar() == 0
        [row] = list_submissions(session, world.admin)
    with database.write() as session:
        reopen_submission(session, world.admin, row.id, "Журнал занятий принесли после сдачи")
    summary, _preview = _run(database, world.coordinator, path, "sessions")
    assert summary.created == 2
