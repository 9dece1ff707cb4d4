"""A template with a few families for the exchange tests (built once, through the services)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.system.bootstrap import open_database
from tests.app.family_setup import mother_and_child
from tests.world import load_world


@pytest.fixture(scope="session")
def exchange_template(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("exchange") / "template.db"
    shutil.copyfile(sqlite_template, path)
    database = open_database(str(path))
    with database.read() as session:
        world = load_world(session)
    for name in ("Белова", "Петрова", "Сидорова", "Ёлкина"):
        mother_and_child(database, world, name)
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    return path
