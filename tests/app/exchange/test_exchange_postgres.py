"""A regional centre on PostgreSQL loads an office's packages through the adapter: the same rows arrive, a field
changed on both sides is queued and kept, a second load changes nothing, a tampered package is refused."""

from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.core.actor import COORDINATOR, Actor
from app.exchange import packages
from app.exchange.envelope import PackageRefused
from db.models import AuditEntry, DictionaryItem, Family, Person, RehabSession
from db.models.exchange import ExchangeConflict, ExchangeIdentity, ExchangePartner
from tests.app.exchange.exchange_setup import Node, office_of_postgres_centre, postgres_database, send

PG_URL = os.environ.get("OPORA_TEST_PG_URL")
pytestmark = pytest.mark.skipif(not PG_URL, reason="PostgreSQL tests need OPORA_TEST_PG_URL")
ACTOR = Actor(None, "coord", COORDINATOR)


@pytest.fixture
def pg_centre():
    """An empty, migrated PostgreSQL database (no seeded dictionaries: everything comes from the office)."""
    with postgres_database(PG_URL, "opora_exchange") as database:
        yield database


def test_office_packages_into_a_postgresql_centre(pg_centre, exchange_template, tmp_path):
    office, centre = office_of_postgres_centre(pg_centre, exchange_template, tmp_path)

    first = send(office, centre, tmp_path)
    result = packages.import_package(pg_centre, ACTOR, first)
    assert (result.state, result.conflicts) == ("applied", 0)
    assert Path(result.ack_path).exists()
    with pg_centre.read() as session:
        for model, table in ((Family, "families"), (Person, "persons"), (DictionaryItem, "dictionary_items"),
                             (RehabSession, "rehab_sessions")):
            count = session.execute(select(func.count()).select_from(model)).scalar_one()
            assert count == office.sql(f"SELECT count(*) FROM {table}")[0][0], table
        titles = set(session.execute(select(Family.title)).scalars())
    assert titles == {row[0] for row in office.sql("SELECT title FROM families")}
    assert any("Ёлкина" in title for title in titles)
    # The office takes the acknowledgement: its baseline advances.
    from app.exchange import jobs
    assert jobs.import_package(office.target, Path(result.ack_path), None).state == "acknowledged"

    family = office.sql("SELECT id FROM families ORDER BY title LIMIT 1")[0][0]
    office.sql("UPDATE families SET phone = '111', street = 'ул. Мира' WHERE id = ?", (family,))
    with pg_centre.write() as session:
        session.get(Family, uuid.UUID(hex=family)).phone = "222"
    second = send(office, centre, tmp_path)
    result = packages.import_package(pg_centre, ACTOR, second)
    assert result.conflicts == 1
    with pg_centre.read() as session:
        row = session.get(Family, uuid.UUID(hex=family))
        assert (row.phone, row.street) == ("222", "ул. Мира")
        queued = session.execute(select(ExchangeConflict)).scalars().all()
        assert [(c.column_name, json.loads(c.local_value), json.loads(c.incoming_value)) for c in queued] == [
            ("phone", "222", "111")]
        audited = session.execute(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "exchange")).scalar_one()
    assert audited > 200
    assert packages.import_package(pg_centre, ACTOR, second).state == "duplicate"
    tampered = tmp_path / "tampered.opx"
    data = bytearray(second.read_bytes())
    data[-5] ^= 1
    tampered.write_bytes(bytes(data))
    with pytest.raises(PackageRefused, match="не прошёл проверку подлинности"):
        packages.import_package(pg_centre, ACTOR, tampered)


def test_a_conflict_is_decided_at_the_postgresql_centre(pg_centre, exchange_template, tmp_path):
    from app.exchange import conflicts

    office, centre = office_of_postgres_centre(pg_centre, exchange_template, tmp_path)
    packages.import_package(pg_centre, ACTOR, send(office, centre, tmp_path))
    family = office.sql("SELECT id FROM families ORDER BY title LIMIT 1")[0][0]
    office.sql("UPDATE families SET registered_on = '2024-02-01' WHERE id = ?", (family,))
    with pg_centre.write() as session:
        from datetime import date
        session.get(Family, uuid.UUID(hex=family)).registered_on = date(2024, 3, 1)
    assert packages.import_package(pg_centre, ACTOR, send(office, centre, tmp_path)).conflicts == 1
    with pg_centre.read() as session:
        queue = conflicts.list_conflicts(session, ACTOR)
    assert [(row.column, row.local_text, row.incoming_text) for row in queue] == [
        ("registered_on", "01.03.2024", "01.02.2024")]
    with pg_centre.write() as session:
        conflicts.resolve_conflict(session, ACTOR, queue[0].id, conflicts.INCOMING)
    with pg_centre.read() as session:
        from datetime import date
        assert session.get(Family, uuid.UUID(hex=family)).registered_on == date(2024, 2, 1)
        assert conflicts.list_conflicts(session, ACTOR) == []


# --- a centre on PostgreSQL makes packages (dictionaries, decisions, moved families reach the offices) ----------

def _pg_network(pg_centre, template: Path, folder: Path) -> tuple[Node, dict[str, Node]]:
    centre = Node("centre", uuid.uuid4(), folder / "unused.db")
    offices = {}
    with pg_centre.write() as session:
        session.add(ExchangeIdentity(id=centre.id, role="centre", code="ЦЕНТР", name="Центр"))
    for name in ("o1", "o2"):
        office = Node(name, uuid.uuid4(), folder / f"{name}.db")
        shutil.copyfile(template, office.path)
        key = os.urandom(32)
        with pg_centre.write() as session:
            session.add(ExchangePartner(id=office.id, role="office", code=name.upper(), name=name, key=key))
        office.sql("INSERT INTO exchange_identity VALUES (?, 'office', ?, ?, '2026-12-01 00:00:00.000000')",
                   (office.id.hex, name.upper(), name))
        office.sql("INSERT INTO exchange_partners VALUES (?, 'centre', 'ЦЕНТР', 'Центр', ?, "
                   "'2026-12-01 00:00:00.000000', 1)", (centre.id.hex, key))
        offices[name] = office
    return centre, offices


def _to_centre(pg_centre, office: Node, centre: Node, folder: Path) -> None:
    from app.exchange import jobs

    result = packages.import_package(pg_centre, ACTOR, send(office, centre, folder))
    assert result.state in ("applied", "duplicate"), result.message
    if result.ack_path:
        jobs.import_package(office.target, Path(result.ack_path), None)


def _from_centre(pg_centre, office: Node, folder: Path):
    from app.exchange import jobs

    path = folder / f"centre-to-{office.name}-{uuid.uuid4().hex[:6]}.opx"
    made = packages.export_package(pg_centre, ACTOR, office.id, path)
    assert made.state == "written" and Path(made.path).exists()
    ack = folder / f"{path.stem}-ack.opx"
    loaded = jobs.import_package(office.target, Path(made.path), ack)
    assert loaded.state == "applied", loaded.message
    assert packages.import_package(pg_centre, ACTOR, ack).state == "acknowledged"
    assert packages.import_package(pg_centre, ACTOR, ack).state == "duplicate"  # the same file twice
    return made


def test_a_postgresql_centre_sends_dictionaries_and_moved_families(pg_centre, exchange_template, tmp_path):
    from datetime import date

    from app.core.actor import system_actor
    from app.reference.organization import OfficeData, create_office
    from app.registry.families import FamilyData, update_family
    from app.registry.persons import PersonData, find_duplicates
    from app.system.bootstrap import open_database
    from tests.app.family_setup import mother_and_child
    from tests.world import load_world

    centre, offices = _pg_network(pg_centre, exchange_template, tmp_path)
    office1 = open_database(str(offices["o1"].path))
    with office1.read() as session:
        world = load_world(session)
    office1.dispose()
    for office in offices.values():
        _to_centre(pg_centre, office, centre, tmp_path)
    for office in offices.values():
        _from_centre(pg_centre, office, tmp_path)
    # Nothing changed since: the copy from PostgreSQL is value for value what the offices hold (no row "changes" by
    # the trip through the server's types), so the next package is empty.
    again = _from_centre(pg_centre, offices["o1"], tmp_path)
    assert again.counts == {} and "изменений 0" in again.message

    # Dictionaries edited at the centre reach both offices.
    with pg_centre.write() as session:
        far_office = create_office(session, system_actor("test"), OfficeData(name="Дальнинское отделение")).id
        position = session.execute(select(DictionaryItem).where(DictionaryItem.kind == "position",
                                                                DictionaryItem.code == "psychologist")).scalar_one()
        position.name = "Педагог-психолог (по штатному расписанию 2026)"
    for office in offices.values():
        made = _from_centre(pg_centre, office, tmp_path)
        assert made.counts["dictionary_items"]["UPDATE"] == 1 and made.counts["offices"]["INSERT"] == 1
        assert office.sql("SELECT name FROM dictionary_items WHERE code = 'psychologist'") == [
            ("Педагог-психолог (по штатному расписанию 2026)",)]
        assert office.sql("SELECT name FROM offices WHERE id = ?", (far_office.hex,)) == [("Дальнинское отделение",)]

    # A family registered at o1 moves to the far office at the centre: the move and its records reach o2.
    office1 = open_database(str(offices["o1"].path))
    family = mother_and_child(office1, world, "Журавлёва")
    office1.dispose()
    _to_centre(pg_centre, offices["o1"], centre, tmp_path)
    coordinator = Actor(None, "coord", COORDINATOR, office_ids=frozenset({world.office_id, far_office}))
    with pg_centre.write() as session:
        update_family(session, coordinator, family.id, FamilyData(office_id=far_office,
                                                                  registered_on=date(2024, 1, 10)))
    for office in offices.values():
        _from_centre(pg_centre, office, tmp_path)
        database = open_database(str(office.path))
        with database.read() as session:
            assert session.get(Family, family.id).office_id == far_office, office.name
            found = find_duplicates(session, PersonData("Журавлева", "Ирина", "Сергеевна", "F", date(1990, 2, 3)))
            assert [row.id for row in found] == [family.mother_id], office.name
        database.dispose()
    # And the offices' next packages to the centre carry nothing back that the centre did not already have.
    for office in offices.values():
        path = send(office, centre, tmp_path)
        result = packages.import_package(pg_centre, ACTOR, path)
        assert (result.state, result.conflicts, result.applied) == ("applied", 0, 0), result.message


def test_a_value_too_long_for_the_centre_is_refused_naming_the_field(pg_centre, exchange_template, tmp_path):
    """SQLite keeps an over-long text (a СНИЛС typed with dashes into the office's file by hand); PostgreSQL would
    refuse it with a bare database error. The package is refused by name, and nothing of it is written."""
    office, centre = office_of_postgres_centre(pg_centre, exchange_template, tmp_path)
    office.sql("UPDATE persons SET snils = '123-456-789 01' WHERE id = (SELECT id FROM persons ORDER BY id LIMIT 1)")
    package = send(office, centre, tmp_path)
    with pytest.raises(PackageRefused, match="поле «СНИЛС» длиннее допустимого") as refused:
        packages.import_package(pg_centre, ACTOR, package)
    assert "«Люди»" in str(refused.value)
    with pg_centre.read() as session:
        assert session.execute(select(func.count()).select_from(Family)).scalar_one() == 0
        assert session.execute(select(func.count()).select_from(Person)).scalar_one() == 0


def test_a_reference_to_a_record_the_centre_lacks_refuses_the_package_by_name(pg_centre, exchange_template,
                                                                              tmp_path):
    """A member added at the office to a person the centre's copy lost: the whole package is refused with the advice,
    not a bare database error, and nothing of it (the phone edited beside it) is written."""
    from sqlalchemy import text

    from db.models import FamilyMember
    from tests.app.exchange.exchange_setup import deliver_to_postgres_centre

    office, centre = office_of_postgres_centre(pg_centre, exchange_template, tmp_path)
    deliver_to_postgres_centre(pg_centre, office, centre, tmp_path)
    belova = office.sql("SELECT id FROM families WHERE title LIKE 'Белова%'")[0][0]
    person, role = office.sql(
        "SELECT m.person_id, m.role_id FROM family_members m JOIN families f ON f.id = m.family_id "
        "WHERE f.title LIKE 'Петрова%' AND m.is_legal_representative")[0]
    with pg_centre.write() as session:
        session.execute(text("SET LOCAL session_replication_role = replica"))  # the centre's copy lost the person
        session.execute(text("DELETE FROM persons WHERE id = :id"), {"id": uuid.UUID(hex=person)})
    office.sql("UPDATE families SET phone = '777' WHERE id = ?", (belova,))
    office.sql("INSERT INTO family_members (id, family_id, person_id, role_id, is_legal_representative) "
               "VALUES (?, ?, ?, ?, false)", (uuid.uuid4().hex, belova, person, role))
    with pg_centre.read() as session:
        members = session.execute(select(func.count()).select_from(FamilyMember)).scalar_one()
    with pytest.raises(PackageRefused, match="ссылающиеся на записи, которых здесь нет"):
        packages.import_package(pg_centre, ACTOR, send(office, centre, tmp_path))
    with pg_centre.read() as session:
        assert session.get(Family, uuid.UUID(hex=belova)).phone != "777"
        assert session.execute(select(func.count()).select_from(FamilyMember)).scalar_one() == members
