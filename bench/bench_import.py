"""Registry import timing: 10,000 spreadsheet rows against a database of 50,000 persons.

    python bench/bench_import.py [--rows 10000] [--persons 50000] [--keep DIR]

Builds a fresh SQLite database (organisation, districts, places; 50,000 persons in 18,000 families
inserted directly), writes a person-per-row XLSX registry (about 10 % of its people already in the
database, a few bad СНИЛС and dates), then times each step of `opora import families` as the command
line runs it: reading the file, the mapping, the preview, and the write (one transaction, duplicate
detection included). Exits 1 if the import (read + write) takes 20 s or more.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import insert, select

from app.accounts.users import NewUser, create_user
from app.core.actor import COORDINATOR, system_actor
from app.core.checks import snils_with_checksum
from app.core.lookups import dictionary_id
from app.core.text import fold
from app.importing.outcome import Decisions
from app.importing.runner import ImportRequest, open_source, preview, propose_mapping, run_import
from app.system.bootstrap import FirstSetup, initialize, open_database
from db.models import District, Family, FamilyMember, Office, Person, Settlement, User
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


def main(argv: list[str] | None = None) -> int:
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
    from app.core.actor import Actor

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
