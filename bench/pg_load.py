"""Load a bench SQLite file into an empty PostgreSQL database (bench data for a PostgreSQL centre or region).

    python bench/pg_load.py SQLITE_FILE PG_URL

`opora demo --families 20000 --db PG_URL` takes 14–40 minutes on this machine; this copies an existing bench file
(e.g. bench/data/large.db, 20,000 families) in a few. The schema is the app's own: the migrations bring the empty
database to the SQLite file's revision, every table is emptied (migrations seed dictionaries, which the file holds
too) and copied with COPY, column by column by name, with triggers and foreign-key checks off for the load
(`SET session_replication_role = replica`, so PG_URL must be a superuser's); the derived tables (caseload, contact
days, consent states, the report's summaries) are copied as they are, since they are exact in the source. Then the
migrations after the file's revision run as usual (a summary they add is filled from the loaded rows), the sequences
are set past the loaded ids, and VACUUM ANALYZE. Finally the row counts of every table are compared and printed.

The values go as SQLite stores them (what the app's SQLite types write): a UUID as 32 hex digits, a time as
«2026-12-02 10:00:00.000000» in UTC (the session's zone is UTC), a flag 0/1, JSON as its text — each is valid input
for the PostgreSQL column. Check the result with the app's own comparisons (an administrator is needed, see
`opora init`): `opora summary check`, `opora caseload check`, `opora deadlines --check-contacts`, `--check-consents`.
The SQLite file is only read. The database named in PG_URL is created if missing and must hold no tables.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SKIP = {"alembic_version"}


def _create_database(url: str) -> None:
    """CREATE DATABASE when the one named in `url` does not exist yet (connected to `postgres`)."""
    import psycopg
    from sqlalchemy.engine import make_url

    target = make_url(url)
    admin = target.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (target.database,)).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{target.database}"')


def _migrate(url: str, revision: str) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from db.migrate import alembic_config

    bind = create_engine(url)
    try:
        with bind.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        bind.dispose()


def _libpq(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def load(source: Path, url: str) -> dict[str, tuple[int, int]]:
    """Copy every table; returns table -> (rows in SQLite, rows in PostgreSQL)."""
    import psycopg

    lite = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    revision = lite.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    lite_tables = [name for (name,) in lite.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    _create_database(url)
    with psycopg.connect(_libpq(url)) as pg:
        present = pg.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                             "current_schema()").fetchone()
        if present and present[0]:
            raise SystemExit("the PostgreSQL database already has tables: give an empty (or new) database")
    started = time.perf_counter()
    _migrate(url, revision)
    print(f"schema at {revision}: {time.perf_counter() - started:.1f} s", flush=True)
    counts: dict[str, tuple[int, int]] = {}
    with psycopg.connect(_libpq(url)) as pg:
        pg.execute("SET session_replication_role = replica")  # no triggers, no foreign-key checks
        pg.execute("SET TIME ZONE 'UTC'")  # the file's times are UTC without a zone
        pg_columns: dict[str, list[str]] = {}
        for name, column in pg.execute(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
                "current_schema() ORDER BY table_name, ordinal_position"):
            pg_columns.setdefault(name, []).append(column)
        tables = [name for name in lite_tables if name in pg_columns and name not in SKIP]
        missing = [name for name in lite_tables if name not in pg_columns and name not in SKIP]
        if missing:
            print(f"not in the PostgreSQL schema, not copied: {', '.join(missing)}")
        pg.execute("TRUNCATE " + ", ".join(f'"{name}"' for name in tables))
        for name in tables:
            began = time.perf_counter()
            lite_columns = [row[1] for row in lite.execute(f'PRAGMA table_info("{name}")')]
            extra = [column for column in lite_columns if column not in pg_columns[name]]
            if extra:
                raise SystemExit(f"{name}: columns {extra} are not in PostgreSQL at the same revision")
            listed = ", ".join(f'"{column}"' for column in lite_columns)
            rows = 0
            with pg.cursor().copy(f'COPY "{name}" ({listed}) FROM STDIN') as copy:
                for row in lite.execute(f'SELECT {listed} FROM "{name}"'):
                    copy.write_row(row)
                    rows += 1
            counts[name] = (rows, 0)
            if rows:
                print(f"  {name}: {rows:,} rows, {time.perf_counter() - began:.1f} s", flush=True)
        # Sequences past the ids loaded (the audit log's, the mirror log's).
        for table, column, sequence in pg.execute(
                "SELECT c.table_name, c.column_name, pg_get_serial_sequence(c.table_name, c.column_name) "
                "FROM information_schema.columns c WHERE c.table_schema = current_schema() "
                "AND pg_get_serial_sequence(c.table_name, c.column_name) IS NOT NULL").fetchall():
            pg.execute(f'SELECT setval(%s, GREATEST((SELECT max("{column}") FROM "{table}"), 1))', (sequence,))
        pg.commit()
    lite.close()
    print(f"rows copied: {time.perf_counter() - started:.1f} s", flush=True)
    _migrate(url, "head")  # the revisions after the file's, on the loaded rows
    with psycopg.connect(_libpq(url), autocommit=True) as pg:
        began = time.perf_counter()
        pg.execute("VACUUM ANALYZE")
        print(f"VACUUM ANALYZE: {time.perf_counter() - began:.1f} s", flush=True)
        for name in counts:
            found = pg.execute(f'SELECT count(*) FROM "{name}"').fetchone()
            counts[name] = (counts[name][0], int(found[0]) if found else -1)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sqlite_file", type=Path)
    parser.add_argument("pg_url", help="postgresql+psycopg://USER@HOST:PORT/DATABASE (a superuser)")
    args = parser.parse_args()
    wall, cpu = time.perf_counter(), time.process_time()
    counts = load(args.sqlite_file, args.pg_url)
    differ = {name: pair for name, pair in counts.items() if pair[0] != pair[1]}
    print(f"{len(counts)} tables, {sum(pair[0] for pair in counts.values()):,} rows; "
          f"{time.perf_counter() - wall:.1f} s wall, {time.process_time() - cpu:.1f} s CPU "
          f"(load {os.getloadavg()[0]:.1f})")
    for name, (lite, pg) in differ.items():
        print(f"ROW COUNTS DIFFER: {name}: SQLite {lite:,}, PostgreSQL {pg:,}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
