"""The cell values of one worksheet of an .xlsx book, read straight from its XML.

openpyxl's read-only mode builds a cell object per cell and spends about 300 µs a row of 11 cells: a
two-year journal of a million lines took 5 minutes to read, more than the whole first day may take.
This reader walks the sheet's XML with the (defused) C parser and keeps only the values, with openpyxl's
rules for what a value is (numbers, shared and inline strings, booleans, dates by the cell's number format,
ISO dates, the cached value of a formula): about 10 times faster. The usual rows are not even parsed: they
are cut out of the XML text by `xlsx_scan` (about 4 times faster again), and only the other shapes go through
the parser, by the same rules. The book itself is still opened by openpyxl (sheet names and parts, shared
strings, which styles are dates, the 1900/1904 epoch).

Rows come out numbered as in the sheet (a gap in the file is an empty row), each a list of values from
column A, None where a cell is empty.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any
from xml.etree.ElementTree import iterparse

from openpyxl.utils.datetime import from_excel, from_ISO8601

from app.core.errors import OporaError
from app.importing.xlsx_scan import Unrecognised, scanned_rows

PROLOG_BYTES = 1 << 16

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DATA, _ROW, _CELL, _VALUE, _INLINE, _TEXT, _RUN = (_NS + name for name in ("sheetData", "row", "c", "v", "is", "t",
                                                                            "r"))


def _column(reference: str) -> int:
    """«AB12» → 28 (1-based); 0 when the reference has no letters."""
    number = 0
    for letter in reference:
        if "A" <= letter <= "Z":
            number = number * 26 + ord(letter) - 64
        else:
            break
    return number


def _inline(cell: Any) -> str | None:
    """The text of an inline string: its <t>, or the <t> of each rich-text run (phonetic hints left out)."""
    node = cell.find(_INLINE)
    if node is None:
        return None
    parts = []
    for child in node:
        if child.tag == _TEXT:
            parts.append(child.text or "")
        elif child.tag == _RUN:
            text = child.find(_TEXT)
            parts.append(text.text or "" if text is not None else "")
    return "".join(parts)


def _number(text: str) -> int | float:
    """As openpyxl casts a stored number: an int unless it has a point or an exponent."""
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


class DeclaresEntities(OporaError):
    """The sheet's XML has a document type declaration (where entities are declared): refused unread."""


def _check_prolog(path: Any, member: str) -> None:
    """The C parser (10 times faster than defusedxml's Python one) is used on the sheet only when nothing
    precedes its root element but the XML declaration and comments: no DOCTYPE, so no entity can be
    declared (a billion laughs, an external file)."""
    with zipfile.ZipFile(path) as archive, archive.open(member.lstrip("/")) as stream:
        head = stream.read(PROLOG_BYTES)
    start = 0
    while True:
        start = head.find(b"<", start)
        if start < 0 or start + 1 >= len(head):
            raise DeclaresEntities("no root element in the first bytes")
        if head.startswith(b"<?", start):
            start = head.find(b"?>", start) + 2
        elif head.startswith(b"<!--", start):
            start = head.find(b"-->", start) + 3
        elif head.startswith(b"<!", start):
            raise DeclaresEntities("a document type declaration")
        else:
            return
        if start < 2:
            raise DeclaresEntities("an unfinished declaration")


def _row_values(element: Any, shared: Any, dates: Any, durations: Any, epoch: Any) -> list[Any]:
    """The values of a <row> element, from column A (None where a cell is empty)."""
    values: list[Any] = []
    for cell in element:
        if cell.tag != _CELL:
            continue
        reference = cell.get("r")
        column = _column(reference) if reference else len(values) + 1
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            value: Any = _inline(cell)
        else:
            found = cell.find(_VALUE)
            value = found.text if found is not None else None
            if value:
                if kind == "n":
                    value = _number(value)
                    style = cell.get("s")
                    if style and int(style) in dates:
                        try:
                            value = from_excel(value, epoch, timedelta=int(style) in durations)
                        except (OverflowError, ValueError):
                            value = "#VALUE!"
                elif kind == "s":
                    value = shared[int(value)]
                elif kind == "b":
                    value = bool(int(value))
                elif kind == "d":
                    value = from_ISO8601(value)
            else:
                value = None
        if column > len(values) + 1:
            values.extend([None] * (column - len(values) - 1))
        if column == len(values) + 1:
            values.append(value)
        elif 0 < column <= len(values):
            values[column - 1] = value
    return values


def _parsed_rows(path: Any, member: str, row_values: Callable[[Any], list[Any]]) -> Iterator[list[Any]]:
    """The sheet's rows as the XML parser reads them (any shape of cell)."""
    number = 0
    with zipfile.ZipFile(path) as archive, archive.open(member.lstrip("/")) as stream:
        parent = None
        for event, element in iterparse(stream, events=("start", "end")):
            if event == "start":
                if element.tag == _DATA:
                    parent = element
                continue
            if element.tag != _ROW:
                continue
            at = element.get("r")
            row_number = int(at) if at else number + 1
            while number + 1 < row_number:  # rows missing from the file are empty rows of the sheet
                number += 1
                yield []
            number = row_number
            values = row_values(element)
            if parent is not None:
                parent.clear()  # the rows read are dropped, not kept as empty elements (a million of them)
            yield values


def sheet_rows(path: Any, member: str, workbook: Any) -> Iterator[list[Any]]:
    """The rows of the sheet stored in `member` of the book at `path`; `workbook` is the book opened by
    openpyxl in read-only mode (its shared strings, date styles and epoch). Raises DeclaresEntities for
    a sheet with a DOCTYPE, ParseError for broken XML.

    The rows are scanned from the XML text (`xlsx_scan`, several times faster), each row of a shape the scanner
    does not know parsed alone; a sheet it cannot follow is read by the parser, from the row where it stopped."""
    _check_prolog(path, member)
    row_values = partial(_row_values, shared=workbook.shared_strings, dates=workbook._date_formats,
                         durations=workbook._timedelta_formats, epoch=workbook.epoch)
    given = 0
    try:
        for values in scanned_rows(path, member, workbook, row_values):
            yield values
            given += 1
        return
    except Unrecognised:
        pass
    for index, values in enumerate(_parsed_rows(path, member, row_values)):
        if index >= given:
            yield values


def open_workbook(path: Any) -> Any:
    """The book as `openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)` opens it,
    but without measuring each sheet: a sheet saved without a <dimension> (as openpyxl's write-only mode
    and other programs save) is otherwise parsed to its end just to learn its size, at every opening."""
    from openpyxl.reader import excel
    from openpyxl.worksheet import _read_only

    reader_base: Any = excel.ExcelReader  # openpyxl's own reader, only its worksheet step replaced
    sheet_base: Any = _read_only.ReadOnlyWorksheet

    class Sheet(sheet_base):
        def _get_size(self) -> None:
            """Rows are read by `sheet_rows`, which needs no size."""

    class Reader(reader_base):
        def read_worksheets(self) -> None:
            for sheet, rel in self.parser.find_sheets():
                if rel.target not in self.valid_files:
                    continue
                if "chartsheet" in rel.Type:
                    self.read_chartsheet(sheet, rel)
                    continue
                worksheet = Sheet(self.wb, sheet.name, rel.target, self.shared_strings)
                worksheet.sheet_state = sheet.state
                self.wb._sheets.append(worksheet)

    reader = Reader(path, read_only=True, data_only=True, keep_links=False)
    reader.read()
    # openpyxl hands the shared strings it read to each worksheet, not to the book, whose own list stays empty
    # (it is for writing): every text of a file saved by Excel or LibreOffice is one of these.
    reader.wb.shared_strings = reader.shared_strings
    return reader.wb
