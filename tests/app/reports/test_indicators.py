"""«Показатели комплекса мер»: the administrator's indicators, their actual values and the files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from app.core.errors import PermissionDenied, ValidationError
from app.reports.indicators import (
    IndicatorData,
    compute_indicators,
    delete_indicator,
    list_indicators,
    percent_done,
    save_indicator,
    source_choices,
)
from app.reports.indicators_export import export_indicators_docx, export_indicators_pdf, export_indicators_xlsx
from app.reports.periods import parse_period
from cli.main import run
from tests.app.documents.gost_checks import assert_gost_layout
from tests.app.reports.test_quarterly import build
from tests.app.reports.test_quarterly_pdf import _line, _pdf_text
from tests.world import PASSWORD

PERIOD = parse_period("2025-Q3")
INDICATORS = [
    IndicatorData("Число семей на сопровождении", "семей", 5, 10, "families_at_end", sort_order=1),
    IndicatorData("Семьи в социально опасном положении", "семей", 8, 4, "category:sop", sort_order=2),
    IndicatorData("Дети-инвалиды, получившие услуги", "чел.", None, 4, "children_disabled", sort_order=3),
    IndicatorData("Многодетные семьи на сопровождении", "семей", 0, 2, "category:large", sort_order=4),
    IndicatorData("Доля посещённых занятий", "%", 70, 90, "attendance_rate", sort_order=5),
    IndicatorData("Старый показатель", "ед.", 1, 1, "events", sort_order=6, active=False),
]


def _define(database, world) -> list:
    with database.write() as session:
        return [save_indicator(session, world.admin, data).id for data in INDICATORS]


def test_percent_done_rules() -> None:
    assert percent_done(5, 10, 2) == 20  # an increase: actual / plan
    assert percent_done(8, 4, 6) == 50  # a decrease: half of the way from 8 to 4
    assert percent_done(None, 4, 1) == 25
    assert percent_done(3, 3, 3) is None and percent_done(None, 0, 3) is None
    assert percent_done(1, None, 1) is None and percent_done(1, 2, None) is None


def test_only_an_administrator_defines_and_input_is_checked(database, world) -> None:
    with database.write() as session, pytest.raises(PermissionDenied):
        save_indicator(session, world.coordinator, INDICATORS[0])
    bad = IndicatorData("  ", "x" * 61, -1, float("nan"), "no_such_count")
    with database.write() as session, pytest.raises(ValidationError) as caught:
        save_indicator(session, world.admin, bad)
    errors = caught.value.errors
    assert set(errors) == {"name", "unit", "value_at_start", "plan", "source"}
    assert "Наименование показателя" in errors["name"] and "Источник" in errors["source"]


def test_indicators_are_listed_edited_and_deleted(database, world) -> None:
    ids = _define(database, world)
    with database.read() as session:
        rows = list_indicators(session)
        assert [row.name for row in rows][:2] == ["Число семей на сопровождении",
                                                  "Семьи в социально опасном положении"]
        assert rows[1].source_label.startswith("Семей категории «")
        assert any(key == "category:sop" for key, _ in source_choices(session))
    with database.write() as session:
        save_indicator(session, world.admin, IndicatorData("Семьи на сопровождении", "семей", 6, 12,
                                                           "families_at_end", sort_order=1), ids[0])
        delete_indicator(session, world.admin, ids[1])
    with database.read() as session:
        rows = list_indicators(session)
    assert (rows[0].name, rows[0].value_at_start, rows[0].plan) == ("Семьи на сопровождении", 6, 12)
    assert len(rows) == len(INDICATORS) - 1


def test_actual_values_come_from_the_period(database, world) -> None:
    build(database, world)
    _define(database, world)
    with database.read() as session:
        report = compute_indicators(session, PERIOD)
    lines = {line.name: line for line in report.lines}
    assert "Старый показатель" not in lines  # inactive
    assert (lines["Число семей на сопровождении"].actual, lines["Число семей на сопровождении"].percent_done) == (
        2, 20)
    assert lines["Семьи в социально опасном положении"].actual == 0
    assert lines["Семьи в социально опасном положении"].percent_done == 200  # 8 → 0 past the target 4
    assert lines["Дети-инвалиды, получившие услуги"].actual == 1
    assert lines["Многодетные семьи на сопровождении"].actual == 1  # Антоновы
    # Cumulative from 1 January: the quarter alone has 83,3 %, January–September 85,7 %.
    assert lines["Доля посещённых занятий"].actual == 85.7
    assert lines["Доля посещённых занятий"].percent_done == pytest.approx(85.7 / 90 * 100)


def test_actuals_are_counted_from_the_start_of_the_plan_year(database, world) -> None:
    """A III quarter report compares January–September with the annual plan, not the quarter alone."""
    from app.reports.quarterly import compute_quarterly

    build(database, world)
    _define(database, world)
    with database.write() as session:
        save_indicator(session, world.admin, IndicatorData("Занятий проведено", "занятий", None, 100, "sessions"))
    with database.read() as session:
        report = compute_indicators(session, PERIOD)
        year_to_date = compute_quarterly(session, parse_period("2025-9M"))
        quarter = compute_quarterly(session, PERIOD)
    assert (report.actual_period.start.isoformat(), report.actual_period.end.isoformat()) == (
        "2025-01-01", "2025-09-30")
    assert report.actual_note == "Фактическое значение — нарастающим итогом с 01.01.2025 по 30.09.2025 (план — на год)."
    sessions = next(line for line in report.lines if line.name == "Занятий проведено")
    assert sessions.actual == year_to_date.sessions.total.sessions > quarter.sessions.total.sessions
    with database.read() as session:  # a report for the whole year counts the same days as the plan
        assert compute_indicators(session, parse_period("2025")).actual_period.title == "2025 год"


def test_files_hold_the_table(database, world, tmp_path: Path) -> None:
    build(database, world)
    _define(database, world)
    with database.read() as session:
        report = compute_indicators(session, PERIOD)

    sheet = load_workbook(export_indicators_xlsx(report, tmp_path / "i.xlsx", "Центр")).active
    header = next(row[0].row for row in sheet.iter_rows(max_col=1) if row[0].value == "Наименование показателя")
    first = [cell.value for cell in sheet[header + 1]]
    assert first[:5] == ["Число семей на сопровождении", "семей", 5, 10, 2]
    assert first[5].startswith("=IF(")

    docx_path = export_indicators_docx(report, tmp_path / "i.docx", "Центр")
    assert_gost_layout(docx_path)
    table = Document(str(docx_path)).tables[0]
    assert [c.text for c in table.rows[2].cells] == ["Семьи в социально опасном положении", "семей", "8", "4",
                                                     "0", "200\u00a0%"]  # the number and % on one line
    assert [c.text for c in table.rows[3].cells][2:] == ["—", "4", "1", "25\u00a0%"]

    text = _pdf_text(export_indicators_pdf(report, tmp_path / "i.pdf", "Центр"))
    assert "Показатели комплекса мер" in text and "за III квартал 2025 г." in text
    assert _line(text, "Число семей на сопровождении") == ["5", "10", "2", "20"]
    assert _line(text, "Доля посещённых занятий") == ["70", "90", "85,7", "95,2"]


def test_command_line(sqlite_database, sqlite_world, tmp_path: Path, monkeypatch, capsys) -> None:
    _define(sqlite_database, sqlite_world)
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    path = sqlite_database.location
    assert run(["report", "indicators", "--db", path, "--period", "2025", "--json", "--user", "coord"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["lines"][0] == {"name": "Число семей на сопровождении", "unit": "семей", "value_at_start": 5,
                                   "plan": 10, "actual": 0, "percent_done": 0}
    out = tmp_path / "out"
    assert run(["report", "indicators", "--db", path, "--period", "2025", "--format", "xlsx,docx,pdf", "--out",
                str(out), "--user", "coord"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [f"Показатели комплекса мер 2025 год.{suffix}"
                                                     for suffix in ("docx", "pdf", "xlsx")]
