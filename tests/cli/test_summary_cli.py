"""`opora summary check [--repair]`: the quarterly report's session summary compared with the sessions, rebuilt on
request (audited), refused to a non-administrator."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from db.models import AuditEntry, PlaceMonth
from tests.app.reports.test_quarterly import build
from tests.world import PASSWORD


@pytest.fixture(autouse=True)
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPORA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)


def test_check_then_repair(opora, sqlite_database, sqlite_world):
    build(sqlite_database, sqlite_world)
    status, out, _ = opora("summary", "check", "--user", "admin")
    assert status == 0 and "совпадает" in out
    with sqlite_database.write() as session:  # something wrote around the triggers
        session.execute(delete(PlaceMonth))
    status, out, _ = opora("summary", "check", "--user", "admin")
    assert status == 3 and "расходится" in out and "opora summary check --repair" in out
    status, out, _ = opora("summary", "check", "--user", "admin", "--repair")
    assert status == 0 and "перестроена" in out
    status, out, _ = opora("summary", "check", "--user", "admin")
    assert status == 0
    with sqlite_database.read() as session:
        assert session.execute(select(func.count()).select_from(AuditEntry)
                               .where(AuditEntry.entity == "report_summary")).scalar_one() == 1


def test_a_specialist_may_not(opora):
    status, _, err = opora("summary", "check", "--user", "spec")
    assert status != 0 and err
