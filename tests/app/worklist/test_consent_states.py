"""The persons' consent states (`consent_states`, #17) stay equal to their sources whoever writes, and «согласие»
read from them finds exactly what a slow reading of every member and consent finds.

Write paths: the consent services (add, edit, withdraw, delete), a person deleted by the service and by plain SQL,
bulk Core writes and random edits (a consent moved to another person, its dates changed, hard deletes), the
migration's first fill, a registry import, an exchange changeset applied by SQLite's session extension at the centre
and by the PostgreSQL adapter, and the command-line check and repair.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, func, insert, select, text, update

from app.registry.consents import ConsentData, add_consent, delete_consent, update_consent, withdraw_consent
from app.registry.persons import delete_person
from app.worklist.consent_states import check_consent_states, rebuild_consent_states, repair_consent_states_as_admin
from app.worklist.deadlines import COMPUTE, Scope, deadline_scope
from db.models import AuditEntry, Consent, Person, PersonConsentState
from db.models.consent_state import NO_END, NONE
from db.session import Database
from tests.app.rehab_setup import mother_with_children
from tests.app.worklist.test_contact_days import DELETED, PG_URL, _program, slow_consents
from tests.app.worklist.test_deadlines import TODAY
from tests.migration_files import migration_module

MIGRATION = "0018_consent_state.py"
DAYS = (TODAY - timedelta(days=400), TODAY - timedelta(days=20), TODAY, TODAY + timedelta(days=45),
        TODAY + timedelta(days=800))


def _assert_exact(database: Database, days: tuple[date, ...] = DAYS) -> None:
    """The table equals a rebuild, and the consent kind — by the range of the index and member by member — equals
    the slow reading on each day."""
    with database.read() as session:
        found = check_consent_states(session)
        assert found.ok, found.message
        wide = deadline_scope(session, _program())
        assert wide.wide
        narrow = Scope(wide.driving, wide.row, wide=False)
        for today in days:
            slow = slow_consents(session, today, 30)
            for scope in (wide, narrow):
                fast = {(uuid.UUID(d.person_id), d.due_on, d.detail)
                        for d in COMPUTE["consent"](session, scope, today, 30)}
                assert fast == slow, (today, scope.wide)


def _state(database: Database, person_id: uuid.UUID) -> tuple[date, bool] | None:
    with database.read() as session:
        row = session.execute(select(PersonConsentState.covered_until, PersonConsentState.withdrawn)
                              .where(PersonConsentState.person_id == person_id)).first()
    return None if row is None else (row[0], bool(row[1]))


def test_service_writes_keep_the_states(database, world):
    with database.write() as session:
        children, mother = mother_with_children(world, session, 2, "Согласова")
    assert _state(database, mother) == (NONE, False)  # a person without consents has a row: «none»
    _assert_exact(database)
    with database.write() as session:
        first = add_consent(session, world.coordinator, mother, ConsentData(
            TODAY - timedelta(days=300), signer_name="Королёва М.", valid_until=TODAY + timedelta(days=20))).id
        second = add_consent(session, world.coordinator, children[0], ConsentData(
            TODAY - timedelta(days=30), signer_person_id=mother)).id
    assert _state(database, mother) == (TODAY + timedelta(days=20), False)
    assert _state(database, children[0]) == (NO_END, False)
    _assert_exact(database)
    with database.write() as session:  # the end moved back into the past: the mother lacks a consent today
        update_consent(session, world.coordinator, first, ConsentData(
            TODAY - timedelta(days=300), signer_name="Королёва М.", valid_until=TODAY - timedelta(days=2)))
    assert _state(database, mother) == (TODAY - timedelta(days=2), False)
    _assert_exact(database)
    with database.write() as session:
        withdraw_consent(session, world.coordinator, second, TODAY - timedelta(days=1))
    assert _state(database, children[0]) == (NONE, True)
    _assert_exact(database)
    with database.write() as session:  # a new consent after the withdrawal covers again; the withdrawal stays
        third = add_consent(session, world.coordinator, children[0], ConsentData(
            TODAY, signer_person_id=mother, valid_until=TODAY + timedelta(days=365))).id
    assert _state(database, children[0]) == (TODAY + timedelta(days=365), True)
    _assert_exact(database)
    with database.write() as session:
        delete_consent(session, world.coordinator, third)
        delete_consent(session, world.coordinator, second)
    assert _state(database, children[0]) == (NONE, False)
    _assert_exact(database)
    with database.write() as session:  # soft delete: the row stays (the kind skips deleted persons)
        delete_person(session, world.coordinator, children[1])
    assert _state(database, children[1]) == (NONE, False)
    _assert_exact(database)
    with database.write() as session:  # plain SQL around the services: every consent of the mother gone
        session.execute(delete(Consent).where(Consent.person_id == mother))
    assert _state(database, mother) == (NONE, False)
    _assert_exact(database)


def test_a_hard_deleted_person_takes_its_row(database, world):
    with database.write() as session:
        person_id = uuid.uuid4()
        session.execute(insert(Person).values(id=person_id, last_name="Одинокова", first_name="Анна",
                                              last_name_key="одинокова", first_name_key="анна",
                                              sex="F", birth_date=date(1990, 1, 1)))
    assert _state(database, person_id) == (NONE, False)
    with database.write() as session:
        session.add(Consent(person_id=person_id, signer_name="Одинокова А.", signed_on=TODAY))
    assert _state(database, person_id) == (NO_END, False)
    with database.write() as session:
        session.execute(delete(Consent).where(Consent.person_id == person_id))
        session.execute(delete(Person).where(Person.id == person_id))
    assert _state(database, person_id) is None
    _assert_exact(database)


def test_random_bulk_writes_and_edits(database, world):
    """Consents written with Core in bulk, then edited at random (dates, withdrawals, soft and hard deletes, moved
    to another person); the kind is compared with the slow reading on five days after each round."""
    rng = random.Random(18)
    people: list[uuid.UUID] = []
    with database.write() as session:
        for name in ("Случайнова", "Нечаева", "Вероятнова", "Жребиева", "Шансова"):
            kids, mother = mother_with_children(world, session, rng.randint(1, 4), name)
            people += [*kids, mother]

    def random_values() -> dict:
        signed = TODAY - timedelta(days=rng.randrange(0, 900))
        return {"valid_until": rng.choice((None, signed + timedelta(days=rng.randrange(0, 1200)))),
                "withdrawn_on": signed + timedelta(days=rng.randrange(0, 300)) if rng.random() < 0.2 else None,
                "deleted_at": DELETED if rng.random() < 0.1 else None, "signed_on": signed}

    rows = [{"id": uuid.uuid4(), "person_id": rng.choice(people), "signer_name": "Подписант", **random_values()}
            for _ in range(60)]
    with database.write() as session:
        session.execute(insert(Consent), rows)
    _assert_exact(database)
    for _round in range(3):
        with database.write() as session:
            for row in rng.sample(rows, 15):
                change = rng.choice(("valid_until", "withdrawn_on", "deleted_at", "person_id"))
                value = rng.choice(people) if change == "person_id" else random_values()[change]
                row[change] = value
                session.execute(update(Consent).where(Consent.id == row["id"]).values({change: value}))
            for row in rng.sample(rows, 4):
                rows.remove(row)
                session.execute(delete(Consent).where(Consent.id == row["id"]))
        _assert_exact(database)


def test_check_finds_and_repair_rebuilds(database, world):
    with database.write() as session:
        children, mother = mother_with_children(world, session, 2, "Сверкина")
        add_consent(session, world.coordinator, mother, ConsentData(TODAY, signer_name="Королёва М."))
    with database.write() as session:
        session.execute(delete(PersonConsentState).where(PersonConsentState.person_id == children[1]))
        session.execute(update(PersonConsentState).where(PersonConsentState.person_id == mother)
                        .values(covered_until=NONE))
    with database.read() as session:
        found = check_consent_states(session)
    assert not found.ok and found.missing == 2 and found.extra == 1
    with database.write() as session:
        persons = session.execute(select(func.count()).select_from(Person)).scalar_one()
        result = repair_consent_states_as_admin(session, world.admin)
        assert result.rebuilt_rows == persons and "перестроена" in result.message
        assert session.execute(select(func.count()).select_from(AuditEntry)
                               .where(AuditEntry.entity == "consent_states")).scalar_one() == 1
    _assert_exact(database)
    with database.write() as session:
        assert repair_consent_states_as_admin(session, world.admin).rebuilt_rows is None


def test_the_migration_fill_equals_the_rebuild(database, world):
    with database.write() as session:
        children, mother = mother_with_children(world, session, 2, "Заливкина")
        add_consent(session, world.coordinator, mother, ConsentData(TODAY, signer_name="Королёва М.",
                                                                    valid_until=TODAY + timedelta(days=9)))
        withdrawn = add_consent(session, world.coordinator, children[0],
                                ConsentData(TODAY - timedelta(days=9), signer_person_id=mother)).id
        withdraw_consent(session, world.coordinator, withdrawn, TODAY)
        add_consent(session, world.coordinator, children[0], ConsentData(TODAY, signer_person_id=mother))
    migration = migration_module(MIGRATION)
    with database.write() as session:
        for statement in migration.fill_statements():
            session.execute(text(statement))
        assert check_consent_states(session).ok
        assert session.execute(select(PersonConsentState.covered_until, PersonConsentState.withdrawn).where(
            PersonConsentState.person_id == children[0])).one() == (NO_END, True)
        assert rebuild_consent_states(session) == session.execute(select(func.count()).select_from(Person)).scalar_one()
        assert check_consent_states(session).ok
    _assert_exact(database)


def test_a_registry_import_keeps_the_states(database, world, tmp_path):
    from tests.app.importing.test_families_import import test_person_per_row_registry_with_errors_and_duplicates

    with database.read() as session:
        before = session.execute(select(func.count()).select_from(PersonConsentState)).scalar_one()
    test_person_per_row_registry_with_errors_and_duplicates(database, world, tmp_path)
    with database.read() as session:
        assert session.execute(select(func.count()).select_from(PersonConsentState)).scalar_one() > before
    _assert_exact(database)


def _office_consents(world, session, name: str) -> tuple[list[uuid.UUID], uuid.UUID, uuid.UUID]:
    children, mother = mother_with_children(world, session, 2, name)
    kept = add_consent(session, world.coordinator, mother, ConsentData(
        TODAY - timedelta(days=10), signer_name="Королёва М.", valid_until=TODAY + timedelta(days=20))).id
    gone = add_consent(session, world.coordinator, children[0], ConsentData(
        TODAY - timedelta(days=10), signer_person_id=mother)).id
    return children, kept, gone


def _office_edits(world, session, kept: uuid.UUID, gone: uuid.UUID) -> None:
    update_consent(session, world.coordinator, kept, ConsentData(
        TODAY - timedelta(days=10), signer_name="Королёва М.", valid_until=TODAY - timedelta(days=1)))
    withdraw_consent(session, world.coordinator, gone, TODAY)


def test_the_centre_keeps_its_states_from_packages(sqlite_template: Path, tmp_path: Path):
    from app.system.bootstrap import open_database
    from tests.app.exchange.exchange_setup import exchange, make_network
    from tests.world import load_world

    net = make_network(sqlite_template, tmp_path, ("centre", "o1"))
    exchange(net["o1"], net["centre"], tmp_path)
    exchange(net["centre"], net["o1"], tmp_path)
    office = open_database(str(net["o1"].path))
    with office.read() as session:
        world = load_world(session)
    with office.write() as session:
        children, kept, gone = _office_consents(world, session, "Пакетова")
    office.dispose()
    exchange(net["o1"], net["centre"], tmp_path)
    centre = open_database(str(net["centre"].path))
    try:
        _assert_exact(centre)
        assert _state(centre, children[0]) == (NO_END, False)
    finally:
        centre.dispose()
    office = open_database(str(net["o1"].path))
    with office.write() as session:
        _office_edits(world, session, kept, gone)
    _assert_exact(office)
    office.dispose()
    exchange(net["o1"], net["centre"], tmp_path)
    centre = open_database(str(net["centre"].path))
    try:
        _assert_exact(centre)
        assert _state(centre, children[0]) == (NONE, True) and _state(centre, children[1]) == (NONE, False)
    finally:
        centre.dispose()


@pytest.mark.skipif(not PG_URL, reason="PostgreSQL tests need OPORA_TEST_PG_URL")
def test_a_postgresql_centre_keeps_its_states_from_packages(sqlite_template: Path, tmp_path: Path):
    from app.system.bootstrap import open_database
    from tests.app.exchange.exchange_setup import (
        deliver_to_postgres_centre,
        office_of_postgres_centre,
        postgres_database,
    )
    from tests.world import load_world

    assert PG_URL
    with postgres_database(PG_URL, "opora_consents") as pg:
        office, centre = office_of_postgres_centre(pg, sqlite_template, tmp_path)


        database = open_database(str(office.path))
        with database.read() as session:
            world = load_world(session)
        with database.write() as session:
            children, kept, gone = _office_consents(world, session, "Постгресова")
        database.dispose()
        deliver_to_postgres_centre(pg, office, centre, tmp_path)
        _assert_exact(pg)
        assert _state(pg, children[0]) == (NO_END, False)
        database = open_database(str(office.path))
        with database.write() as session:
            _office_edits(world, session, kept, gone)
        database.dispose()
        deliver_to_postgres_centre(pg, office, centre, tmp_path)
        _assert_exact(pg)
        assert _state(pg, children[0]) == (NONE, True)
        with pg.write() as session:  # the migration's fill and the rebuild agree on PostgreSQL too
            migration = migration_module(MIGRATION)
            for statement in migration.fill_statements():
                session.execute(text(statement))
            assert check_consent_states(session).ok
            assert rebuild_consent_states(session) > 0


def test_the_command_line_check(database, world, monkeypatch, capsys):
    from cli.main import run
    from tests.world import PASSWORD

    with database.write() as session:
        _children, mother = mother_with_children(world, session, 1, "Командова")
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    assert run(["deadlines", "--check-consents", "--db", database.url, "--user", "admin"]) == 0
    assert "совпадает с данными" in capsys.readouterr().out
    with database.write() as session:
        session.execute(delete(PersonConsentState).where(PersonConsentState.person_id == mother))
    assert run(["deadlines", "--check-consents", "--db", database.url, "--user", "admin"]) == 3
    assert "строк не хватает — 1, лишних — 0" in capsys.readouterr().out
    assert run(["deadlines", "--check-consents", "--db", database.url, "--user", "coord"]) == 1
    assert "администратор" in capsys.readouterr().err
    with database.read() as session:
        assert not check_consent_states(session).ok
    assert run(["deadlines", "--check-consents", "--repair", "--db", database.url, "--user", "admin"]) == 0
    assert "перестроена" in capsys.readouterr().out
    _assert_exact(database)

