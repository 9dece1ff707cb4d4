"""Rehabilitation sessions on the large dataset (issue 4 targets):

- opening a specialist's week calendar under 200 ms: the sessions section (offscreen) switched to a
  specialist and week until the grid is drawn — the worker's `week_sessions` query plus the grid;
  the bare query is timed too;
- marking attendance for 20 sessions in one action under 100 ms: `app.rehab.sessions.mark_attendance` for 20
  children's places in one write unit of work, commit included.

    python bench/bench_sessions.py [--db bench/data/large.db] [--reps 40]

The attendance runs change marks in the dataset; after each run the original marks are written back.
Their audit rows stay (the log is append-only). Exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = ROOT / "bench" / "data" / "large.db"
WEEK_TARGET_MS = 200.0
ATTENDANCE_TARGET_MS = 100.0
MARKS = 20


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _line(label: str, times: list[float], target: float | None = None) -> str:
    text = (f"{label:<44} median {statistics.median(times):7.1f} ms   p95 {_percentile(times, 0.95):7.1f} ms   "
            f"max {max(times):7.1f} ms   n={len(times)}")
    return text + (f"   (target < {target:.0f} ms)" if target else "")


def wait_until(condition, timeout: float = 30.0) -> None:
    from PySide6.QtCore import QCoreApplication

    deadline = time.perf_counter() + timeout
    while not condition():
        QCoreApplication.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError
        time.sleep(0.0002)


def busy_weeks(database, rng: random.Random, count: int) -> list[tuple]:
    """(staff id, Monday, sessions that week) for specialists' busiest weeks among random past weeks."""
    from sqlalchemy import func, select

    from db.models import RehabSession

    today = date.today()
    monday = today - timedelta(days=today.weekday())
    picks = []
    with database.read() as session:
        for _ in range(count):
            start = monday - timedelta(days=7 * rng.randint(1, 80))
            row = session.execute(
                select(RehabSession.staff_id, func.count()).where(
                    RehabSession.starts_at >= datetime.combine(start, datetime.min.time()),
                    RehabSession.starts_at < datetime.combine(start + timedelta(days=7), datetime.min.time()))
                .group_by(RehabSession.staff_id).order_by(func.count().desc()).limit(1)).first()
            if row is not None:
                picks.append((row[0], start, row[1]))
    return picks


def measure_week(database, actor, weeks: list[tuple]) -> dict[str, list[float]]:
    from PySide6.QtCore import QCoreApplication

    from app.rehab.calendar import week_sessions
    from ui.application import create_application
    from ui.context import UiContext
    from ui.forms import select_data
    from ui.rehab import SessionsScreen
    from ui.worker import DatabaseWorker

    results: dict[str, list[float]] = {"query": [], "open": [], "first": []}
    for staff_id, start, _count in weeks:
        began = time.perf_counter()
        with database.read() as session:
            week_sessions(session, actor, staff_id=staff_id, week_start=start)
        results["query"].append((time.perf_counter() - began) * 1000)

    create_application()
    worker = DatabaseWorker(database, lambda error: print("error:", error, file=sys.stderr))
    context = UiContext(worker, actor)
    began = time.perf_counter()
    section = SessionsScreen(context)
    section.resize(1366, 700)
    section.show()
    wait_until(section.is_idle)
    QCoreApplication.processEvents()
    results["first"].append((time.perf_counter() - began) * 1000)
    for staff_id, start, _count in weeks:
        loaded: list[bool] = []
        section.week_loaded.connect(lambda loaded=loaded: loaded.append(True))
        began = time.perf_counter()
        select_data(section.staff, staff_id)
        section.go_to_week(start)
        wait_until(lambda loaded=loaded: bool(loaded))
        QCoreApplication.processEvents()  # the grid painted
        results["open"].append((time.perf_counter() - began) * 1000)
        section.week_loaded.disconnect()
    section.close()
    worker.stop()
    return results


def measure_attendance(database, actor, weeks: list[tuple], reps: int, rng: random.Random) -> list[float]:
    from sqlalchemy import select, update

    from app.rehab.sessions import AttendanceMark, mark_attendance
    from db.models import DictionaryItem, RehabSession, SessionParticipant

    with database.read() as session:
        reasons = session.execute(select(DictionaryItem.id).where(DictionaryItem.kind == "absence_reason")
                                  ).scalars().all()
    times = []
    for index in range(reps):
        staff_id, start, _count = weeks[index % len(weeks)]
        with database.read() as session:
            rows = session.execute(
                select(SessionParticipant.id, SessionParticipant.attended, SessionParticipant.absence_reason_id)
                .join(RehabSession, RehabSession.id == SessionParticipant.session_id)
                .where(RehabSession.staff_id == staff_id, RehabSession.deleted_at.is_(None),
                       RehabSession.cancelled.is_(False),
                       RehabSession.starts_at >= datetime.combine(start, datetime.min.time()),
                       RehabSession.starts_at < datetime.combine(start + timedelta(days=7), datetime.min.time()))
                .order_by(RehabSession.starts_at).limit(MARKS)).all()
        marks = [AttendanceMark(pid, rng.random() > 0.2, None) for pid, _a, _r in rows]
        marks = [m if m.attended else m._replace(absence_reason_id=rng.choice(reasons)) for m in marks]
        began = time.perf_counter()
        with database.write() as session:
            mark_attendance(session, actor, marks)
        times.append((time.perf_counter() - began) * 1000)
        with database.write() as session:  # put the marks back (the audit log is append-only: its rows stay)
            for pid, attended, reason in rows:
                session.execute(update(SessionParticipant).where(SessionParticipant.id == pid)
                                .values(attended=attended, absence_reason_id=reason))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--reps", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if not args.db.exists():
        print(f"No dataset at {args.db}: run bench/make_dataset.py first.", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT / "src"))
    from app.system.bootstrap import log_in
    from app.system.startup import prepare_database
    from db.session import Database

    database = Database.open(str(args.db))
    state = prepare_database(database)
    actor = log_in(database, state.demo_login or "demo", state.demo_password or "demo12345").actor
    rng = random.Random(args.seed)
    weeks = busy_weeks(database, rng, args.reps)
    print(f"{len(weeks)} specialist weeks, {min(w[2] for w in weeks)}–{max(w[2] for w in weeks)} sessions each")
    week = measure_week(database, actor, weeks)
    attendance = measure_attendance(database, actor, weeks, args.reps, rng)
    print(_line("week_sessions query (specialist, 7 days)", week["query"]))
    print(_line("section first shown (choices + week)", week["first"]))
    print(_line("open a specialist's week (query + grid)", week["open"], WEEK_TARGET_MS))
    print(_line(f"mark attendance, {MARKS} places, one action", attendance, ATTENDANCE_TARGET_MS))
    missed = []
    if statistics.median(week["open"]) >= WEEK_TARGET_MS:
        missed.append("week calendar")
    if statistics.median(attendance) >= ATTENDANCE_TARGET_MS:
        missed.append("attendance")
    if missed:
        print("Missed targets: " + ", ".join(missed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
