"""Build resources/templates/event_note.docx, the «Информационная справка» about an event.

Run from the repository root: `python scripts/templates/build_event_note.py`. The template is plain
python-docx with docxtpl tags ({{ … }}, {%p … %} paragraph blocks); the context comes from
`app.events.note.event_note_context`. ГОСТ Р 7.0.97 layout, 12 pt in the table of key facts.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from app.documents.docx_layout import TABLE_PT, apply_gost_layout, mark_signature  # noqa: E402

TARGET = ROOT / "resources" / "templates" / "event_note.docx"
FACTS = (
    ("Вид мероприятия", "{{ type }}"),
    ("Дата проведения", "{{ dates }}"),
    ("Место проведения", "{{ place or '—' }}"),
    ("Формат", "{{ format }}"),
    ("Участников всего", "{{ total }}"),
)


def _centered(document: Any, text: str = "", *, bold: bool = False, space_after: int = 0) -> Any:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Cm(0)
    paragraph.paragraph_format.space_after = Pt(space_after)
    if text:
        paragraph.add_run(text).bold = bold
    return paragraph


def _plain(document: Any, text: str, *, bold: bool = False, indent: bool = True, space_before: int = 0) -> Any:
    paragraph = document.add_paragraph()
    if not indent:
        paragraph.paragraph_format.first_line_indent = Cm(0)
    paragraph.paragraph_format.space_before = Pt(space_before)
    paragraph.add_run(text).bold = bold
    return paragraph


def _tag(document: Any, tag: str) -> None:
    """A paragraph holding only a docxtpl {%p %} tag: removed when the template is filled."""
    _plain(document, tag, indent=False)


def _lines_block(document: Any, name: str, heading: str) -> None:
    _tag(document, f"{{%p if {name} %}}")
    _plain(document, heading, bold=True, indent=False, space_before=6)
    _tag(document, f"{{%p for line in {name} %}}")
    _plain(document, "{{ line }}")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endif %}")


def _facts_table(document: Any) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for label, value in FACTS:
        cells = table.add_row().cells
        for cell, text, bold in ((cells[0], label, True), (cells[1], value, False)):
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.first_line_indent = Cm(0)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            run = paragraph.add_run(text)
            run.bold = bold
            run.font.size = Pt(TABLE_PT)
    table.autofit = False
    for column, width in zip(table.columns, (Cm(5.5), Cm(12.5)), strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def build(target: Path = TARGET) -> Path:
    document = Document()
    apply_gost_layout(document)
    _centered(document, "{{ organization }}", bold=True)
    _tag(document, "{%p if office %}")
    _centered(document, "{{ office }}")
    _tag(document, "{%p endif %}")
    _centered(document)
    _centered(document, "ИНФОРМАЦИОННАЯ СПРАВКА", bold=True)
    _centered(document, "о мероприятии {{ quoted_title }}", space_after=12)
    _facts_table(document)
    _centered(document)
    _plain(document, "{{ lead }}")
    _tag(document, "{%p if organisers %}")
    _plain(document, "Организаторы мероприятия: {{ organisers }}.")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p if partners %}")
    _plain(document, "Партнёрами в организации мероприятия выступили: {{ partners }}.")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p if people %}")
    _plain(document, "{{ people }}")
    _tag(document, "{%p endif %}")
    _lines_block(document, "description", "Содержание мероприятия")
    _lines_block(document, "resolution", "Итоги и решения")
    _lines_block(document, "materials", "Материалы мероприятия")
    _centered(document)
    _tag(document, "{%p if director %}")
    signature = _plain(document, "Директор\t{{ director|signature }}", indent=False, space_before=12)
    signature.alignment = WD_ALIGN_PARAGRAPH.LEFT
    signature.paragraph_format.tab_stops.add_tab_stop(Cm(18), WD_TAB_ALIGNMENT.RIGHT)
    mark_signature(signature)
    _tag(document, "{%p endif %}")
    compiled = _plain(document, "Справка составлена {{ compiled_on }}", indent=False, space_before=12)
    mark_signature(compiled)
    compiled.alignment = WD_ALIGN_PARAGRAPH.LEFT
    compiled.runs[0].font.size = Pt(TABLE_PT)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return target


if __name__ == "__main__":
    print(build())
