"""Upgrading a database filled by the first schema revision: nothing is lost on the way to head.

The old database is built in the test (Alembic to revision 0001 only, then plain inserts into the
reflected 0001 tables, see tests/db/first_revision.py) and opened the way the program opens it at
start (`open_database`: forced backup on SQLite, migrations, seeding). Every row that existed
before must still be there with the same values in the columns 0001 had.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from app.core.audit import verify_chain
from app.system.backup_restore import verify_backup_file
from app.system.backups import PREFIX, SUFFIX, default_folder, list_backups
from app.system.bootstrap import open_database
from db import migrate
from db.base import Base
from db.engine import create_database_engine
from db.models import AuditEntry
from tests.db.first_revision import FIRST_REVISION, ROWS, dump, fill, lost_or_changed, migrate_to, reflect

PG_URL_ENV = "OPORA_TEST_PG_URL"


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty database: a file in tmp_path, or a database of its own on the test server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    admin_url = os.environ.get(PG_URL_ENV)
    if not admin_url:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_URL_ENV} is not set: `make test` must start PostgreSQL for the suite")
        pytest.skip(f"PostgreSQL tests need {PG_URL_ENV} (make test sets it)")
    name = f"opora_upgrade_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0"))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def test_first_revision_data_survives_the_upgrade_at_start(empty_url, tmp_path, monkeypatch):
    monkeypatch.setenv("OPORA_DATA_DIR", str(tmp_path / "data"))  # where the forced backup goes
    assert migrate.head_revision() != FIRST_REVISION, "nothing to upgrade: the test needs a second revision"

    old = create_database_engine(empty_url)
    try:
        migrate_to(old, FIRST_REVISION)
        assert migrate.current_revision(old) == FIRST_REVISION
        tables = reflect(old)
        fill(old, tables)
        before = dump(old, tables)
    finally:
        old.dispose()
    assert {name: len(rows) for name, rows in before.items()} == {name: ROWS for name in tables.tables}

    database = open_database(empty_url)
    try:
        with database.engine.connect() as connection:
            versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        assert versions == [migrate.head_revision()]

        problems = lost_or_changed(before, dump(database.engine, tables))
        assert not problems, "rows the upgrade lost or changed:\n" + "\n".join(
            f"  {table}: {problem}" for table, found in problems.items() for problem in found)

        # The upgraded schema is the one a new database gets: no index, constraint or type left behind.
        with database.engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []

        with database.read() as session:
            chain = verify_chain(session)
            last = session.execute(select(AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id)
                                   .order_by(AuditEntry.id.desc()).limit(1)).one()
        assert chain.ok, f"audit chain broken at row {chain.first_broken_id}"

        if database.is_sqlite:
            _assert_verified_backup_of_the_old_database(database, before, tables)
            # The backup is audited, chained onto the rows written at revision 0001.
            (backup,) = list_backups(default_folder())
            assert chain.rows == ROWS + 1
            assert tuple(last) == ("backup", "backup", backup.path.name.removeprefix(f"{PREFIX}-").removesuffix(SUFFIX))
        else:
            assert chain.rows == ROWS  # PostgreSQL is backed up by the server's pg_dump, not by the program
    finally:
        database.dispose()


def _assert_verified_backup_of_the_old_database(database, before, tables):
    backups = list_backups(default_folder())
    assert [backup.reason for backup in backups] == ["before_migration"]
    path = backups[0].path
    verify_backup_file(database, path)  # raises BackupError when unsound or not an Opora database
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [(FIRST_REVISION,)]
    copy = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true", poolclass=NullPool)
    try:
        assert dump(copy, tables) == before, "the backup is not the database as it was before the migration"
    finally:
        copy.dispose()
