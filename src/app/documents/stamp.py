"""A short line printed on every file of one export (the audit log's chain head, see app.core.audit.head_stamp).

The reports have ten writers (three formats, four kinds) that all end in the same three places — `render_docx`,
`save_workbook` and `reports.pdf_layout.build_pdf` — so the line is set once around the writing
(`with stamped(text): write_report(...)`) and those three places print it, instead of threading one more
argument through every writer. Nothing is printed outside such a block (visit acts, route sheets, previews).
The value is per thread of control (a ContextVar), so the GUI's worker and a CLI run never see each other's.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_STAMP: ContextVar[str] = ContextVar("opora_document_stamp", default="")
STAMP_POINTS = 7  # small and grey: it is for checking, not for reading
STAMP_COLOR = "808080"


@contextmanager
def stamped(text: str) -> Iterator[None]:
    token = _STAMP.set(text)
    try:
        yield
    finally:
        _STAMP.reset(token)


def current_stamp() -> str:
    return _STAMP.get()


def stamp_docx(document: object) -> None:
    """Append the stamp as the document's last paragraph (python-docx Document), when one is set."""
    text = current_stamp()
    if not text:
        return
    from docx.shared import Pt, RGBColor

    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.space_before = Pt(12)
    run = paragraph.add_run(text)
    run.font.size = Pt(STAMP_POINTS)
    run.font.color.rgb = RGBColor.from_string(STAMP_COLOR)


def stamp_workbook(book: object) -> None:
    """A last line under each sheet's content and the sheet's printed footer (openpyxl Workbook)."""
    text = current_stamp()
    if not text:
        return
    from openpyxl.styles import Font

    for sheet in book.worksheets:  # type: ignore[attr-defined]
        cell = sheet.cell(row=sheet.max_row + 2, column=1, value=text)
        cell.font = Font(size=STAMP_POINTS, color=STAMP_COLOR)
        sheet.oddFooter.left.text = text
        sheet.oddFooter.left.size = STAMP_POINTS

