"""`opora import …`: JSON counts, dry run, mapping file, error report, refusals as one Russian line."""

from __future__ import annotations

import json

from openpyxl import load_workbook
from sqlalchemy import func, select

from cli.main import run
from db.models import Person
from tests.app.importing.samples import snils, write_csv, write_xlsx
from tests.world import PASSWORD


def _persons(database):
    with database.read() as session:
        return session.execute(select(func.count()).select_from(Person)).scalar_one()


def test_import_families_json_dry_run_errors_and_reimport(sqlite_database, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    db = sqlite_database.location
    path = write_xlsx(tmp_path / "registry.xlsx", [
        ["ФИО", "Дата рождения", "СНИЛС", "Населённый пункт"],
        ["Орлова Вера Ивановна", "01.01.1980", snils("112233445"), "Центральный"],
        ["Орлов Глеб Андреевич", "05.05.2016", "111-111-111 11", "Центральный"],
    ])
    args = ["import", "families", str(path), "--db", db, "--user", "coord", "--json"]
    assert run([*args, "--dry-run"]) == 0
    assert json.loads(capsys.readouterr().out) == {"created": 1, "updated": 0, "skipped": 0, "errors": 1,
                                                   "dry_run": True, "unknown": [], "notes": []}
    assert _persons(sqlite_database) == 0
    errors = tmp_path / "errors.xlsx"
    assert run([*args, "--errors", str(errors)]) == 0
    assert json.loads(capsys.readouterr().out)["created"] == 1
    rows = [[c.value for c in row] for row in load_workbook(errors).active.iter_rows()]
    assert any(row[0] == 3 and "контрольное число" in row[1] for row in rows)
    assert run([*args, "--on-duplicate", "update"]) == 0
    assert json.loads(capsys.readouterr().out)["created"] == 0
    assert _persons(sqlite_database) == 1


def test_import_with_mapping_file_and_plain_output(sqlite_database, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    path = write_csv(tmp_path / "list.csv", [["Колонка 1", "Колонка 2", "Колонка 3"],
                                             ["Орлова Вера Ивановна", "01.01.1980", "ж"]], "cp1251")
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"kind": "families", "fields": {"full_name": "Колонка 1", "birth_date": "B",
                                                                  "sex": 3}}), encoding="utf-8")
    assert run(["import", "families", str(path), "--db", sqlite_database.location, "--user", "coord",
                "--mapping", str(mapping)]) == 0
    out = capsys.readouterr().out
    assert "создано 1" in out and "ФИО (одним столбцом) ← «Колонка 1»" in out


def test_import_refusals_are_one_line(sqlite_database, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    db = sqlite_database.location
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    assert run(["import", "families", str(fake), "--db", db, "--user", "coord"]) == 1
    assert "не является книгой Excel" in capsys.readouterr().err
    path = write_xlsx(tmp_path / "r.xlsx", [["Что-то"], ["Орлова"]])
    assert run(["import", "families", str(path), "--db", db, "--user", "coord"]) == 1
    assert "ФИО" in capsys.readouterr().err
    assert run(["import", "families", str(path), "--db", db, "--user", "coord", "--sheet", "Нет"]) == 1
    assert "нет листа" in capsys.readouterr().err
    good = write_xlsx(tmp_path / "g.xlsx", [["ФИО", "Дата рождения"], ["Орлова Вера Ивановна", "01.01.1980"]])
    assert run(["import", "families", str(good), "--db", db, "--user", "admin"]) == 1
    assert "Ошибка:" in capsys.readouterr().err
    assert _persons(sqlite_database) == 0


def test_specialist_dry_run_does_not_reveal_another_office_family(sqlite_database, tmp_path, monkeypatch, capsys):
    """#15 (a): a one-row file with a СНИЛС registered outside the specialist's scope tells neither the
    name nor the birth date of its owner, only where to ask."""
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    db = sqlite_database.location
    owner = snils("445566778")
    registry = write_xlsx(tmp_path / "registry.xlsx", [["ФИО", "Дата рождения", "СНИЛС", "Населённый пункт"],
                                                        ["Ястребова Лидия Павловна", "14.11.1983", owner,
                                                         "Центральный"]])
    assert run(["import", "families", str(registry), "--db", db, "--user", "coord"]) == 0
    capsys.readouterr()
    probe = write_xlsx(tmp_path / "probe.xlsx", [["ФИО", "Дата рождения", "СНИЛС"],
                                                 ["Иванов Иван Иванович", "01.01.1990", owner]])
    errors = tmp_path / "errors.xlsx"
    assert run(["import", "families", str(probe), "--db", db, "--user", "spec", "--dry-run",
                "--errors", str(errors)]) == 0
    captured = capsys.readouterr()
    text = captured.out + captured.err + " ".join(
        str(cell.value) for row in load_workbook(errors).active.iter_rows() for cell in row)
    assert "Ястребова" not in text and "Лидия" not in text and "14.11.1983" not in text
    assert "обратитесь к координатору" in text


def test_open_support_and_create_places_from_the_command_line(sqlite_database, tmp_path, monkeypatch, capsys):
    """#12: `--open-support KIND` opens every new family's support from its registration date; a wrong kind
    and `--create-places` by a coordinator are refused in one Russian line, nothing written."""
    from db.models import SupportCase

    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    db = sqlite_database.location
    path = write_xlsx(tmp_path / "registry.xlsx", [
        ["№ семьи", "ФИО", "Дата рождения", "Район", "Населённый пункт", "Дата постановки на учёт"],
        [1, "Белова Ирина Сергеевна", "12.04.1987", "Тестовый р-н", "с. Центральный", "15.01.2025"],
        [1, "Белов Кирилл Андреевич", "03.05.2014", None, None, None],
    ])
    args = ["import", "families", str(path), "--db", db, "--user", "coord"]
    backups = []
    monkeypatch.setattr("app.system.backups.backup_before", lambda *a, **k: backups.append(a))
    assert run([*args, "--open-support", "поддержка"]) == 1
    assert "Вид сопровождения «поддержка» неизвестен" in capsys.readouterr().err
    assert run([*args, "--create-places"]) == 1
    assert "администратор" in capsys.readouterr().err
    assert _persons(sqlite_database) == 0 and backups == []  # refused before the backup
    assert run([*args, "--open-support", "social_support", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["created"] == 2
    with sqlite_database.read() as session:
        opened = session.execute(select(SupportCase.opened_on)).scalars().all()
    assert [day.isoformat() for day in opened] == ["2025-01-15"]


def test_journal_staff_missing_from_the_dictionary_are_reported(sqlite_database, tmp_path, monkeypatch, capsys):
    """#12: a journal naming a specialist not in the staff dictionary: the dry run names them and says how
    they get created; `--create-staff` without dictionary rights is refused in one Russian line."""
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    db = sqlite_database.location
    registry = write_xlsx(tmp_path / "registry.xlsx", [
        ["№ семьи", "ФИО", "Дата рождения", "СНИЛС", "Населённый пункт"],
        [1, "Королёва Мария Ивановна", "01.01.1985", None, "Центральный"],
        [1, "Королёв Артём Олегович", "02.02.2016", snils("667788990"), None],
    ])
    assert run(["import", "families", str(registry), "--db", db, "--user", "coord"]) == 0
    journal = write_xlsx(tmp_path / "sessions.xlsx", [
        ["Дата", "СНИЛС", "Специалист", "Должность", "Услуга", "Отметка"],
        ["03.03.2025", snils("667788990"), "Новикова Т.С.", "логопед", "Психологическая коррекция", "+"],
    ])
    capsys.readouterr()
    args = ["import", "sessions", str(journal), "--db", db, "--user", "coord"]
    assert run([*args, "--dry-run"]) == 0
    captured = capsys.readouterr()
    assert "Нет в справочнике: «Новикова Т.С.» (staff, строк: 1)" in captured.err
    assert "--create-staff" in captured.err
    assert run([*args, "--create-staff"]) == 1
    assert "справочник" in capsys.readouterr().err.lower()
