"""What the About dialog shows about this installation: version, database, encryption, backups, logs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app import __version__
from app.core.logs import log_path
from app.system.backups import default_folder, list_backups
from db.engine import data_dir
from db.session import Database


@dataclass(frozen=True)
class InstallationInfo:
    version: str
    database: str  # a path, or a server address without the password
    database_size: int | None  # bytes of the file with its -wal; None on PostgreSQL
    encrypted: bool | None  # None where encryption does not apply (PostgreSQL)
    data_folder: Path
    backup_folder: Path
    last_backup_at: datetime | None  # UTC; only verified copies are ever kept in the folder
    log_folder: Path


def installation_info(database: Database) -> InstallationInfo:
    """Read from the file system only (no query): safe on any thread, quick even with 1,000 backups."""
    path = database.sqlite_path
    size = None
    if path is not None and path.exists():
        size = sum(part.stat().st_size for part in (path, path.with_name(path.name + "-wal")) if part.exists())
    backups = list_backups(default_folder()) if database.is_sqlite else []
    return InstallationInfo(
        version=__version__, database=database.location, database_size=size,
        encrypted=database.is_encrypted if database.is_sqlite else None, data_folder=data_dir(),
        backup_folder=default_folder(), last_backup_at=max((b.taken_at for b in backups), default=None),
        log_folder=log_path().parent,
    )
