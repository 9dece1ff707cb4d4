"""Turning encryption on for a plain SQLite database, and what the administrator sees about it.

`encrypt_database` makes an encrypted copy with `sqlcipher_export`, checks it (integrity_check and
the row count of every table), stores the new key, then swaps the copy in with renames. The plain
original is kept only where the administrator asked; otherwise its bytes are overwritten with
zeros before the file is deleted. On an SSD or a copy-on-write file system overwriting in place
does not guarantee the old blocks are gone — full-disk encryption is the answer there, and the
message after encrypting says so. On PostgreSQL encryption at rest is the server's job.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from app.core import audit
from app.core.actor import Actor
from app.core.errors import OporaError
from app.system.backups import default_folder, list_backups
from app.system.encryption_journal import (
    close_journal,
    encrypting_path,
    forget_missing_copies,
    known_plain_copies,
    plain_old_path,
    recover_encryption,
    remember_kept_copy,
    shred,
    sidecars,
    sync_folder,
    write_journal,
)
from app.system.integrity import write_block
from app.system.keystore import KeyStore, require_admin
from db import cipher
from db.cipher import DatabaseKey
from db.session import Database

log = logging.getLogger("opora.encryption")
POSTGRES_HINT = (
    "База данных работает на сервере PostgreSQL: шифрование хранимых данных обеспечивает сервер "
    "(шифрование диска сервера или прозрачное шифрование таблиц, TDE) и защищённое подключение (SSL). "
    "Программа сама такую базу не шифрует."
)
SSD_NOTE = (
    "На SSD-дисках перезапись не гарантирует, что старые данные физически стёрты: для полной защиты "
    "включите шифрование диска (BitLocker)."
)
# How long to wait for another program to let go of the file before saying it is in use.
_IN_USE_TIMEOUT_S = 2.0


class EncryptionError(OporaError):
    """The database could not be encrypted; it is left as it was."""


@dataclass(frozen=True)
class EncryptionStatus:
    available: bool  # SQLite in a file
    encrypted: bool
    location: str
    key_id: str = ""
    key_file: Path | None = None  # where this computer keeps the key
    cipher_version: str = ""
    plain_backups: list[Path] = field(default_factory=list)
    note: str = ""  # why encryption is not available here (PostgreSQL, in memory)
    # Other plain copies of this database the app knows of: an original kept on request, a leftover of an
    # interrupted encryption (normally destroyed at the next start; listed here if that failed).
    plain_copies: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class EncryptionResult:
    key_id: str
    key_file: Path
    plain_copy: Path | None
    plain_backups: list[Path]  # unencrypted backups still on disk
    deleted_backups: list[Path]


def plain_backups(folder: Path | None = None) -> list[Path]:
    """Backups in the backups folder that are plain SQLite files (made before encryption)."""
    return [backup.path for backup in list_backups(folder or default_folder())
            if cipher.file_header(backup.path) == cipher.SQLITE_HEADER]


def encryption_status(database: Database, store: KeyStore | None = None) -> EncryptionStatus:
    path = database.sqlite_path
    if not database.is_sqlite:
        return EncryptionStatus(False, False, database.location, note=POSTGRES_HINT)
    if path is None:
        return EncryptionStatus(False, False, database.location, note="База данных в памяти не шифруется.")
    version = cipher.cipher_version()
    key = database.key
    forget_missing_copies(path)
    copies = known_plain_copies(path)
    if key is None:
        return EncryptionStatus(True, False, database.location, cipher_version=version,
                                plain_backups=plain_backups(), plain_copies=copies)
    store = store or KeyStore.default()
    stored = store.path_for(key.key_id)
    return EncryptionStatus(True, True, database.location, key_id=key.key_id,
                            key_file=stored if stored.exists() else None, cipher_version=version,
                            plain_backups=plain_backups(), plain_copies=copies)


def _shred_all(paths: list[Path]) -> None:
    for path in paths:
        try:
            shred(path)
        except OSError:  # the database is already encrypted; a file left behind is only logged
            log.warning("could not overwrite and delete %s", path, exc_info=True)


def _keep_copy(path: Path, target: Path) -> None:
    try:
        shutil.copy2(path, target)
    except OSError as error:
        raise EncryptionError(f"Не удалось сохранить незашифрованную копию в {target}: {error}. "
                              "База оставлена без изменений.") from None


def _take_exclusive(path: Path) -> None:
    """Fold the WAL into the file and leave WAL mode, which SQLite allows only with no other connection."""
    connection = sqlite3.connect(str(path), timeout=_IN_USE_TIMEOUT_S, isolation_level=None)
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(_IN_USE_TIMEOUT_S * 1000)}")
        mode = connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except sqlite3.OperationalError:
        mode = ""
    finally:
        connection.close()
    if mode != "delete":
        raise EncryptionError(
            "База данных открыта в другом окне «Опоры» или на другом компьютере. Закройте программу "
            "там и повторите — шифровать можно, только когда базой больше никто не пользуется."
        )


def _table_counts(connection: sqlite3.Connection) -> dict[str, int]:
    names = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def _verify_copy(source: Path, copy: Path, key: DatabaseKey) -> None:
    with closing(cipher.connect(copy, key)) as encrypted, closing(sqlite3.connect(str(source))) as plain:
        verdict = encrypted.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise EncryptionError(f"Зашифрованная копия не прошла проверку целостности ({verdict}); "
                                  "база оставлена без изменений.")
        if _table_counts(encrypted) != _table_counts(plain):
            raise EncryptionError("В зашифрованной копии не совпало число строк; база оставлена без изменений.")


def _swap_in(path: Path, encrypted: Path) -> Path:
    """Put `encrypted` at `path`; returns a name under which the plain original can still be zeroed.

    A hard link keeps the plain bytes reachable while one atomic replace puts the encrypted file in
    place, so a crash at any moment leaves a whole database at `path`. Where links are not
    supported (FAT), two renames do it, with a short moment in which `path` does not exist.
    """
    old = plain_old_path(path)
    try:
        os.link(path, old)
    except OSError:
        try:
            os.replace(path, old)
        except OSError as error:
            raise EncryptionError(
                f"Файл базы занят другой программой, база оставлена без изменений: {error}.") from None
    try:
        os.replace(encrypted, path)
    except OSError as error:
        if not path.exists():
            os.replace(old, path)
        else:
            old.unlink()
        raise EncryptionError(f"Не удалось заменить файл базы, база оставлена без изменений: {error}.") from None
    sync_folder(path.parent)  # make the rename itself survive a power cut
    return old


def encrypt_database(
    database: Database,
    actor: Actor,
    keep_plain_copy: Path | None = None,
    delete_plain_backups: bool = False,
    store: KeyStore | None = None,
) -> EncryptionResult:
    """Encrypt the plain SQLite database in place; `database` opens it with the new key afterwards.

    `keep_plain_copy`: where to keep the unencrypted original (None: it is overwritten and deleted).
    `delete_plain_backups`: also overwrite and delete the unencrypted backups in the backups folder.
    """
    require_admin(actor)
    if not database.is_sqlite:
        raise EncryptionError(POSTGRES_HINT)
    path = database.sqlite_path
    if path is None:
        raise EncryptionError("База данных в памяти не шифруется.")
    if database.is_encrypted or cipher.is_encrypted_file(path):
        raise EncryptionError("База данных уже зашифрована.")
    block = write_block(database)
    if block is not None:
        raise EncryptionError(f"База открыта только для чтения и не может быть зашифрована. {block.message}")
    store = store or KeyStore.default()
    key = DatabaseKey.generate()
    temporary = encrypting_path(path)
    database.dispose()
    _take_exclusive(path)
    recover_encryption(path)  # an earlier run killed part-way is finished or undone before this one starts
    # The journal comes first: from here on a kill at any instant is finished or undone at the next start.
    write_journal(path, "started", store.path_for(key.key_id))
    try:
        cipher.export_encrypted(path, temporary, key)
        _verify_copy(path, temporary, key)
        if keep_plain_copy is not None:
            _keep_copy(path, keep_plain_copy)
            remember_kept_copy(path, keep_plain_copy)
        key_file = store.save(key)  # before the swap: the encrypted file must never lack its key
        write_journal(path, "swapping", key_file)
        old = _swap_in(path, temporary)
        write_journal(path, "swapped", key_file)
    except BaseException:
        with contextlib.suppress(OSError):
            recover_encryption(path)  # undo: the database at `path` is still the plain one
        raise
    database.use_key(key)
    # The new file has no WAL yet: any sidecar here is the plain database's.
    _shred_all([old, *sidecars(old), *sidecars(path)])
    close_journal(path)
    deleted = plain_backups() if delete_plain_backups else []
    _shred_all(deleted)
    with database.write() as session:
        audit.record(session, actor, "update", "database", key.key_id, ["encryption"])
    _record_deleted(database, actor, deleted)
    return EncryptionResult(key.key_id, key_file, keep_plain_copy, plain_backups(), deleted)


def delete_plain_backups(database: Database, actor: Actor, folder: Path | None = None) -> list[Path]:
    """Overwrite and delete the unencrypted backups (administrators), once the database is encrypted."""
    require_admin(actor)
    if not database.is_encrypted:
        raise EncryptionError("База данных не зашифрована: её открытые резервные копии пока нужны.")
    removed = plain_backups(folder)
    for backup in removed:
        shred(backup)
    _record_deleted(database, actor, removed)
    return removed


def _record_deleted(database: Database, actor: Actor, removed: list[Path]) -> None:
    if not removed:
        return
    with database.write() as session:
        for backup in removed:
            audit.record(session, actor, "delete", "backup", backup.stem.removeprefix("opora-")[:36])
