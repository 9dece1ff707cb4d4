"""SQLCipher: opening encrypted SQLite files with a raw key, and telling encrypted files from plain ones.

The key is a random 256-bit raw key plus a 16-byte salt given explicitly, so SQLCipher skips the
password KDF and writes that salt as the first 16 bytes of every file made with the key (the
database and each backup). The salt is not secret; it names the key, so a copied database or a
backup can find its key without being opened. The key itself never goes into a URL, a repr, a log
line or an exception text: it travels only as a `DatabaseKey` into `connect`.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import sqlcipher3
from sqlcipher3 import dbapi2

SQLITE_HEADER = b"SQLite format 3\x00"
KEY_BYTES = 32
SALT_BYTES = 16


SQLITE_NOTADB = 26


class CipherKeyError(Exception):
    """Base of the key problems; the text names the file, never the key."""


class KeyMissing(CipherKeyError):
    """The file is encrypted and this handle has no key for it."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"База данных {path} зашифрована, а ключ к ней не найден.")
        self.path = path


class WrongKey(CipherKeyError):
    """The key does not open the file (another database's key, or the file is damaged)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"Ключ не подходит к базе данных {path} (ключ от другой базы или файл повреждён).")
        self.path = path


@dataclass(frozen=True)
class DatabaseKey:
    """A raw SQLCipher key and its salt. `repr` shows only the salt (the key's public id)."""

    key: bytes = field(repr=False)
    salt: bytes

    def __post_init__(self) -> None:
        if len(self.key) != KEY_BYTES or len(self.salt) != SALT_BYTES:
            raise ValueError("a database key is 32 key bytes and 16 salt bytes")

    @classmethod
    def generate(cls) -> DatabaseKey:
        return cls(secrets.token_bytes(KEY_BYTES), secrets.token_bytes(SALT_BYTES))

    @property
    def key_id(self) -> str:
        return self.salt.hex()

    def __repr__(self) -> str:
        return f"DatabaseKey(id={self.key_id})"

    def pragma_literal(self) -> str:
        """The blob literal for PRAGMA key / ATTACH … KEY: raw key, then the explicit salt."""
        return f"\"x'{self.key.hex()}{self.salt.hex()}'\""


def file_header(path: Path) -> bytes:
    """The first 16 bytes of the file (empty when it is missing or empty)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return b""


# Bytes 21-23 of a plain SQLite header: the payload fractions, fixed at 64, 32, 32 by the file format. SQLCipher
# encrypts everything after its 16-byte salt, so in an encrypted file they are random.
_PLAIN_FRACTIONS = (21, b"\x40\x20\x20")


def _plain_with_damaged_magic(path: Path) -> bool:
    """A plain SQLite file whose first 16 bytes were overwritten: damaged, not encrypted (no key will open it)."""
    offset, expected = _PLAIN_FRACTIONS
    try:
        with open(path, "rb") as handle:
            handle.seek(offset)
            return handle.read(len(expected)) == expected
    except OSError:
        return False


def is_encrypted_file(path: Path) -> bool:
    """True when the file is a SQLCipher database: content that is not plain SQLite, and not a plain SQLite file
    with a damaged first line either (that one is reported as damaged, not as «key not found»)."""
    header = file_header(path)
    return len(header) == len(SQLITE_HEADER) and header != SQLITE_HEADER and not _plain_with_damaged_magic(path)


def key_id_of(path: Path) -> str | None:
    """The id (salt) of the key an encrypted file needs; None for a plain, empty or missing file."""
    return file_header(path).hex() if is_encrypted_file(path) else None


def driver() -> ModuleType:
    """The DB-API module for SQLAlchemy's `module=`, so driver errors map to SQLAlchemy's classes."""
    return dbapi2


def cipher_version() -> str:
    """The SQLCipher library version ('' if the build has no codec)."""
    connection = sqlcipher3.connect(":memory:")
    try:
        row = connection.execute("PRAGMA cipher_version").fetchone()
        return str(row[0]) if row else ""
    finally:
        connection.close()


def connect(path: Path, key: DatabaseKey | None, timeout: float = 15.0) -> dbapi2.Connection:
    """Open `path` with SQLCipher; with a key, PRAGMA key runs before any other statement.

    Without a key the file is opened as plain SQLite (the same driver, so a plain and an encrypted
    file can meet in one backup or export). A wrong key raises `WrongKey`, a keyless open of an
    encrypted file `KeyMissing`, both naming only the path.
    """
    # check_same_thread=False matches what SQLAlchemy sets for file databases: the pool may hand a
    # connection made on one thread to another (never two at once).
    connection = sqlcipher3.connect(str(path), timeout=timeout, check_same_thread=False)
    try:
        # SQLCipher prints decryption failures to stderr; the caller turns them into one message.
        connection.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            connection.execute(f"PRAGMA key = {key.pragma_literal()}")
        # Reading the schema is the first access that decrypts page 1: a wrong key fails here.
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi2.DatabaseError as error:
        connection.close()
        if getattr(error, "sqlite_errorcode", None) != SQLITE_NOTADB:
            raise  # locked, unreadable…: not a key problem
        if key is None and is_encrypted_file(path):
            raise KeyMissing(path) from None
        if key is not None:
            raise WrongKey(path) from None
        raise
    except BaseException:
        connection.close()
        raise
    return connection


def export_encrypted(source: Path, target: Path, key: DatabaseKey, timeout: float = 15.0) -> None:
    """Write an encrypted copy of the plain database `source` to the new file `target`.

    `sqlcipher_export` copies schema, data, triggers and views page-independently; the source is
    held under an EXCLUSIVE lock for the copy, so nobody writes half-way through it.
    """
    if target.exists():
        raise FileExistsError(target)
    connection = connect(source, None, timeout)
    try:
        connection.isolation_level = None
        connection.execute(f"ATTACH DATABASE ? AS encrypted KEY {key.pragma_literal()}", (str(target),))
        connection.execute("BEGIN EXCLUSIVE")
        try:
            connection.execute("SELECT sqlcipher_export('encrypted')")
            version = int(connection.execute("PRAGMA main.user_version").fetchone()[0])
            connection.execute(f"PRAGMA encrypted.user_version = {version}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("DETACH DATABASE encrypted")
    finally:
        connection.close()
