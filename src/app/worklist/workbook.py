"""The deadlines as an Excel list (the coordinator's weekly list): one sheet, grouped by kind, filterable."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from app.core.folders import write_atomically
from app.core.text import format_date
from app.worklist.deadlines import Deadline
from app.worklist.settings import KINDS

COLUMNS = (("Срок", 12), ("Вид", 38), ("Семья", 34), ("Член семьи", 30), ("Что сделать", 70))
OVERDUE_FILL = PatternFill("solid", fgColor="FDE7E9")
HEADING_FILL = PatternFill("solid", fgColor="E3F2FD")


def write_deadlines_xlsx(deadlines: Sequence[Deadline], target: Path, today: date, who: str) -> Path:
    """Write the list to `target` (atomically: a kill leaves the old file or the new one); returns the path."""
    book = Workbook()
    book.remove(book.worksheets[0])
    sheet = book.create_sheet("Сроки")
    sheet.append([f"Сроки на {format_date(today)} — {who}"])
    sheet["A1"].font = Font(bold=True, size=13)
    counts = {kind.code: sum(1 for d in deadlines if d.kind == kind.code) for kind in KINDS}
    sheet.append(["Всего: " + str(len(deadlines)) + "; " + "; ".join(
        f"{kind.title} — {counts[kind.code]}" for kind in KINDS if counts[kind.code])])
    last = get_column_letter(len(COLUMNS))
    for row in (1, 2):  # the title and the counts span the table, wrapped, so the page keeps its width
        sheet.merge_cells(f"A{row}:{last}{row}")
        sheet[f"A{row}"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[2].height = 48
    sheet.append([])
    sheet.append([title for title, _ in COLUMNS])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADING_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    order = {kind.code: number for number, kind in enumerate(KINDS)}
    for deadline in sorted(deadlines, key=lambda d: (order[d.kind], d.due_on or date.min, d.family_title)):
        sheet.append([deadline.due_on or "сейчас", deadline.title, deadline.family_title, deadline.person_name,
                      deadline.detail])
        row = sheet.max_row
        sheet.cell(row, 1).number_format = "DD.MM.YYYY"
        if deadline.overdue(today):
            for cell in sheet[row]:
                cell.fill = OVERDUE_FILL
        for cell in sheet[row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for number, (_title, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(COLUMNS))}{max(sheet.max_row, header_row)}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return write_atomically(target, lambda path: book.save(path))
