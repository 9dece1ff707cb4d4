"""Build resources/templates/indicators.docx, the «Показатели комплекса мер» template.

Run from the repository root: `.venv/bin/python scripts/templates/build_indicators.py`. Filled by
app.reports.indicators_export (docxtpl). Layout after ГОСТ Р 7.0.97, the same helpers as the quarterly
report's template.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts" / "templates"))

from build_quarterly import _loop, _paragraph, _section, _table, signature_table  # noqa: E402
from docx import Document  # noqa: E402

from app.documents.docx_layout import apply_gost_layout  # noqa: E402

TARGET = ROOT / "resources" / "templates" / "indicators.docx"


def build() -> Path:
    document = Document()
    apply_gost_layout(document)
    _paragraph(document, "{{ organisation }}", bold=True, center=True)
    _paragraph(document, "{{ title|upper }}", bold=True, center=True, space_before=18)
    _paragraph(document, "за {{ period.title }}", bold=True, center=True)
    _paragraph(document, "(с {{ period.start|date }} по {{ period.end|date }})", center=True)
    _section(document, "Достижение показателей")
    _table(document, ["Наименование показателя", "Единица измерения", "На начало", "План", "Факт",
                      "% выполнения"],
           _loop("lines", "r", ["{{ r.name }}", "{{ r.unit }}", "{{ r.start }}", "{{ r.plan }}", "{{ r.actual }}",
                                "{{ r.done }}"]), [5.4, 2.6, 2.3, 2.1, 2.1, 3.0], text_columns=2)
    _paragraph(document, "{{ note }}", indent=False, space_before=6)
    signature_table(document)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(TARGET))
    return TARGET


if __name__ == "__main__":
    print(build())
