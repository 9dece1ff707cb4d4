"""A damaged plain file is not reported as «encrypted, key not found» (#15 item 4)."""

from __future__ import annotations

import pytest

from app.core.errors import OporaError
from app.system.bootstrap import open_database
from db import cipher
from db.cipher import DatabaseKey


def test_a_plain_file_with_a_damaged_first_line_is_damaged_not_encrypted(sqlite_database, tmp_path, monkeypatch):
    monkeypatch.setenv("OPORA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("OPORA_KEY_DIR", str(tmp_path / "keys"))
    path = sqlite_database.sqlite_path
    with sqlite_database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    sqlite_database.dispose()
    with open(path, "r+b") as handle:
        handle.write(b"\x13" * 16)  # the magic line overwritten, as a bad sector or a stray write would
    assert not cipher.is_encrypted_file(path)
    with pytest.raises(OporaError) as caught:
        open_database(str(path))
    message = str(caught.value)
    assert "ключ" not in message.lower() and "зашифрован" not in message
    assert "повреждён" in message or "не является базой" in message


def test_an_encrypted_file_is_still_recognised(tmp_path):
    path = tmp_path / "secret.db"
    key = DatabaseKey.generate()
    connection = cipher.connect(path, key)
    connection.execute("CREATE TABLE t (a)")
    connection.execute("INSERT INTO t VALUES (1)")
    connection.commit()
    connection.close()
    assert cipher.is_encrypted_file(path) and cipher.key_id_of(path) == key.key_id
