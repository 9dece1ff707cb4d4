"""Where database keys live, so staff never type one and the database file alone never opens.

A key file sits in the user's configuration folder (`~/.config/OporaKeys`,
`%LOCALAPPDATA%\\OporaKeys`), never in the data folder that holds the database and its backups,
readable by its owner only (0600). It is named by the key's id, which SQLCipher writes as the
first 16 bytes of every file encrypted with the key, so the database, a copy of it and every backup
find the same key without being opened. A per-machine folder (`/etc/xdg/OporaKeys`,
`C:\\ProgramData\\OporaKeys`) is searched too, for an IT administrator who sets up every Windows
account of a PC at once. An administrator exports the key to a file (to restore on another PC)
and imports it there.

What this protects: the database or a backup copied off the PC (USB stick, network folder, mail)
does not open. What it does not: someone who can sign in as the same OS user, or who takes the
whole disk — full-disk encryption (BitLocker) covers that.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from platformdirs import site_config_dir, user_config_dir

from app.core import audit
from app.core.actor import Actor
from app.core.errors import OporaError, PermissionDenied
from app.system.encryption_journal import recover_encryption
from db import cipher
from db.cipher import DatabaseKey
from db.session import Database

KEY_DIR_ENV = "OPORA_KEY_DIR"
KEYS_APP_NAME = "OporaKeys"
KEY_SUFFIX = ".key"
FORMAT_LINE = "opora-database-key 1"
_HEX_LINE = re.compile(r"^(id|key)\s*=\s*([0-9a-fA-F]+)\s*$")


class KeyNotFound(OporaError):
    """The database is encrypted and no key for it is on this computer (or the key does not fit)."""


class KeyFileInvalid(OporaError):
    """A file offered as a key is not an Opora key file."""


def require_admin(actor: Actor) -> None:
    # The program itself (first run, user_id None) may encrypt; among people only administrators.
    if actor.user_id is not None and not actor.is_admin:
        raise PermissionDenied("Шифрованием базы и её ключом управляет только администратор.")


def key_file_text(key: DatabaseKey) -> str:
    return (
        f"{FORMAT_LINE}\n"
        "# Ключ шифрования базы данных «Опора». Кто владеет этим файлом и копией базы, может её прочитать:\n"
        "# храните его отдельно от базы и её резервных копий.\n"
        f"id={key.salt.hex()}\n"
        f"key={key.key.hex()}\n"
    )


def parse_key_file(text: str, source: Path) -> DatabaseKey:
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    values = {match.group(1): match.group(2) for line in lines if (match := _HEX_LINE.match(line))}
    try:
        if not lines or lines[0] != FORMAT_LINE:
            raise ValueError("format")
        return DatabaseKey(bytes.fromhex(values["key"]), bytes.fromhex(values["id"]))
    except (KeyError, ValueError):
        raise KeyFileInvalid(f"Файл {source} не является файлом ключа «Опоры» или повреждён.") from None


def read_key_file(path: Path) -> DatabaseKey:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyFileInvalid(f"Файл ключа {path} не найден.") from None
    except (OSError, UnicodeDecodeError):
        raise KeyFileInvalid(f"Файл {path} не удаётся прочитать как файл ключа «Опоры».") from None
    return parse_key_file(text, path)


def write_key_file(path: Path, key: DatabaseKey) -> Path:
    """Write atomically, created owner-only (0600) so the key is never readable by others even briefly."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(key_file_text(key))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return path


@dataclass(frozen=True)
class KeyStore:
    """The key folder written to, and per-machine folders searched after it."""

    directory: Path
    shared: tuple[Path, ...] = ()

    @classmethod
    def default(cls) -> KeyStore:
        override = os.environ.get(KEY_DIR_ENV)
        if override:
            return cls(Path(override))
        return cls(Path(user_config_dir(KEYS_APP_NAME, appauthor=False)),
                   (Path(site_config_dir(KEYS_APP_NAME, appauthor=False)),))

    def path_for(self, key_id: str) -> Path:
        return self.directory / f"{key_id}{KEY_SUFFIX}"

    def find(self, key_id: str) -> DatabaseKey | None:
        """The key with this id: by file name first, then any key file (an export renamed by hand)."""
        for folder in (self.directory, *self.shared):
            named = folder / f"{key_id}{KEY_SUFFIX}"
            candidates = [named, *sorted(p for p in _key_files(folder) if p != named)]
            for path in candidates:
                try:
                    key = read_key_file(path)
                except KeyFileInvalid:
                    continue
                if key.key_id == key_id:
                    return key
        return None

    def save(self, key: DatabaseKey) -> Path:
        # Owner-only folder on POSIX; on Windows the profile folder's access list does the same.
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        return write_key_file(self.path_for(key.key_id), key)


def _key_files(folder: Path) -> list[Path]:
    try:
        return [path for path in folder.iterdir() if path.suffix == KEY_SUFFIX and path.is_file()]
    except OSError:
        return []


def missing_key_message(database_path: Path, store: KeyStore, key_id: str) -> str:
    return (
        f"База данных {database_path} зашифрована, а ключ к ней на этом компьютере не найден. "
        f"Попросите администратора экспортировать ключ (Администрирование → Шифрование → "
        f"«Экспортировать ключ…» или команда «opora key export») и импортируйте его командой "
        f"«opora key import ФАЙЛ» либо скопируйте файл ключа в папку {store.directory} "
        f"(нужен ключ {key_id})."
    )


def unlock(database: Database, store: KeyStore | None = None) -> Database:
    """Give an encrypted SQLite database its key from the key store; plain ones pass unchanged.

    Call before the first unit of work. Raises `KeyNotFound` with what to do when the key is
    missing or does not fit.
    """
    path = database.sqlite_path
    if path is not None and database.key is None:
        recover_encryption(path)  # an encryption killed part-way: finished or undone, no plain copy left
    if path is None or not database.needs_key():
        return database
    store = store or KeyStore.default()
    key_id = cipher.key_id_of(path) or ""
    key = store.find(key_id)
    if key is None:
        raise KeyNotFound(missing_key_message(path, store, key_id))
    try:
        cipher.connect(path, key).close()
    except cipher.WrongKey:
        raise KeyNotFound(
            f"Ключ {key_id} из папки {store.directory} не подходит к базе данных {path}: файл базы "
            "повреждён или ключ заменён. Восстановите базу из резервной копии или импортируйте верный ключ."
        ) from None
    database.use_key(key)
    return database


def export_key(database: Database, actor: Actor, target: Path) -> Path:
    """Write the database's key to `target` for restoring on another PC (administrators; audited)."""
    require_admin(actor)
    key = database.key
    if key is None:
        raise OporaError("База данных не зашифрована: экспортировать нечего.")
    written = write_key_file(target, key)
    with database.write() as session:
        audit.record(session, actor, "export", "database_key", key.key_id)
    return written


def import_key(source: Path, database: Database | None = None, store: KeyStore | None = None) -> DatabaseKey:
    """Put an exported key into this computer's key store.

    No sign-in is asked: the database cannot be opened before its key is here, and whoever has the
    key file can already read the database. Given the database, the key must be the one it needs.
    """
    key = read_key_file(source)
    path = database.sqlite_path if database is not None else None
    if path is not None and cipher.is_encrypted_file(path):
        needed = cipher.key_id_of(path)
        if needed != key.key_id:
            raise KeyFileInvalid(f"Ключ из файла {source} от другой базы: база {path} требует ключ {needed}.")
        try:
            cipher.connect(path, key).close()
        except cipher.WrongKey:
            raise KeyFileInvalid(f"Ключ из файла {source} не открывает базу {path}.") from None
    (store or KeyStore.default()).save(key)
    return key
