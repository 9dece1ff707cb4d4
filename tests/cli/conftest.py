"""Command-line tests: `opora` runs a command against the test's SQLite database."""

from __future__ import annotations

import pytest

from cli.main import run


@pytest.fixture
def opora(sqlite_database, capsys):
    """Run `opora ARGS --db <test db>`; returns (status, stdout, stderr)."""

    def call(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        status = run([*args, "--db", sqlite_database.location])
        out, err = capsys.readouterr()
        return status, out, err

    return call
