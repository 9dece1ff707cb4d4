"""The shared XLSX sheet writer of the reports: title, styled header, typed cells, SUM totals, print setup.

Every report sheet looks the same: the organisation, the report's name and period above a bold,
filled, bordered header; panes frozen below the header; numbers, percentages and dates written as
real Excel values with their formats; totals as SUM formulas; A4 fitted to the page width with the
header repeated on every printed page. User text starting with = + - @ or a tab stays text.
openpyxl is imported inside the functions: the app starts without loading it.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.core.folders import write_atomically

# A spreadsheet cell starting with one of these is read as a formula (CSV/XLSX injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t")
KINDS = ("text", "int", "decimal", "percent", "date")
NUMBER_FORMATS = {"int": "0", "decimal": "0.00", "percent": "0.0%", "date": "DD.MM.YYYY"}
SUMMED_KINDS = ("int", "decimal")
HEADER_FILL = "CFD8DC"
HEADER_FILL_RATIO = 0.85  # a bold header character takes about 1.2 width units (of the digit «0»)


def header_width(title: str) -> float:
    """The column width that holds the longest word of a bold header on one line."""
    longest = max((len(word) for word in title.split()), default=0)
    return longest / HEADER_FILL_RATIO / 0.95 + 1
BORDER_COLOR = "90A4AE"


@dataclass(frozen=True)
class Column:
    """One column of a report sheet: its header, width in characters and the kind of its values."""

    title: str
    width: float = 14
    kind: str = "text"  # one of KINDS

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown column kind {self.kind!r}")


def period_text(date_from: date, date_to: date) -> str:
    """«Период: 01.01.2026 — 31.03.2026»."""
    return f"Период: {date_from:%d.%m.%Y} — {date_to:%d.%m.%Y}"


def write_text(cell: Any, value: str | None) -> None:
    """Write user text as text: a value starting with = + - @ or a tab is never a formula."""
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def new_workbook() -> Any:
    """An empty workbook (no default sheet): add sheets with `SheetWriter`."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its one default sheet
    book.remove(sheet)
    return book


def save_workbook(book: Any, target: Path) -> Path:
    """Save under a temporary name beside `target`, then move into place (with the export's audit head, when one
    is being written: app.documents.stamp)."""
    from app.documents.stamp import stamp_workbook

    stamp_workbook(book)
    return write_atomically(Path(target), book.save)


EXECUTOR_LABEL = "Исполнитель"


def add_executor(book: Any, executor: str) -> None:
    """«Исполнитель: Фамилия И.О., тел. …» two rows under the content of every visible sheet with a table (the
    DOCX and PDF print it under the signature; a workbook has no signature, so each sheet carries it)."""
    if not executor:
        return
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible" or sheet.max_row <= 1:  # hidden chart data, chart pages
            continue
        sheet.cell(row=sheet.max_row + 2, column=1, value=f"{EXECUTOR_LABEL}: {executor}")


class SheetWriter:
    """Writes one report sheet top to bottom: `SheetWriter(...)`, `row(...)` per line, `totals()`, `finish()`."""

    def __init__(self, book: Any, name: str, columns: Sequence[Column], *, organisation: str = "",
                 report: str = "", period: str = "", landscape: bool = True) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.sheet = book.create_sheet(name[:31])
        self.columns = list(columns)
        self.landscape = landscape
        thin = Side(style="thin", color=BORDER_COLOR)
        self._border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self._bold = Font(bold=True)
        self._wrap = Alignment(wrap_text=True, vertical="top")
        self._wrap_right = Alignment(wrap_text=True, vertical="top", horizontal="right")
        row = 0
        for text, font in ((organisation, Font(italic=True)), (report, Font(bold=True, size=14)),
                           (period, Font())):
            if text:
                row += 1
                cell = self.sheet.cell(row, 1)
                write_text(cell, text)
                cell.font = font
        self.header_row = row + 2 if row else 1
        # A column is never narrower than the longest word of its header: headers wrap, never clip.
        self.columns = [replace(column, width=max(column.width, header_width(column.title)))
                        for column in self.columns]
        for index, column in enumerate(self.columns, 1):
            cell = self.sheet.cell(self.header_row, index, column.title)
            cell.font, cell.border = self._bold, self._border
            cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
            self.sheet.column_dimensions[cell.column_letter].width = column.width
        # Bold headers are wider than the figures the width unit is measured by (see HEADER_FILL_RATIO).
        self.sheet.row_dimensions[self.header_row].height = 15 * max(
            self._lines(column.title, column.width * HEADER_FILL_RATIO) for column in self.columns) \
            if self.columns else 15
        self.first_data_row = self.header_row + 1
        self.next_row = self.first_data_row
        self.totals_row: int | None = None
        self._styles: dict[tuple[Any, ...], Any] = {}

    @staticmethod
    def _lines(text: str, width: float) -> int:
        """Lines `text` takes in a column `width` characters wide, wrapped at spaces as Excel does."""
        per_line = max(int(width * 0.95), 1)
        count = 0
        for part in text.split("\n"):
            used = 0
            lines = 1
            for word in part.split():
                if used and used + 1 + len(word) > per_line:
                    lines += 1
                    used = 0
                lines += (len(word) - 1) // per_line if len(word) > per_line else 0  # a word longer than a line
                used = (used + 1 if used else 0) + (len(word) % per_line or per_line if len(word) > per_line
                                                    else len(word))
            count += lines
        return max(count, 1)

    def _write(self, cell: Any, value: Any, column: Column, bold: bool = False) -> None:
        if value is None:
            cell.value = None
        elif isinstance(value, str):
            write_text(cell, value)
        elif isinstance(value, datetime):
            cell.value = value.date() if column.kind == "date" else value
        else:
            cell.value = value
        numeric = column.kind != "text" and not isinstance(value, str)
        self._style(cell, NUMBER_FORMATS.get(column.kind), numeric, bold)

    def _style(self, cell: Any, number_format: str | None, right: bool, bold: bool) -> None:
        """Give `cell` a border, alignment, number format and weight.

        openpyxl hashes every style object on each assignment, which made a 50,000-row extract take
        a minute; each combination is built once and its style array copied to the next cells.
        """
        key = (number_format, right, bold, cell.quotePrefix)
        cached = self._styles.get(key)
        if cached is not None:
            cell._style = copy(cached)
            return
        if number_format:
            cell.number_format = number_format
        cell.border = self._border
        cell.alignment = self._wrap_right if right else self._wrap
        if bold:
            cell.font = self._bold
        self._styles[key] = copy(cell._style)

    def row(self, values: Sequence[Any], *, bold: bool = False) -> int:
        """Append one data row (values in column order); returns its row number."""
        if len(values) != len(self.columns):
            raise ValueError(f"Expected {len(self.columns)} values, got {len(values)}")
        number = self.next_row
        lines = 1
        for index, (value, column) in enumerate(zip(values, self.columns, strict=True), 1):
            cell = self.sheet.cell(number, index)
            self._write(cell, value, column, bold)
            if isinstance(value, str):
                lines = max(lines, self._lines(value, column.width))
        if lines > 1:
            self.sheet.row_dimensions[number].height = 15 * lines
        self.next_row += 1
        return number

    def totals(self, label: str = "Итого", label_column: int = 1,
               summed: Sequence[int] | None = None) -> int:
        """A bold totals row: SUM formulas over the data rows for the integer and decimal columns (or the
        1-based `summed` columns); returns its row number."""
        from openpyxl.utils import get_column_letter

        wanted = set(summed) if summed is not None else {
            index for index, column in enumerate(self.columns, 1) if column.kind in SUMMED_KINDS}
        last = self.next_row - 1
        values: list[Any] = [None] * len(self.columns)
        values[label_column - 1] = label
        for index in wanted:
            letter = get_column_letter(index)
            rows = f"{letter}{self.first_data_row}:{letter}{last}"
            values[index - 1] = f"=SUM({rows})" if last >= self.first_data_row else 0
        number = self.next_row
        for index, (value, column) in enumerate(zip(values, self.columns, strict=True), 1):
            cell = self.sheet.cell(number, index)
            if isinstance(value, str) and value.startswith("=SUM("):
                cell.value = value  # our own formula, not user text
                self._style(cell, NUMBER_FORMATS.get(column.kind, "General"), True, True)
            else:
                self._write(cell, value, column, bold=True)
        self.next_row += 1
        self.totals_row = number
        return number

    def finish(self, freeze_column: int = 1) -> Any:
        """Freeze panes below the header (and left of `freeze_column`), print setup; returns the sheet."""
        from openpyxl.utils import get_column_letter

        sheet = self.sheet
        sheet.freeze_panes = f"{get_column_letter(freeze_column)}{self.first_data_row}"
        sheet.print_title_rows = f"{self.header_row}:{self.header_row}"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = "landscape" if self.landscape else "portrait"
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_options.gridLines = False
        sheet.page_margins.left = sheet.page_margins.right = 0.4
        return sheet
