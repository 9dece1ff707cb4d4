"""The coordinator's charts on «Сегодня» on the large dataset (see make_dataset.py).

    python bench/bench_charts.py [--path bench/data/large.db] [--reps 3]

Each chart is read as the screen reads it: one unit of work on the database thread, as a coordinator of every
office. Prints per chart the median wall clock and this process's CPU time (SQLite runs in the process; the
machine's other load inflates the wall clock, not the CPU) and the load average, and the result's size so two
versions of the code can be seen to agree.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from app.worklist.charts import CHARTS
from bench_search import DEFAULT_PATH, _actors  # beside this script
from db.session import Database


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.path.exists():
        print(f"No dataset at {args.path}: run bench/make_dataset.py first.", file=sys.stderr)
        return 2
    database = Database.open(str(args.path))
    [coordinator] = _actors(database, "coordinator")
    print(f"load average at the start: {os.getloadavg()}")
    for key, compute in CHARTS.items():
        walls, cpus, result = [], [], None
        for _ in range(args.reps):
            started, started_cpu = time.perf_counter(), time.process_time()
            with database.read() as session:
                result = compute(session, coordinator, None)
            walls.append((time.perf_counter() - started) * 1000)
            cpus.append((time.process_time() - started_cpu) * 1000)
        print(f"{key:<11} wall {statistics.median(walls):8.0f} ms   CPU {statistics.median(cpus):8.0f} ms   "
              f"load {os.getloadavg()[0]:.1f}   {_digest(result)}")
    return 0


def _digest(result: object) -> str:
    """A short fingerprint of a chart's figures (to compare versions of the code)."""
    if isinstance(result, list):
        return " ".join(str(getattr(row, "families", None) or (getattr(row, "attended", 0), getattr(row, "absent", 0)))
                        for row in result)[:160]
    kinds = getattr(result, "kinds", None)
    if kinds is not None:
        return " ".join(f"{k.this_quarter}/{k.last_quarter}" for k in kinds)
    rows = getattr(result, "rows", ())
    return " ".join(f"{r.done}/{r.expected}" for r in rows)[:160] or "no plan"


if __name__ == "__main__":
    sys.exit(main())
