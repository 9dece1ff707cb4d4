"""The changeset engine on three databases (a centre and two offices), apsw alone: merges, conflicts, the
ledger's idempotency, acknowledgements, refusals."""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import pytest

from app.exchange import jobs
from app.exchange.envelope import PackageRefused
from tests.app.exchange.exchange_setup import exchange, make_network, receive, send, snapshot


@pytest.fixture
def net(exchange_template: Path, tmp_path: Path):
    return make_network(exchange_template, tmp_path)


def full_round(net, folder: Path) -> None:
    centre, o1, o2 = net["centre"], net["o1"], net["o2"]
    for _ in range(2):  # twice: what the centre got from one office reaches the other
        exchange(o1, centre, folder)
        exchange(o2, centre, folder)
        exchange(centre, o1, folder)
        exchange(centre, o2, folder)


IN_ROWS = "SELECT id, state FROM exchange_packages WHERE direction = 'in' ORDER BY id"


def family_id(node) -> str:
    return node.sql("SELECT id FROM families ORDER BY title LIMIT 1")[0][0]


def test_edits_of_different_columns_merge_and_reach_every_office(net, tmp_path):
    centre, o1, o2 = net["centre"], net["o1"], net["o2"]
    full_round(net, tmp_path)
    fid = family_id(o1)
    o1.sql("UPDATE families SET phone = '+7 900 111-22-33', updated_at = '2026-12-02 10:00:00.000000' WHERE id = ?",
           (fid,))
    o2.sql("UPDATE families SET street = 'ул. Лесная', updated_at = '2026-12-02 11:00:00.000000' WHERE id = ?",
           (fid,))
    full_round(net, tmp_path)
    for node in (centre, o1, o2):
        assert node.sql("SELECT phone, street, updated_at FROM families WHERE id = ?", (fid,)) == [
            ("+7 900 111-22-33", "ул. Лесная", "2026-12-02 11:00:00.000000")]
        assert node.sql("SELECT count(*) FROM exchange_conflicts") == [(0,)]
    assert snapshot(centre) == snapshot(o1) == snapshot(o2)


def test_same_field_changed_on_both_sides_is_queued_not_overwritten(net, tmp_path):
    centre, o1, o2 = net["centre"], net["o1"], net["o2"]
    full_round(net, tmp_path)
    fid = family_id(o1)
    o1.sql("UPDATE families SET phone = '111' WHERE id = ?", (fid,))
    o2.sql("UPDATE families SET phone = '222' WHERE id = ?", (fid,))
    full_round(net, tmp_path)
    # Whoever reached the centre first stands there; the other office keeps its own value: nobody's is lost.
    assert centre.sql("SELECT phone FROM families WHERE id = ?", (fid,)) == [("111",)]
    assert o1.sql("SELECT phone FROM families WHERE id = ?", (fid,)) == [("111",)]
    assert o2.sql("SELECT phone FROM families WHERE id = ?", (fid,)) == [("222",)]
    queued = centre.sql("SELECT column_name, local_value, incoming_value, state FROM exchange_conflicts")
    assert queued == [("phone", json.dumps("111"), json.dumps("222"), "open")]


def test_same_package_twice_and_an_older_one_change_nothing(net, tmp_path):
    centre, o1 = net["centre"], net["o1"]
    first = send(o1, centre, tmp_path)
    o1.sql("UPDATE families SET phone = '333' WHERE id = ?", (family_id(o1),))
    second = send(o1, centre, tmp_path)
    assert receive(centre, second).state == "applied"
    before = snapshot(centre, ("families", "audit_log")), centre.sql(IN_ROWS)
    assert receive(centre, second).state == "duplicate"
    again = receive(centre, first)
    assert again.state == "duplicate"
    assert (snapshot(centre, ("families", "audit_log")), centre.sql(IN_ROWS)) == before
    # The acknowledgement is written again (the first may have been lost): for the newest package applied.
    assert receive(o1, Path(again.ack_path)).state == "acknowledged"
    assert o1.sql("SELECT max(sequence) FROM exchange_packages WHERE state = 'acknowledged'") == [(2,)]


def test_lost_package_is_covered_by_the_next_one(net, tmp_path):
    centre, o1 = net["centre"], net["o1"]
    full_round(net, tmp_path)
    fid = family_id(o1)
    o1.sql("UPDATE families SET phone = '444' WHERE id = ?", (fid,))
    send(o1, centre, tmp_path)  # lost on the way
    o1.sql("UPDATE families SET email = 'a@b.ru' WHERE id = ?", (fid,))
    assert receive(centre, send(o1, centre, tmp_path)).state == "applied"
    assert centre.sql("SELECT phone, email FROM families WHERE id = ?", (fid,)) == [("444", "a@b.ru")]


def test_applied_changes_are_audited_as_from_the_package(net, tmp_path):
    centre, o1 = net["centre"], net["o1"]
    full_round(net, tmp_path)
    o1.sql("UPDATE families SET phone = '555' WHERE id = ?", (family_id(o1),))
    receive(centre, send(o1, centre, tmp_path))
    rows = centre.sql("SELECT action, entity, fields, workstation FROM audit_log WHERE action = 'exchange'")
    assert ("exchange", "families", "phone", rows[-1][3]) == rows[-1]
    assert rows[-1][3].startswith("пакет O1 №")
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from app.core.audit import verify_chain
    engine = create_engine(f"sqlite:///{centre.path}")
    with Session(engine) as session:
        assert verify_chain(session).ok
    engine.dispose()


def test_acknowledgement_advances_the_senders_baseline(net, tmp_path):
    centre, o1 = net["centre"], net["o1"]
    package = send(o1, centre, tmp_path)
    result = receive(centre, package)
    assert Path(result.ack_path).exists()
    assert receive(o1, Path(result.ack_path)).state == "acknowledged"
    assert receive(o1, Path(result.ack_path)).state == "duplicate"
    # Nothing changed since the acknowledged package: the next one is empty.
    assert jobs.export_package(o1.target, centre.id, tmp_path / "next.opx").counts == {}


def test_tampered_foreign_and_misaddressed_packages_are_refused(net, tmp_path):
    centre, o1, o2 = net["centre"], net["o1"], net["o2"]
    package = send(o1, centre, tmp_path)
    before = snapshot(centre, ("families", "audit_log", "exchange_packages"))
    tampered = tmp_path / "tampered.opx"
    data = bytearray(package.read_bytes())
    data[-40] ^= 0x01
    tampered.write_bytes(bytes(data))
    with pytest.raises(PackageRefused, match="не прошёл проверку подлинности"):
        receive(centre, tampered)
    readdressed = tmp_path / "readdressed.opx"
    readdressed.write_bytes(package.read_bytes().replace(b'"sequence": 1', b'"sequence": 9'))
    with pytest.raises(PackageRefused, match="не прошёл проверку подлинности"):
        receive(centre, readdressed)
    with pytest.raises(PackageRefused, match="адресован другому получателю"):
        receive(o2, package)
    not_package = tmp_path / "list.xlsx"
    not_package.write_bytes(b"PK\x03\x04 not a package")
    with pytest.raises(PackageRefused, match="не является пакетом обмена"):
        receive(centre, not_package)
    stranger = tmp_path / "stranger.db"
    shutil.copyfile(o1.path, stranger)
    o1.sql("DELETE FROM exchange_partners")
    o1.sql("INSERT INTO exchange_partners (id, role, code, name, key, registered_at, active) VALUES (?, 'centre', "
           "'C', 'c', ?, '2026-12-01 00:00:00.000000', 1)", (centre.id.hex, b"k" * 32))
    with pytest.raises(PackageRefused, match="не прошёл проверку подлинности"):
        receive(centre, send(o1, centre, tmp_path))  # signed with a key the centre never issued
    assert snapshot(centre, ("families", "audit_log", "exchange_packages")) == before


def test_a_package_of_a_newer_schema_is_refused_with_advice_to_update(net, tmp_path):
    centre, o1 = net["centre"], net["o1"]
    o1.sql("UPDATE alembic_version SET version_num = '9999'")
    package = send(o1, centre, tmp_path)
    with pytest.raises(PackageRefused, match=r"более новой версией.*Обновите программу"):
        receive(centre, package)


def test_a_package_refused_at_its_end_leaves_nothing_of_what_it_had_applied(net, tmp_path):
    """The changeset is applied without a savepoint of its own (for speed): the import's transaction alone must undo
    the rows written before the dangling reference is found at the end."""
    centre, o1 = net["centre"], net["o1"]
    full_round(net, tmp_path)
    belova = o1.sql("SELECT id FROM families WHERE title LIKE 'Белова%'")[0][0]
    petrova_mother, role = o1.sql(
        "SELECT m.person_id, m.role_id FROM family_members m JOIN families f ON f.id = m.family_id "
        "WHERE f.title LIKE 'Петрова%' AND m.is_legal_representative")[0]
    connection = centre.connect()  # a person missing here (foreign keys off: the centre's copy lost it)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("DELETE FROM persons WHERE id = ?", (petrova_mother,))
    connection.close()
    o1.sql("UPDATE families SET phone = '777' WHERE id = ?", (belova,))
    o1.sql("INSERT INTO family_members (id, family_id, person_id, role_id, is_legal_representative) "
           "VALUES (?, ?, ?, ?, 0)", (uuid.uuid4().hex, belova, petrova_mother, role))
    before = snapshot(centre, ("families", "family_members", "audit_log", "exchange_packages", "exchange_conflicts"))
    with pytest.raises(PackageRefused, match="ссылающиеся на записи, которых здесь нет"):
        receive(centre, send(o1, centre, tmp_path))
    assert snapshot(centre, ("families", "family_members", "audit_log", "exchange_packages",
                             "exchange_conflicts")) == before
    assert centre.sql("SELECT phone FROM families WHERE id = ?", (belova,)) != [("777",)]


def test_event_attachments_travel_with_their_records(net, tmp_path):
    from datetime import date

    from app.events.events import EventData, attach_file, create_event
    from app.system.bootstrap import open_database
    from tests.world import load_world

    centre, o1 = net["centre"], net["o1"]
    full_round(net, tmp_path)
    database = open_database(str(o1.path))
    with database.read() as session:
        world = load_world(session)
    source = tmp_path / "Программа семинара.pdf"
    source.write_bytes(b"%PDF-1.4 programme " * 100)
    with database.write() as session:
        event_id = create_event(session, world.coordinator, EventData(
            office_id=world.office_id, type_id=world.code(session, "event_type", "seminar"), title="Семинар",
            starts_on=date(2026, 11, 20), format_id=world.code(session, "event_format", "in_person"))).id
        attach_file(session, world.coordinator, event_id, source, o1.target.attachments)
    database.dispose()
    stored = o1.sql("SELECT stored_name FROM event_files")[0][0]
    package = send(o1, centre, tmp_path)
    assert source.read_bytes() not in package.read_bytes()  # sealed, not in the clear
    receive(centre, package)
    assert (centre.target.attachments / stored).read_bytes() == source.read_bytes()
    assert centre.sql("SELECT original_name FROM event_files") == [("Программа семинара.pdf",)]


def test_an_outright_deletion_of_a_personal_record_is_not_applied(net, tmp_path):
    centre, o1 = net["centre"], net["o1"]
    full_round(net, tmp_path)
    fid = family_id(o1)
    o1.sql("DELETE FROM family_members WHERE family_id = ?", (fid,))
    o1.sql("DELETE FROM caseload WHERE family_id = ?", (fid,))
    o1.sql("DELETE FROM families WHERE id = ?", (fid,))
    result = receive(centre, send(o1, centre, tmp_path))
    assert "не принято записей: 1" in result.message
    assert centre.sql("SELECT count(*) FROM families WHERE id = ?", (fid,)) == [(1,)]
    assert centre.sql("SELECT count(*) FROM family_members WHERE family_id = ?", (fid,)) == [(0,)]  # link rows go
    messages = [row[0] for row in centre.sql("SELECT message FROM exchange_packages WHERE direction = 'in'")]
    assert sum("личные записи только помечаются" in text for text in messages) == 1


def test_a_database_restored_from_before_its_last_exchange_stops_exchanging(net, tmp_path):
    centre, o1 = net["centre"], net["o1"]
    full_round(net, tmp_path)
    backup = tmp_path / "o1-backup.db"
    shutil.copyfile(o1.path, backup)
    o1.sql("UPDATE families SET phone = '777' WHERE id = ?", (family_id(o1),))
    exchange(o1, centre, tmp_path)
    shutil.copyfile(backup, o1.path)  # the office restores yesterday's copy
    with pytest.raises(PackageRefused, match="восстановлена из резервной копии"):
        send(o1, centre, tmp_path)
    assert centre.sql("SELECT phone FROM families WHERE id = ?", (family_id(o1),)) == [("777",)]
