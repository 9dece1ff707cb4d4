"""Files of «Отчёт об эффективности сопровождения»: XLSX (a sheet per section), DOCX (built in code on the
ГОСТ Р 7.0.97 layout of app.documents.docx_layout) and PDF (app.reports.pdf_layout), landscape.

Every format holds the same sections as the screen (app.reports.effectiveness.report_sections) and states the
dynamics rule under the totals.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.core.text import format_date
from app.documents.xlsx import Column, SheetWriter, add_executor, new_workbook, period_text, save_workbook
from app.reports.effectiveness import REPORT_TITLE, EffectivenessReport, report_sections

SHEET_NAMES = ("Итоги", "По областям", "По категориям", "По формам работы", "По уровням", "Комплекс мер")


def _columns(headers: tuple[str, ...]) -> list[Column]:
    columns = [Column(headers[0], 52)]
    for title in headers[1:]:
        columns.append(Column(title, 9 if title == "%" else 13, "text" if title in ("%", "Единица", "Значение")
                              else "int"))
    return columns


def export_effectiveness_xlsx(report: EffectivenessReport, target: Path, organisation: str, *,
                              executor: str = "") -> Path:
    book = new_workbook()
    period = report.period
    for name, (title, headers, rows, note) in zip(SHEET_NAMES, report_sections(report), strict=True):
        sheet = SheetWriter(book, name, _columns(headers), organisation=organisation, report=f"{REPORT_TITLE}. {title}",
                            period=f"{period.title} ({period_text(period.start, period.end)})")
        for row in rows:
            sheet.row(list(row), bold=row is rows[0] and title == report_sections(report)[0][0])
        if note:
            sheet.sheet.cell(sheet.next_row + 1, 1).value = note
        sheet.finish(freeze_column=2)
    add_executor(book, executor)
    return save_workbook(book, Path(target))


def export_effectiveness_docx(report: EffectivenessReport, target: Path, organisation: str, signer: str = "", *,
                              executor: str = "") -> Path:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from app.core.folders import write_atomically
    from app.documents.docx_layout import TABLE_PT, apply_gost_layout, finish_layout
    from app.documents.docx_render import signature_name
    from app.documents.stamp import stamp_docx

    document = Document()
    apply_gost_layout(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)

    def centred(text: str, bold: bool = False) -> None:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Mm(0)
        paragraph.add_run(text).bold = bold

    period = report.period
    centred(organisation)
    centred(REPORT_TITLE, bold=True)
    centred(f"за {period.title} (с {format_date(period.start)} по {format_date(period.end)})")
    for title, headers, rows, note in report_sections(report):
        heading = document.add_paragraph()
        heading.paragraph_format.first_line_indent = Mm(0)
        heading.paragraph_format.space_before = Pt(12)
        heading.add_run(title).bold = True
        heading.paragraph_format.keep_with_next = True
        table = document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.autofit = False
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            _cell(cell, text, TABLE_PT, bold=True)
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                _cell(cell, "" if value is None else str(value), TABLE_PT)
        for column, width in zip(table.columns, _widths(headers), strict=True):
            column.width = Mm(width)  # the grid (LibreOffice reads it) and every cell (Word does)
            for cell in column.cells:
                cell.width = Mm(width)
        if not rows:
            document.add_paragraph("Нет данных за период.")
        if note:
            paragraph = document.add_paragraph()
            paragraph.add_run(note).font.size = Pt(TABLE_PT)
    document.add_paragraph()
    signature = document.add_paragraph(f"Руководитель\t\t\t\t\t\t{signature_name(signer)}")
    signature.paragraph_format.first_line_indent = Mm(0)
    if executor:
        line = document.add_paragraph()
        line.paragraph_format.first_line_indent = Mm(0)
        line.add_run(f"Исполнитель: {executor}").font.size = Pt(10)
    finish_layout(document)
    stamp_docx(document)
    return write_atomically(Path(target), document.save)


def _cell(cell: Any, text: str, size: int, *, bold: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.first_line_indent = Mm(0)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold


# Widths in mm of the landscape text column (297 − 20 − 10 = 267 mm).
WIDE = (60, 20, 24, 27, 17, 27, 17, 27, 17, 24)
AREAS = (104, 24, 28, 17, 28, 17, 28, 17)
INDICATORS = (187, 40, 40)


def _widths(headers: tuple[str, ...]) -> tuple[int, ...]:
    return WIDE if len(headers) == len(WIDE) else AREAS if len(headers) == len(AREAS) else INDICATORS


def export_effectiveness_pdf(report: EffectivenessReport, target: Path, organisation: str, signer: str = "", *,
                             executor: str = "") -> Path:
    from reportlab.platypus import Paragraph

    from app.reports.pdf_layout import (
        PdfStyles,
        build_pdf,
        pdf_table,
        pdf_text,
        report_heading,
        section_heading,
        signed,
    )

    styles = PdfStyles()
    sections = []
    for title, headers, rows, note in report_sections(report):
        widths = _widths(headers)
        part: list[Any] = [*section_heading(styles, title)]
        if rows:
            part.append(pdf_table(styles, [list(headers)], [list(row) for row in rows], widths))
        else:
            part.append(Paragraph("Нет данных за период.", styles.body))
        if note:
            part.append(Paragraph(pdf_text(note), styles.note))
        sections.append(part)
    story = [*report_heading(styles, organisation, REPORT_TITLE, report.period),
             *signed(styles, sections, signer, executor)]
    return build_pdf(Path(target), story, styles, title=f"{REPORT_TITLE} за {report.period.title}",
                     author=organisation, landscape=True)
