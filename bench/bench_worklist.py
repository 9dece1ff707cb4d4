"""Deadlines and the «Сегодня» screen's read on the large dataset (see make_dataset.py).

    python bench/bench_worklist.py [--path bench/data/large.db] [--reps 10] [--kind consent]

Runs as a coordinator of every office and as the specialist responsible for the most families, each read in
its own unit of work as the GUI's worker thread runs it, and prints medians of the wall clock and of this
process's CPU time (SQLite runs in it; the machine's other load inflates it less) with the load average:

- each kind counted (`count_deadlines`, what the screen's groups and the side bar show) and listed whole;
- the counts of all kinds in one unit, and as the screen counts them: two halves on two connections at once
  (`app.worklist.counting`) — the deadline computation the screen needs (target < 300 ms);
- the first page of one kind (`--kind`, default the largest: what opening its group reads);
- the full list (`compute_deadlines`: the command line, the weekly workbook);
- the home screen's read: its lists (`today_basics`) and the counts as the screen counts them (target < 1000 ms).

Exits 1 if a target is missed by the wall clock.

    python bench/bench_worklist.py --path … --gui [--screenshots DIR]

The real screen instead (offscreen Qt, the main window at 1366×768 as after sign-in): per role, the time from
showing the window to «Сегодня» drawn with its lists and every group's count (the side bar's count set), then
to the first page of the largest group drawn after it is opened; `--screenshots` saves both states.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from app.worklist.counting import count_deadlines_together
from app.worklist.deadlines import COMPUTE, compute_deadlines, count_deadlines, deadline_page, deadline_scope
from app.worklist.settings import read_deadline_settings
from app.worklist.today import today_basics
from bench_search import DEFAULT_PATH, _actors  # beside this script
from db.session import Database

DEADLINES_TARGET_MS = 300.0
HOME_TARGET_MS = 1000.0


def _time(database: Database, call: Callable[[Any], Any], reps: int) -> tuple[float, float, Any]:
    """Medians of the wall clock and the CPU time (ms) of `call` in its own read unit, and its last result."""
    times, cpu, result = [], [], None
    for _ in range(reps):
        started, started_cpu = time.perf_counter(), time.process_time()
        with database.read() as session:
            result = call(session)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return statistics.median(times), statistics.median(cpu), result


def _load() -> str:
    return "load " + " ".join(f"{value:.2f}" for value in os.getloadavg())


def _line(label: str, wall: float, cpu: float, tail: str = "") -> None:
    print(f"  {label:22s} {wall:8.1f} ms  cpu {cpu:7.1f} ms  {tail}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--reps", type=int, default=10)
    parser.add_argument("--kind", help="the kind whose first page is read (default: the largest)")
    parser.add_argument("--gui", action="store_true", help="time the real screen instead (offscreen)")
    parser.add_argument("--screenshots", type=Path, help="with --gui: save the screen to this folder")
    args = parser.parse_args(argv)
    if not args.path.exists():
        print(f"No dataset at {args.path}: run bench/make_dataset.py first.", file=sys.stderr)
        return 2
    database = Database.open(str(args.path))
    if args.gui:
        from bench_today_gui import measure_screen  # beside this script

        failed = not all([measure_screen(database, actor, args.screenshots) for actor in _actors(database, None)])
        database.dispose()
        return 1 if failed else 0
    failed = False
    for actor in _actors(database, None):
        failed |= not _bench(database, actor, date.today(), args)
    database.dispose()
    return 1 if failed else 0


def _bench(database: Database, actor: Any, today: date, args: argparse.Namespace) -> bool:
    """One role's figures; False if a target is missed."""
    print(f"\nas {actor.role}  ({_load()})")
    counts: dict[str, Any] = {}
    with database.read() as session:
        days = {setting.kind.code: setting.days for setting in read_deadline_settings(session)}
    for code, compute in COMPUTE.items():
        wall, cpu, found = _time(database, lambda s, code=code: count_deadlines(s, actor, today, [code]),
                                 args.reps)
        counts[code] = found[code]
        list_wall, list_cpu, rows = _time(database, lambda s, compute=compute, code=code: compute(
            s, deadline_scope(s, actor), today, days[code]), args.reps)
        assert len(rows) == found[code].total, (code, len(rows), found[code])
        _line(code, wall, cpu, f"{found[code].total:6d} ({found[code].overdue} overdue); "
                               f"whole list {list_wall:.1f} ms, cpu {list_cpu:.1f} ms")
    wall, cpu, found = _time(database, lambda s: count_deadlines(s, actor, today), args.reps)
    _line("counts, one connection", wall, cpu, f"{sum(c.total for c in found.values()):6d} deadlines")
    # What the screen does: the kinds in two halves on two connections at once (app.worklist.counting).
    wall, cpu, together = _time(database, lambda _s: count_deadlines_together(database, actor, today), args.reps)
    assert together == found, "the two ways of counting differ"
    deadlines_ok = wall < DEADLINES_TARGET_MS
    _line("counts, all kinds", wall, cpu, f"{sum(c.total for c in found.values()):6d} deadlines  "
                                          f"{'ok' if deadlines_ok else 'MISSED'} (< {DEADLINES_TARGET_MS:g})")
    kind = args.kind or max(counts, key=lambda code: counts[code].total)
    wall, cpu, page = _time(database, lambda s: deadline_page(s, actor, kind, today), args.reps)
    _line(f"first page: {kind}", wall, cpu, f"{len(page):6d} rows")
    wall, cpu, rows = _time(database, lambda s: compute_deadlines(s, actor, today), args.reps)
    _line("full list", wall, cpu, f"{len(rows):6d} rows")
    wall, cpu, _ = _time(database, lambda s: today_basics(s, actor, today), args.reps)
    _line("screen lists (basics)", wall, cpu)
    wall, cpu, _ = _time(database, lambda s: (today_basics(s, actor, today),
                                              count_deadlines_together(database, actor, today)), args.reps)
    home_ok = wall < HOME_TARGET_MS
    _line("home screen read", wall, cpu, f"{'ok' if home_ok else 'MISSED'} (< {HOME_TARGET_MS:g})")
    print(f"  ({_load()})")
    return deadlines_ok and home_ok

if __name__ == "__main__":
    sys.exit(main())
