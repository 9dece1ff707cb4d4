"""Encryption at rest: encrypt later, first run, keys on this computer, backups, the command line."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.core.checks import snils_with_checksum
from app.core.errors import PermissionDenied
from app.registry.families import FamilyData, MemberData, NewFamily, register_family
from app.registry.persons import PersonData
from app.system.backups import make_backup
from app.system.bootstrap import log_in, open_database
from app.system.encryption import (
    POSTGRES_HINT,
    EncryptionError,
    delete_plain_backups,
    encrypt_database,
    encryption_status,
    plain_backups,
    shred,
)
from app.system.first_run import FirstRun, complete_first_run
from app.system.keystore import KeyFileInvalid, KeyNotFound, KeyStore, export_key, import_key, write_key_file
from app.system.startup import prepare_database
from cli.main import run
from db import cipher
from db.cipher import DatabaseKey
from db.models import Organization, Person
from db.session import Database
from tests.world import PASSWORD

SURNAME = "Засекреченская"
SNILS = snils_with_checksum("112233445")


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> KeyStore:
    """Keys and backups of this test only, never the user's real folders."""
    monkeypatch.setenv("OPORA_KEY_DIR", str(tmp_path / "keys"))
    monkeypatch.setenv("OPORA_DATA_DIR", str(tmp_path / "data"))
    return KeyStore.default()


def _register(database: Database, world, surname: str = SURNAME) -> None:
    with database.write() as session:
        role = {code: world.code(session, "member_role", code) for code in ("mother", "child")}
        register_family(session, world.specialist, NewFamily(
            FamilyData(office_id=world.office_id, registered_on=date(2024, 3, 1)), [
                MemberData(role["mother"], True, person=PersonData(
                    surname, "Елена", "Игоревна", "F", date(1991, 4, 5), snils=SNILS)),
                MemberData(role["child"], False, person=PersonData(
                    surname, "Вера", "Олеговна", "F", date(2018, 9, 1))),
            ]))


def _secrets_absent(path: Path) -> None:
    data = path.read_bytes()
    for needle in (SURNAME, SNILS, f"{SNILS[:3]}-{SNILS[3:6]}-{SNILS[6:9]} {SNILS[9:]}"):
        assert needle.encode("utf-8") not in data, (path.name, needle)
        assert needle.encode("utf-16-le") not in data, (path.name, needle)


def _dump(connection: sqlite3.Connection) -> dict[str, list[tuple]]:
    tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {table: connection.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall() for table in tables}


def _snapshot(database: Database) -> dict[str, list[tuple]]:
    connection = database.connect_file(database.sqlite_path)
    try:
        return _dump(connection)
    finally:
        connection.close()


def test_encrypt_later_keeps_every_row_and_the_settings(sqlite_database, sqlite_world, store):
    _register(sqlite_database, sqlite_world)
    before = _snapshot(sqlite_database)
    assert SURNAME.encode() in sqlite_database.sqlite_path.read_bytes() + Path(
        f"{sqlite_database.sqlite_path}-wal").read_bytes()  # the test would notice the name if it were there
    result = encrypt_database(sqlite_database, sqlite_world.admin)
    path = sqlite_database.sqlite_path
    assert sqlite_database.is_encrypted
    assert cipher.file_header(path) == sqlite_database.key.salt
    after = _snapshot(sqlite_database)
    assert {name: rows for name, rows in after.items() if name != "audit_log"} == \
        {name: rows for name, rows in before.items() if name != "audit_log"}
    # The audit log gained exactly the row about encrypting (action, entity, record id, fields).
    assert after["audit_log"][:len(before["audit_log"])] == before["audit_log"]
    added = after["audit_log"][len(before["audit_log"]):]
    assert len(added) == 1
    assert {"update", "database", result.key_id, "encryption"} <= set(added[0])
    with sqlite_database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA cipher_version").scalar()
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert log_in(sqlite_database, "admin", PASSWORD).actor.is_admin
    assert result.key_file == store.path_for(result.key_id) and result.key_file.exists()
    if os.name == "posix":
        assert stat.S_IMODE(result.key_file.stat().st_mode) == 0o600
        assert stat.S_IMODE(store.directory.stat().st_mode) == 0o700
    assert not list(path.parent.glob("*.plain-old*")) and not list(path.parent.glob("*.encrypting*"))
    _secrets_absent(path)


def test_no_name_in_the_database_its_wal_or_a_backup(sqlite_database, sqlite_world, store, tmp_path):
    encrypt_database(sqlite_database, sqlite_world.admin)
    _register(sqlite_database, sqlite_world)
    path = sqlite_database.sqlite_path
    wal = Path(f"{path}-wal")
    assert wal.stat().st_size > 0  # no checkpoint yet: the new family is only in the WAL
    with sqlite_database.read() as session:
        assert session.execute(select(Person.snils).where(Person.last_name == SURNAME)).scalars().first() == SNILS
    backup = make_backup(sqlite_database, tmp_path / "copies", actor=sqlite_world.admin)
    raw = tmp_path / "raw-backup.db"
    source, target = sqlite_database.connect_file(path), sqlite_database.connect_file(raw)
    source.backup(target)
    source.close()
    target.close()
    for file in (path, wal, backup, raw):
        _secrets_absent(file)
        assert cipher.file_header(file) != cipher.SQLITE_HEADER
    for file in (backup, raw):
        with pytest.raises(cipher.KeyMissing):
            cipher.connect(file, None)
        copy = Database.open(str(file), key=sqlite_database.key)
        with copy.read() as session:
            assert session.execute(select(Person.id).where(Person.last_name == SURNAME)).first() is not None
        copy.dispose()


def test_without_the_key_opening_says_what_to_do(sqlite_database, sqlite_world, store, tmp_path, monkeypatch):
    encrypt_database(sqlite_database, sqlite_world.admin)
    path = sqlite_database.sqlite_path
    sqlite_database.dispose()
    monkeypatch.setenv("OPORA_KEY_DIR", str(tmp_path / "other-user-keys"))
    with pytest.raises(KeyNotFound) as raised:
        open_database(str(path))
    message = str(raised.value)
    assert "зашифрована" in message and "opora key import" in message and "other-user-keys" in message
    with pytest.raises(KeyNotFound):
        prepare_database(Database.open(str(path)))


def test_a_wrong_key_with_the_right_id_is_refused(sqlite_database, sqlite_world, store):
    key = encrypt_database(sqlite_database, sqlite_world.admin).key_id
    path = sqlite_database.sqlite_path
    sqlite_database.dispose()
    write_key_file(store.path_for(key), DatabaseKey(DatabaseKey.generate().key, bytes.fromhex(key)))
    with pytest.raises(KeyNotFound, match="не подходит"):
        open_database(str(path))


def test_key_found_by_a_renamed_file_and_the_gui_start_opens(sqlite_database, sqlite_world, store):
    key_id = encrypt_database(sqlite_database, sqlite_world.admin).key_id
    path = sqlite_database.sqlite_path
    sqlite_database.dispose()
    store.path_for(key_id).rename(store.directory / "ключ от базы.key")
    database = Database.open(str(path))
    state = prepare_database(database)
    assert state.initialized and database.is_encrypted
    database.dispose()


def test_export_and_import_move_the_key_to_another_computer(sqlite_database, sqlite_world, store, tmp_path,
                                                            monkeypatch):
    encrypt_database(sqlite_database, sqlite_world.admin)
    exported = export_key(sqlite_database, sqlite_world.admin, tmp_path / "usb" / "opora.key")
    assert sqlite_database.key.key.hex() in exported.read_text(encoding="utf-8")
    with pytest.raises(PermissionDenied):
        export_key(sqlite_database, sqlite_world.coordinator, tmp_path / "mine.key")
    path = sqlite_database.sqlite_path
    sqlite_database.dispose()
    monkeypatch.setenv("OPORA_KEY_DIR", str(tmp_path / "second-pc"))
    with pytest.raises(KeyNotFound):
        open_database(str(path))
    import_key(exported, Database.open(str(path)))
    reopened = open_database(str(path))
    assert log_in(reopened, "admin", PASSWORD).actor.is_admin
    reopened.dispose()


def test_import_refuses_another_databases_key_and_junk(sqlite_database, sqlite_world, store, tmp_path):
    encrypt_database(sqlite_database, sqlite_world.admin)
    foreign = write_key_file(tmp_path / "foreign.key", DatabaseKey.generate())
    with pytest.raises(KeyFileInvalid, match="от другой базы"):
        import_key(foreign, sqlite_database)
    junk = tmp_path / "junk.key"
    junk.write_text("hello", encoding="utf-8")
    with pytest.raises(KeyFileInvalid, match="не является файлом ключа"):
        import_key(junk, sqlite_database)


def test_only_an_administrator_encrypts(sqlite_database, sqlite_world, store):
    for actor in (sqlite_world.coordinator, sqlite_world.specialist):
        with pytest.raises(PermissionDenied):
            encrypt_database(sqlite_database, actor)
    assert not cipher.is_encrypted_file(sqlite_database.sqlite_path)


def test_encrypting_twice_or_while_in_use_elsewhere_is_refused(sqlite_database, sqlite_world, store):
    path = sqlite_database.sqlite_path
    other = sqlite3.connect(path)  # another window of the program
    other.execute("SELECT count(*) FROM persons").fetchone()
    with pytest.raises(EncryptionError, match="открыта в другом окне"):
        encrypt_database(sqlite_database, sqlite_world.admin)
    other.close()
    assert not cipher.is_encrypted_file(path)
    assert log_in(sqlite_database, "admin", PASSWORD).actor.is_admin
    encrypt_database(sqlite_database, sqlite_world.admin)
    with pytest.raises(EncryptionError, match="уже зашифрована"):
        encrypt_database(sqlite_database, sqlite_world.admin)


def test_plain_copy_kept_on_request_and_old_plain_backups_offered_for_deletion(
        sqlite_database, sqlite_world, store, tmp_path):
    _register(sqlite_database, sqlite_world)
    old_backup = make_backup(sqlite_database, actor=sqlite_world.admin)
    assert plain_backups() == [old_backup]
    kept = tmp_path / "plain-original.db"
    result = encrypt_database(sqlite_database, sqlite_world.admin, keep_plain_copy=kept)
    assert cipher.file_header(kept) == cipher.SQLITE_HEADER
    assert result.plain_copy == kept and result.plain_backups == [old_backup]
    status = encryption_status(sqlite_database)
    assert status.encrypted and status.plain_backups == [old_backup] and status.key_id == result.key_id
    new_backup = make_backup(sqlite_database, actor=sqlite_world.admin)
    with pytest.raises(PermissionDenied):
        delete_plain_backups(sqlite_database, sqlite_world.specialist)
    assert delete_plain_backups(sqlite_database, sqlite_world.admin) == [old_backup]
    assert not old_backup.exists() and new_backup.exists()
    assert plain_backups() == []


def test_first_run_with_encryption_never_writes_the_setup_in_clear(tmp_path, store):
    path = tmp_path / "fresh.db"
    database = open_database(str(path))
    prepare_database(database)
    complete_first_run(database, FirstRun(organization="Центр «Тайна»", office="", admin_name="Секретова Анна",
                                          admin_login="boss", admin_password="strong-pass-1", encrypt=True))
    assert database.is_encrypted and cipher.is_encrypted_file(path)
    for file in (path, Path(f"{path}-wal")):
        data = file.read_bytes() if file.exists() else b""
        assert "Тайна".encode() not in data and "Секретова".encode() not in data
    with database.read() as session:
        assert session.execute(select(Organization.name)).scalar_one() == "Центр «Тайна»"
    assert plain_backups() == []
    database.dispose()
    reopened = open_database(str(path))
    assert log_in(reopened, "boss", "strong-pass-1").actor.is_admin
    reopened.dispose()


def test_on_postgresql_encryption_is_the_servers_job(database, world, store):
    status = encryption_status(database)
    if database.is_sqlite:
        assert status.available and not status.encrypted
        return
    assert not status.available and status.note == POSTGRES_HINT
    with pytest.raises(EncryptionError, match="PostgreSQL"):
        encrypt_database(database, world.admin)
    complete_first_run(database, FirstRun(organization="Центр", office="", admin_name="", admin_login="boss2",
                                          admin_password="strong-pass-1", encrypt=True))
    assert not database.is_encrypted


def test_command_line_encrypts_exports_and_imports(sqlite_database, store, tmp_path, monkeypatch, capsys):
    path = sqlite_database.sqlite_path
    sqlite_database.dispose()
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    assert run(["key", "status", "--db", str(path)]) == 0
    assert "Не зашифрована" in capsys.readouterr().out
    assert run(["encrypt", "--db", str(path), "--user", "admin"]) == 0
    out = capsys.readouterr().out
    assert "База зашифрована" in out and "перезаписан нулями" in out
    exported = tmp_path / "exported.key"
    assert run(["key", "export", "--db", str(path), "--user", "admin", "--to", str(exported)]) == 0
    capsys.readouterr()
    monkeypatch.setenv("OPORA_KEY_DIR", str(tmp_path / "elsewhere"))
    assert run(["upgrade", "--db", str(path)]) == 1
    error = capsys.readouterr().err
    assert "зашифрована" in error and "opora key import" in error and "Traceback" not in error
    assert run(["key", "import", str(exported), "--db", str(path)]) == 0
    assert run(["key", "status", "--db", str(path)]) == 0
    assert "Зашифрована (SQLCipher" in capsys.readouterr().out
    assert run(["key", "export", "--db", str(path), "--user", "coord", "--to", str(tmp_path / "x.key")]) == 1
    assert "администратор" in capsys.readouterr().err


def test_shred_overwrites_the_bytes_in_place_before_deleting(tmp_path):
    secret = tmp_path / "plain.db"
    secret.write_bytes(SURNAME.encode() * 100_000)
    other_name = tmp_path / "same-inode.db"
    os.link(secret, other_name)  # sees the same bytes the way the disk does after deletion
    shred(secret)
    assert not secret.exists()
    assert other_name.read_bytes() == bytes(len(SURNAME.encode()) * 100_000)
