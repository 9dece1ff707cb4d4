"""Build resources/templates/route_sheet.docx, the route sheet of a mobile-brigade trip.

Run from the checkout: `.venv/bin/python scripts/templates/build_route_sheet.py`. The template is
made with python-docx and carries docxtpl tags; `app.trips.route_sheet.sheet_context` fills it. A user may
copy the result into `<data dir>/templates` and edit it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from app.documents.docx_layout import TABLE_PT, apply_gost_layout, mark_signature  # noqa: E402

TARGET = ROOT / "resources" / "templates" / "route_sheet.docx"
COLUMNS = [  # header, width in cm, cell text
    ("№", 0.9, "{{ f.number }}"),
    ("Семья (ФИО)", 3.5, "{{ f.title }}"),
    ("Адрес", 3.6, "{{ f.address }}"),
    ("Телефон", 2.6, "{{ f.phone }}"),
    ("Планируемая работа", 3.9, "{{ f.planned_work }}"),
    ("Отметка о выполнении", 3.5, ""),
]


def paragraph(document: Any, text: str = "", *, bold: bool = False, center: bool = False, indent: bool = False,
              size: int | None = None, space_before: int = 0) -> Any:
    p = document.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    if not indent:
        p.paragraph_format.first_line_indent = Cm(0)
    p.paragraph_format.space_before = Pt(space_before)
    return p


def labelled(document: Any, label: str, value: str) -> Any:
    p = paragraph(document)
    p.add_run(label).bold = True
    p.add_run(value)
    return p


def cell_text(cell: Any, text: str, *, bold: bool = False, center: bool = False) -> None:
    p = cell.paragraphs[0]
    p.paragraph_format.first_line_indent = Cm(0)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    if text:
        run = p.add_run(text)
        run.bold = bold
        run.font.size = Pt(TABLE_PT)


def repeat_header(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def stop_table(document: Any) -> None:
    table = document.add_table(rows=4, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for index, (header, width, text) in enumerate(COLUMNS):
        table.columns[index].width = Cm(width)  # the grid LibreOffice reads
        for row in table.rows:
            row.cells[index].width = Cm(width)
        cell_text(table.rows[0].cells[index], header, bold=True, center=True)
        cell_text(table.rows[2].cells[index], text, center=index == 0)
    repeat_header(table.rows[0])
    # docxtpl's {%tr %} rows: the tag's row is replaced by the tag, so rows 1 and 3 vanish.
    cell_text(table.rows[1].cells[0], "{%tr for f in stop.families %}")
    cell_text(table.rows[3].cells[0], "{%tr endfor %}")


# The brigade's sessions on the trip (RehabSession.trip_id): header, width in cm, cell; 18.0 cm in all.
SESSION_COLUMNS = (
    ("№", 1.0, "{{ loop.index }}"),
    ("Время", 1.9, "{{ x.time }}"),
    ("Ребёнок", 3.6, "{{ x.child }}"),
    ("Услуга (занятие)", 5.2, "{{ x.service }}"),
    ("Специалист", 3.7, "{{ x.specialist }}"),
    ("Отметка", 2.6, "{{ x.mark }}"),
)


def sessions_table(document: Any) -> None:
    table = document.add_table(rows=4, cols=len(SESSION_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for index, (header, width, text) in enumerate(SESSION_COLUMNS):
        table.columns[index].width = Cm(width)
        for row in table.rows:
            row.cells[index].width = Cm(width)
        cell_text(table.rows[0].cells[index], header, bold=True, center=True)
        cell_text(table.rows[2].cells[index], text, center=index < 2)
    repeat_header(table.rows[0])
    cell_text(table.rows[1].cells[0], "{%tr for x in sessions %}")
    cell_text(table.rows[3].cells[0], "{%tr endfor %}")


def build(target: Path = TARGET) -> Path:
    document = Document()
    apply_gost_layout(document)
    paragraph(document, "{{ organization }}", center=True, size=12)
    paragraph(document, "{{ office }}", center=True, size=12)
    paragraph(document, "{{ title }} № {{ number }}", bold=True, center=True, space_before=12)
    paragraph(document, "от {{ trip_date|date }}", bold=True, center=True)
    labelled(document, "Дата выезда: ", "{{ trip_date|longdate }}").paragraph_format.space_before = Pt(12)
    labelled(document, "Транспорт: ", "{{ vehicle or '—' }}")
    labelled(document, "Выезд: ", "{{ departs_at or '—' }}; возвращение: {{ returns_at or '—' }}")
    labelled(document, "Протяжённость маршрута: ",
             "{{ distance or '—' }}{% if distance_note %} ({{ distance_note }}){% endif %}")
    labelled(document, "Состав бригады:", "")
    paragraph(document, "{%p for m in members %}")
    paragraph(document, "{{ loop.index }}. {{ m.name }} — {{ m.position }}")
    paragraph(document, "{%p endfor %}")
    labelled(document, "Маршрут: ", "{{ route }}")
    paragraph(document, "{%p for stop in stops %}")
    paragraph(document, "{{ stop.number }}. {{ stop.settlement }} ({{ stop.district }})"
                        "{% if stop.distance %} — {{ stop.distance }} от отделения{% endif %}")
    paragraph(document, "{%p endfor %}")
    labelled(document, "Семей в маршрутном листе: ", "{{ family_count }}")

    paragraph(document, "{%p for stop in stops %}")
    paragraph(document, "Пункт {{ stop.number }}. {{ stop.settlement }}"
                        "{% if stop.distance %}, {{ stop.distance }}{% endif %}", bold=True, space_before=12)
    paragraph(document, "{%p if stop.families %}")
    stop_table(document)
    paragraph(document, "{%p else %}")
    paragraph(document, "Семьи в этом пункте не запланированы.")
    paragraph(document, "{%p endif %}")
    paragraph(document, "{%p endfor %}")

    paragraph(document, "{%p if sessions %}")
    paragraph(document, "Занятия, проведённые бригадой на выезде", bold=True, space_before=12)
    sessions_table(document)
    paragraph(document, "{%p endif %}")

    paragraph(document, "{%p if notes %}")
    labelled(document, "Примечание: ", "{{ notes }}").paragraph_format.space_before = Pt(12)
    paragraph(document, "{%p endif %}")
    signatures = [paragraph(document, "Заведующий отделением  ______________  /  ______________________",
                            space_before=24)]
    signatures.append(paragraph(document, "(подпись)                        (И.О. Фамилия)", size=10))
    signatures[-1].paragraph_format.left_indent = Cm(6)
    signatures.append(paragraph(document, "Водитель  ______________  /  ______________________", space_before=12))
    signatures.append(paragraph(document, "(подпись)                        (И.О. Фамилия)", size=10))
    signatures[-1].paragraph_format.left_indent = Cm(6)
    signatures.append(paragraph(document, "Члены бригады с маршрутом ознакомлены:", space_before=12))
    paragraph(document, "{%p for m in members %}")
    signatures.append(paragraph(document, "{{ m.name }}  ______________"))
    paragraph(document, "{%p endfor %}")
    for item in signatures:
        mark_signature(item)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return target


if __name__ == "__main__":
    print(build())
