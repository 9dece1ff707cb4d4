"""ГОСТ Р 7.0.97 layout rules checked on a generated Word document, reopened with python-docx.

`assert_gost_layout(path)` is called by the test of every document the app writes (quarterly, events and
indicators reports, visit act, route sheet, rehabilitation card, information note).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from app.documents.docx_layout import SIGNATURE_STYLE
from app.documents.pdf_fonts import register_pdf_fonts

CELL_MARGIN_PT = 5.4 * 2  # Word's default left and right cell margins (0.19 cm each)
HARD_HYPHEN = re.compile(r"[а-яё]-\s*[а-яё]")  # «Дистан-ционно», «Запла-\nнировано»: broken by hand


def _items(document: Any) -> list[Any]:
    items: list[Any] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            items.append(Paragraph(child, document._body))
        elif child.tag == qn("w:tbl"):
            items.append(Table(child, document._body))
    return items


def _fields(part: Any) -> str:
    return " ".join(node.text or "" for node in part._element.iter(qn("w:instrText")))


def _size_pt(run: Any, paragraph: Any, document: Any) -> float:
    for size in (run.font.size, paragraph.style.font.size if paragraph.style is not None else None,
                 document.styles["Normal"].font.size):
        if size is not None:
            return size.pt
    return 12.0


def _bold(run: Any, paragraph: Any) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    return bool(paragraph.style is not None and paragraph.style.font.bold)


def _kept(item: Any) -> bool:
    if isinstance(item, Table):
        return all(p.paragraph_format.keep_with_next for cell in item.rows[-1].cells for p in cell.paragraphs)
    return bool(item.paragraph_format.keep_with_next)


def words_too_wide(document: Any) -> list[str]:
    """Words of table cells wider than their column (they would break mid-word), as «word (column width)»."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    regular, bold = register_pdf_fonts()
    found = []
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell.width is None:
                    continue
                room = cell.width.pt - CELL_MARGIN_PT
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        size = _size_pt(run, paragraph, document)
                        font = bold if _bold(run, paragraph) else regular
                        # Lines may break at spaces, soft hyphens and after the hyphen of «педагог-психолог».
                        # A no-break space joins «И.В.\u00a0Соколова» into one unbreakable piece.
                        for word in re.split(r"[ \t\n\u00ad\u200b]+", run.text.replace("-", "- ")):
                            if word and stringWidth(word, font, size) > room:
                                found.append(f"{word} ({cell.width.cm:.1f} см)")
    return found


def assert_gost_layout(path: Path, *, signature: bool = True) -> None:
    document = Document(str(path))
    for section in document.sections:
        margins = [round(value.mm) for value in (section.left_margin, section.right_margin, section.top_margin,
                                                 section.bottom_margin)]
        assert margins in ([20, 10, 20, 20], [30, 10, 20, 20]), margins
        # Page numbers from the second page, centred in the top margin.
        assert section.different_first_page_header_footer
        assert "PAGE" in _fields(section.header)
        assert any(p.alignment == 1 for p in section.header.paragraphs if "PAGE" in _fields(section.header))
        assert "PAGE" not in _fields(section.first_page_header)

    items = _items(document)
    for index, item in enumerate(items):
        if not isinstance(item, Table):
            continue
        for row in item.rows:  # no row splits across pages
            assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
        bordered = item.style is not None and item.style.name == "Table Grid"
        if bordered and len(item.rows) > 1:
            header = item.rows[0]
            assert header._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
            for cell in header.cells:
                assert not HARD_HYPHEN.search(cell.text.lower()), cell.text
        before = items[index - 1] if index else None
        if isinstance(before, Paragraph) and before.text.strip():
            assert before.paragraph_format.keep_with_next, before.text  # a heading stays with its table

    marked = [index for index, item in enumerate(items)
              if any(p.style is not None and p.style.name == SIGNATURE_STYLE
                     for p in ([c for row in item.rows for cell in row.cells for c in cell.paragraphs]
                               if isinstance(item, Table) else [item]))]
    if signature:
        assert marked, "no signature block"
        first = marked[0]
        for item in items[first:marked[-1]]:
            assert _kept(item), f"{path.name}: the signature block is not kept together"
        for item in items[first:marked[-1] + 1]:
            if isinstance(item, Table):  # no signature row left alone on a page
                assert all(p.paragraph_format.keep_with_next for row in item.rows[:-1] for cell in row.cells
                           for p in cell.paragraphs), f"{path.name}: a signature table may split"
        previous = first - 1
        while previous >= 0 and isinstance(items[previous], Paragraph) and not items[previous].text.strip():
            assert _kept(items[previous])
            previous -= 1
        assert previous < 0 or _kept(items[previous]), f"{path.name}: the signature is not kept with the text"

    too_wide = words_too_wide(document)
    assert not too_wide, f"{path.name}: words wider than their column: {too_wide}"


def xlsx_header_problems(path: Path) -> list[str]:
    """Header cells of every sheet whose words do not fit their column or whose row is too low to show
    every wrapped line (a bold header character taken as 1.25 width units, 15 points a line)."""
    from openpyxl import load_workbook

    problems = []
    book = load_workbook(path)
    for sheet in book.worksheets:
        rows = sheet.print_title_rows
        if not rows:
            continue
        row = int(str(rows).split(":")[0].lstrip("$"))
        height = sheet.row_dimensions[row].height or 15
        for cell in sheet[row]:
            if not isinstance(cell.value, str):
                continue
            width = sheet.column_dimensions[cell.column_letter].width
            per_line = int(width * 0.85)
            words = cell.value.split()
            long = [word for word in words if len(word) > per_line]
            lines, used = 1, 0
            for word in words:
                if used and used + 1 + len(word) > per_line:
                    lines, used = lines + 1, 0
                used += (1 if used else 0) + len(word)
            if long or lines * 15 > height:
                problems.append(f"{sheet.title}!{cell.coordinate} «{cell.value}»: {long or f'{lines} lines'}")
    return problems
