"""Backups: naming, verification, thinning, automatic backups, restore and the migration backup."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select

from app.core.errors import PermissionDenied
from app.core.settings import BACKUPS_DAILY_KEPT, read_number, write_number
from app.system import backups
from app.system.backup_restore import migrate_with_backup, newest_sound_backup, restore_backup, restore_hint
from app.system.backup_thinning import ThinningPolicy, backups_to_keep
from app.system.backups import (
    BackupError,
    PostgresBackupNotSupported,
    backup_before,
    backup_if_due,
    backup_name,
    backup_on_exit,
    list_backups,
    make_backup,
    parse_backup_name,
    thin_backups,
)
from db import migrate
from db.models import AuditEntry
from db.session import Database
from tests.app.db_dump import corrupt_file, dump_tables


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own data directory, so backups of other tests never show up."""
    folder = tmp_path / "data"
    monkeypatch.setenv("OPORA_DATA_DIR", str(folder))
    return folder


def _set_daily(database: Database, world, value: int) -> None:
    with database.write() as session:
        write_number(session, world.admin, BACKUPS_DAILY_KEPT, value)


def _daily(database: Database) -> float:
    with database.read() as session:
        return read_number(session, BACKUPS_DAILY_KEPT)


def _audit_actions(database: Database) -> list[tuple[str, str, str | None]]:
    with database.read() as session:
        rows = session.execute(select(AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id)
                               .order_by(AuditEntry.id)).all()
    return [tuple(row) for row in rows]


# --- names and thinning -------------------------------------------------------------------


def test_backup_names_carry_utc_time_and_reason():
    moment = datetime(2024, 5, 1, 10, 20, 30, tzinfo=UTC)
    name = backup_name(moment, "Before Migration!")
    assert name == "opora-20240501-102030-before_migration.db"
    assert parse_backup_name(name) == (moment, "before_migration")
    assert parse_backup_name(backup_name(moment, "manual", 2)) == (moment, "manual")
    assert parse_backup_name("opora.db") is None
    assert parse_backup_name(name + ".partial") is None


def test_thinning_keeps_recent_then_daily_weekly_monthly():
    now = datetime(2024, 6, 30, 23, 0)
    hourly = [now - timedelta(hours=hours) for hours in range(24 * 800)]
    policy = ThinningPolicy(recent=5, daily=14, weekly=8, monthly=12)
    kept = sorted(backups_to_keep(hourly, policy), reverse=True)
    assert len(kept) == 5 + 14 + 8 + 12
    assert kept[:5] == hourly[:5]
    daily = kept[5:19]
    assert len({moment.date() for moment in daily}) == 14
    assert all(moment.date() < hourly[4].date() for moment in daily)
    assert [moment.hour for moment in daily] == [23] * 14  # the newest of each day
    weekly = kept[19:27]
    assert len({moment.isocalendar()[:2] for moment in weekly}) == 8
    monthly = kept[27:]
    assert len({(moment.year, moment.month) for moment in monthly}) == 12
    assert monthly[-1] > now - timedelta(days=470)


def test_thinning_keeps_everything_when_there_are_few():
    now = datetime(2024, 6, 30, 12, 0)
    times = [now - timedelta(days=days) for days in range(10)]
    assert backups_to_keep(times, ThinningPolicy()) == set(times)
    assert backups_to_keep([], ThinningPolicy()) == set()


def test_thinning_drops_same_day_extras_beyond_the_recent_ones():
    day = datetime(2024, 6, 30, 8, 0)
    times = [day + timedelta(minutes=minutes) for minutes in range(10)]
    kept = backups_to_keep(times, ThinningPolicy(recent=3, daily=5, weekly=0, monthly=0))
    assert kept == set(sorted(times)[-3:])


# --- making backups -------------------------------------------------------------------------


def test_backup_is_a_verified_copy_with_an_audit_row(sqlite_database, sqlite_world, data_dir):
    path = make_backup(sqlite_database, actor=sqlite_world.admin)
    assert path.parent == data_dir / "backups"
    assert parse_backup_name(path.name)[1] == "manual"
    assert not list(path.parent.glob("*.partial")) and not Path(f"{path}-wal").exists()
    with closing(sqlite3.connect(path)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert dump_tables(sqlite_database, path)["users"] == dump_tables(sqlite_database)["users"]
    assert _audit_actions(sqlite_database)[-1] == ("backup", "backup", path.stem.removeprefix("opora-"))
    assert [backup.path for backup in list_backups()] == [path]
    assert list_backups()[0].size == path.stat().st_size


def test_two_backups_in_one_second_get_distinct_names(sqlite_database):
    first = make_backup(sqlite_database)
    second = make_backup(sqlite_database)
    assert first != second and first.exists() and second.exists()
    assert [backup.path for backup in list_backups()] == [second, first]  # newest first


def test_backup_to_a_chosen_folder_is_not_thinned(sqlite_database, tmp_path, monkeypatch):
    folder = tmp_path / "elsewhere"
    monkeypatch.setattr(backups, "thinning_policy", lambda database: ThinningPolicy(0, 0, 0, 0))
    path = make_backup(sqlite_database, folder=folder)
    assert path.parent == folder and path.exists()
    make_backup(sqlite_database)
    assert list_backups() == []  # the default folder was thinned to nothing by that policy


def test_only_an_administrator_backs_up(sqlite_database, sqlite_world):
    for actor in (sqlite_world.coordinator, sqlite_world.specialist):
        with pytest.raises(PermissionDenied, match="администратор"):
            make_backup(sqlite_database, actor=actor)
    assert list_backups() == []


def test_a_copy_failing_integrity_check_is_not_kept(sqlite_database, monkeypatch):
    monkeypatch.setattr(backups, "integrity_problems", lambda connection, quick=False: ["page 7: btree broken"])
    with pytest.raises(BackupError, match="не прошла проверку целостности"):
        make_backup(sqlite_database)
    assert list((backups.default_folder()).iterdir()) == []


def test_postgresql_explains_pg_dump(database):
    if database.is_sqlite:
        pytest.skip("PostgreSQL behaviour")
    assert backup_before(database, "import") is None
    with pytest.raises(PostgresBackupNotSupported, match="pg_dump"):
        make_backup(database)
    with pytest.raises(PostgresBackupNotSupported, match="pg_restore"):
        restore_backup(database, Path("x.db"))


def test_backup_before_names_the_reason_and_skips_an_empty_database(sqlite_database, tmp_path):
    path = backup_before(sqlite_database, "import")
    assert path is not None and parse_backup_name(path.name)[1] == "before_import"
    empty = Database.open(str(tmp_path / "new.db"))
    assert backup_before(empty, "migration") is None
    empty.dispose()


# --- automatic backups ------------------------------------------------------------------------


def test_daily_backup_only_when_the_newest_is_a_day_old(sqlite_database):
    first = backup_if_due(sqlite_database)
    assert first is not None and parse_backup_name(first.name)[1] == "daily"
    assert backup_if_due(sqlite_database) is None
    later = datetime.now(UTC) + timedelta(hours=25)
    assert backup_if_due(sqlite_database, now=later) is not None


def test_the_daily_backup_runs_beside_sign_in_not_before_it(sqlite_database):
    from app.system.backups import start_daily_backup
    from app.system.startup import prepare_database

    prepare_database(sqlite_database)
    assert list_backups() == []  # opening the database no longer waits for a copy
    thread = start_daily_backup(sqlite_database)
    with sqlite_database.read() as session:  # the database stays usable meanwhile
        assert session.execute(select(AuditEntry.id).limit(1)).first() is not None
    thread.join(timeout=60)
    assert [parse_backup_name(backup.path.name)[1] for backup in list_backups()] == ["daily"]


def test_exit_backup_only_after_a_change(sqlite_database, sqlite_world):
    made = backup_on_exit(sqlite_database)
    assert made is not None and parse_backup_name(made.name)[1] == "exit"
    old = made.stat().st_mtime + 5
    os.utime(made, (old, old))  # file times can be coarse: make "after the backup" unambiguous
    assert backup_on_exit(sqlite_database) is None
    _set_daily(sqlite_database, sqlite_world, 20)
    newer = old + 5
    for suffix in ("", "-wal"):
        live = Path(f"{sqlite_database.sqlite_path}{suffix}")
        if live.exists():
            os.utime(live, (newer, newer))
    assert backup_on_exit(sqlite_database) is not None


def test_thinning_deletes_old_backup_files(sqlite_database, sqlite_world):
    folder = backups.default_folder()
    folder.mkdir(parents=True)
    now = datetime.now(UTC)
    for days in range(60):
        (folder / backup_name(now - timedelta(days=days, hours=1), "daily")).write_bytes(b"x")
    (folder / "notes.txt").write_text("not a backup")
    _set_daily(sqlite_database, sqlite_world, 3)
    deleted = thin_backups(sqlite_database)
    remaining = list_backups()
    # 5 recent + 3 daily + up to 8 weekly + the monthly ones that are left in 60 days.
    assert 5 + 3 + 5 <= len(remaining) <= 5 + 3 + 8 + 3
    assert len(deleted) == 60 - len(remaining)
    assert (folder / "notes.txt").exists()


# --- restore ----------------------------------------------------------------------------------


def test_restore_brings_back_identical_data_and_keeps_the_current_state(sqlite_database, sqlite_world):
    backup = make_backup(sqlite_database, actor=sqlite_world.admin)
    before = dump_tables(sqlite_database, backup)
    _set_daily(sqlite_database, sqlite_world, 30)
    assert _daily(sqlite_database) == 30
    result = restore_backup(sqlite_database, backup, sqlite_world.admin)
    assert _daily(sqlite_database) == BACKUPS_DAILY_KEPT.default
    after = dump_tables(sqlite_database)
    audit_before, audit_after = before.pop("audit_log"), after.pop("audit_log")
    assert after == before
    assert audit_after[: len(audit_before)] == audit_before
    assert _audit_actions(sqlite_database)[-1][0] == "restore"
    assert result.safety_verified and result.safety_copy is not None
    assert parse_backup_name(result.safety_copy.name)[1] == "before_restore"
    setting_rows = dump_tables(sqlite_database, result.safety_copy)["settings"]
    assert any(row[0] == BACKUPS_DAILY_KEPT.key for row in setting_rows)
    assert "восстановлена из копии" in result.describe() and str(result.safety_copy) in result.describe()
    with closing(sqlite3.connect(sqlite_database.sqlite_path)) as live:
        assert live.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_restore_refuses_bad_files(sqlite_database, sqlite_world, tmp_path):
    with pytest.raises(BackupError, match="не найден"):
        restore_backup(sqlite_database, tmp_path / "missing.db", sqlite_world.admin)
    text = tmp_path / "text.db"
    text.write_bytes(b"hello, not a database" * 300)
    with pytest.raises(BackupError, match="повреждён или не является"):
        restore_backup(sqlite_database, text, sqlite_world.admin)
    foreign = tmp_path / "foreign.db"
    with closing(sqlite3.connect(foreign)) as connection:
        connection.execute("CREATE TABLE t (x)")
        connection.commit()
    with pytest.raises(BackupError, match="не является резервной копией"):
        restore_backup(sqlite_database, foreign, sqlite_world.admin)
    damaged = make_backup(sqlite_database)
    corrupt_file(damaged)
    with pytest.raises(BackupError, match="повреждён"):
        restore_backup(sqlite_database, damaged, sqlite_world.admin)
    with pytest.raises(PermissionDenied):
        restore_backup(sqlite_database, make_backup(sqlite_database), sqlite_world.specialist)
    assert not [b for b in list_backups() if b.reason == "before_restore"]  # nothing touched


def test_restore_refuses_a_backup_from_a_newer_version(sqlite_database, sqlite_world):
    newer = make_backup(sqlite_database)
    with closing(sqlite3.connect(newer)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
        connection.commit()
    with pytest.raises(BackupError, match="более новой версией"):
        restore_backup(sqlite_database, newer, sqlite_world.admin)


def test_restore_over_a_damaged_database_keeps_the_damaged_file(sqlite_database, sqlite_world):
    good = make_backup(sqlite_database)
    expected = dump_tables(sqlite_database, good)
    sqlite_database.dispose()
    live = sqlite_database.sqlite_path
    with closing(sqlite3.connect(live)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    corrupt_file(live)
    assert newest_sound_backup(sqlite_database) == good
    assert str(good) in restore_hint(sqlite_database)
    result = restore_backup(sqlite_database, good)
    assert not result.safety_verified and result.safety_copy.exists()
    assert "повреждено" in result.describe()
    after = dump_tables(sqlite_database)
    after.pop("audit_log"), expected.pop("audit_log")
    assert after == expected


def test_migration_is_preceded_by_a_backup(tmp_path):
    path = tmp_path / "old.db"
    old = Database.open(str(path))
    config = migrate.alembic_config()
    with old.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    saved = migrate_with_backup(old)
    assert saved is not None and parse_backup_name(saved.name)[1] == "before_migration"
    with closing(sqlite3.connect(saved)) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    assert migrate.current_revision(old.engine) == migrate.head_revision()
    assert _audit_actions(old)[-1][0] == "backup"
    assert migrate_with_backup(old) is None  # up to date: no backup
    old.dispose()


def test_half_written_copies_of_a_killed_backup_are_removed(sqlite_database, sqlite_world, data_dir):
    folder = data_dir / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    old = [folder / "opora-20260101-000000-daily.db.partial", folder / "opora-20260101-000000-daily.db.partial-wal"]
    fresh = folder / "opora-20260102-000000-exit.db.partial"  # perhaps another instance's, still being written
    for path in (*old, fresh):
        path.write_bytes(b"half a copy")
    hour_ago = datetime.now(UTC).timestamp() - 2 * 3600
    for path in old:
        os.utime(path, (hour_ago, hour_ago))
    make_backup(sqlite_database, actor=sqlite_world.admin)
    assert not any(path.exists() for path in old)
    assert fresh.exists()
