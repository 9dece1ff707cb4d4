"""`opora report effectiveness …`: the JSON figures of the hand-built set, the three files, a specialist refused."""

from __future__ import annotations

import json

from docx import Document
from openpyxl import load_workbook

from cli.main import run
from tests.app.reports.test_effectiveness import build_effectiveness
from tests.world import PASSWORD


def test_effectiveness_json_and_files(sqlite_database, sqlite_world, tmp_path, monkeypatch, capsys):
    build_effectiveness(sqlite_database, sqlite_world)
    sqlite_database.dispose()
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    path = sqlite_database.location
    assert run(["report", "effectiveness", "--db", path, "--period", "2025-Q3", "--json", "--user", "coord"]) == 0
    figures = json.loads(capsys.readouterr().out)
    total = figures["total"]
    assert (total["closed"], total["assessed"], total["positive"], total["none"], total["negative"]) == (4, 3, 1, 1, 1)
    assert "ни одна область не ухудшилась" in figures["rule"]
    out = tmp_path / "out"
    assert run(["report", "effectiveness", "--db", path, "--period", "2025-Q3", "--format", "xlsx,docx,pdf",
                "--out", str(out), "--user", "coord"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"Эффективность сопровождения III квартал 2025 г.{ext}" for ext in ("docx", "pdf", "xlsx")]
    book = load_workbook(out / names[2])
    assert book.sheetnames == ["Итоги", "По областям", "По категориям", "По формам работы", "По уровням",
                               "Комплекс мер"]
    text = "\n".join(cell.text for table in Document(str(out / names[0])).tables
                     for row in table.rows for cell in row.cells)
    assert "Многодетная семья" in text
    assert run(["report", "effectiveness", "--db", path, "--period", "2025-Q3", "--json", "--user", "spec"]) == 1
    assert "координаторы" in capsys.readouterr().err
