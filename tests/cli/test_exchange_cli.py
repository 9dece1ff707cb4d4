"""`opora exchange …`: a centre and an office set up, exchanging and reviewing a conflict from the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cli.main import run
from tests.app.exchange.conftest import exchange_template
from tests.world import PASSWORD


@pytest.fixture(autouse=True)
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPORA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)


__all__ = ["exchange_template"]  # the fixture, shared with tests/app/exchange


@pytest.fixture
def dbs(exchange_template: Path, tmp_path: Path) -> tuple[str, str]:
    paths = []
    for name in ("centre", "office"):
        (tmp_path / name).mkdir()
        shutil.copyfile(exchange_template, tmp_path / name / "opora.db")
        paths.append(str(tmp_path / name / "opora.db"))
    return paths[0], paths[1]


def opora(*args: str) -> int:
    return run(["exchange", *args])


def sql(path: str, statement: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    import sqlite3

    with sqlite3.connect(path) as connection:
        return connection.execute(statement, params).fetchall()


def test_set_up_exchange_and_review_a_conflict(dbs, tmp_path, capsys):
    centre, office = dbs
    key = tmp_path / "флешка" / "ОТД-1.opora-key"
    assert opora("setup-centre", "--code", "ЦЕНТР", "--name", "Областной центр", "--db", centre,
                 "--user", "admin") == 0
    assert opora("register-office", "--code", "ОТД-1", "--name", "Отделение 1", "--key-out", str(key),
                 "--db", centre, "--user", "admin") == 0
    assert key.exists()
    assert opora("join", str(key), "--db", office, "--user", "admin") == 0
    assert opora("join", str(key), "--db", office, "--user", "admin") == 1
    assert "уже загружен" in capsys.readouterr().err
    stick = tmp_path / "флешка"
    capsys.readouterr()
    assert opora("export", "--to", str(stick), "--db", office, "--user", "coord") == 0
    package = next(stick.glob("opora-ОТД-1-ЦЕНТР-0001-*.opx"))
    assert opora("import", str(package), "--db", centre, "--user", "coord") == 0
    out = capsys.readouterr().out
    assert "загружен" in out and "подтверждение" in out
    ack = next(stick.glob("*-ack.opx"))
    assert opora("import", str(ack), "--db", office, "--user", "coord") == 0
    assert opora("import", str(package), "--db", centre, "--user", "coord") == 0
    assert "ничего не изменено" in capsys.readouterr().out
    family = sql(office, "SELECT id FROM families ORDER BY title LIMIT 1")[0][0]
    sql(office, "UPDATE families SET phone = '111' WHERE id = ?", (family,))
    sql(centre, "UPDATE families SET phone = '222' WHERE id = ?", (family,))
    assert opora("export", "--to", str(stick / "second.opx"), "--partner", "цЕнТр", "--db", office,
                 "--user", "coord") == 0
    assert opora("import", str(stick / "second.opx"), "--db", centre, "--user", "coord") == 0
    assert "расхождений 1" in capsys.readouterr().out
    assert opora("conflicts", "--json", "--db", centre, "--user", "coord") == 0
    queue = json.loads(capsys.readouterr().out)
    assert [(row["field"], row["ours"], row["theirs"]) for row in queue] == [("Телефон", "222", "111")]
    assert opora("resolve", "not-an-id", "--take", "theirs", "--db", centre, "--user", "coord") == 1
    assert "не номер расхождения" in capsys.readouterr().err
    assert opora("resolve", queue[0]["id"], "--take", "theirs", "--db", centre, "--user", "coord") == 0
    assert sql(centre, "SELECT phone FROM families WHERE id = ?", (family,)) == [("111",)]
    assert "уйдёт партнёрам" in capsys.readouterr().out
    assert opora("history", "--json", "--db", centre, "--user", "coord") == 0
    history = json.loads(capsys.readouterr().out)
    assert {(row["direction"], row["kind"]) for row in history} >= {("получен", "данные"), ("отправлен",
                                                                                              "подтверждение")}


def test_refusals_are_one_sentence(dbs, tmp_path, capsys):
    centre, office = dbs
    assert opora("export", "--to", str(tmp_path), "--db", centre, "--user", "coord") == 1
    assert "Укажите получателя" in capsys.readouterr().err
    junk = tmp_path / "photo.opx"
    junk.write_bytes(b"\xff\xd8\xff\xe0 JPEG")
    opora("setup-centre", "--code", "Ц", "--name", "Центр", "--db", centre, "--user", "admin")
    capsys.readouterr()
    assert opora("import", str(junk), "--db", centre, "--user", "coord") == 1
    err = capsys.readouterr().err
    assert "не является пакетом обмена" in err and "Traceback" not in err
    assert opora("export", "--to", str(tmp_path), "--db", office, "--user", "spec") == 1
    assert "администратор и координатор" in capsys.readouterr().err


def test_consolidated_report_prints_offices_and_the_region(dbs, capsys):
    centre, _ = dbs
    assert opora("consolidated", "--period", "2025-Q3", "--json", "--db", centre, "--user", "coord") == 0
    data = json.loads(capsys.readouterr().out)
    assert [item["office"] for item in data["offices"]] == ["Центральное отделение"]
    assert data["offices"][0]["report"] == data["region"]
    assert opora("consolidated", "--period", "2025-Q5", "--db", centre, "--user", "coord") == 1
    assert "Traceback" not in capsys.readouterr().err
    assert opora("consolidated", "--period", "2025-Q3", "--db", centre, "--user", "coord") == 0
    assert "Всего по региону" in capsys.readouterr().out
