"""Page and text setup of generated Word documents after ГОСТ Р 7.0.97 (used by template builders
and by documents built in code): margins 20/10/20/20 mm, Times-metric 14 pt, indent 1.25 cm."""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

# Word users have Times New Roman; LibreOffice substitutes the metric-compatible Liberation Serif
# (shipped in resources/fonts for PDF output). The font is named, never shipped.
DOCUMENT_FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12


def apply_gost_layout(document: Any, *, long_kept: bool = False) -> None:
    """Margins, body font and paragraph indent of a python-docx Document."""
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = Mm(30 if long_kept else 20)
        section.right_margin = Mm(10)
        section.top_margin = Mm(20)
        section.bottom_margin = Mm(20)
    normal = document.styles["Normal"]
    normal.font.name = DOCUMENT_FONT
    normal.font.size = Pt(BODY_PT)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), DOCUMENT_FONT)  # Cyrillic text uses the hAnsi/cs slots
    paragraph = normal.paragraph_format
    paragraph.first_line_indent = Cm(1.25)
    paragraph.space_after = Pt(0)
    paragraph.line_spacing = 1.0
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
