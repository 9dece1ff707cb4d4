"""Identity, keys, packages through the services (the child process), conflict review, encryption, backups."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.core.errors import OporaError, PermissionDenied, ValidationError
from app.exchange import conflicts, packages, partners
from app.exchange.envelope import PackageRefused
from app.system.backups import default_folder, list_backups
from app.system.bootstrap import open_database
from db.models import AuditEntry, Family
from tests.world import load_world


@pytest.fixture
def pair(exchange_template: Path, tmp_path: Path):
    """A centre and one office set up as a user would: the office joins with the key file the centre issued."""
    databases = {}
    for name in ("centre", "office"):
        (tmp_path / name).mkdir()
        shutil.copyfile(exchange_template, tmp_path / name / "opora.db")
        databases[name] = open_database(str(tmp_path / name / "opora.db"))
    centre, office = databases["centre"], databases["office"]
    with centre.read() as session:
        world = load_world(session)
    with centre.write() as session:
        partners.set_up_centre(session, world.admin, "ЦЕНТР", "ГБУ «Центр помощи семье и детям»")
    key_file = tmp_path / "ОТД-1.opora-key"
    with centre.write() as session:
        office_id = partners.register_office(session, world.admin, "ОТД-1", "Дальнинское отделение", key_file).id
    with office.write() as session:
        partners.join_centre(session, world.admin, key_file)
    yield centre, office, world, office_id, key_file
    centre.dispose()
    office.dispose()


def send(source, actor, partner_id, folder: Path) -> Path:
    path = folder / packages.default_package_name(source, partner_id)
    packages.export_package(source, actor, partner_id, path)
    return path


def centre_id(office) -> object:
    with office.read() as session:
        return partners.list_partners(session)[0].id


def test_office_joins_once_and_a_key_for_another_database_is_refused(pair, tmp_path):
    centre, office, world, _, key_file = pair
    with office.write() as session, pytest.raises(OporaError, match="уже загружен"):
        partners.join_centre(session, world.admin, key_file)
    with centre.write() as session, pytest.raises(OporaError, match="уже участвует в обмене как «ЦЕНТР»"):
        partners.join_centre(session, world.admin, key_file)
    bad = tmp_path / "bad.opora-key"
    bad.write_text("{}", encoding="utf-8")
    with office.write() as session, pytest.raises(ValidationError) as refused:
        partners.join_centre(session, world.admin, bad)
    assert "не является ключом обмена" in refused.value.errors["key_file"]
    with centre.write() as session, pytest.raises(ValidationError) as duplicate:
        partners.register_office(session, world.admin, "ОТД-1", "Ещё одно", tmp_path / "x.opora-key")
    assert "уже зарегистрировано" in duplicate.value.errors["code"]
    with centre.write() as session, pytest.raises(ValidationError) as spaces:
        partners.register_office(session, world.admin, "ОТД 2", "", tmp_path / "y.opora-key")
    assert set(spaces.value.errors) == {"code", "name"}
    with centre.write() as session, pytest.raises(PermissionDenied):
        partners.register_office(session, world.coordinator, "ОТД-2", "Второе", tmp_path / "z.opora-key")


def test_round_trip_with_a_conflict_reviewed_at_the_centre(pair, tmp_path):
    centre, office, world, office_id, _ = pair
    coordinator = world.coordinator
    to_centre = centre_id(office)
    # The first exchange brings both sides to a common baseline.
    result = packages.import_package(centre, coordinator, send(office, coordinator, to_centre, tmp_path))
    assert result.state == "applied"
    packages.import_package(office, coordinator, Path(result.ack_path))
    back = packages.import_package(office, coordinator, send(centre, coordinator, office_id, tmp_path))
    packages.import_package(centre, coordinator, Path(back.ack_path))
    with office.write() as session:
        family = session.execute(select(Family).order_by(Family.title)).scalars().first()
        family_id = family.id
        family.phone = "+7 900 000-00-01"
        family.street = "ул. Мира"
        family.updated_by = coordinator.user_id
    with centre.write() as session:
        family = session.get(Family, family_id)
        family.phone = "+7 900 000-00-02"
        family.updated_by = world.admin.user_id
    result = packages.import_package(centre, coordinator, send(office, coordinator, to_centre, tmp_path))
    assert result.conflicts == 1
    with centre.read() as session:
        family = session.get(Family, family_id)
        assert (family.phone, family.street) == ("+7 900 000-00-02", "ул. Мира")  # nothing overwritten
        queue = conflicts.list_conflicts(session, coordinator)
    assert [(row.column_title, row.local_text, row.incoming_text, row.partner_code) for row in queue] == [
        ("Телефон", "+7 900 000-00-02", "+7 900 000-00-01", "ОТД-1")]
    assert queue[0].record.startswith("Семья ")
    with centre.read() as session, pytest.raises(PermissionDenied, match="координатор"):
        conflicts.list_conflicts(session, world.admin)  # an administrator without a working role sees no values
    assert (queue[0].local_by, queue[0].incoming_by) == ("admin", "coord")
    assert queue[0].local_at is not None and queue[0].incoming_at is not None
    with centre.write() as session:
        conflicts.resolve_conflict(session, coordinator, queue[0].id, conflicts.INCOMING)
    with centre.write() as session, pytest.raises(OporaError, match="уже разобрано"):
        conflicts.resolve_conflict(session, coordinator, queue[0].id, conflicts.LOCAL)
    packages.import_package(office, coordinator, Path(result.ack_path))
    packages.import_package(office, coordinator, send(centre, coordinator, office_id, tmp_path))
    for database in (centre, office):
        with database.read() as session:
            assert session.get(Family, family_id).phone == "+7 900 000-00-01"
            assert conflicts.list_conflicts(session, coordinator) == []
    with centre.read() as session:
        actions = set(session.execute(select(AuditEntry.action)).scalars())
    assert {"exchange", "exchange_import", "exchange_export", "exchange_resolve"} <= actions


def test_import_takes_a_verified_backup_first_and_refusals_take_none(pair, tmp_path):
    centre, office, world, _, _ = pair
    package = send(office, world.coordinator, centre_id(office), tmp_path)
    tampered = tmp_path / "tampered.opx"
    data = bytearray(package.read_bytes())
    data[len(data) // 2] ^= 0xFF
    tampered.write_bytes(bytes(data))
    before = {b.path for b in list_backups(default_folder())}
    with pytest.raises(PackageRefused, match="не прошёл проверку подлинности"):
        packages.import_package(centre, world.coordinator, tampered)
    assert {b.path for b in list_backups(default_folder())} == before
    packages.import_package(centre, world.coordinator, package)
    new = {b.path for b in list_backups(default_folder())} - before
    assert len(new) == 1 and "before_exchange" in next(iter(new)).name


def test_a_specialist_cannot_exchange(pair, tmp_path):
    centre, _, world, office_id, _ = pair
    with pytest.raises(PermissionDenied):
        packages.export_package(centre, world.specialist, office_id, tmp_path / "p.opx")


def test_encrypted_office_exchanges(pair, tmp_path):
    from app.core.actor import system_actor
    from app.system.encryption import encrypt_database

    centre, office, world, _, _ = pair
    encrypt_database(office, system_actor("test"), delete_plain_backups=True)
    assert office.is_encrypted
    first = packages.import_package(centre, world.coordinator, send(office, world.coordinator, centre_id(office),
                                                                     tmp_path))
    packages.import_package(office, world.coordinator, Path(first.ack_path))
    with office.write() as session:
        session.execute(text("UPDATE families SET notes = 'зашифрованная база'"))
    package = send(office, world.coordinator, centre_id(office), tmp_path)
    assert "зашифрованная база".encode() not in package.read_bytes()
    baseline_dir = office.sqlite_path.parent / "opora.db.exchange"
    assert all(not path.read_bytes().startswith(b"SQLite format 3") for path in baseline_dir.glob("*.db"))
    result = packages.import_package(centre, world.coordinator, package)
    assert (result.state, result.conflicts) == ("applied", 0)
    with centre.read() as session:
        assert set(session.execute(select(Family.notes)).scalars()) == {"зашифрованная база"}
    assert packages.import_package(office, world.coordinator, Path(result.ack_path)).state == "acknowledged"


def test_a_new_office_adopts_the_centres_dictionaries_and_its_families_reach_the_centre(tmp_path):
    """Two installations set up independently (each seeded its own dictionaries under its own ids)."""
    from datetime import date

    from app.registry.families import FamilyData, MemberData, NewFamily, register_family
    from app.registry.persons import PersonData
    from app.system.bootstrap import FirstSetup, initialize
    from db.models import DictionaryItem, Office, Organization, Person

    databases = {}
    for name, org in (("centre", "ГБУ «Областной центр»"), ("office", "Отделение (при установке)")):
        (tmp_path / name).mkdir()
        databases[name] = open_database(str(tmp_path / name / "opora.db"))
        with databases[name].write() as session:
            initialize(session, FirstSetup(organization=org, admin_login="admin",
                                           admin_password="Жёлтый-Клён-2026-Осень", office=f"{name} office"))
    centre, office = databases["centre"], databases["office"]

    def admin(database):
        from app.core.actor import ADMIN, Actor
        from db.models import User
        with database.read() as session:
            user_id = session.execute(select(User.id)).scalar_one()
            offices = frozenset(session.execute(select(Office.id)).scalars())
        return Actor(user_id, "admin", ADMIN, office_ids=offices, working_role="coordinator")

    with centre.write() as session:
        partners.set_up_centre(session, admin(centre), "ЦЕНТР", "Областной центр")
    with centre.write() as session:
        office_id = partners.register_office(session, admin(centre), "ОТД-7", "Отделение 7",
                                             tmp_path / "key.opora-key").id
    with office.write() as session:
        partners.join_centre(session, admin(office), tmp_path / "key.opora-key")
    with centre.read() as session:
        psychologist = session.execute(select(DictionaryItem.id).where(
            DictionaryItem.kind == "position", DictionaryItem.code == "psychologist")).scalar_one()
    starter = send(centre, admin(centre), office_id, tmp_path)
    result = packages.import_package(office, admin(office), starter)
    assert result.conflicts == 0, result.message
    with office.read() as session:
        assert session.execute(select(DictionaryItem.id).where(
            DictionaryItem.kind == "position", DictionaryItem.code == "psychologist")).scalar_one() == psychologist
        assert session.execute(select(Organization.name)).scalars().all() == ["ГБУ «Областной центр»"]
        own_office = session.execute(select(Office.id).where(Office.name == "office office")).scalar_one()
        role = {code: session.execute(select(DictionaryItem.id).where(
            DictionaryItem.kind == "member_role", DictionaryItem.code == code)).scalar_one()
            for code in ("mother", "child")}
    packages.import_package(centre, admin(centre), Path(result.ack_path))
    with office.write() as session:
        register_family(session, admin(office), NewFamily(FamilyData(office_id=own_office,
                                                                     registered_on=date(2026, 11, 2)), [
            MemberData(role["mother"], True, person=PersonData("Ёлкина", "Анна", "Петровна", "F", date(1991, 3, 4))),
            MemberData(role["child"], False, person=PersonData("Ёлкин", "Пётр", None, "M", date(2021, 7, 8))),
        ]))
    to_centre = centre_id(office)
    result = packages.import_package(centre, admin(centre), send(office, admin(office), to_centre, tmp_path))
    assert (result.state, result.conflicts) == ("applied", 0), result.message
    with centre.read() as session:
        assert set(session.execute(select(Person.last_name)).scalars()) == {"Ёлкина", "Ёлкин"}
        assert len(session.execute(select(Office.id)).scalars().all()) == 2
    centre.dispose()
    office.dispose()


def test_cancelling_an_import_stops_the_child_and_loads_nothing(pair, tmp_path):
    from app.core.errors import Cancelled
    from db.models.exchange import ExchangePackage

    centre, office, world, _, _ = pair
    with office.write() as session:  # a package big enough that the child is still applying it when stopped
        session.execute(text(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000) "
            "INSERT INTO families (id, office_id, title, title_key, registered_on, created_at, updated_at) "
            "SELECT lower(hex(randomblob(16))), (SELECT id FROM offices LIMIT 1), 'Семья ' || i, 'семья ' || i, "
            "'2026-11-01', '2026-11-01 09:00:00.000000', '2026-11-01 09:00:00.000000' FROM n"))
    package = send(office, world.coordinator, centre_id(office), tmp_path)
    calls = []

    def progress(done: int, total: int, label: str) -> None:
        calls.append(label)
        if len(calls) >= 2:  # the backup was made; the child is running
            raise Cancelled()

    with pytest.raises(Cancelled):
        packages.import_package(centre, world.coordinator, package, progress=progress)
    assert calls[0].startswith("Резервная копия") and calls[-1] == "Пакет загружается…"
    with centre.read() as session:
        assert session.execute(select(ExchangePackage)).scalars().all() == []
    assert packages.import_package(centre, world.coordinator, package).state == "applied"
