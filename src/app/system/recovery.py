"""Recovery when nobody can sign in: whoever has OS access to the database acts as the administrator.

A locked-out or forgotten administrator is a real situation in a small office. Whoever can write the database
file (SQLite) — or holds credentials that can write the server's tables (PostgreSQL) — could change the users
table by hand anyway; letting them unlock an account or set a temporary password through the services keeps
the checks and writes the audit row, signed «ОС:<OS user>» with this computer's name, instead of a silent edit.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from app.core.actor import ADMIN, Actor
from app.core.errors import OporaError
from db.session import Database

RECOVERY_PREFIX = "ОС:"


class NoFileAccess(OporaError):
    """The OS user may not write the database file."""


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in the environment (a service account)
        return str(os.getuid()) if hasattr(os, "getuid") else "?"


def can_write(path: Path) -> bool:
    """This OS user may read and write the file and its folder (SQLite writes its -wal and -shm beside it)."""
    return os.access(path, os.R_OK | os.W_OK) and os.access(path.parent, os.W_OK)


def recovery_actor(database: Database) -> Actor:
    """The acting administrator for a recovery command; refuses when this OS user cannot write the file."""
    path = database.sqlite_path
    if database.is_sqlite:
        if path is None or not path.exists():
            raise NoFileAccess(f"Файл базы не найден: {database.location}.")
        if not can_write(path):
            raise NoFileAccess(
                f"У пользователя ОС «{os_user()}» нет права записи в файл базы {path} — восстановление доступа "
                f"без входа в программу возможно только от имени владельца файла или администратора компьютера.")
    login = f"{RECOVERY_PREFIX}{os_user()}"
    return Actor(user_id=None, login=login, role=ADMIN, display_name=f"Восстановление доступа ({login})")
