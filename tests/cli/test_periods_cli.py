"""`opora period`: a coordinator submits a quarter, records of it are refused, an administrator reopens it with a
reason, and compare prints what would differ."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.core.errors import ValidationError
from app.visits.visits import create_visit
from db.models import AuditEntry
from tests.app.family_setup import mother_and_child
from tests.app.visits.test_visits import _visit
from tests.world import PASSWORD


@pytest.fixture(autouse=True)
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPORA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)


def _add_visit(database, world, family, day: date) -> None:
    with database.write() as session:
        create_visit(session, world.specialist, _visit(world, session, family.id, family.child_id, visit_date=day,
                                                       next_visit_on=None))


def test_submit_refuse_reopen_and_compare_from_the_command_line(opora, sqlite_database, sqlite_world):
    database, world = sqlite_database, sqlite_world
    family = mother_and_child(database, world)
    _add_visit(database, world, family, date(2026, 8, 3))
    status, _out, err = opora("period", "submit", "--period", "2026-Q3", "--user", "spec")
    assert status != 0 and "координатор" in err
    status, _out, err = opora("period", "submit", "--period", "2026-H1", "--user", "coord")
    assert status != 0 and "укажите квартал" in err
    status, _out, err = opora("period", "submit", "--period", "2026-Q3", "--office", "Нет такого", "--user", "coord")
    assert status != 0 and "«Нет такого» не найдено" in err
    status, out, err = opora("period", "submit", "--period", "2026-q3", "--user", "coord")
    assert status == 0, err
    assert "отмечен сданным" in out
    with pytest.raises(ValidationError) as error:
        _add_visit(database, world, family, date(2026, 9, 3))
    assert "III квартал 2026 г. сдан" in error.value.errors["visit_date"]
    status, out, err = opora("period", "list", "--json", "--user", "coord")
    assert status == 0, err
    [listed] = json.loads(out)
    assert listed["period"] == "III квартал 2026 г." and listed["locked"] is True
    status, _out, err = opora("period", "reopen", "--period", "2026-Q3", "--reason", "Ошибка в дате визита",
                              "--user", "coord")
    assert status != 0 and "администратор" in err
    status, _out, err = opora("period", "reopen", "--period", "2026-Q3", "--user", "admin")
    assert status != 0 and "Причина" in err
    status, out, err = opora("period", "reopen", "--period", "2026-Q3", "--reason", "Ошибка в дате визита",
                             "--user", "admin")
    assert status == 0, err
    _add_visit(database, world, family, date(2026, 9, 3))
    status, out, err = opora("period", "compare", "--period", "2026-Q3", "--user", "coord")
    assert status == 0, err
    assert "визитов на дом: было 1, сейчас 2" in out
    assert "Визит от 03.09.2026 добавлено" in out
    status, out, err = opora("period", "compare", "--period", "2026-Q3", "--json", "--user", "admin")
    assert status == 0, err
    assert json.loads(out)["records"][0]["date"] == "2026-09-03"
    with database.read() as session:
        assert session.execute(select(AuditEntry.login).where(AuditEntry.action == "reopen")).scalars().all() == [
            "admin"]
