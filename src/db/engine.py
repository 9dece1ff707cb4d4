"""Engine creation: the one place that knows SQLite and PostgreSQL differ.

SQLite connections get the pragmas Opora relies on for durability (WAL, synchronous=FULL),
concurrency (busy_timeout) and integrity (foreign_keys); a write transaction starts with
BEGIN IMMEDIATE so two writers queue on the lock instead of failing half-way.

An encrypted SQLite database is opened by SQLCipher through a connection `creator` that sets the
key before anything else; the URL stays the plain file URL, so the key is in no URL, repr or log.
The same pragmas and BEGIN machinery then apply to both drivers.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import sqlite3
import tempfile
import threading
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, ExceptionContext, make_url

from db import cipher
from db.cipher import DatabaseKey

APP_NAME = "Opora"
DATABASE_URL_ENV = "OPORA_DATABASE_URL"
BUSY_TIMEOUT_MS = 15_000
CACHE_KIB = 32_000
WRITE_OPTION = "opora_write"

_log = logging.getLogger(__name__)


def data_dir() -> Path:
    """The per-user data directory (database, logs, backups, attachments)."""
    override = os.environ.get("OPORA_DATA_DIR")
    path = Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return data_dir() / "opora.db"


def resolve_url(target: str | None = None) -> str:
    """Turn `--db` (a file path or a URL), `OPORA_DATABASE_URL` or the default into a URL."""
    value = target or os.environ.get(DATABASE_URL_ENV) or str(default_database_path())
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def missing_sqlite_file(target: str | None = None) -> Path | None:
    """The SQLite file `target` names (as `resolve_url` reads it) when it does not exist yet; None otherwise."""
    url = resolve_url(target)
    if not is_sqlite(url):
        return None
    database = make_url(url).database
    if not database or database == ":memory:":
        return None
    path = Path(database)
    return None if path.exists() else path


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def describe_location(url: str) -> str:
    """A human-readable database location without any password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def create_database_engine(url: str, key: DatabaseKey | None = None, **kwargs: Any) -> Engine:
    """Create the engine for `url` with the settings each backend needs; `key` encrypts SQLite.

    SQL parameters (names, СНИЛС, phones) never appear in an error's text, and so never in a log or on screen.
    """
    kwargs.setdefault("hide_parameters", True)
    if is_sqlite(url):
        database = make_url(url).database
        path = Path(database) if database and database != ":memory:" else None
        if path is not None and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        read_only = path is not None and is_read_only_file(path)
        if key is not None:
            if path is None:
                raise ValueError("an encrypted database needs a file")
            keyed_path: Path = path
            engine = create_engine(
                url,
                module=cipher.driver(),  # driver errors become SQLAlchemy's IntegrityError etc.
                creator=lambda: cipher.connect(keyed_path, key, BUSY_TIMEOUT_MS / 1000),
                **kwargs,
            )
        elif read_only:
            # A file on a read-only disk or in a folder nobody may write: opened immutable, so reading needs no
            # -shm/-wal files it could not create (reports and search work; writes are refused by app.system).
            source = _LazyReadOnlySource(path)  # type: ignore[arg-type]
            engine = create_engine(
                url, creator=lambda: sqlite3.connect(source.uri(), uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                                                     check_same_thread=False),
                **kwargs)
        else:
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **kwargs)
        _configure_sqlite(engine, path, read_only)
        return engine
    engine = create_engine(url, pool_pre_ping=True, **kwargs)
    event.listen(engine, "handle_error", _drop_server_detail)
    return engine


def _drop_server_detail(context: ExceptionContext) -> None:
    """PostgreSQL adds the failing row's values to a constraint error («DETAIL: Failing row contains (Иванова,
    …)»): what `hide_parameters` hides on our side would come back from the server, so the detail is cut off."""
    original = context.original_exception
    text = str(original)
    if "DETAIL:" not in text:
        return
    kept = text.split("DETAIL:", 1)[0].rstrip() + " (подробности скрыты: в них личные данные)"
    original.args = (kept,)
    wrapped = context.sqlalchemy_exception  # its message was formatted from the driver's text already
    if wrapped is not None and wrapped.args and isinstance(wrapped.args[0], str):
        wrapped.args = (wrapped.args[0].replace(text, kept), *wrapped.args[1:])


class _LazyReadOnlySource:
    """`read_only_uri` worked out at the first connection, not when the engine is made: the app makes its engine
    on the GUI thread and connects on the database thread, and the private copy of a large file takes long."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._uri: str | None = None
        self._lock = threading.Lock()

    def uri(self) -> str:
        with self._lock:
            if self._uri is None:
                self._uri = read_only_uri(self.path)
            return self._uri


def read_only_uri(path: Path) -> str:
    """How to read a database that may not be written, with every committed change in it.

    Opened immutable, SQLite reads the main file alone and would not see changes still in the -wal file (a copy
    taken while Opora ran, a drive remounted read-only after a crash): those need the -shm index beside it. With
    a -wal but no -shm the pair is copied into a private temporary folder and read there (removed at exit)."""
    wal, shm = path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")
    if not (wal.exists() and wal.stat().st_size > 0):
        return f"file:{path}?mode=ro&immutable=1"
    if shm.exists():
        return f"file:{path}?mode=ro"
    folder = Path(tempfile.mkdtemp(prefix="opora-read-"))  # 0700: the copy holds personal data
    atexit.register(shutil.rmtree, folder, True)
    shutil.copyfile(path, folder / path.name)
    shutil.copyfile(wal, folder / wal.name)
    _log.warning("a read-only database with changes in its -wal file and no -shm: read from a private copy")
    return f"file:{folder / path.name}"


def is_read_only_file(path: Path) -> bool:
    """True when the database file exists but neither it nor its folder may be written (a read-only disk or
    folder: SQLite needs the folder for its journal files)."""
    return path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def _configure_sqlite(engine: Engine, path: Path | None, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Take transaction control from the driver so that BEGIN is ours to emit.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if read_only:  # no journal mode to set, nothing to enforce on writes that cannot happen
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.close()
            return
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as error:
            # The plain driver on an SQLCipher file: say "no key" instead of "not a database".
            if path is not None and getattr(error, "sqlite_errorcode", None) == cipher.SQLITE_NOTADB \
                    and cipher.is_encrypted_file(path):
                raise cipher.KeyMissing(path) from None
            raise
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        # 32 MB of page cache per connection (the default is 2 MB): family cards and lists re-read
        # the same index pages, and an office PC has the memory.
        cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # Reads begin DEFERRED so they never wait for a writer (WAL readers see a snapshot).
        immediate = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
