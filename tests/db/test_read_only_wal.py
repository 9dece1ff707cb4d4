"""A database that may not be written is read with every committed change: changes still in its -wal file (a
copy taken while Opora ran, a drive remounted read-only after a crash) are not lost to an immutable open that
reads the main file alone."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from db.engine import read_only_uri
from db.session import Database


@pytest.fixture
def uncheckpointed(tmp_path: Path) -> Iterator[Path]:
    """A WAL database whose table and row are only in its -wal file while the fixture lasts."""
    path = tmp_path / "src" / "opora.db"
    path.parent.mkdir()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("CREATE TABLE families (name TEXT)")
    writer.execute("INSERT INTO families VALUES ('Белова')")
    assert path.with_name("opora.db-wal").stat().st_size > 0
    yield path
    writer.close()


def _copy(source: Path, target: Path, *suffixes: str) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for suffix in ("", *suffixes):
        shutil.copyfile(source.with_name(source.name + suffix), target / (source.name + suffix))
    return target / source.name


def _names(uri: str) -> list[str]:
    connection = sqlite3.connect(uri, uri=True)
    try:
        return [name for (name,) in connection.execute("SELECT name FROM families")]
    finally:
        connection.close()


def test_without_a_wal_the_file_is_opened_immutable(tmp_path: Path):
    path = tmp_path / "opora.db"
    sqlite3.connect(path).close()
    assert read_only_uri(path).endswith("?mode=ro&immutable=1")


def test_a_wal_with_its_index_is_read_in_place(uncheckpointed: Path, tmp_path: Path):
    copy = _copy(uncheckpointed, tmp_path / "copy", "-wal", "-shm")
    uri = read_only_uri(copy)
    assert uri == f"file:{copy}?mode=ro"
    assert _names(uri) == ["Белова"]


def test_a_wal_without_its_index_is_read_from_a_private_copy(uncheckpointed: Path, tmp_path: Path):
    copy = _copy(uncheckpointed, tmp_path / "copy", "-wal")
    uri = read_only_uri(copy)
    private = Path(uri.removeprefix("file:")).parent
    assert private != copy.parent and private.stat().st_mode & 0o077 == 0  # nobody else may read the copy
    assert _names(uri) == ["Белова"]
    assert (copy.parent / "opora.db-wal").stat().st_size > 0  # the original pair is left as it was


@pytest.mark.parametrize("with_index", [True, False], ids=["with-shm", "without-shm"])
def test_a_read_only_disk_shows_the_changes_still_in_the_wal(uncheckpointed: Path, tmp_path: Path, with_index):
    folder = tmp_path / "mnt"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)],
                      capture_output=True, check=False).returncode != 0:
        pytest.skip("mounting a tmpfs needs root")
    try:
        copy = _copy(uncheckpointed, folder, *(("-wal", "-shm") if with_index else ("-wal",)))
        assert subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=False).returncode == 0
        database = Database.open(str(copy))
        try:
            with database.read() as session:
                assert session.execute(text("SELECT name FROM families")).scalars().all() == ["Белова"]
        finally:
            database.dispose()
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_the_private_copy_is_made_at_the_first_connection_not_when_opening(uncheckpointed: Path, tmp_path: Path,
                                                                           monkeypatch):
    """The app opens its database on the GUI thread and connects on the database thread: copying a large file when
    opening would freeze the window, so the copy waits for the first connection, and is made once."""
    from db import engine as engine_module

    copy = _copy(uncheckpointed, tmp_path / "copy", "-wal")
    made: list[Path] = []
    real = engine_module.read_only_uri
    monkeypatch.setattr(engine_module, "is_read_only_file", lambda path: True)
    monkeypatch.setattr(engine_module, "read_only_uri", lambda path: made.append(path) or real(path))
    database = Database.open(str(copy))
    try:
        assert made == []
        for _ in range(2):
            with database.read() as session:
                assert session.execute(text("SELECT name FROM families")).scalars().all() == ["Белова"]
            database.engine.dispose()  # the next read connects again
        assert made == [copy]
    finally:
        database.dispose()
