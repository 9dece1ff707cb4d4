"""Encryption in place killed at each instant of its crash window (#15 item 1): the next start finishes or undoes
it, no plain copy of the database survives anywhere in its folder, and encrypting again works."""

from __future__ import annotations

import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.core.checks import snils_with_checksum
from app.registry.families import FamilyData, MemberData, NewFamily, register_family
from app.registry.persons import PersonData
from app.system.bootstrap import open_database
from app.system.encryption import encrypt_database, encryption_status
from app.system.keystore import KeyStore
from cli.main import run
from db import cipher
from db.models import Person
from db.session import Database
from tests.world import load_world

pytestmark = [pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")]

ROOT = Path(__file__).resolve().parents[2]
SURNAME = "Засекреченская"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> KeyStore:
    monkeypatch.setenv("OPORA_KEY_DIR", str(tmp_path / "keys"))
    monkeypatch.setenv("OPORA_DATA_DIR", str(tmp_path / "data"))
    return KeyStore.default()


def _register(database: Database, world) -> None:
    with database.write() as session:
        role = {code: world.code(session, "member_role", code) for code in ("mother", "child")}
        register_family(session, world.specialist, NewFamily(
            FamilyData(office_id=world.office_id, registered_on=date(2024, 3, 1)), [
                MemberData(role["mother"], True, person=PersonData(
                    SURNAME, "Елена", "Игоревна", "F", date(1991, 4, 5), snils=snils_with_checksum("112233445"))),
                MemberData(role["child"], False, person=PersonData(SURNAME, "Вера", "Олеговна", "F",
                                                                   date(2018, 9, 1))),
            ]))


def _killed_at(path: Path, pause: str) -> None:
    process = subprocess.Popen([sys.executable, "-m", "tests.crash.encrypt_writer", str(path), pause], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if line != "paused":
        process.kill()
        raise AssertionError(f"the encrypting process said {line!r}: {process.communicate()[1]}")
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL


def _plaintext_files(folder: Path) -> list[Path]:
    """Files anywhere under `folder` that hold the surname in clear (a plain database or a piece of one)."""
    needle = SURNAME.encode("utf-8")
    return [file for file in folder.rglob("*") if file.is_file() and needle in file.read_bytes()]


@pytest.mark.parametrize(("pause", "encrypted_after"), [
    ("exported", False), ("linked", False), ("swapped", True), ("shredding", True)])
def test_a_kill_in_the_encryption_window_leaves_no_plain_copy(sqlite_database, sqlite_world, store, pause,
                                                               encrypted_after):
    _register(sqlite_database, sqlite_world)
    path = sqlite_database.sqlite_path
    assert path is not None
    sqlite_database.dispose()
    _killed_at(path, pause)
    leftovers = [p.name for p in path.parent.iterdir() if p.name.startswith(path.name + ".")]
    assert leftovers, "the kill left nothing to recover: the pause point was not reached"
    if encrypted_after:
        # Before recovery the window is real: the plain original is still on disk (the bug of #15).
        assert _plaintext_files(path.parent)
    database = open_database(str(path))  # the next start finishes or undoes the interrupted run
    try:
        assert database.is_encrypted == encrypted_after
        assert cipher.is_encrypted_file(path) == encrypted_after
        assert [p.name for p in path.parent.iterdir() if p.name.startswith(path.name + ".")] == []
        with database.read() as session:
            assert session.execute(select(Person.last_name).where(Person.last_name == SURNAME)).scalars().all() \
                == [SURNAME, SURNAME]
        assert encryption_status(database).plain_copies == []
        if not encrypted_after:
            # Rolled back: the run's key was removed, and encrypting again simply works.
            assert list(store.directory.glob("*")) == []
            with database.read() as session:
                admin = load_world(session).admin
            encrypt_database(database, admin)
            assert database.is_encrypted
    finally:
        database.dispose()
    assert _plaintext_files(path.parent) == []


def test_key_status_recovers_and_reports_a_plain_copy_kept_on_request(sqlite_database, sqlite_world, store,
                                                                        tmp_path, capsys):
    _register(sqlite_database, sqlite_world)
    path = sqlite_database.sqlite_path
    assert path is not None
    sqlite_database.dispose()
    _killed_at(path, "swapped")
    assert run(["key", "status", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Зашифрована" in out and "Незашифрованная копия" not in out
    assert _plaintext_files(path.parent) == []
    # A copy kept on purpose is reported until deleted, by the command and by the status the page shows.
    other = tmp_path / "second.db"
    second = open_database(str(other))
    try:
        with second.write() as session:
            from tests.world import build_world
            build_world(session)
        with second.read() as session:
            admin = load_world(session).admin
        kept = tmp_path / "kept" / "original.db"
        kept.parent.mkdir()
        encrypt_database(second, admin, keep_plain_copy=kept)
        assert encryption_status(second).plain_copies == [kept.resolve()]
    finally:
        second.dispose()
    assert run(["key", "status", "--db", str(other)]) == 0
    assert f"Незашифрованная копия базы: {kept.resolve()}" in capsys.readouterr().out
    kept.unlink()
    assert run(["key", "status", "--db", str(other)]) == 0
    assert "Незашифрованная копия" not in capsys.readouterr().out
