"""Build the large benchmark dataset: 20,000 demo families in a SQLite file.

    python bench/make_dataset.py [--path bench/data/large.db] [--families 20000] [--seed 1] [--force]

An existing file is reused unless --force is given. Prints the row counts and the wall time of
`generate_demo` (the commit included); folding the WAL into the file afterwards is timed apart.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sqlalchemy import text

from app.system.bootstrap import open_database
from db.session import Database
from demo.generator import DemoSummary, generate_demo

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "large.db"
TABLES = ("families", "persons", "family_members", "family_categories", "identity_documents", "consents",
          "child_profiles", "diagnoses", "support_cases", "plan_items", "home_visits", "visit_staff",
          "visit_services", "brigade_trips", "trip_families", "events", "event_families", "rehab_sessions",
          "session_participants", "staff", "settlements")


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _print_counts(database: Database) -> None:
    with database.read() as session:
        for table in TABLES:
            count = session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            print(f"  {table:22s} {count:>10,}")


def _progress(done: int, total: int, label: str) -> None:
    print(f"\r  [{done:>2}/{total}] {label:<45}", end="", file=sys.stderr, flush=True)


def _print_summary(summary: DemoSummary) -> None:
    print(f"generate_demo: {summary.seconds:.1f} s — {summary.describe()}")
    for label, seconds in summary.phase_seconds:
        print(f"  {label:45s} {seconds:6.2f} s")
    accounted = sum(seconds for _label, seconds in summary.phase_seconds)
    print(f"  {'Фиксация транзакции (commit)':45s} {summary.seconds - accounted:6.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--families", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--force", action="store_true", help="rebuild even if the file exists")
    args = parser.parse_args(argv)
    path: Path = args.path.resolve()
    if path.exists() and not args.force:
        print(f"Reusing {path} (pass --force to rebuild).")
        database = open_database(str(path))
        _print_counts(database)
        database.dispose()
        return 0
    _remove(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    database = open_database(str(path))
    started = time.perf_counter()
    summary = generate_demo(database, families=args.families, seed=args.seed, progress=_progress)
    wall = time.perf_counter() - started
    print(file=sys.stderr)
    _print_summary(summary)
    print(f"Wall time of generate_demo({args.families} families): {wall:.1f} s")
    started = time.perf_counter()
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"WAL folded into the file in {time.perf_counter() - started:.1f} s; "
          f"size {path.stat().st_size / 2**20:,.0f} MiB")
    _print_counts(database)
    database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
