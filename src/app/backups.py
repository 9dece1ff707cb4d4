"""Backups of a SQLite database: made with the SQLite backup API, verified, then kept.

A backup is written under a temporary name, checked with `PRAGMA integrity_check` and only
then renamed into place, so a file with a backup's name is always a complete, sound copy.
Raw files are opened through `Database.connect_file`, so an encrypted database's copies are
opened (and stay encrypted) with the same key. PostgreSQL is backed up with pg_dump instead.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.errors import OporaError
from db.engine import data_dir
from db.session import Database

BACKUPS_FOLDER = "backups"
PREFIX = "opora"
SUFFIX = ".db"
PARTIAL_SUFFIX = ".partial"
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
    cleaned = re.sub(r"[^a-z0-9_]+", "_", reason.strip().lower()).strip("_")
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
    found.sort(key=lambda backup: (backup.taken_at, backup.path.name), reverse=True)
    return found


@contextmanager
def live_connection(database: Database) -> Iterator[sqlite3.Connection]:
    """The DB-API connection under one of the live engine's pooled connections (key and pragmas applied)."""
    with database.engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert isinstance(raw, sqlite3.Connection) or hasattr(raw, "backup")
        yield raw  # type: ignore[misc]


def integrity_problems(connection: sqlite3.Connection, quick: bool = False) -> list[str]:
    """What `integrity_check` (or the faster `quick_check`) reports; empty when the file is sound."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        rows = connection.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.DatabaseError as error:
        return [str(error)]
    messages = [str(row[0]) for row in rows]
    return [] if messages == ["ok"] else messages


def _unique_target(folder: Path, taken_at: datetime, reason: str) -> Path:
    serial = 0
    while (folder / backup_name(taken_at, reason, serial)).exists():
        serial += 1
    return folder / backup_name(taken_at, reason, serial)


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def write_backup(database: Database, folder: Path, reason: str) -> Path:
    """Copy the live database into `folder` under a new backup name; verified before it is kept."""
    _require_sqlite(database)
    folder.mkdir(parents=True, exist_ok=True)
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
        _fsync(partial)
        os.replace(partial, target)
    except sqlite3.DatabaseError as error:
        raise BackupError(f"Не удалось сделать резервную копию: {error}.") from error
    except OSError as error:
        raise BackupError(f"Не удалось записать резервную копию в папку {folder}: {error}.") from error
    finally:
        _remove_quietly(partial)
    return target


def _remove_quietly(path: Path) -> None:
    for candidate in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            candidate.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass


def _has_schema(database: Database) -> bool:
    with live_connection(database) as connection:
        row = connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()
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
