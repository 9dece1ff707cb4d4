"""The shared report sheet writer: styles, frozen panes, print setup, typed cells, SUM totals, text guard."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from app.documents.xlsx import Column, SheetWriter, new_workbook, period_text, save_workbook, write_text

COLUMNS = [Column("Название", 30), Column("Дата", 12, "date"), Column("Число", 10, "int"),
           Column("Доля", 10, "percent"), Column("Сумма", 12, "decimal")]


def _book(tmp_path, rows: list[list], landscape: bool = True):
    book = new_workbook()
    writer = SheetWriter(book, "Лист", COLUMNS, organisation="ГБУ «Центр»", report="Отчёт",
                         period=period_text(date(2026, 1, 1), date(2026, 3, 31)), landscape=landscape)
    for values in rows:
        writer.row(values)
    total = writer.totals()
    writer.finish()
    target = save_workbook(book, tmp_path / "out" / "report.xlsx")
    return load_workbook(target)["Лист"], writer.header_row, total


def test_title_header_styles_and_print_setup(tmp_path):
    sheet, header, _ = _book(tmp_path, [["А", date(2026, 2, 3), 1, 0.5, 1.25]])
    assert [sheet.cell(row, 1).value for row in (1, 2, 3)] == [
        "ГБУ «Центр»", "Отчёт", "Период: 01.01.2026 — 31.03.2026"]
    assert sheet["A2"].font.bold
    assert header == 5
    cell = sheet.cell(header, 1)
    assert cell.value == "Название"
    assert cell.font.bold
    assert cell.fill.fgColor.rgb.endswith("CFD8DC")
    assert cell.border.left.style == "thin" and cell.border.bottom.style == "thin"
    assert cell.alignment.wrap_text and cell.alignment.horizontal == "center"
    assert sheet.column_dimensions["A"].width == 30
    assert sheet.freeze_panes == "A6"
    assert sheet.print_title_rows == "$5:$5"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage


def test_portrait_and_no_title(tmp_path):
    book = new_workbook()
    writer = SheetWriter(book, "Без заголовка", [Column("A")], landscape=False)
    writer.row(["x"])
    writer.finish()
    sheet = load_workbook(save_workbook(book, tmp_path / "a.xlsx"))["Без заголовка"]
    assert sheet["A1"].value == "A" and sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.page_setup.orientation == "portrait"


def test_typed_values_and_sum_totals(tmp_path):
    sheet, header, total = _book(tmp_path, [
        ["А", date(2026, 2, 3), 1, 0.5, 1.25],
        ["Б", datetime(2026, 3, 4, 10, 30), 2, 0.25, 2.5],
        ["В", None, 3, None, 0],
    ])
    first = header + 1
    assert total == first + 3
    assert sheet.cell(first, 2).value == datetime(2026, 2, 3)  # a real date, read back as datetime
    assert sheet.cell(first, 2).number_format == "DD.MM.YYYY"
    assert sheet.cell(first + 1, 2).value == datetime(2026, 3, 4)
    assert sheet.cell(first, 3).number_format == "0"
    assert sheet.cell(first, 4).number_format == "0.0%"
    assert sheet.cell(first, 5).number_format == "0.00"
    assert sheet.cell(total, 1).value == "Итого" and sheet.cell(total, 1).font.bold
    assert sheet.cell(total, 3).value == f"=SUM(C{first}:C{first + 2})"
    assert sheet.cell(total, 5).value == f"=SUM(E{first}:E{first + 2})"
    assert sheet.cell(total, 4).value is None  # percentages are not summed
    assert sheet.cell(total, 3).font.bold


def test_totals_of_an_empty_sheet_are_zero(tmp_path):
    sheet, header, total = _book(tmp_path, [])
    assert total == header + 1
    assert sheet.cell(total, 3).value == 0


@pytest.mark.parametrize("text", ["=1+1", "+7", "-x", "@a", "\tb", "=HYPERLINK(\"http://x\")"])
def test_user_text_is_never_a_formula(tmp_path, text):
    sheet, header, _ = _book(tmp_path, [[text, None, 1, None, text]])
    for column in (1, 5):
        cell = sheet.cell(header + 1, column)
        assert cell.data_type == "s"
        assert cell.value == text


def test_write_text_leaves_plain_text_alone():
    book = new_workbook()
    cell = book.create_sheet("x")["A1"]
    write_text(cell, "Иванова")
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("Иванова", "s", False)
    write_text(cell, "=A1")
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=A1", "s", True)


def test_row_length_is_checked():
    writer = SheetWriter(new_workbook(), "x", COLUMNS)
    with pytest.raises(ValueError):
        writer.row(["only one"])
