"""The effectiveness report on the large dataset (#17 item 4 target): the whole report built by
`app.reports.effectiveness` within 2× of one hand-written SQL query doing its central grouping — each closed case's
dynamics (first and last value per case, subject and criterion; areas; the rule) and its delivery mode (that of most
of its sessions), counted by mode × verdict — with the same figures checked against the report's «by delivery mode»
section; the XLSX/DOCX/PDF files written and timed.

    python bench/bench_effectiveness.py [--db bench/data/q17a-large.db] [--period 2026] [--reps 5]

The database is a copy of the large dataset (never the shared bench/data/large.db): it is upgraded to revision 0011
if older, and when it has no assessments the script writes them once (seeded: intake after opening, a review about
every six months, a closing assessment for most closed cases; the family instrument for every case, the child's for
rehabilitation courses and early help). Exits 1 if the target is missed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DEFAULT_DB = ROOT / "bench" / "data" / "q17a-large.db"
RATIO_TARGET = 2.0
REVISION = "0011"

HAND_VERDICTS = """
WITH closed AS (
    SELECT c.id AS case_id FROM support_cases c JOIN families f ON f.id = c.family_id
    WHERE c.closed_on BETWEEN :start AND :end AND c.deleted_at IS NULL AND f.deleted_at IS NULL
), ranked AS (
    SELECT a.id, a.case_id, a.instrument_id, a.person_id,
           ROW_NUMBER() OVER (PARTITION BY a.case_id, a.instrument_id, a.person_id
                              ORDER BY a.assessed_on, a.created_at) AS rn,
           COUNT(*) OVER (PARTITION BY a.case_id, a.instrument_id, a.person_id) AS cnt
    FROM assessments a WHERE a.case_id IN (SELECT case_id FROM closed) AND a.deleted_at IS NULL
), ends AS (
    SELECT r.case_id, r.instrument_id, r.person_id, v.criterion_id,
           MAX(CASE WHEN r.rn = 1 THEN v.value END) AS first_value,
           MAX(CASE WHEN r.rn = r.cnt THEN v.value END) AS last_value
    FROM ranked r JOIN assessment_values v ON v.assessment_id = r.id
    WHERE r.cnt > 1 AND (r.rn = 1 OR r.rn = r.cnt)
    GROUP BY r.case_id, r.instrument_id, r.person_id, v.criterion_id
), areas AS (
    SELECT e.case_id, k.area_id,
           AVG(CAST(CASE WHEN k.higher_is_better THEN e.last_value - e.first_value
                         ELSE e.first_value - e.last_value END AS REAL) / (k.scale_max - k.scale_min)) AS change,
           SUM(CASE WHEN k.higher_is_better THEN e.last_value - e.first_value
                    ELSE e.first_value - e.last_value END) AS steps
    FROM ends e JOIN assessment_criteria k ON k.id = e.criterion_id
    WHERE e.first_value IS NOT NULL AND e.last_value IS NOT NULL
    GROUP BY e.case_id, e.instrument_id, e.person_id, k.area_id
), verdicts AS (
    SELECT case_id, CASE WHEN SUM(change) > 1e-9 AND MIN(steps) > -2 THEN 'positive'
                         WHEN SUM(change) < -1e-9 THEN 'negative' ELSE 'none' END AS verdict
    FROM areas GROUP BY case_id
), modes AS (
    SELECT r.case_id, d.name, d.sort_order, COUNT(*) AS sessions
    FROM rehab_sessions r JOIN dictionary_items d ON d.id = r.delivery_mode_id
    WHERE r.case_id IN (SELECT case_id FROM closed) AND r.deleted_at IS NULL AND r.cancelled = 0
    GROUP BY r.case_id, d.name, d.sort_order
), top_mode AS (
    SELECT case_id, name FROM (
        SELECT case_id, name, ROW_NUMBER() OVER (PARTITION BY case_id ORDER BY sessions DESC, sort_order) AS rn
        FROM modes) WHERE rn = 1
)
SELECT COALESCE(t.name, '-'), COALESCE(v.verdict, '-'), COUNT(*)
FROM closed c LEFT JOIN verdicts v ON v.case_id = c.case_id LEFT JOIN top_mode t ON t.case_id = c.case_id
GROUP BY 1, 2
"""


def _timed(call: Callable[[], Any], reps: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(reps):
        started = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def _upgrade(database: Any) -> None:
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    from db.migrate import alembic_config

    with database.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    if current is not None and current >= REVISION:
        return
    print(f"upgrading {current} → {REVISION} …", flush=True)
    config = alembic_config()
    with database.engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, REVISION)
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


def _fill(database: Any, seed: int = 17) -> int:
    """Write seeded assessments for every case once (bulk SQL, like the demo); returns how many."""
    from sqlalchemy import text

    from app.effectiveness.instruments import list_instruments, seed_instruments

    with database.write() as session:
        seed_instruments(session)
        if session.execute(text("SELECT 1 FROM assessments LIMIT 1")).first() is not None:
            return 0
        instruments = {row.code: row for row in list_instruments(session)}
        family, child = instruments["family_situation"], instruments["child_functioning"]
        cases = session.execute(text(
            "SELECT c.id, c.family_id, c.opened_on, c.closed_on, c.responsible_staff_id, c.child_person_id, k.code,"
            " r.code FROM support_cases c JOIN dictionary_items k ON k.id = c.kind_id"
            " LEFT JOIN dictionary_items r ON r.id = c.closing_reason_id WHERE c.deleted_at IS NULL")).all()
        fallback = session.execute(text("SELECT id FROM staff LIMIT 1")).scalar_one()
        rng = random.Random(seed)
        today = date.today()
        heads: list[tuple[Any, ...]] = []
        values: list[tuple[Any, ...]] = []
        stamp = "2026-01-01 00:00:00.000000"
        for case_id, family_id, opened, closed, staff, child_id, kind, reason in cases:
            opened = date.fromisoformat(str(opened))
            end = date.fromisoformat(str(closed)) if closed else today - timedelta(days=1)
            days = [min(opened + timedelta(days=rng.randint(0, 14)), end)]
            while days[-1] + timedelta(days=200) < end and rng.random() < 0.7:
                days.append(days[-1] + timedelta(days=180))
            if closed and (reason == "goals_achieved" or rng.random() < 0.6):
                days.append(max(days[-1], end - timedelta(days=rng.randint(0, 7))))
            trend = {"goals_achieved": 0.7, "family_refusal": -0.25, "lost_contact": -0.3}.get(reason or "", 0.1)
            subjects = [(family, None, family.criteria())]
            if child_id and kind in ("rehab_course", "iprp"):
                criteria = child.criteria()
                subjects.append((child, child_id, criteria[7:] if kind == "iprp" else criteria[:7]))
            for instrument, person, criteria in subjects:
                levels = {c.id: rng.randint(c.scale_min, c.scale_max) for c in criteria}
                for number, day in enumerate(days):
                    if number:
                        for c in criteria:
                            change = round(trend + rng.gauss(0, 0.6))
                            moved = levels[c.id] + (change if c.higher_is_better else -change)
                            levels[c.id] = max(c.scale_min, min(c.scale_max, moved))
                    kind_code = "intake" if number == 0 else "closing" if closed and number == len(days) - 1 \
                        else "review"
                    assessment = uuid.uuid4().hex
                    heads.append((assessment, instrument.id.hex, family_id, person, case_id, kind_code,
                                  day.isoformat(), staff or fallback, stamp, stamp))
                    values.extend((uuid.uuid4().hex, assessment, c.hex, v) for c, v in levels.items())
        connection = session.connection()
        connection.exec_driver_sql(
            "INSERT INTO assessments (id, instrument_id, family_id, person_id, case_id, kind, assessed_on, staff_id,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", heads)
        connection.exec_driver_sql(
            "INSERT INTO assessment_values (id, assessment_id, criterion_id, value) VALUES (?, ?, ?, ?)", values)
        connection.exec_driver_sql("ANALYZE")
        return len(heads)


def _check_same(report: Any, rows: list[Any]) -> None:
    """The hand-written query must give the report's figures, or the comparison means nothing."""
    from app.reports.effectiveness import NO_SESSIONS

    hand: dict[str, dict[str, int]] = {}
    for mode, verdict, count in rows:
        hand.setdefault(NO_SESSIONS if mode == "-" else mode, {})[verdict] = count
    ours = {row.name: {"positive": row.positive, "none": row.none, "negative": row.negative,
                       "-": row.not_assessed} for row in report.by_mode}
    hand = {mode: {key: counts.get(key, 0) for key in ("positive", "none", "negative", "-")}
            for mode, counts in hand.items()}
    assert ours == hand, (ours, hand)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--period", default=str(date.today().year))
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args(argv)
    if not args.db.exists():
        print(f"{args.db} is missing: cp --sparse=always bench/data/large.db {args.db}", file=sys.stderr)
        return 2
    if args.db.resolve() == (ROOT / "bench" / "data" / "large.db").resolve():
        print("refusing to upgrade the shared large.db: use a copy", file=sys.stderr)
        return 2

    from sqlalchemy import text

    from app.core.actor import system_actor
    from app.reports.catalog import EFFECTIVENESS, ReportRequest, build_report, write_report
    from app.reports.effectiveness import compute_effectiveness
    from app.reports.periods import parse_period
    from db.session import Database

    database = Database.open(str(args.db))
    _upgrade(database)
    started = time.perf_counter()
    written = _fill(database)
    if written:
        print(f"wrote {written} assessments in {time.perf_counter() - started:.1f} s")
    period = parse_period(args.period)
    bounds = {"start": period.start.isoformat(), "end": period.end.isoformat()}
    with database.read() as session:
        counts = session.execute(text("SELECT (SELECT COUNT(*) FROM assessments), (SELECT COUNT(*) FROM "
                                      "assessment_values)")).one()
        print(f"Dataset {args.db.name}: {counts[0]} assessments, {counts[1]} values; period {period.title}; "
              f"median of {args.reps} runs after one warm-up\n")
        ours = lambda: compute_effectiveness(session, period)  # noqa: E731
        hand = lambda: session.execute(text(HAND_VERDICTS), bounds).all()  # noqa: E731
        report, rows = ours(), hand()
        _check_same(report, rows)
        ours_s, report = _timed(ours, args.reps)
        hand_s, rows = _timed(hand, args.reps)
    ratio = ours_s / hand_s
    print(f"closed cases {report.total.closed}, with dynamics {report.total.assessed}: positive "
          f"{report.total.positive}, none {report.total.none}, negative {report.total.negative}")
    print(f"whole report (all sections) {ours_s * 1000:7.0f} ms   hand-written mode × verdict query "
          f"{hand_s * 1000:7.0f} ms"
          f"   ratio {ratio:4.2f} (target < {RATIO_TARGET:.0f})")
    actor = system_actor("bench")
    with database.read() as session:
        built = build_report(session, actor, ReportRequest(EFFECTIVENESS, period))
    with tempfile.TemporaryDirectory() as folder:
        for fmt in built.kind.formats:
            target = Path(folder) / f"effectiveness.{fmt}"
            seconds, _ = _timed(lambda fmt=fmt, target=target: write_report(built, fmt, target), 3)
            print(f"write {fmt:<5} {seconds:6.2f} s   {target.stat().st_size / 1024:6.0f} KiB")
    database.dispose()
    return 1 if ratio >= RATIO_TARGET else 0


if __name__ == "__main__":
    sys.exit(main())
