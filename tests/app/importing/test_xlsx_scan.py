"""#12: the scanning reader (`xlsx_scan`, rows cut out of the sheet's XML text) gives exactly what openpyxl reads and
what the XML parser's reader gave, on books of every shape: inline and shared strings, rich text, formulas with
and without a saved value, dates, times, numbers, booleans, empty cells and rows, escapes, Cyrillic, line breaks,
spaces kept, other attribute orders and extra attributes, pretty-printed XML, CDATA, a prefixed namespace, another
encoding — and books LibreOffice saved itself."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime, time
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from app.importing import xlsx_scan
from app.importing.files import HostileFile, open_book, read_sheet
from app.importing.xlsx_rows import _parsed_rows, _row_values, open_workbook, sheet_rows
from tests.app.importing.test_xlsx_rows import _trimmed

_WRITER = Path(__file__).resolve().parents[3] / "bench" / "xlsx_shared.py"
SHEET = "xl/worksheets/sheet1.xml"
TEXTS = ["Иванова Мария Петровна", "сем. обстоятельства & «кавычки» <тег> 'a' \"b\"", "  пробелы  ", "строка\nвторая",
         "Windows\r\nперевод", "табуляция\tи ;", "]]>", "&amp; буквально", "Ёё ЙЙ", "=не формула", "+", "н",
         "🙂 эмодзи", "\u00a0неразрывный"]


def _save_shared(rows: list[list[Any]], path: Path) -> Path:
    spec = importlib.util.spec_from_file_location("xlsx_shared", _WRITER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.save_shared(rows, path)


def _save_openpyxl(rows: list[list[Any]], path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _rewrite(path: Path, change: Any, binary: bool = False) -> Path:
    """The book with its first sheet's XML changed by `change` (of the text, or of the bytes when `binary`;
    everything else copied as is)."""
    out = path.with_name("changed-" + path.name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == SHEET:
                data = change(data) if binary else change(data.decode("utf-8")).encode("utf-8")
            target.writestr(item, data)
    return out


def _both_readers(path: Path) -> tuple[list[list[Any]], list[list[Any]]]:
    """(the scanning reader's rows, the parser's rows) of the book's first sheet."""
    book = open_workbook(path)
    values = partial(_row_values, shared=book.shared_strings, dates=book._date_formats,
                     durations=book._timedelta_formats, epoch=book.epoch)
    return list(sheet_rows(path, SHEET, book)), list(_parsed_rows(path, SHEET, values))


def _assert_as_openpyxl(path: Path) -> list[list[Any]]:
    scanned, parsed = _both_readers(path)
    assert scanned == parsed
    assert [[type(v) for v in row] for row in scanned] == [[type(v) for v in row] for row in parsed]
    expected = _trimmed(load_workbook(path, read_only=True, data_only=True).worksheets[0].iter_rows(values_only=True))
    assert _trimmed(scanned) == expected
    return scanned


def _scanner_gave_up(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records why the scanner handed a sheet to the parser."""
    reasons: list[str] = []
    original = xlsx_scan.scanned_rows

    def watched(*args: Any) -> Any:
        try:
            yield from original(*args)
        except xlsx_scan.Unrecognised as error:
            reasons.append(str(error))
            raise

    monkeypatch.setattr("app.importing.xlsx_rows.scanned_rows", watched)
    return reasons


plain_texts = st.one_of(st.sampled_from(TEXTS), st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00\r\x0b\x0c\ufffe\uffff"
                  + "".join(map(chr, range(1, 9))) + "".join(map(chr, range(14, 32)))), max_size=30))
values = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**15, max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=64), plain_texts,
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1))
    .map(lambda moment: moment.replace(microsecond=0)),
    st.times().map(lambda t: t.replace(microsecond=0)),
    st.sampled_from(["=1+1", "=A1&\"x\"", "=SUM(B1:B3)"]),
)
rows = st.lists(st.lists(values, max_size=8), max_size=12)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(rows=rows, rich=st.booleans())
def test_openpyxl_books_read_alike(tmp_path_factory: pytest.TempPathFactory, rows: list[list[Any]],
                                   rich: bool) -> None:
    """Inline strings, formulas without a saved value, rich-text runs: the same values all three ways."""
    folder = tmp_path_factory.mktemp("book")
    if rich and rows and rows[0]:
        rows[0][0] = CellRichText([TextBlock(InlineFont(b=True), "жирный "), "и обычный & <текст>"])
    _assert_as_openpyxl(_save_openpyxl(rows, folder / "inline.xlsx"))


@SETTINGS
@given(rows=st.lists(st.lists(st.one_of(st.none(), st.booleans(), st.integers(-10**9, 10**9), plain_texts,
                                        st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1))),
                              max_size=8), max_size=12))
def test_shared_strings_books_read_alike(tmp_path_factory: pytest.TempPathFactory, rows: list[list[Any]]) -> None:
    # (the bench's writer needs a first row with a cell)
    _assert_as_openpyxl(_save_shared([["Заголовок"], *rows], tmp_path_factory.mktemp("book") / "shared.xlsx"))


def _journal(path: Path) -> Path:
    rows: list[list[Any]] = [["Дата", "Время", "ФИО ребёнка", "Балл", "Явка", "Формула"]]
    for number in range(40):
        rows.append([date(2025, 3, 1 + number % 28), time(9 + number % 8, 30), TEXTS[number % len(TEXTS)],
                     number / 4, number % 3 == 0, None])
    return _save_openpyxl(rows, path)


SHAPES = {
    # attributes in another order and extra ones (Excel's cell metadata, a phonetic flag)
    "attribute order": lambda xml: re.sub(r'<c r="([A-Z]+\d+)" s="(\d+)" t="(\w+)"', r'<c t="\3" r="\1" s="\2"', xml),
    "extra attribute": lambda xml: xml.replace('<c r="C5"', '<c cm="1" r="C5"')
    .replace('<c r="D7"', '<c r="D7" ph="1"'),
    # pretty-printed, as some generators write it
    "whitespace": lambda xml: xml.replace("<row", "\n  <row").replace("<c ", "\n    <c ").replace("</sheetData>",
                                                                                               "\n</sheetData>"),
    # Excel's row attributes in a namespace the worksheet element declares
    "excel rows": lambda xml: xml.replace("<worksheet ", '<worksheet xmlns:x14ac="http://schemas.microsoft.com/office/'
                                          'spreadsheetml/2009/9/ac" ', 1)
    .replace('<row r="3"', '<row r="3" spans="1:6" x14ac:dyDescent="0.25"'),
    # a formula with the value Excel saved with it, a string formula, an error value
    "formulas": lambda xml: re.sub(
        r'<c r="D6"[^>]*>.*?</c>', '<c r="D6" t="str"><f>"x"&amp;"y"</f><v>x&amp;y</v></c>',
        re.sub(r'<c r="D4"([^>]*)><v>([^<]*)</v></c>', r'<c r="D4"\1><f>C4*2</f><v>\2</v></c>',
               re.sub(r'<c r="D8"[^>]*>.*?</c>', '<c r="D8" t="e"><v>#N/A</v></c>', xml))),
    "comment": lambda xml: xml.replace('<row r="5"', '<!-- между строк --><row r="5"', 1),
    "cdata": lambda xml: xml.replace("<is><t>+</t></is>", "<is><t><![CDATA[+ </row> & <c>]]></t></is>"),
    "references": lambda xml: xml.replace("<t>+</t>", "<t>&#1085;&#x41;&#65;&quot;&apos;&gt;&amp;amp;</t>"),
    "carriage return": lambda xml: xml.replace("<t>+</t>", "<t>a\r\nb\rc</t>"),
    "empty value and row": lambda xml: re.sub(r'<row r="9">.*?</row>', '<row r="9"/>',
                                              re.sub(r'<c r="D10"([^>]*)><v>[^<]*</v>', r'<c r="D10"\1><v></v>', xml)),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_other_shapes_read_as_openpyxl_reads_them(tmp_path: Path, shape: str) -> None:
    source = _journal(tmp_path / "journal.xlsx")
    changed = _rewrite(source, SHAPES[shape])
    with zipfile.ZipFile(source) as before, zipfile.ZipFile(changed) as after:
        assert before.read(SHEET) != after.read(SHEET), "the change must apply"
    _assert_as_openpyxl(changed)


def test_rows_the_scanner_cannot_follow_alone_are_read_by_the_parser(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A CDATA section holding «</row>» cannot be cut out as a row: the parser reads the sheet from the row where
    the scanner stopped, and every row comes once."""
    reasons = _scanner_gave_up(monkeypatch)
    changed = _rewrite(_journal(tmp_path / "journal.xlsx"), SHAPES["cdata"])
    rows = _assert_as_openpyxl(changed)
    assert reasons == ["row not parsed alone"]
    assert len(rows) == 41 and rows[0][2] == "ФИО ребёнка"


def test_a_prefixed_namespace_and_another_encoding_go_to_the_parser(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    reasons = _scanner_gave_up(monkeypatch)
    source = _journal(tmp_path / "journal.xlsx")
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    def prefixed(xml: str) -> str:
        xml = re.sub(r"<(/?)(?!\?)(\w+)", r"<\1x:\2", xml).replace(f'xmlns="{main}"', f'xmlns:x="{main}"')
        return xml

    _assert_as_openpyxl(_rewrite(source, prefixed))

    def utf16(data: bytes) -> bytes:
        text = data.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"').replace("<?xml version=\"1.0\"?>",
                                                                                             "")
        if not text.startswith("<?xml"):
            text = '<?xml version="1.0" encoding="UTF-16"?>' + text
        return text.encode("utf-16")

    _assert_as_openpyxl(_rewrite(source, utf16, binary=True))
    assert len(reasons) == 2


def test_broken_xml_is_still_refused(tmp_path: Path) -> None:
    source = _journal(tmp_path / "journal.xlsx")
    for change in (lambda xml: xml.replace("<t>+</t>", "<t>&nbsp;</t>"),  # an entity XML does not define
                   lambda xml: xml.replace("<t>+</t>", "<t>&#0;</t>"),  # a character XML does not allow
                   lambda xml: xml.replace("<t>+</t>", "<t>н & м</t>")):
        path = _rewrite(source, change)
        with pytest.raises(HostileFile, match="повреждён"):
            read_sheet(open_book(path))
        path.unlink()


@pytest.mark.parametrize("block", [1, 2, 3, 7, 37, 101])
@pytest.mark.parametrize("shape", ["openpyxl", "excel rows", "shared strings"])
def test_a_sheet_across_the_read_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shape: str,
                                        block: int) -> None:
    """Rows cut at every place by the blocks read — inside a row's start tag, a cell, a Cyrillic letter's two
    bytes (the block made tiny) — are scanned to the end, with the same values."""
    reasons = _scanner_gave_up(monkeypatch)
    monkeypatch.setattr(xlsx_scan, "BLOCK", block)
    if shape == "shared strings":  # rows with `spans`, as Excel writes them
        rows = _assert_as_openpyxl(_save_shared([["ФИО", "Дата"], *[[TEXTS[n % len(TEXTS)], date(2025, 3, 1 + n % 28)]
                                                                    for n in range(40)]], tmp_path / "shared.xlsx"))
        assert rows[1] == [TEXTS[0], datetime(2025, 3, 1)]
    else:
        source = _journal(tmp_path / "journal.xlsx")
        rows = _assert_as_openpyxl(source if shape == "openpyxl" else _rewrite(source, SHAPES[shape]))
        assert rows[1][2] == TEXTS[0]
    assert len(rows) == 41
    assert reasons == []  # scanned to the end


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice saves the books")
def test_books_libreoffice_saved_read_as_openpyxl_reads_them(tmp_path: Path) -> None:
    """A CSV opened and saved as .xlsx by LibreOffice (shared strings, its own styles and attributes), and the
    openpyxl journal with formulas saved again by LibreOffice (which stores the formulas' computed values)."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    csv = tmp_path / "journal.csv"
    csv.write_text("Дата;ФИО ребёнка;Балл;Отметка\n03.03.2025;Королёв Артём;4,5;+\n04.03.2025;\"Орлова Вера\n"
                   "Олеговна\";-1;н\n;\"& < > \"\"кавычки\"\"\";1e3;\n", encoding="utf-8")
    source = _journal(tmp_path / "book.xlsx")
    book = load_workbook(source)
    book.active["F2"] = "=D2*2"
    book.active["F3"] = '=C3&"!"'
    book.save(source)
    out = tmp_path / "out"
    subprocess.run([office, "--headless", "--infilter=CSV:59,34,76,1", "--convert-to", "xlsx", "--outdir", str(out),
                    str(csv)], check=True, capture_output=True, timeout=180)
    subprocess.run([office, "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)
    from_csv = _assert_as_openpyxl(out / "journal.xlsx")
    assert from_csv[1][1] == "Королёв Артём" and from_csv[2][1] == "Орлова Вера\nОлеговна"
    assert from_csv[3][1] == '& < > "кавычки"'
    resaved = _assert_as_openpyxl(out / "book.xlsx")
    assert resaved[1][5] == resaved[1][3] * 2 and resaved[2][5] == resaved[2][2] + "!"
    with zipfile.ZipFile(out / "book.xlsx") as archive:
        assert "<f" in archive.read(SHEET).decode("utf-8")  # LibreOffice kept the formulas with their values
