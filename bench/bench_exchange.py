"""Exchange packages on the large dataset (issue 16 targets).

A quarter of a large office's work — 2,000 families touched and 50,000 new sessions with their participants —
is exported by the office and imported at the centre; each must take under 30 s and the package must be under
10 MB. Both databases start as copies of the large dataset whose baselines already hold it (the state after
their first exchange). The consolidated quarterly report (region and a line per office) is timed too.

    python bench/bench_exchange.py [--db bench/data/large.db] [--work DIR] [--period 2026-Q3]

Copies of the database are made in a temporary folder (about 4× its size) and removed afterwards. Exits 1 if
a target is missed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DEFAULT_DB = ROOT / "bench" / "data" / "large.db"
SECONDS_TARGET = 30.0
SIZE_TARGET = 10 * 1024 * 1024
FAMILIES = 2000
SESSIONS = 50_000


def _prepare(source: Path, folder: Path) -> tuple[Path, Path, uuid.UUID, uuid.UUID]:
    """Office and centre copies with the exchange tables, paired, and each one's baseline of the other."""
    from sqlalchemy import create_engine

    from app.exchange import engine
    from db.base import Base
    from db.models import exchange as models

    office, centre = folder / "office.db", folder / "centre.db"
    office_id, centre_id = uuid.uuid4(), uuid.uuid4()
    key = os.urandom(32)
    for path in (office, centre):
        shutil.copyfile(source, path)
        bind = create_engine(f"sqlite:///{path}")
        Base.metadata.create_all(bind, tables=[Base.metadata.tables[model.__tablename__] for model in (
            models.ExchangeIdentity, models.ExchangePartner, models.ExchangePackage, models.ExchangeConflict,
            models.ExchangeResolution)])
        bind.dispose()
    for path, me, other, role in ((office, office_id, centre_id, "office"), (centre, centre_id, office_id, "centre")):
        connection = engine.connect(path, None)
        stamp = engine.stamp_now()
        connection.execute("INSERT INTO exchange_identity VALUES (?, ?, ?, ?, ?)",
                           (me.hex, role, role.upper(), role, stamp))
        connection.execute("INSERT INTO exchange_partners VALUES (?, ?, ?, ?, ?, ?, 1)",
                           (other.hex, "centre" if role == "office" else "office", f"P-{role}", "partner", key,
                            stamp))
        baseline = engine.baseline_path(path, other)
        baseline.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, baseline)  # after the first exchange the partner holds all of it
        engine.ensure_baseline(connection, baseline, None)
        connection.close()
    return office, centre, office_id, centre_id


def _quarter_of_work(office: Path) -> None:
    """2,000 families edited and 50,000 sessions (with their participants) added at the office."""
    from app.exchange import engine

    connection = engine.connect(office, None)
    with engine.transaction(connection):
        connection.execute(
            "UPDATE families SET phone = '+7 900 000-00-00', notes = 'Обновлено в квартале', "
            "updated_at = ? WHERE id IN (SELECT id FROM families ORDER BY id LIMIT ?)", (engine.stamp_now(), FAMILIES))
        connection.execute("CREATE TEMP TABLE pick AS SELECT id AS old, lower(hex(randomblob(16))) AS new "
                           "FROM rehab_sessions ORDER BY starts_at DESC LIMIT ?", (SESSIONS,))
        columns = [name for name in engine.columns_of(connection, "rehab_sessions") if name != "id"]
        listed = ", ".join(columns)
        shifted = listed.replace("starts_at", "datetime(starts_at, '+91 days')")
        connection.execute(f"INSERT INTO rehab_sessions (id, {listed}) SELECT pick.new, {shifted} "
                           "FROM rehab_sessions JOIN pick ON pick.old = rehab_sessions.id")
        connection.execute("INSERT INTO session_participants (id, session_id, person_id, attended, "
                           "absence_reason_id) SELECT lower(hex(randomblob(16))), pick.new, person_id, NULL, NULL "
                           "FROM session_participants JOIN pick ON pick.old = session_participants.session_id")
    connection.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--work", type=Path, default=None, help="folder for the copies (a temporary one otherwise)")
    parser.add_argument("--period", default="2026-Q3")
    args = parser.parse_args()
    from app.exchange import jobs
    from app.exchange.engine import AuditActor
    from app.exchange.jobs import JobTarget

    missed = False
    with tempfile.TemporaryDirectory(dir=args.work) as folder_name:
        folder = Path(folder_name)
        started = time.perf_counter()
        office, centre, _, centre_id = _prepare(args.db, folder)
        print(f"copies and baselines prepared in {time.perf_counter() - started:.1f} s")
        _quarter_of_work(office)
        actor = AuditActor(None, "bench", "bench")
        package = folder / "quarter.opx"
        started = time.perf_counter()
        result = jobs.export_package(JobTarget(office, None, folder / "files", actor), centre_id, package)
        export_s = time.perf_counter() - started
        size = package.stat().st_size
        print(f"export: {export_s:.1f} s, {size / 1_048_576:.2f} MB, counts {result.counts}")
        started = time.perf_counter()
        applied = jobs.import_package(JobTarget(centre, None, folder / "files", actor), package,
                                      folder / "ack.opx")
        import_s = time.perf_counter() - started
        print(f"import: {import_s:.1f} s — {applied.message}")
        started = time.perf_counter()
        jobs.import_package(JobTarget(office, None, folder / "files", actor), folder / "ack.opx", None)
        print(f"acknowledgement at the office (baseline advanced): {time.perf_counter() - started:.1f} s")
        for name, seconds, limit in (("export", export_s, SECONDS_TARGET), ("import", import_s, SECONDS_TARGET)):
            if seconds > limit:
                print(f"TARGET MISSED: {name} {seconds:.1f} s > {limit:.0f} s")
                missed = True
        if size > SIZE_TARGET:
            print(f"TARGET MISSED: package {size / 1_048_576:.1f} MB > 10 MB")
            missed = True
        _time_consolidated(centre, args.period)
    return 1 if missed else 0


def _time_consolidated(path: Path, period_text: str) -> None:
    from sqlalchemy import select

    from app.core.actor import COORDINATOR, Actor
    from app.exchange.consolidated import compute_consolidated
    from app.reports.periods import parse_period
    from db.models import Office
    from db.session import Database

    database = Database(f"sqlite:///{path}")
    period = parse_period(period_text)
    with database.read() as session:
        offices = frozenset(session.execute(select(Office.id)).scalars())
        actor = Actor(uuid.uuid4(), "bench", COORDINATOR, office_ids=offices)
        started = time.perf_counter()
        report = compute_consolidated(session, actor, period)
        seconds = time.perf_counter() - started
    database.dispose()
    print(f"consolidated quarterly report {period_text}, region + {len(report.offices)} offices: {seconds:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
