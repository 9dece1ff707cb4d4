"""The first day at scale (#12): a registry of 20,000 families (55,000 rows) and its two-year session journal
(1,000,000 rows) imported into an empty database, as `opora import` runs them, with progress and Cancel.

    python bench/bench_first_day.py [--families 20000] [--sessions 1000000] [--format xlsx|csv] [--keep DIR]

Builds an organisation with a district, 40 settlements and 60 specialists, writes the registry (person per
row: «Моршанский р-н», «р.п. …», categories one per line, «Дата постановки на учёт») and the journal
(«Тип занятия» in words, group sessions of 2–5 children, «+»/«н» marks with reasons), then times each import
— reading the file, planning (parsing, matching, duplicates) and writing in chunks — with a progress callback
that records how often it was called (Cancel is checked there). Exits 1 past TARGET_S in all.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import func, select

from app.accounts.users import NewUser, create_user
from app.core.actor import COORDINATOR, Actor, system_actor
from app.core.checks import snils_with_checksum
from app.core.lookups import dictionary_id
from app.importing.runner import ImportRequest, open_source, propose_mapping, run_import
from app.system.bootstrap import FirstSetup, initialize, open_database
from db.models import District, Office, RehabSession, SessionParticipant, Settlement, Staff, SupportCase, User
from db.session import Database

TARGET_S = 300.0
SURNAMES = ["Иванов", "Петров", "Смирнов", "Кузнецов", "Соколов", "Попов", "Лебедев", "Козлов", "Новиков", "Морозов",
            "Волков", "Алексеев", "Королёв", "Семёнов", "Фёдоров", "Орлов", "Зайцев", "Павлов", "Белов", "Тарасов"]
MALE = ["Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей", "Артём", "Илья", "Кирилл", "Михаил"]
FEMALE = ["Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Алёна", "Дарья"]
ROOTS = ["Сосн", "Берёз", "Дубр", "Ольх", "Лип", "Рябин", "Калин", "Вишн", "Ключ", "Камен"]
ENDS = ["овка", "ово", "ки", "цы"]
SETTLEMENTS = [root + end for root in ROOTS for end in ENDS]
STAFF = [(SURNAMES[i % 20] + ("а", "ская", "их")[i // 20], FEMALE[i % 10], MALE[(i // 10) % 10] + "овна")
         for i in range(60)]
SERVICE = "Психологическая коррекция"
SLOTS = [(9 + half // 2, 30 * (half % 2)) for half in range(16)]  # 9:00 … 16:30 every half hour


def build_database(path: Path) -> Database:
    database = open_database(str(path))
    with database.write() as session:
        initialize(session, FirstSetup("ГБУ «Центр»", "admin", "secret123", "Моршанское отделение"))
        office = session.execute(select(Office)).scalar_one()
        district = District(name="Моршанский район", office_id=office.id)
        session.add(district)
        session.flush()
        session.add_all(Settlement(district_id=district.id, name=name, distance_km=12.5) for name in SETTLEMENTS)
        position = dictionary_id(session, "position", "psychologist")
        session.add_all(Staff(last_name=last, first_name=first, middle_name=middle, position_id=position,
                              office_id=office.id) for last, first, middle in STAFF)
        create_user(session, system_actor(), NewUser("coord", "secret123", COORDINATOR, "Координатор",
                                                     office_ids=(office.id,)))
    return database


def _snils(number: int) -> str:
    digits = snils_with_checksum(f"{300_000_000 + number:09d}")
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:9]} {digits[9:]}"


def registry_rows(families: int, rnd: random.Random) -> tuple[list[list], list[tuple[str, str, date]]]:
    """Person-per-row registry of `families` families (mother + 1–3 children, ≈2.75 rows each) and the
    children as the journal names them (ФИО, СНИЛС, birth date)."""
    rows: list[list] = [["№ семьи", "ФИО", "Дата рождения", "СНИЛС", "Район", "Населённый пункт",
                         "Категория семьи", "Дата постановки на учёт"]]
    children: list[tuple[str, str, date]] = []
    number = 0
    for family in range(1, families + 1):
        surname = rnd.choice(SURNAMES)
        registered = date(2023, 1, 1) + timedelta(days=rnd.randrange(700))
        born = date(1975, 1, 1) + timedelta(days=rnd.randrange(9000))
        rows.append([family, f"{surname}а {rnd.choice(FEMALE)} {rnd.choice(MALE)}овна", born.strftime("%d.%m.%Y"),
                     _snils(number), "Моршанский р-н", "р.п. " + rnd.choice(SETTLEMENTS),
                     rnd.choice(["многодетн.\nТЖС", "неполная", "малоимущая", "Инвалид"]), registered])
        number += 1
        father = rnd.choice(MALE)
        for _ in range(1 + int(rnd.random() < 0.55) + int(rnd.random() < 0.2)):
            female = rnd.random() < 0.5
            name = f"{surname}{'а' if female else ''} {rnd.choice(FEMALE if female else MALE)} " \
                   f"{father}{'овна' if female else 'ович'}"
            birth = date(2011, 1, 1) + timedelta(days=rnd.randrange(4000))
            snils = _snils(number)
            number += 1
            rows.append([None, name, birth, snils, None, None, None, None])
            children.append((name, snils, birth))
    return rows, children


def journal_rows(sessions: int, children: list[tuple[str, str, date]], rnd: random.Random) -> list[list]:
    """`sessions` journal lines over the two years before today: each specialist's half-hour slots on
    working days, a third of them group sessions of 2–5 children."""
    rows: list[list] = [["Дата", "Время", "ФИО ребёнка", "Дата рождения", "СНИЛС", "Специалист", "Услуга",
                         "Тип занятия", "Отметка", "Причина отсутствия", "Форма работы"]]
    end = date.today() - timedelta(days=1)
    day = end - timedelta(days=730)
    staff = [f"{last} {first[0]}.{middle[0]}." for last, first, middle in STAFF]
    while len(rows) <= sessions:
        if day.weekday() < 5:
            for who in staff:
                for hour, minute in SLOTS:
                    group = rnd.random() < 0.33
                    size = rnd.randint(2, 5) if group else 1
                    for name, snils, birth in rnd.sample(children, size):
                        present = rnd.random() < 0.9
                        rows.append([day, f"{hour}:{minute:02d}", name, birth,
                                     snils if rnd.random() < 0.5 else None, who, SERVICE,
                                     "групповое" if group else "инд.", "+" if present else "н",
                                     None if present else rnd.choice(["болезнь", "сем. обстоятельства", "б/л"]),
                                     "в центре"])
                        if len(rows) > sessions:
                            return rows
        day += timedelta(days=1)
        if day > end:
            day = end - timedelta(days=730)  # more lines than slots: start again (other children, same slots)
    return rows


def save(rows: list[list], path: Path) -> Path:
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            for row in rows:
                writer.writerow(["" if v is None else v.strftime("%d.%m.%Y") if isinstance(v, date) else v
                                 for v in row])
        return path
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Лист1")
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


class Meter:
    """A progress callback as the GUI's: counts the calls and their gaps (Cancel is answered at each)."""

    def __init__(self) -> None:
        self.calls = 0
        self.last = time.perf_counter()
        self.longest = 0.0

    def __call__(self, done: int, total: int, label: str) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now
        self.calls += 1


def timed_import(database: Database, actor: Actor, path: Path, kind: str, **options: object) -> dict:
    meter = Meter()
    t0 = time.perf_counter()
    source = open_source(path, kind)
    read = time.perf_counter() - t0
    with database.read() as session:
        mapping, _saved = propose_mapping(session, source)
    meter.last = time.perf_counter()
    t1 = time.perf_counter()
    summary, _preview = run_import(database, actor, ImportRequest(source, mapping, **options),  # type: ignore[arg-type]
                                   before_write=lambda: None, progress=meter)
    written = time.perf_counter() - t1
    return {"read": read, "plan_and_write": written, "summary": summary, "progress_calls": meter.calls,
            "longest_gap": meter.longest}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--families", type=int, default=20_000)
    parser.add_argument("--sessions", type=int, default=1_000_000)
    parser.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    parser.add_argument("--keep", type=Path, help="folder to keep the database and the files in")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="opora-bench-first-day-"))
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("first-day.db*"):
        old.unlink()
    rnd = random.Random(12)
    started = time.perf_counter()
    database = build_database(folder / "first-day.db")
    registry, children = registry_rows(args.families, rnd)
    registry_path = save(registry, folder / f"registry.{args.format}")
    journal_path = save(journal_rows(args.sessions, children, rnd), folder / f"sessions.{args.format}")
    print(f"prepared {args.families:,} families ({len(registry) - 1:,} rows) and a {args.sessions:,}-row journal "
          f"({args.format}) in {time.perf_counter() - started:.0f} s")
    with database.read() as session:
        user_id = session.execute(select(User.id).where(User.login == "coord")).scalar_one()
        office = session.execute(select(Office.id)).scalar_one()
    actor = Actor(user_id, "coord", COORDINATOR, office_ids=frozenset({office}))
    results = {"registry": timed_import(database, actor, registry_path, "families", open_support="social_support"),
               "journal": timed_import(database, actor, journal_path, "sessions")}
    total = 0.0
    for name, result in results.items():
        took = result["read"] + result["plan_and_write"]
        total += took
        print(f"  {name:9s} read {result['read']:6.1f} s, plan and write {result['plan_and_write']:6.1f} s "
              f"= {took:6.1f} s; progress calls {result['progress_calls']}, longest gap "
              f"{result['longest_gap']:.1f} s; {result['summary'].describe()}")
    with database.read() as session:
        counts = [session.execute(select(func.count()).select_from(model)).scalar_one()
                  for model in (SupportCase, RehabSession, SessionParticipant)]
    print(f"database: {counts[0]:,} support cases, {counts[1]:,} sessions, {counts[2]:,} participants")
    print(f"first day in all: {total:.0f} s (target < {TARGET_S:.0f} s)")
    database.dispose()
    return 0 if total < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
