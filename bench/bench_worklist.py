"""Deadlines and the «Сегодня» screen's read on the large dataset (see make_dataset.py).

    python bench/bench_worklist.py [--path bench/data/large.db] [--reps 10]

Runs as a coordinator of every office and as the specialist responsible for the most families, each read in
its own unit of work as the GUI's worker thread runs it. Prints per-kind medians (wall clock and this process's
CPU time, which the machine's other load does not inflate), then the whole deadline computation and the home
screen's read in one unit, and the screen's lists read (`today_basics`) — the screen reads the lists and then
the kinds one by one, so the longest unit it holds the database thread for is the larger of that and the slowest
kind; exits 1 if a target is missed (wall clock): deadlines < 300 ms, home screen read < 1000 ms (issue #17).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from app.worklist.deadlines import COMPUTE, compute_deadlines, deadline_scope
from app.worklist.settings import KIND_BY_CODE
from app.worklist.today import today_basics, today_overview
from bench_search import DEFAULT_PATH, _actors  # beside this script
from db.session import Database

DEADLINES_TARGET_MS = 300.0
HOME_TARGET_MS = 1000.0


CPU: list[float] = []  # the CPU median of the last `_time`


def _time(database: Database, call, reps: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, cpu, result = [], [], None
    for _ in range(reps):
        started, started_cpu = time.perf_counter(), time.process_time()
        with database.read() as session:
            result = call(session)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    CPU[:] = [statistics.median(cpu)]
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--reps", type=int, default=10)
    args = parser.parse_args(argv)
    if not args.path.exists():
        print(f"No dataset at {args.path}: run bench/make_dataset.py first.", file=sys.stderr)
        return 2
    database = Database.open(str(args.path))
    today = date.today()
    failed = False
    for actor in _actors(database, None):
        print(f"\nas {actor.role}")
        longest = 0.0
        for code, compute in COMPUTE.items():
            days = KIND_BY_CODE[code].default_days
            median, found = _time(database, lambda s, compute=compute, days=days, actor=actor: list(  # type: ignore[misc]
                compute(s, deadline_scope(s, actor), today, days)), args.reps)
            longest = max(longest, median)
            print(f"  {code:16s} {median:8.1f} ms  cpu {CPU[0]:7.1f} ms  {len(found):6d} found")  # type: ignore[arg-type]
        median, found = _time(database, lambda s, actor=actor: compute_deadlines(s, actor, today), args.reps)
        ok = median < DEADLINES_TARGET_MS
        failed |= not ok
        print(f"  {'all deadlines':16s} {median:8.1f} ms  cpu {CPU[0]:7.1f} ms  {len(found):6d} found  "  # type: ignore[arg-type]
              f"{'ok' if ok else 'MISSED'} (< {DEADLINES_TARGET_MS:g})")
        median, _ = _time(database, lambda s, actor=actor: today_overview(s, actor, today), args.reps)
        ok = median < HOME_TARGET_MS
        failed |= not ok
        print(f"  {'home screen read':16s} {median:8.1f} ms  cpu {CPU[0]:7.1f} ms  "
              f"{'ok' if ok else 'MISSED'} (< {HOME_TARGET_MS:g})")
        median, _ = _time(database, lambda s, actor=actor: today_basics(s, actor, today), args.reps)
        print(f"  {'lists (basics)':16s} {median:8.1f} ms  cpu {CPU[0]:7.1f} ms;  longest unit of the split read "
              f"{max(longest, median):.1f} ms")
    database.dispose()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
