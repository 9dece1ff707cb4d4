"""Person search and family card timings on the large dataset (see make_dataset.py).

    python bench/bench_search.py [--path bench/data/large.db] [--reps 200] [--as coordinator|specialist]

Each query kind runs `--reps` times (cycling through its sample texts) after a warm-up, each in
its own read unit of work as the GUI's worker thread would run it. Prints median and p95 in ms;
exits 1 if a target is missed: search median < 10 ms, family card median < 50 ms.

Searches and cards are scoped by role (app.core.access): they run as a coordinator of every office (the
widest search) and as the specialist responsible for the most families (the costliest condition:
responsible, case, plan row, visit, session or brigade links); both by default. A card is opened
inside the unit of work with its «view» audit row, which is rolled back.
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

from sqlalchemy import select

from app.core.actor import COORDINATOR, SPECIALIST, Actor
from db.models import Family, Office, Person
from db.session import Database

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "large.db"
SEARCH_TARGET_MS = 10.0
CARD_TARGET_MS = 50.0

QUERIES: dict[str, list[str]] = {
    "одна буква": ["А", "И", "К", "С", "Ё", "е", "ё"],
    "ё/е": ["Королё", "Королев", "Королёва", "Семенов", "Семёнова", "Федоров", "Фёдорова"],
    "2–4 буквы": ["Ив", "Пет", "Смир", "Кузн", "Ба", "Мор", "Вол", "Со", "Шев", "Ким"],
    "фамилия": ["Иванова", "Смирнов", "Королёва", "Шевчук", "Ооржак", "Тетерина", "Кузнецов"],
    "фамилия + имя": ["Иванова М", "Петров А", "Кузнецова Е", "Смирнов Д", "Соколова Ан", "Королёв Ар"],
    "фамилия имя отчество": ["Иванова Мария А", "Петров Иван Сергеевич", "Попова Анна Ал"],
}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _measure(database: Database, call: Callable[..., object], arguments: list[object], reps: int,
             warmup: list[object]) -> tuple[list[float], int]:
    """Run `call(session, argument)` reps times cycling arguments; per-call times in ms and rows seen."""
    rows = 0
    for argument in warmup:
        with database.read() as session:
            call(session, argument)
    times = []
    for index in range(reps):
        argument = arguments[index % len(arguments)]
        started = time.perf_counter()
        with database.read() as session:
            result = call(session, argument)
        times.append((time.perf_counter() - started) * 1000)
        if isinstance(result, list):
            rows += len(result)
    return times, rows


def _snils_prefixes(database: Database, rng: random.Random) -> list[str]:
    with database.read() as session:
        numbers = session.execute(select(Person.snils).where(Person.snils.is_not(None)).limit(5000)).scalars().all()
    picks = rng.sample(numbers, 6)
    return [picks[0][:3], picks[1][:5], f"{picks[2][:3]}-{picks[2][3:6]}", picks[3][:9],
            f"{picks[4][:3]}-{picks[4][3:6]}-{picks[4][6:9]} {picks[4][9:]}", picks[5][:1]]


def _actors(database: Database, role: str | None) -> list[Actor]:
    """A coordinator of every office and the specialist responsible for the most families."""
    from sqlalchemy import func

    with database.read() as session:
        offices = frozenset(session.execute(select(Office.id)).scalars())
        staff_id = session.execute(select(Family.responsible_staff_id).where(Family.responsible_staff_id.is_not(None))
                                   .group_by(Family.responsible_staff_id).order_by(func.count().desc())
                                   .limit(1)).scalar()
    actors = [Actor(uuid.uuid4(), "bench-coordinator", COORDINATOR, office_ids=offices),
              Actor(uuid.uuid4(), "bench-specialist", SPECIALIST, staff_id=staff_id)]
    return [actor for actor in actors if role in (None, actor.role)]


def _measure_actor(database: Database, actor: Actor, queries: dict[str, list[str]], family_ids: list,
                   args: argparse.Namespace, rng: random.Random) -> bool:
    from app.core.access import family_scope
    from app.registry.family_card import load_family_card
    from app.registry.persons import search_persons

    print(f"\nas {actor.role}")
    failed = False

    def search(session: object, query: object) -> object:
        return search_persons(session, actor, query, limit=50)  # type: ignore[arg-type]

    for kind, texts in queries.items():
        warmup = [texts[index % len(texts)] for index in range(args.warmup)]
        times, rows = _measure(database, search, list(texts), args.reps, warmup)
        median = statistics.median(times)
        ok = median < SEARCH_TARGET_MS
        failed |= not ok
        print(f"{kind:24s} {median:10.2f} {_percentile(times, 0.95):8.2f} {max(times):8.2f} "
              f"{rows / len(times):11.1f}  {'ok' if ok else 'MISSED'} (< {SEARCH_TARGET_MS:g})")
    with database.read() as session:
        visible = session.execute(select(Family.id).where(family_scope(actor))).scalars().all()
    # Each measured card is a different family the actor may open, none of them seen in the warm-up.
    picked = rng.sample(visible, min(len(visible), args.reps + args.warmup))
    warmup_ids, sample = picked[:args.warmup], picked[args.warmup:]

    def card(session: object, family_id: object) -> object:
        return load_family_card(session, actor, family_id)  # type: ignore[arg-type]

    times, _rows = _measure(database, card, list(sample), len(sample), list(warmup_ids))
    median = statistics.median(times)
    ok = median < CARD_TARGET_MS
    failed |= not ok
    print(f"{'карточка семьи':24s} {median:10.2f} {_percentile(times, 0.95):8.2f} {max(times):8.2f} "
          f"{'':>11s}  {'ok' if ok else 'MISSED'} (< {CARD_TARGET_MS:g})   ({len(visible):,} families visible)")
    return failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--as", dest="role", choices=(COORDINATOR, SPECIALIST))
    args = parser.parse_args(argv)
    if not args.path.exists():
        print(f"No dataset at {args.path}: run bench/make_dataset.py first.", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    database = Database.open(str(args.path))
    queries = dict(QUERIES)
    queries["СНИЛС (цифры)"] = _snils_prefixes(database, rng)
    with database.read() as session:
        family_ids = session.execute(select(Family.id)).scalars().all()
        persons = session.execute(select(Person.id).limit(1)).scalar()
    if not family_ids or persons is None:
        print("The dataset is empty.", file=sys.stderr)
        return 2
    print(f"Dataset {args.path} ({len(family_ids):,} families); {args.reps} runs per kind after "
          f"{args.warmup} warm-up runs.")
    print(f"{'kind':24s} {'median ms':>10s} {'p95 ms':>8s} {'max ms':>8s} {'rows/query':>11s}  target")
    failed = False

    for actor in _actors(database, args.role):
        failed |= _measure_actor(database, actor, queries, family_ids, args, rng)
    database.dispose()
    if failed:
        print("A target was missed.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
