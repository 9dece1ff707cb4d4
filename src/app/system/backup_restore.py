"""Restoring a SQLite database from a backup, and the forced backup before every migration.

The backup is verified first, the current state is backed up next (a damaged database is copied
aside as it is), and only then is the live file's content replaced — with the SQLite backup API
into the live database, so its WAL and shared-memory files stay consistent for every connection.
"""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from alembic.util import CommandError

from app.core.actor import Actor, system_actor
from app.system.backups import (
    BackupError,
    PostgresBackupNotSupported,
    backup_before,
    default_folder,
    live_connection,
    own_backups,
    parse_backup_name,
    record_action,
    require_backup_rights,
    supersede_manifests,
)
from app.system.integrity import (
    CORRUPT,
    DATABASE_ERRORS,
    ReadOnlyDatabase,
    integrity_problems,
    quick_check,
    unblock_writes,
    write_block,
)
from app.system.trust import database_id
from db import migrate
from db.session import Database

log = logging.getLogger("opora.backups")
DAMAGED_FOLDER = "damaged"


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    taken_at: datetime | None
    safety_copy: Path | None  # the state before the restore (a verified backup or a damaged copy)
    safety_verified: bool

    def describe(self) -> str:
        when = f" от {_local_stamp(self.taken_at)}" if self.taken_at else ""
        text = f"База данных восстановлена из копии {self.restored_from.name}{when}."
        if self.safety_copy is not None:
            kind = "сохранено в резервной копии" if self.safety_verified else "было повреждено; его файл сохранён как"
            text += f" Прежнее состояние {kind} {self.safety_copy}."
        return text


def _local_stamp(moment: datetime) -> str:
    return moment.astimezone().strftime("%d.%m.%Y %H:%M")


def backup_revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except DATABASE_ERRORS:
        return None
    return str(row[0]) if row else None


def verify_backup_file(database: Database, file: Path) -> None:
    """Refuse a file that is missing, not a sound SQLite database, or not an Opora database we know."""
    if not file.is_file():
        raise BackupError(f"Файл резервной копии не найден: {file}.")
    try:
        with closing(database.connect_file(file)) as connection:
            problems = integrity_problems(connection)
            revision = None if problems else backup_revision(connection)
    except DATABASE_ERRORS as error:
        problems, revision = [str(error)], None
    if problems:
        raise BackupError(
            f"Файл {file.name} повреждён или не является базой данных Опоры "
            f"(проверка целостности: {'; '.join(problems[:3])}). Выберите другую копию."
        )
    if revision is None:
        raise BackupError(f"Файл {file.name} не является резервной копией базы данных Опоры.")
    try:
        known = ScriptDirectory.from_config(migrate.alembic_config()).get_revision(revision)
    except CommandError:
        known = None
    if known is None:
        raise BackupError(
            f"Копия {file.name} сделана более новой версией программы: обновите Опору, затем восстановите её."
        )


def _save_current_state(database: Database) -> tuple[Path | None, bool]:
    """Back up the live database before it is replaced; a damaged one is copied file by file."""
    try:
        return backup_before(database, "restore"), True
    except BackupError:
        if not quick_check(database):
            raise  # a sound database that could not be backed up: do not replace it
    live = database.sqlite_path
    assert live is not None
    folder = default_folder() / DAMAGED_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{live.stem}-damaged-{stamp}{live.suffix}"
    for source, suffix in ((live, ""), (Path(f"{live}-wal"), "-wal")):
        if source.exists():
            shutil.copy2(source, Path(f"{target}{suffix}"))
    return target, False


def _copy_into_live(database: Database, file: Path) -> None:
    database.engine.dispose()  # idle pooled connections must not keep a view of the old content
    with closing(database.connect_file(file)) as source, live_connection(database) as live:
        source.backup(live)
    database.engine.dispose()


def _rebuild_live(database: Database, file: Path) -> None:
    """When the live file is too damaged to be written into: replace it with a fresh copy."""
    live = database.sqlite_path
    assert live is not None
    database.engine.dispose()
    for leftover in (Path(f"{live}-wal"), Path(f"{live}-shm"), live):
        leftover.unlink(missing_ok=True)
    with closing(database.connect_file(file)) as source, closing(database.connect_file(live)) as target:
        source.backup(target)
        target.execute("PRAGMA journal_mode = WAL")


def restore_backup(database: Database, file: Path, actor: Actor | None = None) -> RestoreResult:
    """Replace the live database's content with the backup `file` and bring its schema up to date."""
    actor = actor or system_actor("restore")
    require_backup_rights(actor)
    if not database.is_sqlite:
        raise PostgresBackupNotSupported()
    if database.sqlite_path is None:
        raise BackupError("Восстанавливать из копии можно только базу SQLite в файле.")
    file = file.expanduser().resolve()
    verify_backup_file(database, file)
    safety, verified = _save_current_state(database)
    try:
        _copy_into_live(database, file)
    except DATABASE_ERRORS:
        log.warning("restoring into the live file failed; rebuilding it", exc_info=True)
        _rebuild_live(database, file)
    with closing(database.connect_file(database.sqlite_path)) as check:
        problems = integrity_problems(check, quick=True)
    if problems:
        raise BackupError("После восстановления база не прошла проверку целостности: " + "; ".join(problems[:3]))
    unblock_writes(database, CORRUPT)
    migrate_with_backup(database)
    supersede_manifests(_identity(database))  # the newer copies' audit heads are no longer the log's
    record_action(database, actor, "restore", file)
    parsed = parse_backup_name(file.name)
    return RestoreResult(file, parsed[0] if parsed else None, safety, verified)


def migrate_with_backup(database: Database) -> Path | None:
    """Apply pending migrations, taking a forced backup first; returns that backup (if any)."""
    if not migrate.needs_upgrade(database.engine):
        return None
    block = write_block(database)
    if block is not None:
        raise ReadOnlyDatabase(block.message + " Схему базы нужно обновить, а это запись: сначала устраните причину.")
    saved = backup_before(database, "migration")
    migrate.upgrade(database.engine)
    if saved is not None:
        # Recorded after the upgrade: the audit table's shape is the new schema's.
        record_action(database, system_actor("migration"), "backup", saved)
    return saved


def _identity(database: Database) -> str | None:
    try:
        with database.read() as session:
            return database_id(session)
    except Exception:  # a damaged database: try the settings page directly, below the engine's pragmas
        log.warning("could not read the database identity through the engine", exc_info=True)
    path = database.sqlite_path
    if path is None or not path.exists():
        return None
    try:
        with closing(database.connect_file(path)) as raw:
            row = raw.execute("SELECT value FROM settings WHERE key = 'database_id'").fetchone()
        value = json.loads(row[0]) if row else None
    except (sqlite3.DatabaseError, ValueError, TypeError):
        return None  # too damaged to tell: only backups made from the file at its path are its own
    return value if isinstance(value, str) else None


def newest_sound_backup(database: Database, folder: Path | None = None) -> Path | None:
    """The newest backup of this very database in `folder` that passes verification (None if there is none).

    Only backups whose manifest names this database's identity count: the newest file in a shared folder may be
    another database's."""
    for backup in own_backups(_identity(database), folder, database.sqlite_path):
        try:
            verify_backup_file(database, backup.path)
        except BackupError:
            continue
        return backup.path
    return None


def restore_hint(database: Database) -> str:
    """The command that restores the newest sound backup, for messages on the command line."""
    newest = newest_sound_backup(database)
    if newest is None:
        return f"Исправных резервных копий этой базы в папке {default_folder()} нет."
    return (f"Восстановите её командой: opora restore \"{newest}\" --db \"{database.location}\" "
            "--user ЛОГИН_АДМИНИСТРАТОРА")
