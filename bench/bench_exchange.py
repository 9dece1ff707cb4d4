"""Exchange packages on the large dataset (issue 16 targets).

A quarter of a large office's work — 2,000 families touched and 50,000 new sessions with their participants —
is exported by the office and imported at the centre; each must take under 30 s and the package must be under
10 MB. Both databases start as copies of the large dataset whose baselines already hold it (the state after
their first exchange). The consolidated quarterly report (region and a line per office) is timed too.

    python bench/bench_exchange.py [--db bench/data/large.db] [--work DIR] [--period 2026-Q3]

Copies of the database are made in a temporary folder (about 4× its size) and removed afterwards. Exits 1 if
a target is missed.

A centre on PostgreSQL (`--pg URL`, a database filled by `opora demo --families 20000 --db URL` and upgraded to
head; the script registers a new office in it and edits it, so use a database kept for benchmarks):

    python bench/bench_exchange.py --pg postgresql+psycopg://postgres@127.0.0.1:PORT/bench20k [--work DIR]

times the mirror's build, the first package to the new office, the centre's baseline advanced by the office's
acknowledgement, a later package after 100 families were edited at the centre, and an office's quarter of work
(as above) applied at the centre through the adapter. Each step prints wall-clock and this process's CPU time
(the server's own CPU is not in it) and the load average.
"""

from __future__ import annotations

import argparse
import logging
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
        _as_baseline(baseline)
        engine.ensure_baseline(connection, baseline, None)
        connection.close()
    return office, centre, office_id, centre_id


def _as_baseline(path: Path) -> None:
    """A copy of the database made into what the exchange itself builds as a baseline (`ensure_baseline`: the
    tables alone, then the first package applied): its triggers and secondary indexes dropped."""
    from app.exchange import engine

    connection = engine.connect(path, None)
    with engine.transaction(connection):
        for kind, name in list(connection.execute(
                "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'index') AND sql IS NOT NULL")):
            connection.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')
    connection.close()


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
        # In the form SQLAlchemy writes (microseconds included), as the services would store them.
        shifted = listed.replace("starts_at", "strftime('%Y-%m-%d %H:%M:%S', starts_at, '+91 days') || '.000000'")
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
    parser.add_argument("--pg", default=None, help="a PostgreSQL centre's URL (see above)")
    parser.add_argument("--pg-skip-first", action="store_true",
                        help="instead of timing the first package and its acknowledgement (about 15 minutes), start "
                             "from their outcome: the office's baseline a copy of the mirror")
    args = parser.parse_args()
    if args.pg:
        return _postgres_centre(args.pg, args.work, args.pg_skip_first)
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


# --- a centre on PostgreSQL ------------------------------------------------------------------------------------

CENTRE_EDITS = 100


def _server_cpu(database_name: str | None) -> float:
    """CPU seconds used so far by the PostgreSQL backends serving `database_name` on this machine (their process
    titles name the database), 0 when there are none to read."""
    if not database_name:
        return 0.0
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            title = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            if not title.startswith("postgres: ") or f" {database_name} " not in title:
                continue
            fields = stat.read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            continue
    return total


class _Step:
    """Wall-clock and this process's CPU time of one step, printed with the load average (and, for a centre on
    PostgreSQL on this machine, the CPU its backends used meanwhile)."""

    server: str | None = None  # the PostgreSQL database's name

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> _Step:
        self.wall, self.cpu, self.server_cpu = time.perf_counter(), time.process_time(), _server_cpu(self.server)
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.wall
        cpu = time.process_time() - self.cpu
        server = f", server {_server_cpu(self.server) - self.server_cpu:.1f} s CPU" if self.server else ""
        print(f"{self.name}: {self.seconds:.1f} s wall, {cpu:.1f} s CPU{server} (load {os.getloadavg()[0]:.1f})",
              flush=True)


def _office_from_mirror(mirror: Path, office: Path, office_id: uuid.UUID, centre_id: uuid.UUID, key: bytes) -> None:
    """An office that holds what the centre sent it: a copy of the mirror (its travelling rows, no secondary
    indexes: an export and an import need only the primary keys) with the other tables of the schema at head,
    paired with the centre, and its baseline of the centre equal to its data (as after the first package)."""
    from sqlalchemy import create_engine

    from app.exchange import engine
    from db import migrate

    schema = office.with_name("schema.db")
    bind = create_engine(f"sqlite:///{schema}")
    migrate.upgrade(bind)
    bind.dispose()
    shutil.copyfile(mirror, office)
    connection = engine.connect(office, None)
    try:
        have = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        engine.attach(connection, schema, "schema", None)
        missing = [(name, sql) for name, sql in connection.execute(
            "SELECT name, sql FROM schema.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            if name not in have]
        with engine.transaction(connection):
            connection.execute("DROP TABLE _opora_mirror")
            connection.execute("DROP TABLE IF EXISTS _opora_mirror_tables")
            for _name, sql in missing:
                connection.execute(sql)
            connection.execute("INSERT INTO alembic_version SELECT * FROM schema.alembic_version")
            stamp = engine.stamp_now()
            connection.execute("INSERT INTO exchange_identity VALUES (?, 'office', 'БЕНЧ', 'Бенч', ?)",
                               (office_id.hex, stamp))
            connection.execute("INSERT INTO exchange_partners VALUES (?, 'centre', 'ЦЕНТР', 'Центр', ?, ?, 1)",
                               (centre_id.hex, key, stamp))
        connection.execute("DETACH DATABASE schema")
    finally:
        connection.close()
    schema.unlink()
    baseline = engine.baseline_path(office, centre_id)
    baseline.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(office, baseline)


def _postgres_centre(url: str, work: Path | None, skip_first: bool) -> int:
    from sqlalchemy import select, text

    from app.core.actor import COORDINATOR, Actor
    from app.exchange import engine, jobs, packages, pg_adapter, pg_levels, pg_mirror
    from app.exchange.engine import AuditActor
    from app.exchange.jobs import JobTarget
    from db import migrate
    from db.models.exchange import ExchangeIdentity, ExchangePartner
    from db.session import Database

    steps = logging.getLogger("opora.exchange")  # the adapter's steps (app.exchange.pg_runs.Steps)
    steps.setLevel(logging.INFO)
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("    %(message)s"))
    steps.addHandler(handler)
    database = Database(url)
    _Step.server = database.engine.url.database
    if migrate.needs_upgrade(database.engine):
        print("the database is not at head: upgrade it first (opora upgrade / db.migrate.upgrade)")
        return 2
    actor = Actor(None, "bench", COORDINATOR)
    office_id, key = uuid.uuid4(), os.urandom(32)
    with database.write() as session:
        me = session.execute(select(ExchangeIdentity)).scalar()
        if me is None:
            me = ExchangeIdentity(id=uuid.uuid4(), role="centre", code="ЦЕНТР", name="Центр")
            session.add(me)
        centre_id = me.id
        session.add(ExchangePartner(id=office_id, role="office", code=f"Б-{office_id.hex[:6]}", name="Бенч",
                                    key=key))
    missed = False
    with tempfile.TemporaryDirectory(dir=work) as folder_name:
        folder = Path(folder_name)
        with _Step("the mirror brought up to date (built whole if there is none)"):
            refreshed = pg_mirror.refresh(database)
        print(f"  rebuilt: {refreshed.rebuilt}, keys read: {refreshed.keys}, "
              f"{refreshed.path.stat().st_size / 1_048_576:.0f} MiB")
        if skip_first:
            with _Step("(bench setup) the centre's baseline of the office: the mirror, as after the first package"):
                baseline = pg_adapter.baseline_file(database, office_id)
                shutil.copyfile(refreshed.path, baseline)
                base = engine.connect(baseline, None)
                with engine.transaction(base):
                    pg_levels.acknowledged(base, refreshed.level, engine.present_tables(base))
                base.close()
        else:
            first_path = folder / "first.opx"
            with _Step("first package to a new office"):
                first = packages.export_package(database, actor, office_id, first_path)
            print(f"  {first.message} {first_path.stat().st_size / 1_048_576:.1f} MiB")
        office = folder / "office.db"
        with _Step("(bench setup) the office made from the mirror"):
            _office_from_mirror(refreshed.path, office, office_id, centre_id, key)
        if not skip_first:
            with _Step("the office's acknowledgement at the centre (its baseline advanced by the first package)"):
                pg_adapter._advance_acknowledged(database, office_id, first.sequence)

        with database.write() as session:
            session.execute(text(
                "UPDATE families SET phone = '+7 900 111-22-33', notes = 'Изменено в центре', updated_at = now() "
                "WHERE id IN (SELECT id FROM families ORDER BY id LIMIT :n)"), {"n": CENTRE_EDITS})
        later_path = folder / "later.opx"
        with _Step(f"a later package ({CENTRE_EDITS} families edited at the centre)") as later_step:
            later = packages.export_package(database, actor, office_id, later_path)
        print(f"  {later.message} counts {later.counts}")
        if later_step.seconds > SECONDS_TARGET:
            print(f"TARGET MISSED: a later package {later_step.seconds:.1f} s > {SECONDS_TARGET:.0f} s")
            missed = True
        audit = AuditActor(None, "bench", "bench")
        ack = folder / "later-ack.opx"
        jobs.import_package(JobTarget(office, None, folder / "files", audit), later_path, ack)
        packages.import_package(database, actor, ack)

        _quarter_of_work(office)
        package = folder / "quarter.opx"
        with _Step("the office's quarter exported (apsw, in-process)"):
            jobs.export_package(JobTarget(office, None, folder / "files", audit), centre_id, package)
        print(f"  {package.stat().st_size / 1_048_576:.2f} MiB")
        with _Step("the office's quarter applied at the PostgreSQL centre (adapter)") as import_step:
            applied = packages.import_package(database, actor, package, folder / "quarter-ack.opx")
        print(f"  {applied.message}")
        if import_step.seconds > SECONDS_TARGET:
            print(f"TARGET MISSED: import at the PostgreSQL centre {import_step.seconds:.1f} s > 30 s")
            missed = True
        after_path = folder / "after-import.opx"
        with _Step("the next package to that office (the mirror catches up with the applied quarter)") as step:
            after = packages.export_package(database, actor, office_id, after_path)
        print(f"  {after.message} counts {after.counts}")
        if step.seconds > SECONDS_TARGET:
            print(f"TARGET MISSED: the next package {step.seconds:.1f} s > 30 s")
            missed = True
    database.dispose()
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
