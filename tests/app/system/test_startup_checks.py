"""Checks on open: damaged files, network shares, read-only mode, and two writers on one file."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from app.core.errors import OporaError
from app.core.settings import BACKUPS_DAILY_KEPT, read_number, write_number
from app.system.backups import make_backup
from app.system.bootstrap import log_in, open_database
from app.system.integrity import (
    CORRUPT,
    NETWORK_SHARE,
    ReadOnlyDatabase,
    WriteBlock,
    block_writes,
    check_on_open,
    unblock_writes,
    write_block,
)
from app.system.network_share import linux_filesystem, network_share_kind, parse_mountinfo, windows_share_kind
from app.system.startup import prepare_database
from db.models import Family
from db.session import Database
from tests.app.db_dump import corrupt_file
from tests.world import PASSWORD

ROOT = Path(__file__).resolve().parents[3]

MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:35 / /mnt/office rw,relatime shared:2 - cifs //server/office rw,vers=3.0
41 40 8:2 / /mnt/office/local\\040disk rw shared:3 - ext4 /dev/sdb1 rw
42 22 0:36 / /home/worker/nfs rw - nfs4 server:/export rw
43 22 0:37 / /media/sshfs rw - fuse.sshfs worker@host: rw
"""


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("OPORA_DATA_DIR", str(folder))
    return folder


def _damaged_copy(database: Database, tmp_path: Path) -> Path:
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    copy = tmp_path / "damaged.db"
    shutil.copyfile(database.sqlite_path, copy)
    corrupt_file(copy)
    return copy


# --- network shares -------------------------------------------------------------------------


def test_mountinfo_longest_prefix_decides():
    assert parse_mountinfo(MOUNTINFO)[2] == ("/mnt/office/local disk", "ext4")
    assert linux_filesystem("/mnt/office/opora.db", MOUNTINFO) == "cifs"
    assert linux_filesystem("/mnt/office/local disk/opora.db", MOUNTINFO) == "ext4"
    assert linux_filesystem("/mnt/officex/opora.db", MOUNTINFO) == "ext4"
    assert linux_filesystem("/home/worker/nfs/a/b.db", MOUNTINFO) == "nfs4"


@pytest.mark.parametrize(("path", "expected"), [
    ("/mnt/office/opora.db", "cifs"),
    ("/home/worker/nfs/opora.db", "nfs4"),
    ("/media/sshfs/opora.db", "fuse.sshfs"),
    ("/home/worker/opora.db", None),
    ("/mnt/office/local disk/opora.db", None),
])
def test_linux_network_mounts_are_recognised(path, expected):
    kind = network_share_kind(Path(path), platform="linux", mountinfo_text=MOUNTINFO)
    assert (kind is None) == (expected is None)
    if expected:
        assert expected in kind


def test_windows_unc_paths_and_remote_drives():
    drives = {"C:\\": 3, "Z:\\": 4}
    assert "сетевой путь" in windows_share_kind(r"\\server\office\opora.db", drives.__getitem__)
    assert "сетевой путь" in windows_share_kind("//server/office/opora.db", drives.__getitem__)
    assert windows_share_kind(r"Z:\Опора\opora.db", drives.__getitem__) == "сетевой диск Z:"
    assert windows_share_kind(r"C:\Users\worker\opora.db", drives.__getitem__) is None
    assert network_share_kind(Path("x"), platform="win32", drive_type=drives.__getitem__) is None


def test_a_database_on_a_share_opens_read_only(sqlite_database, sqlite_world, monkeypatch):
    import app.system.integrity as integrity

    monkeypatch.setattr(integrity, "network_share_kind", lambda path: "файловая система cifs")
    block = check_on_open(sqlite_database)
    assert block is not None and block.kind == NETWORK_SHARE
    with pytest.raises(ReadOnlyDatabase, match=r"сетевом диске.*PostgreSQL"), sqlite_database.write() as session:
        write_number(session, sqlite_world.admin, BACKUPS_DAILY_KEPT, 30)
    with sqlite_database.read() as session:  # reading still works
        assert read_number(session, BACKUPS_DAILY_KEPT) == BACKUPS_DAILY_KEPT.default
    assert log_in(sqlite_database, "spec", PASSWORD).actor.login == "spec"  # without recording anything
    state = prepare_database(sqlite_database)
    assert state.write_block == block and state.initialized
    path = make_backup(sqlite_database)  # a local copy of a shared file is still allowed
    assert path.exists()


def test_lifting_the_block_lets_writes_through(sqlite_database, sqlite_world):
    block_writes(sqlite_database, WriteBlock(CORRUPT, "Нельзя."))
    block_writes(sqlite_database, WriteBlock(CORRUPT, "Нельзя совсем."))  # idempotent
    with pytest.raises(ReadOnlyDatabase, match="Нельзя совсем"), sqlite_database.write() as session:
        write_number(session, sqlite_world.admin, BACKUPS_DAILY_KEPT, 30)
    unblock_writes(sqlite_database, NETWORK_SHARE)  # another kind: stays blocked
    assert write_block(sqlite_database) is not None
    unblock_writes(sqlite_database)
    with sqlite_database.write() as session:
        write_number(session, sqlite_world.admin, BACKUPS_DAILY_KEPT, 30)


# --- damaged files --------------------------------------------------------------------------


def _settings_page_damaged(database: Database, copy: Path) -> None:
    """Junk over the `settings` table's page too: which pages the middle of the file holds depends on the schema
    (a table added by a migration moves them), and this case is about a copy too damaged to tell its identity."""
    assert database.sqlite_path is not None
    with sqlite3.connect(database.sqlite_path) as connection:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'settings'").fetchone()[0]
    with open(copy, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(bytes((index * 53 + 7) % 256 for index in range(page_size)))


def test_a_damaged_copy_is_detected_at_open(sqlite_database, sqlite_world, tmp_path):
    good = make_backup(sqlite_database)
    copy = _damaged_copy(sqlite_database, tmp_path)
    _settings_page_damaged(sqlite_database, copy)
    with pytest.raises(OporaError, match="повреждён") as caught:
        open_database(str(copy))
    # The copy is too damaged to tell its identity and is not the file the backup was made from: the backup is
    # not offered as its own (#15: the newest file in the folder may belong to another database).
    assert f'opora restore "{good}"' not in str(caught.value)
    assert "Исправных резервных копий этой базы" in str(caught.value)
    database = Database.open(str(copy))
    state = prepare_database(database)
    assert state.write_block is not None and state.write_block.kind == CORRUPT
    assert "резервной копии" in state.write_block.message
    # Refused by the guard, unless the damage already stops the connection from opening.
    with pytest.raises((ReadOnlyDatabase, DBAPIError)), database.write() as session:
        write_number(session, sqlite_world.admin, BACKUPS_DAILY_KEPT, 30)
    database.dispose()


def test_a_sound_database_opens_writable(sqlite_database):
    assert check_on_open(sqlite_database) is None
    assert prepare_database(sqlite_database).write_block is None


def test_a_new_database_on_a_share_is_refused_since_it_needs_a_schema(tmp_path, monkeypatch):
    import app.system.integrity as integrity

    monkeypatch.setattr(integrity, "network_share_kind", lambda path: "файловая система nfs")
    with pytest.raises(ReadOnlyDatabase, match="сетевом диске"):
        open_database(str(tmp_path / "new.db"))


# --- two instances ----------------------------------------------------------------------------


def test_two_processes_write_concurrently_without_locking_errors(sqlite_database):
    sqlite_database.dispose()
    path = sqlite_database.sqlite_path
    count = 150
    writers = [
        subprocess.Popen([sys.executable, "-m", "tests.crash.writer", str(path), "families-on-go", str(count),
                          str(seed)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, encoding="utf-8")
        for seed in (1, 2)
    ]
    for writer in writers:
        assert writer.stdout.readline().strip() == "ready"
    for writer in writers:  # both told to go before either is waited for
        writer.stdin.write("go\n")
        writer.stdin.close()
    outputs = [(writer.stdout.read(), writer.stderr.read()) for writer in writers]
    for writer in writers:
        writer.wait(timeout=120)
    spans = []
    for writer, (out, errors) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, errors
        assert "locked" not in errors
        times = [float(line.split()[2]) for line in out.splitlines() if line.startswith("family ")]
        assert len(times) == count
        spans.append((times[0], times[-1]))
    # The two writers really did run at the same time.
    assert spans[0][0] < spans[1][1] and spans[1][0] < spans[0][1]
    with sqlite_database.read() as session:
        assert session.execute(select(func.count(Family.id))).scalar_one() == 2 * count
