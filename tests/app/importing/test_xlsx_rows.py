"""The fast .xlsx reader gives what openpyxl gives (numbers, shared strings, booleans, dates and times by the
cell's format, cached formula values), numbers rows as the sheet does (a gap is an empty row), and is ten
times faster (measured in bench/bench_import.py)."""

from __future__ import annotations

from datetime import date, datetime, time

from openpyxl import Workbook, load_workbook

from app.importing.files import open_book, read_sheet


def _trimmed(rows):
    result = []
    for row in rows:
        row = list(row)
        while row and row[-1] is None:
            row.pop()
        result.append(row)
    while result and not result[-1]:
        result.pop()
    return result


def test_values_as_openpyxl_reads_them(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Журнал"
    sheet.append(["Дата", "Время", "ФИО", "Явка", "Мин", "Балл", "Формула"])
    sheet.append([date(2025, 3, 3), time(10, 30), "Королёв Артём", True, 40, 4.5, "=E2*2"])
    sheet.append([datetime(2025, 3, 4, 11, 0), "9:00", "Орлова  Вера\nОлеговна", False, None, -1.25e-3, None])
    sheet["J6"] = "далеко справа"  # rows 4 and 5 are missing from the file, columns H-I of row 6 too
    sheet["C7"] = "сем. обстоятельства"
    path = tmp_path / "journal.xlsx"
    book.save(path)
    rows = read_sheet(open_book(path)).rows
    expected = _trimmed(load_workbook(path, read_only=True, data_only=True)["Журнал"].iter_rows(values_only=True))
    assert _trimmed(rows) == expected
    assert rows[1][:4] == [datetime(2025, 3, 3), time(10, 30), "Королёв Артём", True]
    assert rows[3] == [] and rows[4] == []  # the sheet's rows 4 and 5
    assert rows[5][9] == "далеко справа" and rows[6][2] == "сем. обстоятельства"


def test_inline_strings_of_a_write_only_book(tmp_path):
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Лист1")
    sheet.append(["ФИО", "Дата рождения"])
    sheet.append(["Белова Ирина Сергеевна", date(1987, 4, 12)])
    path = tmp_path / "registry.xlsx"
    book.save(path)
    assert read_sheet(open_book(path)).rows == [["ФИО", "Дата рождения"],
                                                ["Белова Ирина Сергеевна", datetime(1987, 4, 12)]]
