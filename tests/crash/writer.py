"""A process that writes through the services and prints each commit as soon as it is acknowledged.

    python -m tests.crash.writer DB MODE [COUNT] [SEED]

MODE "families": registers families (mother and child) one transaction each, printing
"family <id> <unix time>" after each commit; COUNT 0 means until killed. "families-on-go" waits
for a line on stdin first, so two writers can be started together. MODE "demo": generates demo data
for COUNT families in one transaction, printing "demo-start" before and "demo-done" after.
Used by the crash tests (killed with SIGKILL) and the two-writers test.
"""

from __future__ import annotations

import sys
import time
from datetime import date

from sqlalchemy import select

from app.registry.families import FamilyData, MemberData, NewFamily, register_family
from app.registry.persons import PersonData
from db.session import Database
from tests.world import load_world

LAST_NAMES = ("Белова", "Орлова", "Соколова", "Лебедева", "Морозова")


def register_families(database: Database, count: int, seed: int, wait_for_go: bool = False) -> None:
    with database.read() as session:
        world = load_world(session)
        from db.models import DictionaryItem

        roles = dict(session.execute(select(DictionaryItem.code, DictionaryItem.id)
                                     .where(DictionaryItem.kind == "member_role")).all())
    print("ready", flush=True)  # everything is loaded: from here on the process only writes
    if wait_for_go:
        sys.stdin.readline()  # start together with another writer
    number = 0
    while count == 0 or number < count:
        number += 1
        last_name = LAST_NAMES[(number + seed) % len(LAST_NAMES)]
        data = NewFamily(FamilyData(office_id=world.office_id, registered_on=date(2024, 1, 10)), [
            MemberData(roles["mother"], True, person=PersonData(last_name, "Ирина", "Сергеевна", "F",
                                                                   date(1990, 2, 3))),
            MemberData(roles["child"], False, person=PersonData(last_name, "Дарья", "Павловна", "F",
                                                                   date(2019, 5, 6))),
        ])
        with database.write() as session:
            family_id = register_family(session, world.specialist, data).id
        print(f"family {family_id} {time.time():.6f}", flush=True)  # only after the commit returned
        if wait_for_go:
            # Two office workers save a few times a second, not hundreds: without a pause one process
            # can win the write lock again and again and finish before the other's first retry.
            time.sleep(0.01)


def generate(database: Database, count: int, seed: int) -> None:
    from demo.generator import generate_demo

    print("demo-start", flush=True)
    generate_demo(database, families=count, seed=seed)
    print("demo-done", flush=True)


def main(argv: list[str]) -> int:
    path, mode = argv[0], argv[1]
    count = int(argv[2]) if len(argv) > 2 else 0
    seed = int(argv[3]) if len(argv) > 3 else 1
    database = Database.open(path)
    if mode in ("families", "families-on-go"):
        register_families(database, count, seed, wait_for_go=mode == "families-on-go")
    elif mode == "demo":
        print("ready", flush=True)
        generate(database, count, seed)
    else:
        print(f"unknown mode {mode}", file=sys.stderr)
        return 2
    database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
