"""`opora report …` on a small database: JSON figures, files, permissions and bad input."""

from __future__ import annotations

import json

from openpyxl import load_workbook

from cli.main import run
from tests.world import PASSWORD


def test_quarterly_json_and_events_file(sqlite_database, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    path = sqlite_database.location
    assert run(["report", "quarterly", "--db", path, "--period", "2025-Q3", "--json", "--user", "coord"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["period"]["title"] == "III квартал 2025 г."
    assert figures["support"]["at_end"] == 0
    assert run(["report", "events", "--db", path, "--period", "2025", "--format", "xlsx", "--out", str(tmp_path),
                "--user", "coord"]) == 0
    written = list(tmp_path.glob("*.xlsx"))
    assert [p.name for p in written] == ["Отчёт о мероприятиях 2025 год.xlsx"]
    assert "Мероприятия" in load_workbook(written[0]).sheetnames


def test_specialists_cannot_run_reports_and_bad_input_is_explained(sqlite_database, tmp_path, monkeypatch,
                                                                   capsys):
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    path = sqlite_database.location
    assert run(["report", "quarterly", "--db", path, "--period", "2025-Q3", "--json", "--user", "spec"]) == 1
    assert "координаторы" in capsys.readouterr().err
    assert run(["report", "quarterly", "--db", path, "--period", "2025-Q9", "--json", "--user", "coord"]) == 1
    assert "Период" in capsys.readouterr().err
    assert run(["report", "registry", "--db", path, "--format", "pdf", "--out", str(tmp_path),
                "--user", "coord"]) == 1
    assert "--format" in capsys.readouterr().err
    assert run(["report", "events", "--db", path, "--period", "2025", "--user", "coord"]) == 1
    assert "--out" in capsys.readouterr().err
    assert run(["report", "quarterly", "--db", path, "--period", "2025", "--office", "Нет такого", "--json",
                "--user", "coord"]) == 1
    assert "Центральное отделение" in capsys.readouterr().err
