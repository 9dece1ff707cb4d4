"""Page and text setup of generated Word documents after ГОСТ Р 7.0.97 (used by template builders
and by documents built in code): margins 20/10/20/20 mm, Times-metric 14 pt, indent 1.25 cm."""

from __future__ import annotations

import re
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
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


# --- the layout rules finished on every generated document ---------------------------------------------------

SIGNATURE_STYLE = "Opora Signature"  # paragraphs of a signature block (in templates: a user may restyle them)
PAGE_NUMBER_PT = 12
NBSP = "\u00a0"
# «г. Новосаянск», «с. Соболиный», «ул. Ленина», «№ 5», «2026 г.», «И.В. Соколова», «Соколова И.В.»: the
# abbreviation or the initials stay on the line of the word they belong to.
_ABBREVIATION = re.compile(r"(?<![\w.])(г|гор|с|д|п|пос|пгт|рп|ст|х|ул|пер|пр|кв|корп|стр|тел|им|т|см)\. (?=[\w«\d])",
                           re.IGNORECASE)
_NUMBER_SIGN = re.compile(r"№ (?=\S)")
_PERCENT = re.compile(r"(\d) (?=%)")
_YEAR = re.compile(r"(\d) (?=(г|гг|год|года)\.?(?!\w))")
_INITIALS_FIRST = re.compile(r"(?<!\w)([А-ЯЁ]\.(?: ?[А-ЯЁ]\.)?) (?=[А-ЯЁ][а-яё])")
_INITIALS_AFTER = re.compile(r"([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?) (?=[А-ЯЁ]\.(?: ?[А-ЯЁ]\.)?)")


def non_breaking(text: str) -> str:
    """`text` with no-break spaces where Russian typography keeps two words on one line."""
    text = _ABBREVIATION.sub(lambda match: match.group(0)[:-1] + NBSP, text)
    text = _NUMBER_SIGN.sub("№" + NBSP, text)
    text = _PERCENT.sub(lambda match: match.group(1) + NBSP, text)
    text = _YEAR.sub(lambda match: match.group(1) + NBSP, text)
    text = _INITIALS_FIRST.sub(lambda match: match.group(1) + NBSP, text)
    return _INITIALS_AFTER.sub(lambda match: match.group(1) + NBSP, text)



def add_signature_style(document: Any) -> Any:
    """The paragraph style that marks a signature block in a template (based on Normal, no indent)."""
    from docx.enum.style import WD_STYLE_TYPE

    styles = document.styles
    if SIGNATURE_STYLE in [style.name for style in styles]:
        return styles[SIGNATURE_STYLE]
    style = styles.add_style(SIGNATURE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.paragraph_format.first_line_indent = Cm(0)
    style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    return style


def mark_signature(item: Any) -> None:
    """Mark a paragraph, or every paragraph of a table, as part of the signature block."""
    paragraphs = [paragraph for row in item.rows for cell in row.cells for paragraph in cell.paragraphs] \
        if hasattr(item, "rows") else [item]
    for paragraph in paragraphs:
        paragraph.style = add_signature_style(paragraph.part.document)


def _on(parent: Any, tag: str) -> Any:
    """The child `tag` of `parent` (created), set to true."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        parent.append(child)
    child.set(qn("w:val"), "true")
    return child


def _row_properties(row: Any) -> Any:
    return row._tr.get_or_add_trPr()


def _table_paragraphs(table: Any, rows: Any = None) -> list[Any]:
    return [paragraph for row in (rows if rows is not None else table.rows) for cell in row.cells
            for paragraph in cell.paragraphs]


def _has_page_field(header: Any) -> bool:
    return any("PAGE" in (node.text or "") for node in header._element.iter(qn("w:instrText"))) or any(
        "PAGE" in (node.get(qn("w:instr")) or "") for node in header._element.iter(qn("w:fldSimple")))


def _page_number_header(document: Any) -> None:
    """Page numbers from the second page, centred in the top margin (ГОСТ Р 7.0.97, п. 6.4)."""
    for section in document.sections:
        section.different_first_page_header_footer = True
        header = section.header
        header.is_linked_to_previous = False
        if _has_page_field(header):
            continue
        paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Cm(0)
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
            run = paragraph.add_run()
            run.font.size = Pt(PAGE_NUMBER_PT)
            if kind:
                field = OxmlElement("w:fldChar")
                field.set(qn("w:fldCharType"), kind)
                run._r.append(field)
            elif text == " PAGE ":
                instruction = OxmlElement("w:instrText")
                instruction.set(qn("xml:space"), "preserve")
                instruction.text = text
                run._r.append(instruction)
            else:
                run.text = text


def _body_items(document: Any) -> list[Any]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    items: list[Any] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            items.append(Paragraph(child, document._body))
        elif child.tag == qn("w:tbl"):
            items.append(Table(child, document._body))
    return items


def _is_signature(item: Any) -> bool:
    paragraphs = _table_paragraphs(item) if hasattr(item, "rows") else [item]
    return any(paragraph.style is not None and paragraph.style.name == SIGNATURE_STYLE for paragraph in paragraphs)


def _is_empty(item: Any) -> bool:
    return not hasattr(item, "rows") and not item.text.strip()


def _keep_with_next(item: Any) -> None:
    """A paragraph keeps with the next one; a table keeps its last row with what follows it."""
    if hasattr(item, "rows"):
        for paragraph in _table_paragraphs(item, item.rows[-1:]):
            paragraph.paragraph_format.keep_with_next = True
    else:
        item.paragraph_format.keep_with_next = True


def finish_layout(document: Any) -> None:
    """The ГОСТ Р 7.0.97 rules every generated document gets after its template is filled.

    Page numbers from the second page in the top margin; table rows never split between pages, a
    bordered table's first row repeated on every page; a paragraph right before a table kept with it
    (headings stay with their tables); the signature block kept together and with the text before it;
    no-break spaces in «г. Новосаянск», «№ 5», «2026 г.», «И.В. Соколова».
    """
    _page_number_header(document)
    items = _body_items(document)
    for index, item in enumerate(items):
        if not hasattr(item, "rows"):
            continue
        for row in item.rows:
            _on(_row_properties(row), "w:cantSplit")
        bordered = item.style is not None and item.style.name == "Table Grid"
        if bordered and len(item.rows) > 1:
            _on(_row_properties(item.rows[0]), "w:tblHeader")
        before = items[index - 1] if index else None
        if before is not None and not hasattr(before, "rows") and before.text.strip():
            before.paragraph_format.keep_with_next = True
    signature = [index for index, item in enumerate(items) if _is_signature(item)]
    if signature:
        first, last = signature[0], signature[-1]
        for item in items[first:last + 1]:
            if hasattr(item, "rows"):  # a signature table stays whole (every row keeps with the next one)
                for paragraph in _table_paragraphs(item, item.rows[:-1]):
                    paragraph.paragraph_format.keep_with_next = True
        for item in items[first:last]:
            _keep_with_next(item)
        previous = first - 1
        while previous >= 0 and _is_empty(items[previous]):
            _keep_with_next(items[previous])
            previous -= 1
        if previous >= 0:
            _keep_with_next(items[previous])
    for node in document.element.body.iter(qn("w:t")):
        if node.text and " " in node.text:
            node.text = non_breaking(node.text)
