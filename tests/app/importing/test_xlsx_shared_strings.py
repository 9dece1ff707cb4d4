"""#12: a book saved as Excel and LibreOffice save one — every text in the shared-strings table, cells pointing at
it — is read with the same values as openpyxl reads (the fast reader took the strings from the book's own list,
which openpyxl leaves empty when reading, so such a file was refused as damaged), and the same values as the
inline-string book openpyxl's write-only mode makes of the same rows. The book is made by the bench's writer
(`bench/xlsx_shared.py`)."""

from __future__ import annotations

import importlib.util
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook

from app.importing.files import open_book, read_sheet
from tests.app.importing.test_xlsx_rows import _trimmed  # the rows without trailing empty cells and lines

_WRITER = Path(__file__).resolve().parents[3] / "bench" / "xlsx_shared.py"


def _save_shared(rows, path):
    spec = importlib.util.spec_from_file_location("xlsx_shared", _WRITER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.save_shared(rows, path)


ROWS = [
    ["Дата", "Время", "ФИО ребёнка", "Дата рождения", "СНИЛС", "Специалист", "Отметка", "Причина"],
    [date(2025, 3, 3), "9:30", "Королёв Артём Ильич", date(2015, 6, 1), "123-456-789 64", "Смирнова О.И.", "+", None],
    [date(2025, 3, 3), "9:30", "Орлова  Вера\nОлеговна", date(2016, 1, 31), None, "Смирнова О.И.", "н", "б/л"],
    [datetime(2025, 3, 4, 11, 0), "10:00", " Иванов Пётр ", date(2014, 2, 28), 12345678964, "Кузнецова А.П.", "+",
     "сем. обстоятельства & «кавычки» <тег>"],
    [None, None, None, None, None, None, None, None],
    ["Итого", 3, 2.5, None, None, None, True, False],
]


def test_a_shared_strings_book_reads_as_openpyxl_reads_it(tmp_path):
    path = _save_shared(ROWS, tmp_path / "journal.xlsx")
    rows = read_sheet(open_book(path)).rows
    expected = _trimmed(load_workbook(path, read_only=True, data_only=True).active.iter_rows(values_only=True))
    assert _trimmed(rows) == expected
    assert rows[0][2] == "ФИО ребёнка"
    assert rows[2][2] == "Орлова  Вера\nОлеговна" and rows[3][2] == " Иванов Пётр "
    assert rows[3][7] == "сем. обстоятельства & «кавычки» <тег>"
    assert rows[1][0] == datetime(2025, 3, 3) and rows[3][0] == datetime(2025, 3, 4, 11, 0)


def test_the_same_values_as_the_inline_book_of_the_same_rows(tmp_path):
    shared = _save_shared(ROWS, tmp_path / "shared.xlsx")
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Лист1")
    for row in ROWS:
        sheet.append(row)
    inline = tmp_path / "inline.xlsx"
    book.save(inline)
    assert _trimmed(read_sheet(open_book(shared)).rows) == _trimmed(read_sheet(open_book(inline)).rows)
