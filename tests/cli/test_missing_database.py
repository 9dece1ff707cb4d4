"""A mistyped --db does not silently create an empty database (#15 item 4): only init (and demo, which fills a new
database by definition) make one; every other command stops and says so."""

from __future__ import annotations

import pytest

from cli.main import run
from tests.world import PASSWORD


@pytest.mark.parametrize("argv", [
    ["upgrade"], ["audit", "verify", "--user", "admin"], ["backup", "--user", "admin"], ["key", "status"],
    ["report", "quarterly", "--period", "2026-Q1", "--format", "xlsx", "--out", "OUT", "--user", "coord"],
    ["import", "families", "FILE.xlsx", "--dry-run", "--user", "coord"],
])
def test_a_command_on_a_missing_file_creates_nothing(tmp_path, monkeypatch, capsys, argv):
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    monkeypatch.setenv("OPORA_DATA_DIR", str(tmp_path / "data"))
    mistyped = tmp_path / "opra.db"
    argv = [str(tmp_path / a) if a in ("OUT", "FILE.xlsx") else a for a in argv]
    assert run([*argv, "--db", str(mistyped)]) == 1
    err = capsys.readouterr().err
    assert f"Файл базы данных {mistyped} не найден" in err and "opora init" in err
    assert not mistyped.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("opra")] == []


def test_init_creates_the_database(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("OPORA_PASSWORD", "Ласточка-17")
    monkeypatch.setenv("OPORA_DATA_DIR", str(tmp_path / "data"))
    target = tmp_path / "new" / "opora.db"
    assert run(["init", "--org", "ГБУ «Центр»", "--admin", "boss", "--db", str(target)]) == 0
    assert target.exists()
    assert run(["upgrade", "--db", str(target)]) == 0
