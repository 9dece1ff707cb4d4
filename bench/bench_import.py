"""Registry import timing: 10,000 spreadsheet rows against a database of 50,000 persons.

    python bench/bench_import.py [--rows 10000] [--persons 50000] [--keep DIR]
    python bench/bench_import.py --first-day [--families 20000] [--sessions 1000000] [--format xlsx|csv]

Builds a fresh SQLite database (organisation, districts, places; 50,000 persons in 18,000 families
inserted directly), writes a person-per-row XLSX registry (about 10 % of its people already in the
database, a few bad СНИЛС and dates), then times each step of `opora import families` as the command
line runs it: reading the file, the mapping, the preview, and the write (one transaction, duplicate
detection included). Exits 1 if the import (read + write) takes 20 s or more.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import func, insert, select

from app.accounts.users import NewUser, create_user
from app.core import caseload
from app.core.actor import COORDINATOR, Actor, system_actor
from app.core.checks import snils_with_checksum
from app.core.lookups import dictionary_id
from app.core.text import fold
from app.importing.derived_pause import RESTORING
from app.importing.outcome import Decisions
from app.importing.runner import ImportRequest, open_source, preview, propose_mapping, run_import
from app.system.bootstrap import FirstSetup, initialize, open_database
from db.models import (
    CaseloadPerson,
    District,
    Family,
    FamilyMember,
    Office,
    Person,
    RehabSession,
    SessionParticipant,
    Settlement,
    Staff,
    SupportCase,
    User,
)
from db.session import Database

TARGET_S = 20.0
SURNAMES = ["Иванов", "Петров", "Смирнов", "Кузнецов", "Соколов", "Попов", "Лебедев", "Козлов", "Новиков", "Морозов",
            "Волков", "Алексеев", "Королёв", "Семёнов", "Фёдоров", "Орлов", "Зайцев", "Павлов", "Белов", "Тарасов"]
MALE = ["Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей", "Артём", "Илья", "Кирилл", "Михаил"]
FEMALE = ["Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Алёна", "Дарья"]
PLACES = [f"Посёлок-{i}" for i in range(40)]


def _person(rnd: random.Random, index: int, child: bool, surname: str, female: bool) -> dict:
    born = date(2010, 1, 1) + timedelta(days=rnd.randrange(5000)) if child else \
        date(1970, 1, 1) + timedelta(days=rnd.randrange(9000))
    last = surname + ("а" if female else "")
    father = rnd.choice(MALE)
    middle = father + ("овна" if female else "ович")
    return {"last_name": last, "first_name": rnd.choice(FEMALE if female else MALE), "middle_name": middle,
            "sex": "F" if female else "M", "birth_date": born,
            "snils": snils_with_checksum(f"{200_000_000 + index * 7:09d}")}


def build_database(path: Path, persons: int, rnd: random.Random) -> tuple[Database, list[dict]]:
    database = open_database(str(path))
    with database.write() as session:
        initialize(session, FirstSetup("ГБУ «Центр»", "admin", "secret123", "Центральное отделение"))
        office = session.execute(select(Office)).scalar_one()
        district = District(name="Тестовый район", office_id=office.id)
        session.add(district)
        session.flush()
        session.add_all(Settlement(district_id=district.id, name=name) for name in PLACES)
        create_user(session, system_actor(), NewUser("coord", "secret123", COORDINATOR, "Координатор"))
        session.flush()
        role = dictionary_id(session, "member_role", "other_relative")
        made, rows, families, links = [], [], [], []
        index = 0
        while index < persons:
            family_id = uuid.uuid4()
            surname = rnd.choice(SURNAMES)
            families.append({"id": family_id, "office_id": office.id, "registered_on": date(2024, 1, 1),
                             "district_id": district.id, "title": surname, "title_key": fold(surname)})
            for position in range(min(3, persons - index)):
                person = _person(rnd, index, position > 0, surname, position == 0 or rnd.random() < 0.5)
                person_id = uuid.uuid4()
                rows.append(person | {"id": person_id, "last_name_key": fold(person["last_name"]),
                                      "first_name_key": fold(person["first_name"]),
                                      "middle_name_key": fold(person["middle_name"])})
                links.append({"id": uuid.uuid4(), "family_id": family_id, "person_id": person_id, "role_id": role})
                made.append(person)
                index += 1
        session.execute(insert(Family), families)
        session.execute(insert(Person), rows)
        session.execute(insert(FamilyMember), links)
    return database, made


def write_registry(path: Path, rows: int, existing: list[dict], rnd: random.Random) -> None:
    """About 10 % of the families are already in the database (all their members; every fifth of them
    with a new baby), 1 % of the СНИЛС are mistyped; the rest are new families of three."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Реестр семей"])
    sheet.append(["№ семьи", "ФИО", "Дата рождения", "СНИЛС", "Адрес", "Категория семьи", "Телефон"])
    family = 0
    written = 0
    while written < rows:
        family += 1
        surname = rnd.choice(SURNAMES) + "ин"
        place = rnd.choice(PLACES)
        if rnd.random() < 0.1:
            start = rnd.randrange(len(existing) // 3) * 3
            people = existing[start:start + 3]
            if rnd.random() < 0.2:
                people = [*people, _person(rnd, 2_000_000 + written, True, people[0]["last_name"].rstrip("а"),
                                           False)]
        else:
            people = [_person(rnd, 1_000_000 + written + i, i > 0, surname, i == 0) for i in range(3)]
        for position, person in enumerate(people[:rows - written]):
            snils = person["snils"]
            if rnd.random() < 0.01:
                snils = snils[:-2] + "00"
            birth = person["birth_date"].strftime("%d.%m.%Y") if rnd.random() < 0.5 else person["birth_date"]
            sheet.append([family if position == 0 else None, f"{person['last_name']} {person['first_name']} "
                          f"{person['middle_name']}", birth, f"{snils[:3]}-{snils[3:6]}-{snils[6:9]} {snils[9:]}",
                          f"{place}, ул. Ленина, д. {family % 90 + 1}" if position == 0 else None,
                          rnd.choice(["многодетная", "ТЖС", "неполная", None]) if position == 0 else None,
                          "+7 914 000-00-00" if position == 0 else None])
            written += 1
    book.save(path)


# --- the first day at scale (#12) ---------------------------------------------------------------------

FIRST_DAY_DOC = """The first day at scale (#12): a registry of 20,000 families (55,000 rows) and its two-year
session journal (1,000,000 rows) imported into an empty database, as `opora import` runs them, with progress and Cancel.

    python bench/bench_import.py --first-day [--families 20000] [--sessions 1000000] [--format xlsx|csv]
                                 [--strings inline|shared] [--keep DIR [--reuse]] [--check]

Builds an organisation with a district, 40 settlements and 60 specialists, writes the registry (person per
row: «Моршанский р-н», «р.п. …», categories one per line, «Дата постановки на учёт») and the journal
(«Тип занятия» in words, group sessions of 2–5 children, «+»/«н» marks with reasons), then times each import
— reading the file, planning (parsing, matching, duplicates) and writing in chunks — with a progress callback
that records how often it was called (Cancel is checked there). Exits 1 past TARGET_S in all.
"""
FIRST_DAY_TARGET_S = 300.0
ROOTS = ["Сосн", "Берёз", "Дубр", "Ольх", "Лип", "Рябин", "Калин", "Вишн", "Ключ", "Камен"]
ENDS = ["овка", "ово", "ки", "цы"]
SETTLEMENTS = [root + end for root in ROOTS for end in ENDS]
STAFF = [(SURNAMES[i % 20] + ("а", "ская", "их")[i // 20], FEMALE[i % 10], MALE[(i // 10) % 10] + "овна")
         for i in range(60)]
SERVICE = "Психологическая коррекция"
SLOTS = [(9 + half // 2, 30 * (half % 2)) for half in range(16)]  # 9:00 … 16:30 every half hour


def build_empty_database(path: Path) -> Database:
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


def save(rows: list[list], path: Path, strings: str = "inline") -> Path:
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            for row in rows:
                writer.writerow(["" if v is None else v.strftime("%d.%m.%Y") if isinstance(v, date) else v
                                 for v in row])
        return path
    if strings == "shared":  # as Excel and LibreOffice save: a shared-strings table in UTF-8
        from xlsx_shared import save_shared

        return save_shared(rows, path)
    book = Workbook(write_only=True)  # every text inline, each Cyrillic letter a «&#NNNN;» reference
    sheet = book.create_sheet("Лист1")
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


class Meter:
    """A progress callback as the GUI's: counts the calls and their gaps (Cancel is answered at each)."""

    WRITING = ("Запись", "Сборка занятий")  # the first labels of the write (planning's come before)

    def __init__(self) -> None:
        self.calls = 0
        self.last = time.perf_counter()
        self.longest = 0.0
        self.longest_after = ""
        self.writing_from: tuple[float, float] | None = None  # (wall, CPU) when the write began
        self.restoring_from: tuple[float, float] | None = None  # (wall, CPU) when the paused summaries' rebuild began

    def __call__(self, done: int, total: int, label: str) -> None:
        now = time.perf_counter()
        if now - self.last > self.longest:
            self.longest, self.longest_after = now - self.last, label
        self.last = now
        self.calls += 1
        if self.writing_from is None and label.startswith(self.WRITING):
            self.writing_from = (now, time.process_time())
        if self.restoring_from is None and label == RESTORING:
            self.restoring_from = (now, time.process_time())


def timed_import(database: Database, actor: Actor, path: Path, kind: str, **options: object) -> dict:
    """Wall-clock and this process's CPU seconds (on a shared machine the CPU time says what an unloaded
    run would take; the database's own disk waits are in the wall-clock only)."""
    meter = Meter()
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    source = open_source(path, kind, progress=meter)
    read = time.perf_counter() - t0
    read_cpu = time.process_time() - cpu0
    with database.read() as session:
        mapping, _saved = propose_mapping(session, source)
    meter.last = time.perf_counter()
    t1 = time.perf_counter()
    cpu1 = time.process_time()
    summary, _preview = run_import(database, actor, ImportRequest(source, mapping, **options),  # type: ignore[arg-type]
                                   before_write=lambda: None, progress=meter)
    end, cpu_end = time.perf_counter(), time.process_time()
    wall_w, cpu_w = meter.writing_from or (end, cpu_end)
    wall_r, cpu_r = meter.restoring_from or (end, cpu_end)
    restore = f" (of which the summaries' rebuild {end - wall_r:.1f} s, CPU {cpu_end - cpu_r:.1f})" \
        if meter.restoring_from else ""
    return {"read": read, "plan_and_write": end - t1, "cpu": cpu_end - cpu0, "summary": summary,
            "progress_calls": meter.calls, "longest_gap": meter.longest, "longest_before": meter.longest_after,
            "phases": f"read {read:.1f} s (CPU {read_cpu:.1f}), plan {wall_w - t1:.1f} s (CPU {cpu_w - cpu1:.1f}), "
                      f"write {end - wall_w:.1f} s (CPU {cpu_end - cpu_w:.1f}){restore}"}


def first_day(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_import.py --first-day", description=FIRST_DAY_DOC,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--families", type=int, default=20_000)
    parser.add_argument("--sessions", type=int, default=1_000_000)
    parser.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    parser.add_argument("--strings", choices=("inline", "shared"), default="inline",
                        help="xlsx: texts inline in each cell as openpyxl's write-only mode saves them (the worst "
                             "case: 1.0 GB of XML for the journal), or a shared-strings table as Excel saves them")
    parser.add_argument("--keep", type=Path, help="folder to keep the database and the files in")
    parser.add_argument("--reuse", action="store_true",
                        help="with --keep: import the files a previous run with the same options left there (writing a "
                             "million-line .xlsx takes minutes; the files depend only on the options and the day)")
    parser.add_argument("--check", action="store_true",
                        help="after the imports, compare the caseload with its sources as `opora caseload check` does "
                             "(not timed; about a minute at the full size)")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="opora-bench-first-day-"))
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("first-day.db*"):
        old.unlink()
    rnd = random.Random(12)
    started = time.perf_counter()
    database = build_empty_database(folder / "first-day.db")
    shape = "-shared" if args.strings == "shared" and args.format == "xlsx" else ""
    registry_path = folder / f"registry-{args.families}{shape}.{args.format}"
    journal_path = folder / f"sessions-{args.families}-{args.sessions}{shape}.{args.format}"
    if args.reuse and registry_path.exists() and journal_path.exists():
        print(f"reusing {registry_path.name} and {journal_path.name}")
    else:
        registry, children = registry_rows(args.families, rnd)
        save(registry, registry_path, args.strings)
        save(journal_rows(args.sessions, children, rnd), journal_path, args.strings)
        print(f"prepared {args.families:,} families ({len(registry) - 1:,} rows) and a {args.sessions:,}-row journal "
              f"({args.format}) in {time.perf_counter() - started:.0f} s")
    with database.read() as session:
        user_id = session.execute(select(User.id).where(User.login == "coord")).scalar_one()
        office = session.execute(select(Office.id)).scalar_one()
    actor = Actor(user_id, "coord", COORDINATOR, office_ids=frozenset({office}))
    results = {"registry": timed_import(database, actor, registry_path, "families", open_support="social_support"),
               "journal": timed_import(database, actor, journal_path, "sessions")}
    total = cpu = 0.0
    for name, result in results.items():
        took = result["read"] + result["plan_and_write"]
        total += took
        cpu += result["cpu"]
        print(f"  {name:9s} read {result['read']:6.1f} s, plan and write {result['plan_and_write']:6.1f} s "
              f"= {took:6.1f} s (CPU {result['cpu']:6.1f} s); progress calls {result['progress_calls']}, longest "
              f"gap {result['longest_gap']:.1f} s (before «{result['longest_before']}»); "
              f"{result['summary'].describe()}\n            {result['phases']}")
    with database.read() as session:
        counts = [session.execute(select(func.count()).select_from(model)).scalar_one()
                  for model in (SupportCase, RehabSession, SessionParticipant, CaseloadPerson)]
        # Not timed: what `opora caseload check` says once the import ended (the search rows must be right).
        check = caseload.differences(session).describe() if args.check else "not checked (--check)"
    print(f"database: {counts[0]:,} support cases, {counts[1]:,} sessions, {counts[2]:,} participants, "
          f"{counts[3]:,} rows of the specialists' search (caseload_persons); caseload check: {check}")
    print(f"first day in all: {total:.0f} s, CPU {cpu:.0f} s (target < {FIRST_DAY_TARGET_S:.0f} s); peak memory "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB; load average "
          f"{os.getloadavg()[0]:.1f} at the end")
    database.dispose()
    return 0 if total < FIRST_DAY_TARGET_S else 1


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--first-day"]:
        return first_day(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--persons", type=int, default=50_000)
    parser.add_argument("--keep", type=Path, help="folder to keep the database and the file in")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="opora-bench-import-"))
    folder.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(1)
    started = time.perf_counter()
    database, existing = build_database(folder / "bench.db", args.persons, rnd)
    registry = folder / "registry.xlsx"
    write_registry(registry, args.rows, existing, rnd)
    print(f"prepared {args.persons:,} persons and a {args.rows:,}-row registry in "
          f"{time.perf_counter() - started:.1f} s")
    with database.read() as session:
        user_id = session.execute(select(User.id).where(User.login == "coord")).scalar_one()
        office = session.execute(select(Office.id)).scalar_one()
    actor = Actor(user_id, "coord", COORDINATOR, office_ids=frozenset({office}))
    timings: list[tuple[str, float]] = []
    t0 = time.perf_counter()
    source = open_source(registry, "families")
    timings.append(("read and check the file", time.perf_counter() - t0))
    t1 = time.perf_counter()
    with database.read() as session:
        mapping, _saved = propose_mapping(session, source)
        request = ImportRequest(source, mapping, Decisions("skip"))
        shown = preview(session, actor, request)
    timings.append(("mapping and preview (duplicate detection)", time.perf_counter() - t1))
    t2 = time.perf_counter()
    summary, _result = run_import(database, actor, request, before_write=lambda: None)
    timings.append(("write in one transaction (plans again inside it)", time.perf_counter() - t2))
    for label, seconds in timings:
        print(f"  {label:50s} {seconds:6.2f} s")
    total = timings[0][1] + timings[2][1]
    counts = {o: shown.count(o) for o in ("new", "update", "duplicate", "error")}
    print(f"preview: {counts}")
    print(f"import (read + write): {total:.2f} s — {summary.describe()}  target < {TARGET_S:.0f} s")
    database.dispose()
    return 0 if total < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
