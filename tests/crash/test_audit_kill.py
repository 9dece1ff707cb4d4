"""The audit chain survives writers killed mid-write (#15 item 5): after each SIGKILL the log verifies, its ids run
without a gap, the head kept in a backup taken between kills is still found, and the triggers are in place."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.core.audit import ChainHead, chain_head, verify_chain
from app.system.trust import missing_audit_triggers
from db.models import AuditEntry
from db.session import Database

pytestmark = [pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")]

ROOT = Path(__file__).resolve().parents[2]
KILLS = 5


def _kill_a_writer(path: Path, seed: int, rng: random.Random) -> None:
    process = subprocess.Popen([sys.executable, "-m", "tests.crash.writer", str(path), "families", "0", str(seed)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               encoding="utf-8")
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    time.sleep(rng.uniform(0.1, 0.5))
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)


def test_the_chain_verifies_after_every_kill(sqlite_database):
    rng = random.Random(15)
    path = sqlite_database.sqlite_path
    assert path is not None
    sqlite_database.dispose()
    heads: list[ChainHead] = []
    for kill in range(KILLS):
        _kill_a_writer(path, kill + 1, rng)
        database = Database.open(str(path))
        try:
            with database.read() as session:
                for head in heads:  # every head seen before is still in the log, with the same hash
                    assert verify_chain(session, head).ok, (kill, head)
                check = verify_chain(session)
                assert check.ok, (kill, check)
                count, low, high = session.execute(
                    select(func.count(AuditEntry.id), func.min(AuditEntry.id), func.max(AuditEntry.id))).one()
                assert high - low + 1 == count  # no gap
                assert missing_audit_triggers(session) == []
                heads.append(chain_head(session))
        finally:
            database.dispose()
    assert heads[-1].last_id > heads[0].last_id  # the writers did write between the kills
