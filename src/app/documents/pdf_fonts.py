"""Shipped TrueType fonts for PDF documents made with reportlab.

reportlab's built-in Type 1 fonts have no Cyrillic glyphs (Russian text comes out as boxes), so
every PDF uses fonts from `resources/fonts`, registered once per process. reportlab is imported
here lazily: the GUI starts without paying for it.
"""

from __future__ import annotations

from functools import cache

from app.core.resources import resources_dir

# Times-metric serif, like the Word documents (ГОСТ Р 7.0.97), with its bold face.
SERIF = "LiberationSerif"
SERIF_BOLD = "LiberationSerif-Bold"
_FILES = {
    SERIF: "LiberationSerif-Regular.ttf",
    SERIF_BOLD: "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic": "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic": "LiberationSerif-BoldItalic.ttf",
}


@cache
def register_pdf_fonts() -> tuple[str, str]:
    """Register the serif family with reportlab (idempotent); returns (regular, bold) font names.

    After this, `<b>` in a Paragraph picks the bold face because the family mapping is registered.
    """
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = resources_dir() / "fonts"
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    addMapping(SERIF, 0, 0, SERIF)
    addMapping(SERIF, 1, 0, SERIF_BOLD)
    addMapping(SERIF, 0, 1, "LiberationSerif-Italic")
    addMapping(SERIF, 1, 1, "LiberationSerif-BoldItalic")
    return SERIF, SERIF_BOLD
