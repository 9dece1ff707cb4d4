"""The audit log cannot be quietly trimmed (#15 item 5): every column hashed, no id gaps, the chain head kept in
backup manifests and compared, dropped triggers recreated (audited) at start."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, text, update

from app.core.audit import GENESIS_HASH, TRUNCATED, _row_hash, chain_head, verify_chain
from app.system.audit_log import check_chain, known_head
from app.system.backup_restore import restore_backup
from app.system.backups import make_backup, manifest_path, read_manifest
from app.system.bootstrap import log_in, open_database
from app.system.trust import database_id, missing_audit_triggers
from cli.main import run
from db.models import AuditEntry
from tests.app.audit_setup import drop_audit_triggers
from tests.world import PASSWORD


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OPORA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    return tmp_path / "data"


def _activity(database, times: int = 3) -> None:
    for _ in range(times):
        log_in(database, "coord", PASSWORD)


def _verify(database, capsys) -> tuple[int, str]:
    status = run(["audit", "verify", "--db", database.location, "--user", "admin"])
    return status, capsys.readouterr().out


def test_changing_user_id_breaks_the_chain(database, world):
    _activity(database)
    drop_audit_triggers(database)
    with database.write() as session:
        last = session.execute(select(func.max(AuditEntry.id))).scalar_one()
        session.execute(update(AuditEntry).where(AuditEntry.id == last - 1).values(user_id=world.admin.user_id))
        assert not verify_chain(session).ok
        assert verify_chain(session).first_broken_id == last - 1


def test_a_removed_row_in_the_middle_is_a_gap_even_with_the_chain_recomputed(database, world):
    _activity(database, 4)
    drop_audit_triggers(database)
    with database.write() as session:
        ids = session.execute(select(AuditEntry.id).order_by(AuditEntry.id)).scalars().all()
        session.execute(delete(AuditEntry).where(AuditEntry.id == ids[2]))
        _recompute_chain(session)  # the tamperer re-hashes every row after the hole
        check = verify_chain(session)
    assert not check.ok and check.first_broken_id == ids[3] and check.problem == "gap"


def _recompute_chain(session) -> None:
    """What a tamperer with the code can do: recompute every hash (unkeyed) so each row follows the last."""
    prev = GENESIS_HASH
    for entry in session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars():
        new = _row_hash(prev, entry.id, entry.at, entry.user_id, entry.login, entry.workstation, entry.action,
                        entry.entity, entry.entity_id, entry.fields)
        session.execute(update(AuditEntry).where(AuditEntry.id == entry.id).values(prev_hash=prev, hash=new))
        prev = new


def test_each_backup_carries_the_database_identity_and_the_chain_head(sqlite_database, sqlite_world, data_dir):
    _activity(sqlite_database)
    with sqlite_database.read() as session:
        head = chain_head(session)
        identity = database_id(session)
    backup = make_backup(sqlite_database, actor=sqlite_world.admin)
    manifest = read_manifest(backup)
    assert manifest is not None and identity
    assert (manifest.database_id, manifest.audit_last_id, manifest.audit_hash) == (identity, head.last_id, head.hash)
    assert json.loads(manifest_path(backup).read_text(encoding="utf-8"))["database_id"] == identity


def test_removing_the_newest_rows_is_caught_by_the_head_in_the_backup(sqlite_database, sqlite_world, data_dir,
                                                                      capsys):
    _activity(sqlite_database)
    make_backup(sqlite_database, actor=sqlite_world.admin)
    assert _verify(sqlite_database, capsys)[0] == 0
    drop_audit_triggers(sqlite_database)
    with sqlite_database.write() as session:
        manifest_head = known_head(session)
        assert manifest_head is not None
        # Remove the rows from the backup's head on (the backup's own audit row and the last logins).
        session.execute(delete(AuditEntry).where(AuditEntry.id >= manifest_head.last_id - 1))
        assert verify_chain(session).ok  # consistent in itself: the old check passed this
    status, out = _verify(sqlite_database, capsys)
    assert status == 3 and f"№ {manifest_head.last_id}" in out and "новейшие записи удалены" in out


def test_rewriting_the_whole_chain_is_caught_by_the_head(sqlite_database, sqlite_world, data_dir, capsys):
    _activity(sqlite_database, 4)
    make_backup(sqlite_database, actor=sqlite_world.admin)
    drop_audit_triggers(sqlite_database)
    with sqlite_database.write() as session:
        session.execute(update(AuditEntry).where(AuditEntry.action == "login").values(login="someone"))
        _recompute_chain(session)
        assert verify_chain(session).ok
        assert check_chain(session, sqlite_world.admin).problem == TRUNCATED
    assert _verify(sqlite_database, capsys)[0] == 3


def test_a_restore_from_an_older_backup_is_not_a_false_alarm(sqlite_database, sqlite_world, data_dir, capsys):
    older = make_backup(sqlite_database, actor=sqlite_world.admin)
    _activity(sqlite_database)
    make_backup(sqlite_database, actor=sqlite_world.admin)
    restore_backup(sqlite_database, older, sqlite_world.admin)
    assert _verify(sqlite_database, capsys)[0] == 0


def test_dropped_triggers_are_recreated_and_audited_at_start(sqlite_database, sqlite_world, data_dir):
    drop_audit_triggers(sqlite_database)
    with sqlite_database.read() as session:
        assert missing_audit_triggers(session) == ["audit_log_no_update", "audit_log_no_delete"]
    path = sqlite_database.location
    sqlite_database.dispose()
    reopened = open_database(path)
    try:
        with reopened.read() as session:
            assert missing_audit_triggers(session) == []
            last = session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).scalar_one()
            assert (last.action, last.entity) == ("recreate", "audit_triggers")
            assert last.fields == "audit_log_no_delete,audit_log_no_update"
        with pytest.raises(Exception, match="append-only"), reopened.write() as session:
            session.execute(text("DELETE FROM audit_log"))
    finally:
        reopened.dispose()
