"""Backups of a SQLite database: made with the SQLite backup API, verified, then kept.

A backup is written under a temporary name, checked with `PRAGMA integrity_check` and only
then renamed into place, so a file with a backup's name is always a complete, sound copy.
Raw files are opened through `Database.connect_file`, so an encrypted database's copies are
opened (and stay encrypted) with the same key. PostgreSQL is backed up with pg_dump instead.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from app.core import audit
from app.core.actor import Actor, system_actor
from app.core.errors import OporaError, PermissionDenied
from app.core.settings import BACKUPS_DAILY_KEPT, read_number
from app.system.backup_thinning import ThinningPolicy, backups_to_keep
from app.system.integrity import DATABASE_ERRORS, integrity_problems, write_block
from db.engine import data_dir
from db.session import Database

log = logging.getLogger("opora.backups")
DAILY_INTERVAL = timedelta(hours=24)

BACKUPS_FOLDER = "backups"
PREFIX = "opora"
SUFFIX = ".db"
PARTIAL_SUFFIX = ".partial"
STALE_PARTIAL_SECONDS = 3600
STAMP_FORMAT = "%Y%m%d-%H%M%S"
# opora-20240501-102030-manual.db, or opora-20240501-102030-manual-2.db for a second one that second.
_NAME = re.compile(rf"^{PREFIX}-(\d{{8}}-\d{{6}})-([a-z0-9_]+?)(?:-(\d+))?{re.escape(SUFFIX)}$")

PG_DUMP_HINT = (
    "База данных работает на сервере PostgreSQL: резервные копии делает администратор сервера "
    "командой pg_dump (например, «pg_dump -Fc -f opora.dump ИМЯ_БАЗЫ»), а восстанавливает — "
    "командой pg_restore («pg_restore --clean -d ИМЯ_БАЗЫ opora.dump»). Программа сама копии "
    "такой базы не делает."
)


class BackupError(OporaError):
    """A backup could not be made, verified or restored."""


class PostgresBackupNotSupported(OporaError):
    """Backups of a PostgreSQL database are the server's job (pg_dump / pg_restore)."""

    def __init__(self) -> None:
        super().__init__(PG_DUMP_HINT)


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime  # UTC, from the file name
    reason: str
    size: int


MANIFEST_SUFFIX = ".json"


@dataclass(frozen=True)
class BackupManifest:
    """Written beside each backup: whose copy it is and the audit chain's head inside it.

    `database_id` (app.system.trust) lets only a database's own backups be offered to restore it; the audit head
    (last id and hash) lets `opora audit verify` notice rows removed from the newest end of the live log.
    """

    database_id: str | None
    audit_last_id: int
    audit_hash: str
    superseded: bool = False  # the database was restored from an older copy since: its head is history
    database_path: str = ""  # where the database was: recognises its backups when it is too damaged to say its id


def manifest_path(backup: Path) -> Path:
    return backup.with_suffix(MANIFEST_SUFFIX)


def read_manifest(backup: Path) -> BackupManifest | None:
    try:
        data = json.loads(manifest_path(backup).read_text(encoding="utf-8"))
        return BackupManifest(data.get("database_id"), int(data["audit_last_id"]), str(data["audit_hash"]),
                              bool(data.get("superseded", False)), str(data.get("database_path", "")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def own_backups(database_id: str | None, folder: Path | None = None, database_path: Path | None = None
                ) -> list[BackupFile]:
    """The backups in `folder` made from the database `database_id` (newest first). When the identity cannot be
    read (a damaged file), those made from the file at `database_path`; otherwise none."""
    def own(manifest: BackupManifest | None) -> bool:
        if manifest is None:
            return False
        if database_id:
            return manifest.database_id == database_id
        return database_path is not None and manifest.database_path == str(database_path)
    return [backup for backup in list_backups(folder) if own(read_manifest(backup.path))]


def known_audit_head(database_id: str | None, database_path: Path | None,
                     folder: Path | None = None) -> BackupManifest | None:
    """The audit head of the newest backup of this very file (same identity and same path: a copy of the database
    elsewhere goes its own way from the moment it was copied) not superseded by a restore. The live log must still
    contain that row with that hash."""
    for backup in own_backups(database_id, folder):
        manifest = read_manifest(backup.path)
        if manifest is not None and not manifest.superseded and database_path is not None \
                and manifest.database_path == str(database_path):
            return manifest
    return None


def supersede_manifests(database_id: str | None, folder: Path | None = None) -> None:
    """After a restore the live log is legitimately shorter than the newer backups' heads: mark them history."""
    for backup in own_backups(database_id, folder):
        path = manifest_path(backup.path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            data["superseded"] = True
            path.write_text(json.dumps(data), encoding="utf-8")
        except (OSError, ValueError):
            log.warning("could not mark the manifest %s superseded", path.name)


def _write_manifest(copy: sqlite3.Connection, target: Path, source: Path | None) -> None:
    """The copy's identity and audit head, read from the copy itself (so they describe exactly what it holds)."""
    row = copy.execute("SELECT value FROM settings WHERE key = 'database_id'").fetchone()
    try:
        identity = json.loads(row[0]) if row else None
    except (TypeError, ValueError):
        identity = None
    head = copy.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    manifest = {"database_id": identity if isinstance(identity, str) else None,
                "audit_last_id": head[0] if head else 0, "audit_hash": head[1] if head else "0" * 64,
                "database_path": str(source) if source else ""}
    path = manifest_path(target)
    path.write_text(json.dumps(manifest), encoding="utf-8")


def default_folder() -> Path:
    return data_dir() / BACKUPS_FOLDER


def _require_sqlite(database: Database) -> Path:
    path = database.sqlite_path
    if path is None:
        if not database.is_sqlite:
            raise PostgresBackupNotSupported()
        raise BackupError("База данных в памяти: сохранять её копию некуда.")
    return path


def _clean_reason(reason: str) -> str:
    # Short enough that "YYYYMMDD-HHMMSS-reason" fits the audit log's 36-character record id.
    cleaned = re.sub(r"[^a-z0-9_]+", "_", reason.strip().lower()).strip("_")[:18].strip("_")
    return cleaned or "manual"


def backup_name(taken_at: datetime, reason: str, serial: int = 0) -> str:
    stamp = taken_at.astimezone(UTC).strftime(STAMP_FORMAT)
    tail = f"-{serial}" if serial else ""
    return f"{PREFIX}-{stamp}-{_clean_reason(reason)}{tail}{SUFFIX}"


def parse_backup_name(name: str) -> tuple[datetime, str] | None:
    """(UTC time, reason) for a backup's file name; None for any other file."""
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        taken_at = datetime.strptime(match.group(1), STAMP_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None
    return taken_at, match.group(2)


def _serial(name: str) -> int:
    match = _NAME.match(name)
    return int(match.group(3)) if match and match.group(3) else 0


def list_backups(folder: Path | None = None) -> list[BackupFile]:
    """The backups in `folder` (the data directory's by default), newest first."""
    folder = folder or default_folder()
    if not folder.is_dir():
        return []
    found: list[BackupFile] = []
    for entry in folder.iterdir():
        parsed = parse_backup_name(entry.name)
        if parsed is None or not entry.is_file():
            continue
        found.append(BackupFile(entry, parsed[0], parsed[1], entry.stat().st_size))
    found.sort(key=lambda backup: (backup.taken_at, _serial(backup.path.name)), reverse=True)
    return found


@contextmanager
def live_connection(database: Database) -> Iterator[sqlite3.Connection]:
    """The DB-API connection under one of the live engine's pooled connections (key and pragmas applied)."""
    try:
        connection = database.engine.connect()
    except DBAPIError as error:  # a damaged file can fail already in the connection's pragmas
        raise sqlite3.DatabaseError(str(error.orig)) from error
    with connection:
        raw = connection.connection.dbapi_connection
        yield raw  # type: ignore[misc]


def _unique_target(folder: Path, taken_at: datetime, reason: str) -> Path:
    serial = 0
    while (folder / backup_name(taken_at, reason, serial)).exists():
        serial += 1
    return folder / backup_name(taken_at, reason, serial)


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def remove_stale_partials(folder: Path, now: float | None = None) -> list[Path]:
    """Delete half-written copies left by a process that was killed while backing up.

    A copy of a large database is as large as the database, so these must not pile up; one that
    is an hour old is no other instance's backup still in progress.
    """
    limit = (time.time() if now is None else now) - STALE_PARTIAL_SECONDS
    removed = []
    for path in folder.glob(f"*{PARTIAL_SUFFIX}*"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


# Left free on the disk after a backup: a copy that takes the last bytes makes the next save (or the import the
# backup protects) fail with a full disk.
FREE_SPACE_RESERVE = 64 * 1024 * 1024


def _format_size(size: float) -> str:
    return f"{size / 1024 / 1024:.0f} МБ".replace(".", ",")


def check_free_space(database: Database, folder: Path) -> None:
    """Refuse a backup that would fill the disk it is written to (BackupError naming both sizes)."""
    live = database.sqlite_path
    if live is None or not live.exists():
        return
    needed = sum(p.stat().st_size for p in (live, Path(f"{live}-wal")) if p.exists()) + FREE_SPACE_RESERVE
    free = shutil.disk_usage(folder).free
    if free < needed:
        raise BackupError(
            f"На диске с папкой {folder} недостаточно места для резервной копии: нужно около "
            f"{_format_size(needed)}, свободно {_format_size(free)}. Освободите место (например, удалите старые "
            "резервные копии) и повторите; база данных не изменена.")


def write_backup(database: Database, folder: Path, reason: str) -> Path:
    """Copy the live database into `folder` under a new backup name; verified before it is kept.

    Refused before anything is written when the copy would leave the disk (nearly) full."""
    _require_sqlite(database)
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_partials(folder)
    check_free_space(database, folder)
    target = _unique_target(folder, datetime.now(UTC), reason)
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    _remove_quietly(partial)
    try:
        with closing(database.connect_file(partial)) as copy:
            with live_connection(database) as source:
                # One step (pages=-1) copies a single consistent snapshot even while others write.
                source.backup(copy)
            problems = integrity_problems(copy)
            if problems:
                raise BackupError(
                    "Резервная копия не прошла проверку целостности и не сохранена: "
                    + "; ".join(problems[:3])
                )
            # A backup is one self-contained file: no -wal/-shm beside it.
            copy.execute("PRAGMA journal_mode = DELETE")
            if _has_tables(copy, "settings", "audit_log"):
                _write_manifest(copy, target, database.sqlite_path)
        _fsync(partial)
        os.replace(partial, target)
    except DATABASE_ERRORS as error:
        raise BackupError(f"Не удалось сделать резервную копию: {error}.") from error
    except OSError as error:
        raise BackupError(f"Не удалось записать резервную копию в папку {folder}: {error}.") from error
    finally:
        _remove_quietly(partial)
        if not target.exists():
            manifest_path(target).unlink(missing_ok=True)
    return target


def _has_tables(connection: sqlite3.Connection, *names: str) -> bool:
    found = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return set(names) <= found


def _remove_quietly(path: Path) -> None:
    for candidate in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            candidate.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass


def _has_schema(database: Database) -> bool:
    try:
        with live_connection(database) as connection:
            row = connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()
    except DATABASE_ERRORS as error:
        raise BackupError(f"Не удалось прочитать базу данных для резервной копии: {error}.") from error
    return bool(row and row[0])


def backup_before(database: Database, reason: str) -> Path | None:
    """A forced backup before a migration, restore or import, in the data directory's folder.

    Returns the new file, or None when there is nothing to protect: on PostgreSQL (the server's
    pg_dump is the backup there) and on an empty new database.
    """
    if not database.is_sqlite or database.sqlite_path is None:
        return None
    if not database.sqlite_path.exists() or not _has_schema(database):
        return None
    return write_backup(database, default_folder(), f"before_{_clean_reason(reason)}")


def require_backup_rights(actor: Actor) -> None:
    # The program itself (user_id None) makes automatic backups; people need the administrator role.
    if actor.user_id is not None and not actor.is_admin:
        raise PermissionDenied("Резервные копии делает и восстанавливает только администратор.")


def record_action(database: Database, actor: Actor, action: str, path: Path) -> None:
    """An audit row for a backup or restore, unless the database is read-only just now."""
    if write_block(database) is not None:
        return
    with database.write() as session:
        audit.record(session, actor, action, "backup", path.name.removeprefix(f"{PREFIX}-").removesuffix(SUFFIX))


def make_backup(database: Database, folder: Path | None = None, reason: str = "manual",
                actor: Actor | None = None) -> Path:
    """A verified backup in `folder` (the data directory's backups by default), audited.

    Backups in the default folder are thinned afterwards; a folder the user chose is left alone.
    `actor` None means the program itself (automatic backups).
    """
    actor = actor or system_actor("backup")
    require_backup_rights(actor)
    _require_sqlite(database)
    target_folder = folder or default_folder()
    path = write_backup(database, target_folder, reason)
    record_action(database, actor, "backup", path)
    if folder is None or folder.resolve() == default_folder().resolve():
        thin_backups(database, target_folder)
    return path


def thinning_policy(database: Database) -> ThinningPolicy:
    try:
        with database.read() as session:
            daily = int(read_number(session, BACKUPS_DAILY_KEPT))
    except Exception:  # a damaged database still gets its backups thinned by the default
        log.warning("could not read the backups setting; using the default", exc_info=True)
        daily = int(BACKUPS_DAILY_KEPT.default)
    return ThinningPolicy(daily=daily)


def thin_backups(database: Database, folder: Path | None = None) -> list[Path]:
    """Delete the backups the thinning policy does not keep; returns the deleted files."""
    backups = list_backups(folder)
    keep = backups_to_keep((backup.taken_at.astimezone() for backup in backups), thinning_policy(database))
    deleted: list[Path] = []
    for backup in backups:
        if backup.taken_at.astimezone() in keep:
            continue
        try:
            backup.path.unlink()
            manifest_path(backup.path).unlink(missing_ok=True)
            deleted.append(backup.path)
        except OSError:
            log.warning("could not delete old backup %s", backup.path, exc_info=True)
    return deleted


def newest_backup(folder: Path | None = None) -> BackupFile | None:
    backups = list_backups(folder)
    return backups[0] if backups else None


def backup_if_due(database: Database, now: datetime | None = None) -> Path | None:
    """The daily backup: made when the newest one is older than 24 hours (None on PostgreSQL)."""
    if database.sqlite_path is None or not database.sqlite_path.exists():
        return None
    newest = newest_backup()
    now = now or datetime.now(UTC)
    if newest is not None and now - newest.taken_at < DAILY_INTERVAL:
        return None
    return make_backup(database, reason="daily")


def _last_change(path: Path) -> float:
    times = [candidate.stat().st_mtime for candidate in (path, Path(f"{path}-wal")) if candidate.exists()]
    return max(times, default=0.0)


def backup_on_exit(database: Database) -> Path | None:
    """The backup at exit, skipped when nothing was written since the newest backup."""
    path = database.sqlite_path
    if path is None or not path.exists():
        return None
    newest = newest_backup()
    if newest is not None and _last_change(path) <= newest.path.stat().st_mtime:
        return None
    return make_backup(database, reason="exit")


def try_automatic_backup(database: Database, kind: str) -> Path | None:
    """An automatic backup ("daily" or "exit") that never stops the program: failures are logged."""
    try:
        return backup_if_due(database) if kind == "daily" else backup_on_exit(database)
    except Exception:
        log.exception("automatic %s backup failed", kind)
        return None


def start_daily_backup(database: Database) -> threading.Thread:
    """The daily backup on a thread of its own, so signing in never waits for it.

    Copying and checking a large database takes a while (13.7 s for 1.4 GB here); the backup opens
    its own connections and reads one consistent snapshot, so the user works meanwhile. Join the
    thread before the database is closed.
    """
    thread = threading.Thread(target=try_automatic_backup, args=(database, "daily"), name="daily-backup",
                              daemon=True)
    thread.start()
    return thread
