"""Build resources/templates/rehab_card.docx: the per-child rehabilitation card (after Приказ Минтруда
№ 445н) as a docxtpl template. Run: `.venv/bin/python scripts/templates/build_rehab_card.py`.

Table rows repeat with docxtpl's {%tr %} loops; the layout follows ГОСТ Р 7.0.97 (app.documents.docx_layout).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from app.documents.docx_layout import TABLE_PT, apply_gost_layout, mark_signature  # noqa: E402

TARGET = ROOT / "resources" / "templates" / "rehab_card.docx"


def paragraph(document: Any, text: str = "", *, bold: bool = False, center: bool = False, indent: bool = False,
              size: int | None = None, after: int = 0) -> Any:
    p = document.add_paragraph()
    if not indent:
        p.paragraph_format.first_line_indent = Cm(0)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(after)
    run = p.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    return p


def table(document: Any, headers: list[str], widths: list[float], loop: str, cells: list[str],
          total: list[str] | None = None) -> Any:
    rows = 3 + (1 if total else 0)
    t = document.add_table(rows=rows, cols=len(headers))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for column, width in zip(t.columns, widths, strict=True):
        column.width = Cm(width)  # the grid LibreOffice and Word lay the table out by
    # The loop rows: docxtpl removes the {%tr %} rows and repeats the one between them.
    texts = [headers, [f"{{%tr for {loop} %}}"] + [""] * (len(headers) - 1), cells]
    if total:
        texts.append(total)
    texts.insert(3, ["{%tr endfor %}"] + [""] * (len(headers) - 1))
    while len(t.rows) < len(texts):
        t.add_row()
    for r, values in enumerate(texts):
        for c, value in enumerate(values):
            cell = t.rows[r].cells[c]
            cell.width = Cm(widths[c])
            p = cell.paragraphs[0]
            p.paragraph_format.first_line_indent = Cm(0)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if r == 0 or c != 1 else WD_ALIGN_PARAGRAPH.LEFT
            run = p.add_run(value)
            run.font.size = Pt(TABLE_PT)
            run.bold = r == 0 or (total is not None and r == len(texts) - 1)
    header = OxmlElement("w:tblHeader")  # the header row repeats on every page
    header.set(qn("w:val"), "true")
    t.rows[0]._tr.get_or_add_trPr().append(header)
    return t


def build(target: Path = TARGET) -> Path:
    document = Document()
    apply_gost_layout(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    paragraph(document, "{{ organization }}", center=True, size=12, after=12)
    paragraph(document, "РЕАБИЛИТАЦИОННАЯ КАРТА", bold=True, center=True)
    paragraph(document, "ребёнка — получателя социальных услуг", center=True, after=12)
    paragraph(document, "Ребёнок: {{ child.name }}{% if child.birth_date %}, дата рождения "
                        "{{ child.birth_date }}{% endif %}")
    paragraph(document, "Период: с {{ date_from|date }} по {{ date_to|date }}")
    for key, label in (("ipra", "ИПРА"), ("diagnoses", "Диагноз"),
                       ("limitations", "Степень ограничения основных категорий жизнедеятельности")):
        paragraph(document, "{%p if profile." + key + " %}")
        paragraph(document, label + ": {{ profile." + key + " }}")
        paragraph(document, "{%p endif %}")
    paragraph(document, "", after=6)
    paragraph(document, "1. Услуги и посещаемость", bold=True, after=6)
    table(document, ["№", "Услуга", "Специалист", "Запла\u00adниро\u00adвано", "Посе\u00adщено",
                     "Про\u00adпущено", "Посеща\u00adемость"], [1.0, 10.0, 6.8, 2.4, 2.0, 2.0, 2.4],
          "g in groups",
          ["{{ g.n }}", "{{ g.service }}", "{{ g.specialist }}, {{ g.position|lower }}", "{{ g.planned }}",
           "{{ g.attended }}", "{{ g.absent }}", "{{ g.rate }}"],
          ["", "Итого", "", "{{ total.planned }}", "{{ total.attended }}", "{{ total.absent }}",
           "{{ total.rate }}"])
    paragraph(document, "", after=6)
    paragraph(document, "2. Журнал занятий", bold=True, after=6)
    table(document, ["№", "Услуга", "Дата", "Время", "Специалист", "Форма", "Отметка"],
          [1.0, 8.0, 2.6, 2.0, 4.0, 5.0, 4.0], "s in sessions",
          ["{{ s.n }}", "{{ s.service }}", "{{ s.date }}", "{{ s.time }}", "{{ s.specialist }}", "{{ s.form }}",
           "{{ s.mark }}"])
    paragraph(document, "", after=6)
    paragraph(document, "3. Результаты курса", bold=True, after=6)
    paragraph(document, "{{ results }}", after=6)
    paragraph(document, "{%p for c in courses %}")
    paragraph(document, "{{ c }}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "", after=6)
    mark_signature(paragraph(document, "Специалист, ответственный за реабилитацию  ____________  "
                                       "/______________________/"))
    mark_signature(paragraph(document, "Дата составления: {{ today|longdate }}"))
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return target


if __name__ == "__main__":
    print(build())
