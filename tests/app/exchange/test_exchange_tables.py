"""What travels: one list, every table classified, none travelling without a primary key (the session extension
would skip it silently), and a diff against an empty baseline carries every row of every travelling table."""

from __future__ import annotations

import shutil
from pathlib import Path

import apsw

from app.exchange import engine
from app.exchange.tables import LOCAL_ONLY, TRAVELLING
from db.base import Base


def test_every_table_is_travelling_or_local_only():
    tables = set(Base.metadata.tables)
    assert not set(TRAVELLING) & set(LOCAL_ONLY)
    assert tables - set(TRAVELLING) - set(LOCAL_ONLY) == set(), "classify the new table in app/exchange/tables.py"
    assert set(TRAVELLING) <= tables
    assert {"users", "user_offices", "audit_log", "settings", "exchange_partners"} <= set(LOCAL_ONLY)


def test_travelling_tables_have_primary_keys_in_the_migrated_database(exchange_template: Path, tmp_path: Path):
    path = tmp_path / "copy.db"
    shutil.copyfile(exchange_template, path)
    connection = engine.connect(path, None)
    try:
        present = engine.present_tables(connection)
        assert set(present) == set(TRAVELLING)
        assert [table for table in present if not engine.pk_columns_of(connection, table)] == []
    finally:
        connection.close()


def test_a_diff_against_an_empty_baseline_carries_every_row(exchange_template: Path, tmp_path: Path):
    path = tmp_path / "copy.db"
    shutil.copyfile(exchange_template, path)
    connection = engine.connect(path, None)
    try:
        baseline = tmp_path / "empty.db"
        engine.ensure_baseline(connection, baseline, None)
        changeset = engine.diff_against(connection, baseline, None)
        counts = engine.count_changes(changeset)
        for table in TRAVELLING:
            rows = connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            assert counts.get(table, {}).get("INSERT", 0) == rows, table
        assert sum(ops["INSERT"] for ops in counts.values()) > 200
        assert not {"users", "audit_log", "settings"} & set(counts)
        # A table without a primary key is what the extension skips: shown here so the check above means something.
        connection.execute("CREATE TABLE no_key (x)")
        connection.execute("INSERT INTO no_key VALUES (1)")
        session = apsw.Session(connection, "main")
        session.attach("no_key")
        assert session.changeset() == b""
        session.close()
    finally:
        connection.close()
