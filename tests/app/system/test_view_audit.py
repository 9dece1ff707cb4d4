"""A family card opened on a database that cannot be written (#15, «reading works on a read-only database»): the
card is read, the view is kept in this computer's journal (ids only), and moved into the audit log with the time
it happened at the next sign-in on the database when it can be written; when even the journal cannot be written
the card still opens and the answer says the view is recorded nowhere. Read-only as people meet it: a disk or
folder mounted read-only (a tmpfs remounted ro; needs root), a file and folder without write rights (chmod; only
when not root, whom chmod does not stop) and the app's own read-only mode."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.core.audit import verify_chain
from app.registry.family_card import load_family_card
from app.system.background_checks import run_background_checks
from app.system.integrity import WriteBlock, block_writes, check_on_open, unblock_writes
from app.system.storage_errors import READ_ONLY
from app.system.view_audit import (
    AUDITED,
    LATE_MARK,
    NOTED,
    UNRECORDED,
    pending_count,
    pending_path,
    read_with_view_audit,
    replay_pending,
)
from db.models import AuditEntry, Family
from db.session import Database
from tests.app.core.test_access_matrix import ids  # noqa: F401  (a fixture: a family in the coordinator's office)


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("OPORA_DATA_DIR", str(folder))
    return folder


def _copy(database: Database, target: Path) -> Path:
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert database.sqlite_path is not None
    shutil.copyfile(database.sqlite_path, target)
    return target


def _family(database: Database) -> uuid.UUID:
    with database.read() as session:
        return session.execute(select(Family.id).where(Family.deleted_at.is_(None)).limit(1)).scalar_one()


def _audit_rows(database: Database) -> int:
    with database.read() as session:
        return session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()


def _open_card(database: Database, actor, family_id: uuid.UUID):
    return read_with_view_audit(database, lambda session, audited: load_family_card(session, actor, family_id,
                                                                                      audited=audited),
                                lambda card: [(actor, "view", "family", card.id, ())])


@pytest.fixture(params=["block", "mount", "mount-unchecked", "chmod"])
def read_only(request, sqlite_database, sqlite_world, tmp_path) -> Iterator[tuple[Database, Path]]:
    """(a read-only database, the writable original it was copied from)."""
    from tests.app.reports.test_quarterly import build

    build(sqlite_database, sqlite_world)
    kind = request.param
    folder = tmp_path / "mnt"
    folder.mkdir()
    if kind.startswith("mount"):
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)],
                          capture_output=True, check=False).returncode != 0:
            pytest.skip("mounting a tmpfs needs root")
        path = _copy(sqlite_database, folder / "opora.db")
        assert subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=False).returncode == 0
    elif kind == "chmod":
        if os.geteuid() == 0:
            pytest.skip("chmod does not stop root from writing (the mount case covers a read-only folder)")
        path = _copy(sqlite_database, folder / "opora.db")
        path.chmod(0o444)
        folder.chmod(0o555)
    else:
        path = _copy(sqlite_database, folder / "opora.db")
    database = Database.open(str(path))
    if kind == "block":
        block_writes(database, WriteBlock(READ_ONLY, "База данных открыта только для чтения."))
    elif kind != "mount-unchecked":  # unchecked: the start did not notice, the write itself fails
        block = check_on_open(database)
        assert block is not None and block.kind == READ_ONLY
    yield database, path
    database.dispose()
    if kind.startswith("mount"):
        subprocess.run(["umount", "-l", str(folder)], check=False)
    elif kind == "chmod":
        folder.chmod(0o755)


def test_a_card_opens_and_its_view_waits_on_this_computer(read_only, sqlite_world):
    database, _path = read_only
    actor = sqlite_world.coordinator
    family_id = _family(database)
    before = _audit_rows(database)
    viewed = _open_card(database, actor, family_id)
    assert viewed.recorded == NOTED
    assert viewed.value.id == family_id and viewed.value.members  # the whole card was read
    assert _audit_rows(database) == before  # nothing could be written, nothing was
    [line] = pending_path().read_text(encoding="utf-8").splitlines()
    entry = json.loads(line)
    assert (entry["action"], entry["entity"], entry["entity_id"]) == ("view", "family", str(family_id))
    assert (entry["login"], entry["user_id"], entry["database"]) == (actor.login, str(actor.user_id),
                                                                       database.location)
    assert viewed.value.title.split()[0] not in line  # ids and the login only: no name reaches the journal
    assert pending_path().stat().st_mode & 0o077 == 0  # readable by its owner only
    assert pending_count(database) == 1
    assert replay_pending(database) == 0  # still read-only: the event stays where it is
    assert pending_count(database) == 1


def test_the_views_go_into_the_audit_log_at_the_next_writable_sign_in(sqlite_database, sqlite_world, tmp_path):
    from tests.app.reports.test_quarterly import build

    build(sqlite_database, sqlite_world)
    coordinator, admin = sqlite_world.coordinator, sqlite_world.admin
    family_id = _family(sqlite_database)
    block_writes(sqlite_database, WriteBlock(READ_ONLY, "База данных открыта только для чтения."))
    before = _audit_rows(sqlite_database)
    noted_from = datetime.now(UTC)
    assert _open_card(sqlite_database, coordinator, family_id).recorded == NOTED
    assert _open_card(sqlite_database, coordinator, family_id).recorded == NOTED
    # another database's view, noted on the same computer, is not this database's to take
    with pending_path().open("a", encoding="utf-8") as journal:
        journal.write(json.dumps({"database": "/elsewhere/opora.db", "at": noted_from.isoformat(), "user_id": "",
                                  "login": "x", "workstation": "y", "action": "view", "entity": "family",
                                  "entity_id": str(uuid.uuid4())}) + "\n")
    assert run_background_checks(sqlite_database, admin) == []  # read-only still: nothing moved, nothing said
    assert pending_count(sqlite_database) == 2
    unblock_writes(sqlite_database)
    warnings = run_background_checks(sqlite_database, admin)
    assert any("перенесены просмотры карточек" in text and ": 2" in text for text in warnings), warnings
    assert pending_count(sqlite_database) == 0
    assert "/elsewhere/opora.db" in pending_path().read_text(encoding="utf-8")
    with sqlite_database.read() as session:
        rows = session.execute(select(AuditEntry).where(AuditEntry.id > before).order_by(AuditEntry.id)).scalars().all()
        assert [(r.action, r.entity, r.entity_id, r.fields, r.login) for r in rows] == [
            ("view", "family", str(family_id), LATE_MARK, coordinator.login)] * 2
        assert all(noted_from <= row.at <= datetime.now(UTC) for row in rows)  # when the card was looked at
        assert verify_chain(session).ok  # the late rows are chained like any other
    assert _open_card(sqlite_database, coordinator, family_id).recorded == AUDITED  # writable: the usual row
    assert _audit_rows(sqlite_database) == before + 3


def test_a_view_recorded_nowhere_is_said_so(sqlite_database, sqlite_world, own_data_dir):
    from tests.app.reports.test_quarterly import build

    build(sqlite_database, sqlite_world)
    family_id = _family(sqlite_database)
    block_writes(sqlite_database, WriteBlock(READ_ONLY, "База данных открыта только для чтения."))
    own_data_dir.mkdir(parents=True, exist_ok=True)
    pending_path().mkdir()  # the journal's place taken by a folder: it cannot be written, even by root
    viewed = _open_card(sqlite_database, sqlite_world.coordinator, family_id)
    assert viewed.recorded == UNRECORDED and viewed.value.id == family_id


def test_a_read_only_postgresql_database(database, world, ids):  # noqa: F811
    """PostgreSQL refusing writes (a standby, or a database set read-only): the card opens, the view waits here,
    and goes into the log once the database takes writes again."""
    if database.engine.dialect.name != "postgresql":
        pytest.skip("SQLite's read-only cases are the fixtures above")
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    from tests.conftest import _pg_admin_url

    name = database.engine.url.database
    admin_url = _pg_admin_url()
    assert admin_url is not None and name
    admin = create_engine(admin_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")

    def read_only(on: bool) -> None:
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = '
                                    f'{"on" if on else "off"}'))
        database.dispose()  # new connections take the setting

    family = ids.family
    before = _audit_rows(database)
    read_only(True)
    try:
        viewed = _open_card(database, world.coordinator, family)
        assert viewed.recorded == NOTED and viewed.value.id == family
        assert replay_pending(database) == 0 and pending_count(database) == 1
    finally:
        read_only(False)
        admin.dispose()
    assert _audit_rows(database) == before
    assert replay_pending(database) == 1 and pending_count(database) == 0
    with database.read() as session:
        last = session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).scalar_one()
        assert (last.action, last.entity_id, last.fields) == ("view", str(family), LATE_MARK)
        assert verify_chain(session).ok


def test_a_health_view_keeps_the_part_read(sqlite_database, sqlite_world):
    """A child's profile viewed read-only: the late row names the part read, as the usual row does."""
    from datetime import date

    from app.registry.children import load_child_profile
    from app.registry.persons import PersonData, create_person

    coordinator = sqlite_world.coordinator
    with sqlite_database.write() as session:
        person = create_person(session, coordinator, PersonData("Ёлкин", "Савва", None, "M", date(2019, 4, 5))).id
    block_writes(sqlite_database, WriteBlock(READ_ONLY, "База данных открыта только для чтения."))
    viewed = read_with_view_audit(
        sqlite_database, lambda session, audited: load_child_profile(session, coordinator, person, audited=audited),
        lambda _profile: [(coordinator, "view_health", "person", person, ["child_profile"])])
    assert viewed.recorded == NOTED
    unblock_writes(sqlite_database)
    assert replay_pending(sqlite_database) == 1
    with sqlite_database.read() as session:
        last = session.execute(select(AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id, AuditEntry.fields)
                               .order_by(AuditEntry.id.desc()).limit(1)).one()
    assert tuple(last) == ("view_health", "person", str(person), f"child_profile,{LATE_MARK}")
