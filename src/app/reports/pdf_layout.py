"""The shared PDF layout of the reports: styles in the shipped serif, bordered tables, signature, page numbers.

Every report PDF is A4 with ГОСТ-like margins (20 mm left, 10 right, 20 top and bottom), a heading
in the registered TrueType serif (reportlab's built-in fonts draw Cyrillic as boxes), tables whose
header repeats on each page, a signature block and «стр. N из M» in the footer.
reportlab is imported inside the functions: the app starts without loading it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from app.core.folders import write_atomically
from app.core.text import format_date
from app.documents.docx_render import signature_name
from app.documents.stamp import STAMP_POINTS, current_stamp
from app.reports.periods import Period

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

CONTENT_WIDTH_MM = 180.0  # A4 (210 mm) less the left (20) and right (10) margins
HEADER_FILL = "#E0E6EA"
TOTAL_FILL = "#F2F4F5"
EXECUTOR = "Исполнитель"
SUB = "    "  # a row label starting with it is a part of the row above: indented
# Figures already written as text («83,3», «−2», «12 %», «—») are aligned right like numbers.
HEADING_ROOM_MM = 45  # a section heading starts a new page when less than this is left under it
FIGURE_TEXT = re.compile(r"[−-]?\d[\d\u00a0 ]*(,\d+)?( %)?|—")


class PdfStyles:
    """Paragraph styles in the registered serif (built once per export, after the fonts are registered)."""

    def __init__(self) -> None:
        from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        from app.documents.pdf_fonts import register_pdf_fonts

        self.regular, self.bold = register_pdf_fonts()
        self.body = ParagraphStyle("body", fontName=self.regular, fontSize=12, leading=15)
        self.centred = ParagraphStyle("centred", parent=self.body, alignment=TA_CENTER)
        self.heading = ParagraphStyle("heading", parent=self.body, fontName=self.bold, fontSize=14, leading=18,
                                      alignment=TA_CENTER, spaceBefore=6, spaceAfter=2)
        self.section = ParagraphStyle("section", parent=self.body, fontName=self.bold, spaceBefore=12,
                                      spaceAfter=4, keepWithNext=1)
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=10, leading=12)
        self.number = ParagraphStyle("number", parent=self.cell, alignment=TA_RIGHT)
        self.head = ParagraphStyle("head", parent=self.cell, fontName=self.bold, fontSize=8, leading=10,
                                   alignment=TA_CENTER)
        self.sub = ParagraphStyle("sub", parent=self.cell, leftIndent=14)
        self.total = ParagraphStyle("total", parent=self.cell, fontName=self.bold)
        self.total_number = ParagraphStyle("total_number", parent=self.number, fontName=self.bold)
        self.small = ParagraphStyle("small", parent=self.body, fontSize=9, leading=11, alignment=TA_CENTER)
        self.note = ParagraphStyle("note", parent=self.small, alignment=TA_LEFT, spaceBefore=2)


def pdf_text(value: str) -> str:
    return escape(value).replace("\n", "<br/>")


def pdf_table(styles: PdfStyles, headers: Sequence[Sequence[str]], rows: Sequence[Sequence[Any]],
           widths_mm: Sequence[float], *, total_rows: int = 0, spans: Sequence[tuple] = ()) -> Any:
    """A bordered table: `headers` (one or more rows, repeated on every page), body rows of text or
    numbers (numbers right-aligned), the last `total_rows` rows bold and shaded."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table, TableStyle

    data: list[list[Any]] = [[Paragraph(pdf_text(h), styles.head) if h else "" for h in row] for row in headers]
    first_total = len(rows) - total_rows
    for index, row in enumerate(rows):
        bold = index >= first_total
        data.append([Paragraph(pdf_text(str(value)), styles.total_number if bold else styles.number)
                     if isinstance(value, int | float) or (isinstance(value, str) and FIGURE_TEXT.fullmatch(value))
                     else Paragraph(pdf_text(str(value).removeprefix(SUB)),
                                    styles.total if bold else styles.sub if str(value).startswith(SUB) else styles.cell)
                     for value in row])
    table = Table(data, colWidths=[w * mm for w in widths_mm], repeatRows=len(headers), hAlign="LEFT")
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#607D8B")),
        ("VALIGN", (0, 0), (-1, len(headers) - 1), "MIDDLE"),
        ("VALIGN", (0, len(headers)), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, len(headers) - 1), colors.HexColor(HEADER_FILL)),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *(("SPAN", *span) for span in spans),
    ]
    if total_rows:
        commands.append(("BACKGROUND", (0, len(headers) + first_total), (-1, -1), colors.HexColor(TOTAL_FILL)))
    table.setStyle(TableStyle(commands))
    return table


def signature_block(styles: PdfStyles, signer: str) -> Any:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table, TableStyle

    rows = [[Paragraph("Руководитель", styles.body), "", "", Paragraph(pdf_text(signature_name(signer)), styles.body)],
            ["", Paragraph("(подпись)", styles.small), "", Paragraph("(И.О. Фамилия)", styles.small)]]
    table = Table(rows, colWidths=[60 * mm, 40 * mm, 10 * mm, 60 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, 0), 0.5, "black"),
                               ("LINEBELOW", (3, 0), (3, 0), 0.5, "black"),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    return table


def numbered_canvas(font: str) -> type[Canvas]:
    """A canvas that holds its pages back until the end, then writes «стр. N из M» on each."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        _pagesize: tuple[float, float]  # set by Canvas (setPageSize); not in types-reportlab

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # Canvas's own page reset; not in types-reportlab

        def save(self) -> None:
            count = len(self._pages)
            stamp = current_stamp()
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(font, 9)
                width = self._pagesize[0]
                self.drawCentredString(20 * mm + (width - 30 * mm) / 2, 10 * mm,
                                       f"стр. {self.getPageNumber()} из {count}")
                if stamp and self.getPageNumber() == count:  # the export's audit head, small, on the last page
                    self.setFont(font, STAMP_POINTS)
                    self.setFillGray(0.5)
                    self.drawString(20 * mm, 5 * mm, stamp)
                super().showPage()
            super().save()

    return NumberedCanvas


def build_pdf(target: Path, story: list[Any], styles: PdfStyles, *, title: str, author: str,
              landscape: bool = False) -> Path:
    """Lay `story` out on A4 pages (a temporary file first, then moved into place); returns `target`."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pagesizes import landscape as turned
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    def build(path: str) -> None:
        document = SimpleDocTemplate(path, pagesize=turned(A4) if landscape else A4, leftMargin=20 * mm,
                                     rightMargin=10 * mm, topMargin=20 * mm, bottomMargin=20 * mm, title=title,
                                     author=author)
        document.build(story, canvasmaker=numbered_canvas(styles.regular))

    write_atomically(target, build)
    return target


def report_heading(styles: PdfStyles, organisation: str, title: str, period: Period | None) -> list[Any]:
    """The organisation, the report's name and its period, centred."""
    from reportlab.platypus import Paragraph, Spacer

    story: list[Any] = [Paragraph(pdf_text(organisation), styles.centred),
                        Paragraph(pdf_text(title), styles.heading)]
    if period is not None and period.title.startswith("с "):  # custom dates: the title already names them
        story.append(Paragraph(pdf_text(f"за период {period.title}"), styles.centred))
    elif period is not None:
        story += [Paragraph(pdf_text(f"за {period.title}"), styles.centred),
                  Paragraph(pdf_text(f"(с {format_date(period.start)} по {format_date(period.end)})"),
                            styles.centred)]
    story.append(Spacer(1, 6))
    return story


def signed(styles: PdfStyles, sections: Sequence[list[Any]], signer: str, executor: str = "") -> list[Any]:
    """The sections in order, the signature (and «Исполнитель: …» under it) kept on a page with the last
    non-empty one."""
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    filled = [section for section in sections if section]
    story = [flowable for section in filled[:-1] for flowable in section]
    last = filled[-1] if filled else []
    tail = [Spacer(1, 18), Paragraph(pdf_text(f"{EXECUTOR}: {executor}"), styles.note)] if executor else []
    return [*story, KeepTogether([*last, Spacer(1, 28), signature_block(styles, signer), *tail])]


def section_heading(styles: PdfStyles, title: str) -> list[Any]:
    """A section's heading before a table that may run over pages.

    Keeping the heading with the whole table (keepWithNext) would move a table too tall for the rest
    of the page to the next one and leave white space under the heading; instead the heading only
    asks for room for itself and a few rows, and the table splits with its header repeated.
    """
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, Paragraph

    loose = ParagraphStyle("section_loose", parent=styles.section, keepWithNext=0)
    return [CondPageBreak(HEADING_ROOM_MM * mm), Paragraph(pdf_text(title), loose)]
