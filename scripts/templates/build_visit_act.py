"""Build resources/templates/visit_act.docx, the «Акт обследования условий жизни семьи» template.

Run from the repository root: `.venv/bin/python scripts/templates/build_visit_act.py`. The template is
filled by app.visits.act (docxtpl, Jinja tags; {%tr %} and {%p %} loops repeat table rows and
paragraphs). A coordinator may copy the result into the user templates folder and edit the wording.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from app.documents.docx_layout import TABLE_PT, apply_gost_layout, mark_signature  # noqa: E402

TARGET = ROOT / "resources" / "templates" / "visit_act.docx"


def _paragraph(document: Any, text: str = "", *, bold: bool = False, center: bool = False, indent: bool = True,
               space_before: int = 0, size: int | None = None) -> Any:
    paragraph = document.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if center or not indent:
        paragraph.paragraph_format.first_line_indent = Cm(0)
    if space_before:
        paragraph.paragraph_format.space_before = Pt(space_before)
    return paragraph


def _labelled(document: Any, label: str, value: str, space_before: int = 0) -> Any:
    """«Label: value» with the label in bold."""
    paragraph = _paragraph(document, space_before=space_before)
    paragraph.add_run(label).bold = True
    paragraph.add_run(value)
    return paragraph


def _cell(cell: Any, text: str, *, bold: bool = False, center: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.first_line_indent = Cm(0)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(TABLE_PT)


def _loop_table(document: Any, headers: list[str] | None, loop: str, cells: list[str], widths: list[float],
                style: str | None = "Table Grid") -> Any:
    """A table whose body row repeats with docxtpl's {%tr for … %} … {%tr endfor %}."""
    rows = 3 + (1 if headers else 0)
    table = document.add_table(rows=rows, cols=len(cells))
    if style:
        table.style = style
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    offset = 0
    if headers:
        for column, header in enumerate(headers):
            _cell(table.rows[0].cells[column], header, bold=True, center=True)
        offset = 1
    _cell(table.rows[offset].cells[0], "{%tr " + loop + " %}")
    for column, text in enumerate(cells):
        _cell(table.rows[offset + 1].cells[column], text, center=column == 0 and headers is not None)
    _cell(table.rows[offset + 2].cells[0], "{%tr endfor %}")
    _widths(table, widths)
    return table


def _widths(table: Any, widths: list[float]) -> None:
    """Fixed column widths: the grid for LibreOffice, the cells for Word."""
    table.autofit = False
    for column, width in enumerate(widths):
        table.columns[column].width = Cm(width)
        for cell in table.columns[column].cells:
            cell.width = Cm(width)


def build() -> Path:
    document = Document()
    apply_gost_layout(document)

    # Heading: the organisation and the office.
    _paragraph(document, "{{ organization.name }}", bold=True, center=True, size=12)
    _paragraph(document, "{% if office %}{{ office }}{% endif %}", center=True, size=12)
    _paragraph(document, "АКТ{% if visit.number %} № {{ visit.number }}{% endif %}", bold=True, center=True,
               space_before=18)
    _paragraph(document, "обследования условий жизни семьи {{ family.genitive }}", bold=True, center=True)

    _labelled(document, "Дата обследования: ",
              "{{ visit.date|date }}{% if visit.time %}, время: {{ visit.time }}{% endif %}", space_before=12)
    _labelled(document, "Место проведения (адрес семьи): ",
              "{{ family.address or 'адрес не указан' }}{% if family.phone %}, тел. {{ family.phone }}{% endif %}")
    _labelled(document, "Цель посещения: ", "{{ visit.purpose }}")
    _labelled(document, "Форма работы: ", "{{ visit.mode }}")
    _labelled(document, "Обследование провели:", "")
    _paragraph(document, "{%p for s in specialists %}")
    _paragraph(document, "{{ s.position_title }} {{ s.name }}{{ ';' if not loop.last else '.' }}")
    _paragraph(document, "{%p endfor %}")

    _paragraph(document, "Состав семьи", bold=True, center=True, space_before=12)
    _loop_table(document, ["№", "Фамилия, имя, отчество", "Дата рождения", "Роль в семье"],
                "for m in members", ["{{ loop.index }}", "{{ m.name }}", "{{ m.birth_date|date }}", "{{ m.role }}"],
                [1.2, 8.5, 3.3, 5.0])

    _paragraph(document, "{%p for section in sections %}")
    _paragraph(document, "{{ loop.index }}. {{ section.title }}", bold=True, space_before=12)
    _paragraph(document, "{%p for text in section.paragraphs %}")
    _paragraph(document, "{{ text }}")
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p endfor %}")

    _paragraph(document, "{%p if services %}")
    _labelled(document, "Предоставленные в ходе посещения услуги:", "", space_before=12)
    _paragraph(document, "{%p for s in services %}")
    _paragraph(document, "{{ s.name }}{% if s.recipient %} ({{ s.recipient }}){% endif %} — {{ s.quantity }}"
                         "{{ ';' if not loop.last else '.' }}")
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p endif %}")

    _labelled(document, "Дата следующего посещения: ", "{{ (visit.next_date|date) or 'не назначена' }}",
              space_before=12)

    signatures = [_paragraph(document, "Подписи специалистов, проводивших обследование:", indent=False,
                             space_before=18)]
    signatures.append(_loop_table(document, None, "for s in specialists",
                                  ["{{ s.position_title }}", "________________", "{{ s.signature }}"],
                                  [8.0, 4.5, 5.5], style=None))

    signatures.append(_paragraph(document, "С актом ознакомлен(а):", indent=False, space_before=18))
    table = document.add_table(rows=1, cols=3)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, text in enumerate(("Законный представитель", "________________",
                                   "{{ representative.signature or '________________' }}")):
        _cell(table.rows[0].cells[column], text)
    _widths(table, [8.0, 4.5, 5.5])
    signatures.append(table)
    signatures.append(_paragraph(document, "«____» ______________ 20___ г.", indent=False, space_before=6))
    for item in signatures:
        mark_signature(item)

    TARGET.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(TARGET))
    return TARGET


if __name__ == "__main__":
    print(build())
