"""Errors tell the truth about the disk (#15 item 4): a full disk, a read-only disk and a lost drive are reported as
what they are, never as a damaged file with advice to restore; reading works on a read-only database.

Real mounts where the machine allows (a 1 MB tmpfs filled up, a tmpfs remounted read-only: needs root), otherwise
those tests skip; the others simulate at the engine (max_page_count, query_only, a path that is a folder)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from app.core.errors import OporaError
from app.registry.family_list import FamilyFilter, search_families
from app.registry.persons import search_persons
from app.system.bootstrap import log_in, open_database
from app.system.integrity import CORRUPT, check_on_open
from app.system.storage_errors import DISK_FULL, READ_ONLY, UNAVAILABLE, storage_problem
from cli.main import run
from db.session import Database
from tests.app.family_setup import mother_and_child
from tests.world import PASSWORD
from ui.errors import user_message


def _mount(folder: Path, size: str) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, check=False)
    return done.returncode == 0


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "mnt"
    if not _mount(folder, "3m"):
        pytest.skip("mounting a tmpfs needs root")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def _checkpointed_copy(database: Database, target: Path) -> Path:
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    assert database.sqlite_path is not None
    shutil.copyfile(database.sqlite_path, target)
    return target


def _never_damage(message: str) -> None:
    assert "повреждён" not in message and "резервной копии" not in message and "восстанов" not in message.lower()


def test_a_full_disk_is_reported_as_a_full_disk(sqlite_database, sqlite_world, tmpfs):
    mother_and_child(sqlite_database, sqlite_world)
    path = _checkpointed_copy(sqlite_database, tmpfs / "opora.db")
    database = open_database(str(path))
    try:
        filler = tmpfs / "filler"
        with open(filler, "wb") as handle:  # take every free byte of the small disk
            try:
                while True:
                    handle.write(b"\0" * 65536)
                    handle.flush()
            except OSError:
                pass
        with pytest.raises(Exception) as caught, database.write() as session:
            for index in range(2000):
                session.execute(text("INSERT INTO settings (key, value) VALUES (:k, :v)"),
                                {"k": f"filler-{index}", "v": '"' + "x" * 2000 + '"'})
        message = user_message(caught.value)
        assert storage_problem(caught.value).kind == DISK_FULL
        assert "закончилось место" in message
        _never_damage(message)
        filler.unlink()
        # Room again: the same database takes the write, nothing was damaged.
        with database.write() as session:
            session.execute(text("INSERT INTO settings (key, value) VALUES ('after', '1')"))
    finally:
        database.dispose()


def test_a_read_only_disk_is_read_only_and_reading_works(sqlite_database, sqlite_world, tmpfs, monkeypatch, capsys,
                                                         tmp_path):
    mother_and_child(sqlite_database, sqlite_world, "Белова")
    path = _checkpointed_copy(sqlite_database, tmpfs / "opora.db")
    assert subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=False).returncode == 0
    database = Database.open(str(path))
    try:
        block = check_on_open(database)
        assert block is not None and block.kind == READ_ONLY
        _never_damage(block.message)
        with database.read() as session:  # search works
            assert [row.full_name for row in search_persons(session, sqlite_world.coordinator, "белова")]
            assert search_families(session, FamilyFilter(text="белова"), actor=sqlite_world.coordinator).total
        with pytest.raises(OporaError, match="только для чтения"), database.write() as session:
            session.execute(text("INSERT INTO settings (key, value) VALUES ('x', '1')"))
    finally:
        database.dispose()
    # The command line's report reads it too, signing in without writing.
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    monkeypatch.setenv("OPORA_DATA_DIR", str(tmp_path / "data"))
    status = run(["report", "quarterly", "--period", "2026-Q1", "--format", "xlsx", "--out", str(tmp_path / "out"),
                  "--user", "coord", "--db", str(path)])
    assert status == 0, capsys.readouterr().err
    assert list((tmp_path / "out").glob("*.xlsx"))


def test_write_errors_of_the_disk_are_named_at_the_engine(sqlite_database, sqlite_world):
    """Simulated where no mount is possible: SQLite's own limits raise the same errors a disk would."""
    for pragma, kind, words in (("PRAGMA query_only = ON", READ_ONLY, "только для чтения"),
                                ("PRAGMA max_page_count = 1", DISK_FULL, "закончилось место")):
        with pytest.raises(Exception) as caught, sqlite_database.write() as session:
            session.execute(text(pragma))
            session.execute(text("INSERT INTO settings (key, value) VALUES (:k, :v)"),
                            {"k": "big", "v": '"' + "x" * 20000 + '"'})
        sqlite_database.dispose()  # the pragma stays on the pooled connection: the next round starts afresh
        assert storage_problem(caught.value).kind == kind
        message = user_message(caught.value)
        assert words in message
        _never_damage(message)


def test_a_lost_drive_at_open_is_not_damage(tmp_path):
    folder_in_place_of_file = tmp_path / "opora.db"
    folder_in_place_of_file.mkdir()  # what SQLite sees when the drive letter now points elsewhere
    database = Database.open(str(folder_in_place_of_file))
    try:
        block = check_on_open(database)
        assert block is not None and block.kind == UNAVAILABLE and block.kind != CORRUPT
        assert "недоступен" in block.message
        _never_damage(block.message)
    finally:
        database.dispose()


def test_a_read_only_open_signs_in_without_writing(sqlite_database, sqlite_world, tmpfs):
    path = _checkpointed_copy(sqlite_database, tmpfs / "opora.db")
    assert subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=False).returncode == 0
    database = open_database(str(path))
    try:
        assert log_in(database, "coord", PASSWORD).actor.login == "coord"
    finally:
        database.dispose()


def test_a_safety_backup_does_not_fill_the_disk(sqlite_database, sqlite_world, tmp_path, monkeypatch):
    """The import's (and every) backup is refused before writing when the copy would leave the disk full."""
    from app.system.backups import BackupError, backup_before, list_backups

    folder = tmp_path / "data"
    if not _mount(folder, "1m"):
        pytest.skip("mounting a tmpfs needs root")
    try:
        monkeypatch.setenv("OPORA_DATA_DIR", str(folder))
        with pytest.raises(BackupError, match="недостаточно места") as caught:
            backup_before(sqlite_database, "import")
        assert "повреждён" not in str(caught.value) and "свободно" in str(caught.value)
        assert list_backups() == []
        assert [p for p in (folder / "backups").iterdir()] == []  # no partial copy left either
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
