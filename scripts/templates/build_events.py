"""Build resources/templates/events.docx, the «Отчёт о мероприятиях» template.

Run from the repository root: `.venv/bin/python scripts/templates/build_events.py`. Filled by
app.reports.events_export (docxtpl). Layout after ГОСТ Р 7.0.97 with the quarterly report's helpers; the
page is landscape because the events table is wide, and its eighteen columns are still split into two
tables (the event and its participants; categories, reach and registry families) so that the 12 pt
figures and their headers stay readable.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts" / "templates"))

from build_quarterly import _loop, _paragraph, _section, _table, signature_table  # noqa: E402
from docx import Document  # noqa: E402
from docx.enum.section import WD_ORIENT  # noqa: E402
from docx.shared import Mm  # noqa: E402

from app.documents.docx_layout import apply_gost_layout  # noqa: E402

TARGET = ROOT / "resources" / "templates" / "events.docx"
SOFT = "\u00ad"  # a soft hyphen: Word and LibreOffice break a long header word there, and only there
CATEGORIES = ["specialists", "parents", "children", "others"]


def _landscape(document: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)


def _keep_together(table: Any) -> None:
    """A short table is not split between pages: every row's paragraphs keep with the next row."""
    for row in table.rows[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _figures(item: str, names: list[str]) -> list[str]:
    return ["{{ " + item + "." + name + " }}" for name in names]


def build() -> Path:
    document = Document()
    apply_gost_layout(document)
    _landscape(document)  # 267 mm of text width: margins stay 20 mm left, 10 mm right

    _paragraph(document, "{{ organisation }}", bold=True, center=True)
    _paragraph(document, "{{ title|upper }}", bold=True, center=True, space_before=12)
    _paragraph(document, "за {% if period.custom %}период {% endif %}{{ period.title }}", bold=True, center=True)
    _paragraph(document, "{%p if not period.custom %}", indent=False)
    _paragraph(document, "(с {{ period.start|date }} по {{ period.end|date }})", center=True)
    _paragraph(document, "{%p endif %}", indent=False)

    _paragraph(document, "{%p if events %}", indent=False)
    _section(document, "1. Мероприятия и их участники")
    _table(document, ["№", "Даты проведения", "Название", "Вид", "Формат", "Место проведения",
                      f"Участ{SOFT}ников всего", "Очно", f"Дистан{SOFT}ционно"], [
        *_loop("events", "e", ["{{ e.number }}", "{{ e.dates }}", "{{ e.title }}", "{{ e.type }}", "{{ e.format }}",
                               "{{ e.place }}", *_figures("e", ["participants", "in_person", "online"])]),
        ("bold", ["", "", "Итого", "", "", "", *_figures("total", ["participants", "in_person", "online"])]),
    ], [0.9, 2.7, 6.1, 4.1, 3.3, 3.8, 2.1, 1.6, 2.1], text_columns=6)

    _section(document, "2. Участники по категориям, охват и семьи из реестра")
    reach = ["districts", "regions", "families_registered", "families_attended"]
    _table(document, ["№", "Название", f"Специа{SOFT}листы", "Родители", "Дети", "Другие", "Районов",
                      "Субъектов РФ", "Семей записано", f"Семей присутст{SOFT}вовало"], [
        *_loop("events", "e", ["{{ e.number }}", "{{ e.title }}", *_figures("e", [*CATEGORIES, *reach])]),
        ("bold", ["", "Итого", *_figures("total", [*CATEGORIES, *reach])]),
    ], [0.9, 8.4, 2.1, 2.3, 1.6, 1.9, 2.1, 2.6, 2.4, 2.4], text_columns=2)

    _section(document, "3. Итоги по видам мероприятий")
    kinds = ["events", "participants", "in_person", "online", *CATEGORIES, "families_attended"]
    by_type = _table(document, ["Вид мероприятия", f"Меро{SOFT}приятий", f"Участ{SOFT}ников всего", "Очно",
                      f"Дистан{SOFT}ционно", f"Специа{SOFT}листы", "Родители", "Дети", "Другие", "Участий семей"], [
        *_loop("by_type", "t", ["{{ t.name }}", *_figures("t", kinds)]),
        ("bold", ["Итого", *_figures("total", kinds)]),
    ], [8.3, 2.3, 2.1, 1.6, 2.3, 2.2, 2.2, 1.6, 1.8, 2.3])
    _keep_together(by_type)
    _paragraph(document, "Разных семей на мероприятиях: {{ families_distinct }}", indent=False, space_before=6)
    _paragraph(document, "{%p else %}", indent=False)
    _paragraph(document, "{{ no_events }}", space_before=12)
    _paragraph(document, "{%p endif %}", indent=False)

    signature_table(document)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(TARGET))
    return TARGET


if __name__ == "__main__":
    print(build())
