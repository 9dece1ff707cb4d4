"""Build resources/templates/quarterly.docx, the «Квартальный отчёт о деятельности» template.

Run from the repository root: `.venv/bin/python scripts/templates/build_quarterly.py`. The template is
filled by app.reports.quarterly_export (docxtpl; {%tr %} loops repeat table rows). Layout after
ГОСТ Р 7.0.97: Times New Roman 14 pt, 12 pt in tables, a signature block «И.О. Фамилия». A coordinator
may copy the result into the user templates folder and edit the wording.
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
from app.reports.quarterly_export import (  # noqa: E402
    EVENT_HEADERS,
    PLAN_FIGURE_COLUMNS,
    PLAN_ID_COLUMNS,
    SERVICE_HEADERS,
    SESSION_HEADERS,
)

TARGET = ROOT / "resources" / "templates" / "quarterly.docx"
LEFT, CENTER, RIGHT = "left", "center", "right"
ALIGN = {LEFT: WD_ALIGN_PARAGRAPH.LEFT, CENTER: WD_ALIGN_PARAGRAPH.CENTER, RIGHT: WD_ALIGN_PARAGRAPH.RIGHT}


def _paragraph(document: Any, text: str = "", *, bold: bool = False, center: bool = False, indent: bool = True,
               space_before: int = 0, space_after: int = 0, keep: bool = False) -> Any:
    paragraph = document.add_paragraph()
    if text:
        paragraph.add_run(text).bold = bold
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if center or not indent:
        paragraph.paragraph_format.first_line_indent = Cm(0)
    paragraph.paragraph_format.space_before = Pt(space_before)
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.keep_with_next = keep
    return paragraph


def _cell(cell: Any, text: str, *, bold: bool = False, align: str = LEFT) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.first_line_indent = Cm(0)
    paragraph.alignment = ALIGN[align]
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(TABLE_PT)


def _repeat_header(row: Any) -> None:
    """The header row is repeated on every page the table continues onto."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _table(document: Any, headers: list[str], rows: list[tuple[str, Any]], widths: list[float],
           text_columns: int = 1, also_text: tuple[int, ...] = ()) -> Any:
    """A bordered table: the header, then rows — ("tag", "{%tr … %}") or ("cells"/"bold", [texts]); the
    first `text_columns` columns are left-aligned text, the rest right-aligned figures."""
    table = document.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, header in enumerate(headers):
        _cell(table.rows[0].cells[column], header, bold=True, align=CENTER)
    _repeat_header(table.rows[0])
    for row in table.rows:  # a row is never split between pages
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for index, (kind, content) in enumerate(rows, 1):
        cells = table.rows[index].cells
        if kind == "tag":
            _cell(cells[0], content)
            continue
        for column, text in enumerate(content):
            left = column < text_columns or column in also_text
            _cell(cells[column], text, bold=kind == "bold", align=LEFT if left else RIGHT)
    table.autofit = False
    for column, width in enumerate(widths):
        table.columns[column].width = Cm(width)
        for cell in table.columns[column].cells:
            cell.width = Cm(width)
    return table


def _section(document: Any, title: str) -> None:
    _paragraph(document, title, bold=True, center=True, space_before=12, space_after=6, keep=True)


def _loop(name: str, item: str, cells: list[str], *, bold: bool = False) -> list[tuple[str, Any]]:
    return [("tag", "{%tr for " + item + " in " + name + " %}"), ("bold" if bold else "cells", cells),
            ("tag", "{%tr endfor %}")]


def signature_table(document: Any) -> None:
    """«Руководитель ____ И.О. Фамилия» after a blank line."""
    _paragraph(document, space_before=24)
    table = document.add_table(rows=1, cols=3)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, text in enumerate(("Руководитель", "________________", "{{ signer or '________________' }}")):
        _cell(table.rows[0].cells[column], text, align=RIGHT if column == 2 else LEFT)
        table.rows[0].cells[column].paragraphs[0].runs[0].font.size = Pt(14)
    table.autofit = False
    for column, width in enumerate((7.0, 5.0, 5.5)):
        table.columns[column].width = Cm(width)
        for cell in table.columns[column].cells:
            cell.width = Cm(width)
    mark_signature(table)
    # «Исполнитель: Фамилия И.О., тел.» under the signature: who to call about the figures.
    _paragraph(document, "{%p if executor %}", indent=False)
    line = _paragraph(document, "Исполнитель: {{ executor }}", indent=False, space_before=18)
    line.runs[0].font.size = Pt(TABLE_PT)
    mark_signature(line)
    _paragraph(document, "{%p endif %}", indent=False)


def build() -> Path:
    document = Document()
    apply_gost_layout(document)

    _paragraph(document, "{{ organisation }}", bold=True, center=True)
    _paragraph(document, "{{ title|upper }}", bold=True, center=True, space_before=18)
    _paragraph(document, "за {{ period.title }}", bold=True, center=True)
    _paragraph(document, "(с {{ period.start|date }} по {{ period.end|date }})", center=True)

    value = ["{{ r.name }}", "{{ r.value }}"]
    _section(document, "{{ sections.support }}")
    _table(document, ["Показатель", "Семей"], [
        *_loop("support", "r", value),
        ("tag", "{%tr for g in support_groups %}"),
        ("bold", ["{{ g.title }}", ""]),
        *_loop("g.rows", "r", ["    {{ r.name }}", "{{ r.value }}"]),
        ("tag", "{%tr endfor %}"),
    ], [14.5, 3.0])

    _section(document, "{{ sections.children }}")
    _table(document, ["Показатель", "Человек"], _loop("children", "r", value), [14.5, 3.0])

    _section(document, "{{ sections.services }}")
    # The same columns and rows as the workbook, the PDF and the preview (quarterly_export.services_lines).
    _table(document, list(SERVICE_HEADERS), [
        *_loop("services", "s", ["{{ s.kind }}", "{{ s.form }}", "{{ s.services }}", "{{ s.recipients }}"]),
        ("bold", ["Итого", "всего", "{{ services_total.services }}", "{{ services_total.recipients }}"]),
        *_loop("services_by_form", "s", ["", "{{ s.form }}", "{{ s.services }}", "{{ s.recipients }}"], bold=True),
    ], [6.2, 6.6, 2.2, 3.0], text_columns=2)
    _paragraph(document, "{{ services_note }}", indent=False)

    _section(document, "{{ sections.visits }}")
    _table(document, ["Показатель", "Количество"], _loop("visits", "r", value), [14.0, 3.5])

    _section(document, "{{ sections.sessions }}")
    session = ["{{ s.position }}", "{{ s.mode }}", "{{ s.sessions }}", "{{ s.planned }}", "{{ s.attended }}",
               "{{ s.absent }}", "{{ s.rate }}"]
    total = ["Итого", "", *(cell.replace("s.", "sessions_total.") for cell in session[2:])]
    # «Домашний микрореабилитационный центр» needs 5 cm; soft hyphens let the figure headers break properly.
    _table(document, list(SESSION_HEADERS),
           [*_loop("sessions", "s", session), ("bold", total)], [3.8, 5.1, 1.8, 1.8, 1.8, 1.8, 1.8],
           text_columns=2)

    _section(document, "{{ sections.events }}")
    first = ["events", "participants", "in_person", "online"]
    second = ["specialists", "parents", "children", "others"]
    for names, headers in ((first, list(EVENT_HEADERS[1:5])), (second, list(EVENT_HEADERS[5:]))):
        cells = ["{{ e.name }}", *("{{ e." + name + " }}" for name in names)]
        totals = ["Итого", *("{{ events_total." + name + " }}" for name in names)]
        _table(document, ["Вид мероприятия", *headers], [*_loop("events", "e", cells), ("bold", totals)],
               [4.9, 3.2, 3.2, 3.2, 3.2])
        if names is first:
            _paragraph(document, "Участники мероприятий по категориям", center=True, space_before=12,
                       space_after=6, keep=True)

    # The госзадание section exists only when a plan for the year is entered.
    _paragraph(document, "{%p if plan %}", indent=False)
    _section(document, "{{ plan.title }}")
    _table(document, list(PLAN_ID_COLUMNS),
           _loop("plan.rows", "p", ["{{ p.registry_number }}", "{{ p.content }}", "{{ p.conditions }}",
                                    "{{ p.name }}", "{{ p.unit }}", "{{ p.okei }}"]),
           [3.1, 3.5, 3.8, 3.7, 2.1, 1.8], text_columns=6)
    _paragraph(document, "Показатели объёма: утверждено и исполнено", center=True, space_before=12, space_after=6,
               keep=True)
    _table(document, list(PLAN_FIGURE_COLUMNS),
           _loop("plan.rows", "p", ["{{ p.name }}", "{{ p.planned }}", "{{ p.done }}", "{{ p.deviation }}",
                                    "{{ p.allowed }}", "{{ p.beyond }}", "{{ p.reason }}"]),
           [3.6, 2.3, 2.3, 2.2, 2.0, 2.2, 2.9], text_columns=1, also_text=(6,))
    _paragraph(document, "{{ plan.note }}", indent=False, space_before=6)
    _paragraph(document, "{%p endif %}", indent=False)

    signature_table(document)

    TARGET.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(TARGET))
    return TARGET


if __name__ == "__main__":
    print(build())
