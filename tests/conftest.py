"""Test databases: migrated and populated once per run, copied for every test.

`database` runs each test on SQLite and, when OPORA_TEST_PG_URL names a PostgreSQL server
(`make test` starts a throwaway one), on PostgreSQL too. Under CI a missing server fails.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

# Qt must never try to open a display in tests; set before anything imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_DATA_DIR = tempfile.mkdtemp(prefix="opora-test-data-")
os.environ["OPORA_DATA_DIR"] = _DATA_DIR
os.environ.pop("OPORA_DATABASE_URL", None)

import pytest  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.pool import NullPool  # noqa: E402

from app.system.bootstrap import open_database  # noqa: E402
from db.session import Database  # noqa: E402
from tests.world import World, build_world, load_world  # noqa: E402

PG_URL_ENV = "OPORA_TEST_PG_URL"
TEMPLATE_NAME = "opora_template"


def _backends() -> list[str]:
    return ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    database = open_database(str(path))
    with database.write() as session:
        build_world(session)
    # Fold the WAL into the main file so a plain file copy is a complete database.
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    return path


def _pg_admin_url() -> str | None:
    return os.environ.get(PG_URL_ENV)


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    admin_url = _pg_admin_url()
    if not admin_url:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_URL_ENV} is not set: `make test` must start PostgreSQL for the suite")
        pytest.skip(f"PostgreSQL tests need {PG_URL_ENV} (make test sets it)")
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {TEMPLATE_NAME} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {TEMPLATE_NAME} ENCODING 'UTF8' TEMPLATE template0"))
    url = make_url(admin_url).set(database=TEMPLATE_NAME).render_as_string(hide_password=False)
    database = open_database(url)
    with database.write() as session:
        build_world(session)
    database.dispose()
    yield admin_url
    admin.dispose()


def _sqlite_copy(template: Path, tmp_path: Path) -> Database:
    target = tmp_path / "opora.db"
    shutil.copyfile(template, target)
    return open_database(str(target))


class _PgCopies:
    """Copies of the template database, made one test ahead on a background thread.

    CREATE DATABASE … TEMPLATE takes most of a second; preparing the next copy while the current
    test runs keeps the PostgreSQL half of the suite from waiting on it.
    """

    def __init__(self, admin_url: str) -> None:
        self.admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self.admin_url = admin_url
        self.executor = ThreadPoolExecutor(max_workers=1)
        self.next: Future[str] = self.executor.submit(self._create)

    def _create(self) -> str:
        name = f"opora_t_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE_NAME} STRATEGY FILE_COPY"))
        return name

    def _drop(self, name: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))

    def take(self) -> tuple[Database, str]:
        name = self.next.result()
        self.next = self.executor.submit(self._create)
        url = make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)
        return open_database(url), name

    def give_back(self, name: str) -> None:
        self.executor.submit(self._drop, name)

    def close(self) -> None:
        self.give_back(self.next.result())
        self.executor.shutdown(wait=True)
        self.admin.dispose()


@pytest.fixture(scope="session")
def pg_copies(pg_template: str) -> Iterator[_PgCopies]:
    copies = _PgCopies(pg_template)
    yield copies
    copies.close()


@pytest.fixture(params=_backends())
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh copy of the populated template, on each backend in turn."""
    if request.param == "sqlite":
        db = _sqlite_copy(request.getfixturevalue("sqlite_template"), tmp_path)
        yield db
        db.dispose()
        return
    copies: _PgCopies = request.getfixturevalue("pg_copies")
    db, name = copies.take()
    yield db
    db.dispose()
    copies.give_back(name)


@pytest.fixture
def sqlite_database(sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    """SQLite only: for GUI tests and SQLite-specific behaviour."""
    db = _sqlite_copy(sqlite_template, tmp_path)
    yield db
    db.dispose()


@pytest.fixture
def world(database: Database) -> World:
    with database.read() as session:
        return load_world(session)


@pytest.fixture
def sqlite_world(sqlite_database: Database) -> World:
    with sqlite_database.read() as session:
        return load_world(session)


@pytest.fixture(scope="session", autouse=True)
def _remove_data_dir() -> Iterator[None]:
    yield
    shutil.rmtree(_DATA_DIR, ignore_errors=True)
