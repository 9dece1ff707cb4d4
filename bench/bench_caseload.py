"""The caseload table (staff → families) on the large dataset: what keeping and checking it costs.

    python bench/bench_caseload.py [--path bench/data/large.db] [--reps 200]

- `refresh` of one family, as every linking service runs it in its unit of work (200 random families, each
  in a write unit that is rolled back): median and p95 in ms;
- `differences` — the whole table against its sources (the check after sign-in, `opora caseload check`);
- `rebuild` — the whole table from its sources (the demo generator, `--repair`), rolled back;
- the busiest specialist's first page of the families list (`search_families`, 100 rows, count included).

The dataset must be at the current schema (`opora upgrade`, or bench/make_dataset.py with this code).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import caseload
from app.core.actor import SPECIALIST, Actor
from app.registry.family_list import FamilyFilter, search_families
from db.models import CaseloadEntry, Family
from db.session import Database

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "large.db"


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class _Undo(Exception):
    """Raised out of a write unit so that it rolls back: the bench leaves the dataset as it found it."""


def _rolled_back(database: Database, work: Callable[[Session], object]) -> object:
    try:
        with database.write() as session:
            raise _Undo(work(session))
    except _Undo as undo:
        return undo.args[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if not args.path.exists():
        print(f"No dataset at {args.path}: run bench/make_dataset.py first.", file=sys.stderr)
        return 2
    database = Database.open(str(args.path))
    rng = random.Random(args.seed)
    with database.read() as session:
        families = session.execute(select(Family.id)).scalars().all()
        rows = session.execute(select(func.count()).select_from(CaseloadEntry)).scalar_one()
        staff = session.execute(select(CaseloadEntry.staff_id).group_by(CaseloadEntry.staff_id)
                                .order_by(func.count().desc()).limit(1)).scalar()
    print(f"Dataset {args.path}: {len(families):,} families, {rows:,} caseload rows")

    times = []
    for family_id in rng.sample(families, min(args.reps, len(families))):
        def refresh(session: Session, family_id: uuid.UUID = family_id) -> object:
            started = time.perf_counter()
            changed = caseload.refresh(session, [family_id])
            times.append(_ms(started))
            return changed

        if _rolled_back(database, refresh) != 0:
            print("The table differs from its sources: run opora caseload check --repair.", file=sys.stderr)
            return 1
    print(f"refresh one family (service)    median {statistics.median(times):7.2f} ms   p95 {_p95(times):7.2f} ms")

    with database.read() as session:
        started = time.perf_counter()
        found = caseload.differences(session)
        print(f"differences (whole table)       {_ms(started) / 1000:7.2f} s   ({found.describe()})")
    started = time.perf_counter()
    count = _rolled_back(database, caseload.rebuild)
    print(f"rebuild (whole table)           {_ms(started) / 1000:7.2f} s   ({count:,} rows; rolled back)")

    actor = Actor(uuid.uuid4(), "bench-specialist", SPECIALIST, staff_id=staff)
    times = []
    for _ in range(30):
        with database.read() as session:
            started = time.perf_counter()
            page = search_families(session, FamilyFilter(), actor=actor)
            times.append(_ms(started))
    print(f"specialist's families list      median {statistics.median(times):7.2f} ms   p95 {_p95(times):7.2f} ms"
          f"   ({page.total:,} families)")
    database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
