"""Schema migrations applied when a database is opened."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision (a no-op when it is already there), in one transaction."""
    config = alembic_config()
    if engine.dialect.name != "sqlite":
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        return
    # SQLite changes a table by building a copy, dropping the original and renaming the copy (batch mode).
    # With foreign keys enforced, dropping `users` counts as deleting its rows and fails while `user_offices`
    # points at them, so a real database could never be upgraded. SQLite's own procedure for such changes:
    # switch enforcement off outside the transaction, migrate, check every reference, switch it back on.
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")  # no effect inside a transaction; the driver is in autocommit
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:  # raising rolls the whole migration back
                    raise MigrationError(f"после обновления схемы нарушены ссылки между таблицами: {broken[:5]}")
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


class MigrationError(RuntimeError):
    """A migration left the data inconsistent; it was rolled back."""
