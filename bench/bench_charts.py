"""The coordinator's charts on «Сегодня» on the large dataset (see make_dataset.py).

    python bench/bench_charts.py [--path bench/data/large.db] [--reps 3]

Each chart is read as the screen reads it: one unit of work on the database thread, as a coordinator of every
office. Prints per chart the median wall clock and this process's CPU time (SQLite runs in the process; the
machine's other load inflates the wall clock, not the CPU) and the load average, and the result's size so two
versions of the code can be seen to agree.

With --probe, a family card is read over and over on a second thread (as the screens' database thread would
while the charts read on their own): its latency alone and while the charts read shows what a user waits for.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

from sqlalchemy import select

from app.worklist.charts import CHARTS
from bench_search import DEFAULT_PATH, _actors  # beside this script
from db.models import Family
from db.session import Database


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--probe", action="store_true", help="time a family card read beside the charts")
    args = parser.parse_args(argv)
    if not args.path.exists():
        print(f"No dataset at {args.path}: run bench/make_dataset.py first.", file=sys.stderr)
        return 2
    database = Database.open(str(args.path))
    [coordinator] = _actors(database, "coordinator")
    print(f"load average at the start: {os.getloadavg()}")
    probe = _Probe(database, coordinator) if args.probe else None
    if probe is not None:
        print(f"family card alone: {probe.alone()}")
        probe.start()
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
    if probe is not None:
        probe.stop()
        print(f"family card while the charts read: {probe.summary()}")
    return 0


class _Probe(threading.Thread):
    """Reads family cards one after another until stopped, keeping each read's wall-clock time."""

    def __init__(self, database: Database, actor: object) -> None:
        super().__init__(daemon=True)
        from app.registry.family_card import load_family_card

        self.database, self.actor, self.load = database, actor, load_family_card
        with database.read() as session:
            self.family_ids = list(session.execute(select(Family.id).limit(200)).scalars())
        self.times: list[float] = []
        self.done = threading.Event()

    def _read(self, index: int) -> float:
        started = time.perf_counter()
        with self.database.read() as session:
            self.load(session, self.actor, self.family_ids[index % len(self.family_ids)], audited=False)
        return (time.perf_counter() - started) * 1000

    def alone(self) -> str:
        times = [self._read(index) for index in range(20)]
        return f"median {statistics.median(times):.0f} ms, longest {max(times):.0f} ms (20 reads)"

    def run(self) -> None:
        index = 0
        while not self.done.is_set():
            self.times.append(self._read(index))
            index += 1
            time.sleep(0.05)

    def stop(self) -> None:
        self.done.set()
        self.join()

    def summary(self) -> str:
        if not self.times:
            return "no reads"
        return (f"median {statistics.median(self.times):.0f} ms, longest {max(self.times):.0f} ms "
                f"({len(self.times)} reads)")


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
