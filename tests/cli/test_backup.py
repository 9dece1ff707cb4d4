"""`opora backup` and `opora restore`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.core.settings import BACKUPS_DAILY_KEPT, read_number, write_number
from app.system.backups import list_backups, parse_backup_name
from cli.main import run
from tests.app.db_dump import corrupt_file
from tests.world import PASSWORD


@pytest.fixture(autouse=True)
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPORA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)


def _daily(database) -> float:
    with database.read() as session:
        return read_number(session, BACKUPS_DAILY_KEPT)


def test_backup_to_the_default_and_a_chosen_folder(sqlite_database, tmp_path, capsys):
    assert run(["backup", "--db", sqlite_database.location, "--user", "admin"]) == 0
    made = list_backups()
    assert len(made) == 1 and made[0].reason == "manual"
    assert str(made[0].path) in capsys.readouterr().out
    folder = tmp_path / "флешка"
    assert run(["backup", "--db", sqlite_database.location, "--to", str(folder), "--user", "admin"]) == 0
    assert "проверена" in capsys.readouterr().out
    backups = [p for p in folder.iterdir() if p.suffix == ".db"]
    assert [parse_backup_name(p.name)[1] for p in backups] == ["manual"]
    assert sorted(p.name for p in folder.iterdir()) == sorted([backups[0].name, backups[0].stem + ".json"])


def test_only_administrators_and_correct_passwords(sqlite_database, monkeypatch, capsys):
    assert run(["backup", "--db", sqlite_database.location, "--user", "coord"]) == 1
    assert "только администратор" in capsys.readouterr().err
    monkeypatch.setenv("OPORA_PASSWORD", "wrong-password1")
    assert run(["backup", "--db", sqlite_database.location, "--user", "admin"]) == 1
    assert "Неверный логин или пароль" in capsys.readouterr().err
    assert list_backups() == []


def test_restore_with_yes_replaces_the_data_and_keeps_the_state(sqlite_database, sqlite_world, capsys):
    assert run(["backup", "--db", sqlite_database.location, "--user", "admin"]) == 0
    backup = list_backups()[0].path
    with sqlite_database.write() as session:
        write_number(session, sqlite_world.admin, BACKUPS_DAILY_KEPT, 40)
    capsys.readouterr()
    assert run(["restore", str(backup), "--db", sqlite_database.location, "--yes", "--user", "admin"]) == 0
    out = capsys.readouterr().out
    assert "восстановлена из копии" in out and "before_restore" in out
    assert _daily(sqlite_database) == BACKUPS_DAILY_KEPT.default


def test_restore_asks_for_confirmation(sqlite_database, monkeypatch, capsys):
    assert run(["backup", "--db", sqlite_database.location, "--user", "admin"]) == 0
    backup = str(list_backups()[0].path)
    # Not a terminal (as under pytest): without --yes the command refuses.
    assert run(["restore", backup, "--db", sqlite_database.location, "--user", "admin"]) == 1
    assert "--yes" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "нет")
    assert run(["restore", backup, "--db", sqlite_database.location, "--user", "admin"]) == 1
    assert "отменено" in capsys.readouterr().out
    monkeypatch.setattr("builtins.input", lambda prompt: "да")
    assert run(["restore", backup, "--db", sqlite_database.location, "--user", "admin"]) == 0


def test_restore_refuses_a_bad_file_and_non_administrators(sqlite_database, tmp_path, capsys):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\0junk" * 2000)
    assert run(["restore", str(junk), "--db", sqlite_database.location, "--yes", "--user", "admin"]) == 1
    assert "не является базой данных Опоры" in capsys.readouterr().err
    assert run(["restore", str(junk), "--db", sqlite_database.location, "--yes", "--user", "spec"]) == 1
    assert "только администратор" in capsys.readouterr().err


def test_a_damaged_database_prints_the_restore_command_and_can_be_restored(sqlite_database, tmp_path, capsys):
    assert run(["backup", "--db", sqlite_database.location, "--user", "admin"]) == 0
    backup = list_backups()[0].path
    with sqlite_database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    sqlite_database.dispose()
    damaged = tmp_path / "damaged.db"
    shutil.copyfile(sqlite_database.sqlite_path, damaged)
    corrupt_file(damaged, pages=2)
    capsys.readouterr()
    assert run(["backup", "--db", str(damaged), "--user", "admin"]) == 1
    err = capsys.readouterr().err
    assert "повреждён" in err and f'opora restore "{backup}"' in err
    code = run(["restore", str(backup), "--db", str(damaged), "--yes", "--user", "admin"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "повреждён" in captured.err  # the warning about read-only mode came first
    assert "восстановлена" in captured.out and "повреждено" in captured.out
    assert run(["backup", "--db", str(damaged), "--user", "admin"]) == 0


def test_postgresql_is_explained(database, capsys):
    if database.is_sqlite:
        pytest.skip("PostgreSQL behaviour")
    assert run(["backup", "--db", database.url, "--user", "admin"]) == 1
    assert "pg_dump" in capsys.readouterr().err
    assert run(["restore", "x.db", "--db", database.url, "--yes", "--user", "admin"]) == 1
    assert "pg_restore" in capsys.readouterr().err
