"""The `opora` command line, run in-process and as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from app import __version__
from app.system.bootstrap import log_in, open_database
from cli.main import run
from db.models import Family, Organization

OPORA = str(Path(sys.executable).with_name("opora"))


def test_version_as_a_process():
    result = subprocess.run([OPORA, "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.strip() == f"opora {__version__}"


def test_init_creates_database_and_admin(tmp_path, monkeypatch):
    target = tmp_path / "new" / "opora.db"
    monkeypatch.setenv("OPORA_PASSWORD", "strong-pass-1")
    assert run(["init", "--db", str(target), "--org", "ГБУ «Центр»", "--admin", "Boss"]) == 0
    database = open_database(str(target))
    assert log_in(database, "boss", "strong-pass-1").actor.role == "admin"
    with database.read() as session:
        assert session.execute(select(Organization.name)).scalar_one() == "ГБУ «Центр»"
    database.dispose()


def test_init_with_weak_password_names_the_field(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("OPORA_PASSWORD", "123")
    assert run(["init", "--db", str(tmp_path / "o.db"), "--org", "Центр", "--admin", "boss"]) == 1
    error = capsys.readouterr().err
    assert "Пароль" in error and "Traceback" not in error


def test_init_without_password_source_explains(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "OPORA_PASSWORD"}
    result = subprocess.run([OPORA, "init", "--db", str(tmp_path / "o.db"), "--org", "Центр", "--admin", "boss"],
                            capture_output=True, text=True, stdin=subprocess.DEVNULL, env=env, check=False)
    assert result.returncode == 1
    assert "OPORA_PASSWORD" in result.stderr and "Traceback" not in result.stderr


def test_demo_fills_an_empty_database(tmp_path, capsys):
    target = tmp_path / "demo.db"
    assert run(["demo", "--db", str(target), "--families", "30", "--seed", "7"]) == 0
    assert "demo" in capsys.readouterr().out
    database = open_database(str(target))
    with database.read() as session:
        assert session.execute(select(func.count(Family.id))).scalar_one() == 30
    database.dispose()


def test_demo_on_a_real_database_needs_an_admin(sqlite_database, capsys, monkeypatch):
    path = sqlite_database.location
    assert run(["demo", "--db", path, "--families", "5"]) == 1
    assert "--user" in capsys.readouterr().err
    monkeypatch.setenv("OPORA_PASSWORD", "secret123")
    assert run(["demo", "--db", path, "--families", "5", "--user", "spec"]) == 1
    assert "администратор" in capsys.readouterr().err


def test_bad_families_count(tmp_path, capsys):
    assert run(["demo", "--db", str(tmp_path / "x.db"), "--families", "0"]) == 1
    assert "--families" in capsys.readouterr().err
